// The chorus command line: one Register*Command per command, each adding a
// CLI11 subcommand whose callback runs it and stores the exit code.
//
// Contract: commands print results to stdout and diagnostics to stderr, and
// return exit codes 0 ok, 1 runtime failure, 2 bad usage or bad input.
// Exceptions from libraries are caught once, in RunCli().
#pragma once

#include <CLI/CLI.hpp>

#include "core/status.h"

namespace chorus::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

int ExitCodeFor(const Status& status);
// Prints "chorus: <message>" to stderr and returns the exit code.
int Fail(const Status& status);

// The IANA zone to use: `requested`, else the system's, else UTC.
Result<std::string> ResolveZone(const std::string& requested);

void RegisterImportCommand(CLI::App& app, int* exit_code);
void RegisterSynthCommand(CLI::App& app, int* exit_code);
void RegisterReportCommand(CLI::App& app, int* exit_code);
void RegisterServeCommand(CLI::App& app, int* exit_code);
void RegisterMemberCommand(CLI::App& app, int* exit_code);

// The co-op database `chorus serve` and `chorus member` use by default.
inline constexpr std::string_view kDefaultDatabase = "sqlite:./chorus-data/coop.db";
// For a sqlite: URL, creates the database's folder (mode 0700) when missing.
Status PrepareDatabaseFolder(const std::string& url);
void RegisterContributeCommand(CLI::App& app, int* exit_code);
void RegisterLoginCommand(CLI::App& app, int* exit_code);

int RunCli(int argc, char** argv);

}  // namespace chorus::cli
