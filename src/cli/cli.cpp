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
