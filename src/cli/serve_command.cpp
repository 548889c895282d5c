// `chorus serve [--db URL] [--listen HOST:PORT] [--demo] [--max-upload-mb N]
//  [--secure-cookies]`: the co-op's HTTP server until SIGINT or SIGTERM.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "coop/onboarding.h"
#include "server/contributions.h"
#include "server/demo.h"
#include "server/server.h"
#include "store/serialized_store.h"
#include "store/store.h"

namespace chorus::cli {

namespace {

struct ServeArgs {
  std::string db = std::string(kDefaultDatabase);
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  bool secure_cookies = false;
  size_t max_upload_mb = 256;
};

int RunServe(const ServeArgs& args) {
  auto address = server::ParseListenAddress(args.listen);
  if (!address.ok()) return Fail(address.status());
  if (Status s = PrepareDatabaseFolder(args.db); !s.ok()) return Fail(s);
  // Block the stop signals in every thread the server starts; this one waits
  // for them with sigwait().
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto store = store::OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  // Uploads and the API share one connection: one call at a time.
  store::SerializedStore shared(*store.value());
  auto onboarding = coop::Onboarding::Open(shared);
  if (!onboarding.ok()) return Fail(onboarding.status());
  if (args.demo) {
    fmt::print("chorus: seeding the demo co-op (once)…\n");
    std::fflush(stdout);
    auto seed = server::SeedDemo(shared, onboarding.value().get());
    if (!seed.ok()) return Fail(seed.status());
    if (seed->created) {
      fmt::print("Demo co-op: {} synthetic members with contributions.\n", seed->members);
      fmt::print("Demo steward: {}  password: {}  (shown once)\n", seed->steward_email,
                 seed->steward_password);
    } else {
      fmt::print("Demo steward {} exists already (its password was shown when it was made)\n",
                 seed->steward_email);
    }
  }
  server::ServerOptions options;
  options.max_upload_bytes = args.max_upload_mb << 20;
  options.secure_cookies = args.secure_cookies;
  options.contributions = server::MakeContributionHandler(*onboarding.value());
  int port = 0;
  {
    server::Server http(shared, options);
    auto bound = http.Start(address->first, address->second);
    if (!bound.ok()) return Fail(bound.status());
    port = bound.value();
    bool v6 = address->first.find(':') != std::string::npos;
    fmt::print("chorus: serving the co-op at http://{}{}{}:{}/ (Ctrl-C to stop)\n", v6 ? "[" : "",
               address->first, v6 ? "]" : "", port);
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stop_signals, &signal);
    fmt::print(stderr, "chorus: stopping (finishing requests in flight)\n");
    http.Stop();
  }
  store.value().reset();  // closes the database
  return kExitOk;
}

}  // namespace

Status PrepareDatabaseFolder(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.rfind(kSqlite, 0) != 0) return Status::Ok();
  std::filesystem::path folder = std::filesystem::path(url.substr(kSqlite.size())).parent_path();
  if (folder.empty()) return Status::Ok();
  std::error_code error;
  if (std::filesystem::exists(folder, error)) return Status::Ok();
  std::filesystem::create_directories(folder, error);
  if (error)
    return IoError(
        fmt::format("{}: cannot create the folder: {}", folder.string(), error.message()));
  // Only the co-op's own user may read its database.
  if (chmod(folder.c_str(), 0700) != 0) {
    return IoError(fmt::format("{}: cannot make the folder private", folder.string()));
  }
  return Status::Ok();
}

void RegisterServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Run the co-op's server: the JSON API under /api/v1 (described at /api/v1/openapi.json),\n"
      "/metrics and /healthz. Stops cleanly on Ctrl-C or SIGTERM.");
  cmd->add_option("--db", args->db, "the co-op's database: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  cmd->add_option("--listen", args->listen, "address and port to listen on (port 0: any free one)")
      ->capture_default_str();
  cmd->add_flag("--demo", args->demo,
                "seed a demo co-op: a steward account whose password is printed once");
  cmd->add_flag("--secure-cookies", args->secure_cookies,
                "mark the session cookie Secure (when served over HTTPS by a proxy)");
  cmd->add_option("--max-upload-mb", args->max_upload_mb, "largest contribution upload, in MiB")
      ->check(CLI::Range(size_t{1}, size_t{4096}))
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
}

}  // namespace chorus::cli
