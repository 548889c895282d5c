// Bounded loopback load test of contribution onboarding through the real HTTP
// server (the onboarding targets, on SQLite):
//   phase 1: raw Spotify extended exports (~50k plays, one my_spotify_data.zip
//            each) POSTed to /api/v1/contributions — target ≥ 20 exports/s;
//   phase 2: locally built contributions (contribution::ToJson, as `chorus
//            contribute` writes them) — target ≥ 500 contributions/s.
// Every upload is by a distinct member (made directly through the Store with
// one precomputed Argon2id hash, the charter accepted and an API token) and
// must be answered 201; anything else is printed and the exit code is 1.
// Generating the exports, the members and the contribution JSON is outside
// the measured time; only the uploads from C client threads (keep-alive,
// Authorization: Bearer) are timed.
//
// load_onboarding [--exports N] [--contributions N] [--clients C]
//                 [--years Y] [--seed S] [--dir PATH] [--keep]
#include <fmt/format.h>
#include <httplib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "contribution/contribution.h"
#include "coop/account.h"
#include "coop/charter.h"
#include "coop/onboarding.h"
#include "coop/password.h"
#include "coop/proof.h"
#include "core/malloc_tuning.h"
#include "server/auth.h"
#include "server/contributions.h"
#include "server/server.h"
#include "store/serialized_store.h"
#include "store/store.h"
#include "synth/synth.h"

namespace {

using namespace chorus;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Args {
  int exports = 48;
  int contributions = 3000;
  int clients = 4;
  int years = 4;  // ~12.5k plays per synthetic listener-year: ~50k plays
  uint64_t seed = 2026;
  std::string dir;
  bool keep = false;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    auto number = [&](auto* out) {
      const char* v = value();
      if (v == nullptr) return false;
      *out = static_cast<std::remove_pointer_t<decltype(out)>>(std::strtoll(v, nullptr, 10));
      return true;
    };
    bool ok = true;
    if (a == "--exports") {
      ok = number(&args->exports);
    } else if (a == "--contributions") {
      ok = number(&args->contributions);
    } else if (a == "--clients") {
      ok = number(&args->clients);
    } else if (a == "--years") {
      ok = number(&args->years);
    } else if (a == "--seed") {
      ok = number(&args->seed);
    } else if (a == "--dir") {
      const char* v = value();
      ok = v != nullptr;
      if (ok) args->dir = v;
    } else if (a == "--keep") {
      args->keep = true;
    } else {
      ok = false;
    }
    if (!ok) {
      fmt::print(stderr,
                 "usage: load_onboarding [--exports N] [--contributions N] [--clients C] "
                 "[--years Y] [--seed S] [--dir PATH] [--keep]\n");
      return false;
    }
  }
  return args->exports >= 0 && args->contributions >= 0 && args->clients >= 1 && args->years >= 1;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

[[noreturn]] void Die(std::string_view what) {
  fmt::print(stderr, "load_onboarding: {}\n", what);
  std::exit(2);
}

// `count` joined members, each with an API token (returned, in order).
std::vector<std::string> MakeMembers(store::Store& store, int first, int count,
                                     const std::string& password_hash) {
  std::vector<std::string> tokens;
  tokens.reserve(static_cast<size_t>(count));
  const int64_t now = NowMs();
  for (int i = first; i < first + count; ++i) {
    store::NewMember m{fmt::format("load-{}@example.org", i), password_hash,
                       fmt::format("m-load{:07d}", i), store::Role::kMember, now};
    auto id = store.CreateMember(m);
    if (!id.ok()) Die(id.status().message());
    if (Status s = store.AcceptCharter(id.value(), coop::kCharterVersion, now); !s.ok()) {
      Die(s.message());
    }
    std::string token = coop::RandomHex(32);
    store::Credential c{
        server::Auth::TokenHash(token), id.value(), store::CredentialKind::kApiToken, "", now,
        now + server::kApiTokenTtlMs};
    if (Status s = store.CreateCredential(c); !s.ok()) Die(s.message());
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die(fmt::format("{}: cannot read", path.string()));
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

struct Job {
  const std::string* token;
  const std::string* body;
};

struct PhaseResult {
  double seconds = 0;
  std::map<int, int> statuses;  // HTTP status (negative: httplib error) → count
  int created = 0;
  std::string first_failure;
  double cpu_seconds = 0;  // of the whole process while the phase ran
};

// User + system CPU of this process (server and clients alike).
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

PhaseResult RunPhase(int port, const std::vector<Job>& jobs, const std::string& content_type,
                     int clients) {
  PhaseResult result;
  std::mutex mu;
  std::atomic<size_t> next{0};
  const double cpu_start = ProcessCpuSeconds();
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_connection_timeout(30, 0);
      client.set_read_timeout(600, 0);
      client.set_write_timeout(600, 0);
      std::map<int, int> local;
      std::string failure;
      for (size_t i = next++; i < jobs.size(); i = next++) {
        httplib::Headers headers{{"Authorization", "Bearer " + *jobs[i].token}};
        auto res = client.Post("/api/v1/contributions", headers, *jobs[i].body, content_type);
        int status = res ? res->status : -static_cast<int>(res.error());
        ++local[status];
        if (status != 201 && failure.empty()) {
          failure = res ? fmt::format("{}: {}", status, res->body.substr(0, 600))
                        : fmt::format("transport: {}", httplib::to_string(res.error()));
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      for (auto [status, n] : local) result.statuses[status] += n;
      if (result.first_failure.empty()) result.first_failure = failure;
    });
  }
  for (auto& t : threads) t.join();
  result.seconds = Seconds(start, Clock::now());
  result.cpu_seconds = ProcessCpuSeconds() - cpu_start;
  result.created = result.statuses.count(201) ? result.statuses[201] : 0;
  return result;
}

// Whether a phase was held up by CPU or by waiting (a lock, the disk).
std::string CpuUse(const PhaseResult& r) {
  const double cores = std::max(1u, std::thread::hardware_concurrency());
  return fmt::format("CPU {:.2f} ms a request, {:.0f}% of {} cores",
                     r.created ? r.cpu_seconds * 1e3 / r.created : 0.0,
                     r.seconds > 0 ? 100 * r.cpu_seconds / r.seconds / cores : 0.0, cores);
}

std::string Histogram(const PhaseResult& r) {
  std::string out;
  for (auto [status, n] : r.statuses) {
    out += fmt::format("{}{}×{}", out.empty() ? "" : ", ", status, n);
  }
  return out.empty() ? "none" : out;
}

// Distinct, valid contribution JSON: genuine contributions with a fresh
// random MinHash signature (so none is alike to another, J ≈ 0) and one
// random account digest (so each claims its own account key).
std::vector<std::string> VaryContributions(const std::vector<contribution::Contribution>& seeds,
                                           int count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    contribution::Contribution c = seeds[static_cast<size_t>(i) % seeds.size()];
    for (uint32_t& v : c.signature) v = static_cast<uint32_t>(rng());
    c.account_digests = {fmt::format("{:016x}{:016x}{:016x}{:016x}", rng(), rng(), rng(), rng())};
    out.push_back(contribution::ToJson(c));
  }
  // Fail here, not as a 400 in the measured phase, if a variant is invalid.
  if (!out.empty()) {
    auto back = contribution::FromJson(out.front());
    if (!back.ok()) Die(fmt::format("varied contribution: {}", back.status().message()));
    if (!coop::AllPassed(coop::CheckAuthenticity(back.value()))) {
      Die("varied contribution fails the authenticity checks");
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  chorus::TuneMallocForBulkData(argv);
  Args args;
  if (!ParseArgs(argc, argv, &args)) return 2;
  const fs::path dir = args.dir.empty()
                           ? fs::temp_directory_path() / fmt::format("chorus-load-{}", getpid())
                           : fs::path(args.dir);
  fs::remove_all(dir);
  fs::create_directories(dir);
  fmt::print(
      "load_onboarding: {} exports, {} contributions, {} clients, {} hardware threads, "
      "SQLite in {}\n",
      args.exports, args.contributions, args.clients, std::thread::hardware_concurrency(),
      dir.string());

  // Not measured: exports, members, contribution JSON.
  auto t0 = Clock::now();
  std::vector<std::string> zips;
  uint64_t export_plays = 0;
  if (args.exports > 0) {
    synth::SynthOptions so;
    so.listeners = args.exports;
    so.years = args.years;
    so.seed = args.seed;
    so.out_dir = (dir / "exports").string();
    so.zip = true;
    auto written = synth::WriteSynthetic(so);
    if (!written.ok()) Die(written.status().message());
    export_plays = written->plays;
    for (int i = 1; i <= args.exports; ++i) {
      zips.push_back(
          ReadFile(dir / "exports" / fmt::format("listener_{:04d}", i) / "my_spotify_data.zip"));
    }
  }
  uint64_t zip_bytes = 0;
  for (const auto& z : zips) zip_bytes += z.size();
  auto t1 = Clock::now();
  if (args.exports > 0) {
    fmt::print("generated {} exports in {:.1f} s: {:.0f} plays and {:.1f} MB (zipped) each\n",
               args.exports, Seconds(t0, t1), static_cast<double>(export_plays) / args.exports,
               static_cast<double>(zip_bytes) / args.exports / 1e6);
  }

  std::vector<std::string> contributions;
  if (args.contributions > 0) {
    std::vector<contribution::Contribution> seeds;
    std::vector<std::string> own;  // without phase 1, a few exports of our own
    const size_t genuine = 4;
    if (zips.size() < genuine) {
      synth::SynthOptions so;
      so.listeners = static_cast<int>(genuine);
      so.years = args.years;
      so.seed = args.seed + 1;
      so.out_dir = (dir / "seeds").string();
      so.zip = true;
      if (auto w = synth::WriteSynthetic(so); !w.ok()) Die(w.status().message());
      for (size_t i = 1; i <= genuine; ++i) {
        own.push_back(
            ReadFile(dir / "seeds" / fmt::format("listener_{:04d}", i) / "my_spotify_data.zip"));
      }
    }
    const std::vector<std::string>& source = zips.size() >= genuine ? zips : own;
    for (size_t i = 0; i < genuine; ++i) {
      auto parsed = coop::ParseUpload({{"my_spotify_data.zip", source[i]}});
      if (!parsed.ok()) Die(parsed.status().message());
      seeds.push_back(std::move(parsed.value().contribution));
    }
    contributions = VaryContributions(seeds, args.contributions, args.seed);
  }
  uint64_t json_bytes = 0;
  for (const auto& c : contributions) json_bytes += c.size();
  auto t2 = Clock::now();
  if (!contributions.empty()) {
    fmt::print("built {} contribution JSONs in {:.1f} s: {:.1f} kB each\n", contributions.size(),
               Seconds(t1, t2),
               static_cast<double>(json_bytes) / static_cast<double>(contributions.size()) / 1e3);
  }

  auto opened = store::OpenStore("sqlite:" + (dir / "coop.db").string());
  if (!opened.ok()) Die(opened.status().message());
  std::unique_ptr<store::Store> db = std::move(opened).value();
  auto hash = coop::HashPassword("load-test-password");  // once: Argon2id is not measured
  if (!hash.ok()) Die(hash.status().message());
  std::vector<std::string> export_tokens = MakeMembers(*db, 0, args.exports, hash.value());
  std::vector<std::string> contribution_tokens =
      MakeMembers(*db, args.exports, args.contributions, hash.value());
  auto t3 = Clock::now();
  fmt::print("created {} members with API tokens in {:.1f} s\n", args.exports + args.contributions,
             Seconds(t2, t3));

  // Wired as `chorus serve` wires it.
  store::SerializedStore shared(*db);
  auto onboarding = coop::Onboarding::Open(shared);
  if (!onboarding.ok()) Die(onboarding.status().message());
  server::ServerOptions options;
  options.contributions = server::MakeContributionHandler(*onboarding.value());
  server::Server http(shared, options);
  auto port = http.Start("127.0.0.1", 0);
  if (!port.ok()) Die(port.status().message());

  std::vector<Job> export_jobs, contribution_jobs;
  for (size_t i = 0; i < zips.size(); ++i) export_jobs.push_back({&export_tokens[i], &zips[i]});
  for (size_t i = 0; i < contributions.size(); ++i) {
    contribution_jobs.push_back({&contribution_tokens[i], &contributions[i]});
  }
  PhaseResult raw, built;
  if (!export_jobs.empty()) {
    raw = RunPhase(port.value(), export_jobs, "application/zip", args.clients);
    fmt::print("phase 1, raw exports: {} in {:.2f} s; statuses: {}; {}\n", export_jobs.size(),
               raw.seconds, Histogram(raw), CpuUse(raw));
  }
  if (!contribution_jobs.empty()) {
    built = RunPhase(port.value(), contribution_jobs, "application/json", args.clients);
    fmt::print("phase 2, built contributions: {} in {:.2f} s; statuses: {}; {}\n",
               contribution_jobs.size(), built.seconds, Histogram(built), CpuUse(built));
  }
  const size_t indexed = onboarding.value()->indexed_members();
  http.Stop();

  auto rate = [](double n, double s) { return s > 0 ? n / s : 0.0; };
  const double exports_per_s = rate(raw.created, raw.seconds);
  const double plays_per_s =
      args.exports > 0 ? exports_per_s * static_cast<double>(export_plays) / args.exports : 0;
  const double contributions_per_s = rate(built.created, built.seconds);
  fmt::print("\n{:<22} {:>8} {:>9} {:>10} {:>12} {:>8}  {}\n", "phase", "requests", "seconds",
             "per second", "plays/s", "target", "");
  if (!export_jobs.empty()) {
    fmt::print("{:<22} {:>8} {:>9.2f} {:>10.1f} {:>12.0f} {:>8}  {}\n", "raw exports (zip)",
               export_jobs.size(), raw.seconds, exports_per_s, plays_per_s, ">= 20",
               exports_per_s >= 20 ? "met" : "MISSED");
  }
  if (!contribution_jobs.empty()) {
    fmt::print("{:<22} {:>8} {:>9.2f} {:>10.1f} {:>12} {:>8}  {}\n", "built contributions",
               contribution_jobs.size(), built.seconds, contributions_per_s, "-", ">= 500",
               contributions_per_s >= 500 ? "met" : "MISSED");
  }
  fmt::print("uniqueness index: {} members\n", indexed);

  db.reset();
  if (args.keep) {
    fmt::print("kept {}\n", dir.string());
  } else {
    fs::remove_all(dir);
  }
  bool failed = false;
  for (const PhaseResult* r : {&raw, &built}) {
    if (!r->first_failure.empty()) {
      failed = true;
      fmt::print(stderr, "load_onboarding: FAILED request, first failure: {}\n", r->first_failure);
    }
  }
  if (indexed != zips.size() + contributions.size()) {
    failed = true;
    fmt::print(stderr, "load_onboarding: {} signatures indexed, expected {}\n", indexed,
               zips.size() + contributions.size());
  }
  return failed ? 1 : 0;
}
