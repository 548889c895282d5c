#include <date/tz.h>
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "cli/commands.h"

namespace chorus::cli {

int ExitCodeFor(const Status& status) {
  if (status.ok()) return kExitOk;
  return status.IsBadInput() ? kExitBadInput : kExitFailure;
}

int Fail(const Status& status) {
  fmt::print(stderr, "chorus: {}\n", status.message());
  return ExitCodeFor(status);
}

Result<std::string> ResolveZone(const std::string& requested) {
  try {
    const date::time_zone* zone =
        requested.empty() ? date::current_zone() : date::locate_zone(requested);
    return std::string(zone->name());
  } catch (const std::exception&) {
    if (requested.empty()) return std::string("UTC");  // no system zone configured
    return InvalidInput(
        fmt::format("--tz {}: not an IANA time zone (e.g. Europe/Berlin)", requested));
  }
}

int RunCli(int argc, char** argv) {
  CLI::App app{
      "chorus: your listening data, your report, your co-op.\n"
      "Reads the exports streaming services give you (Spotify's my_spotify_data.zip and\n"
      "extended streaming history) on your own machine.",
      "chorus"};
  app.set_version_flag("--version", std::string("chorus ") + CHORUS_VERSION);
  app.require_subcommand(1);
  int exit_code = kExitOk;
  RegisterImportCommand(app, &exit_code);
  RegisterSynthCommand(app, &exit_code);
  RegisterReportCommand(app, &exit_code);
  RegisterServeCommand(app, &exit_code);
  RegisterMemberCommand(app, &exit_code);
  RegisterContributeCommand(app, &exit_code);
  RegisterLoginCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "chorus: internal error: {}\n", e.what());
    return kExitFailure;
  }
  return exit_code;
}

}  // namespace chorus::cli
