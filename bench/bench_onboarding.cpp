// Where one onboarding's time goes, piece by piece, on a synthetic 4-year
// listener (~50k plays, the raw-export size): importing and building
// from the export ZIP in memory, reading and writing contribution JSON, and
// ContributeBuilt on a real SQLite store (each iteration a new member with a
// fresh random signature and account, as load_onboarding sends them).
// load_onboarding measures the same path end to end through HTTP.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "bench_main.h"
#include "contribution/contribution.h"
#include "coop/onboarding.h"
#include "store/store.h"
#include "synth/synth.h"

namespace {

using namespace chorus;
namespace fs = std::filesystem;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "bench_onboarding: %s\n", message.c_str());
  std::exit(1);
}

const fs::path& WorkDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / fmt::format("chorus-bench-onboarding-{}", getpid());
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// One synthetic listener's my_spotify_data.zip, 4 years.
const std::string& ExportZip() {
  static const std::string zip = [] {
    synth::SynthOptions so;
    so.listeners = 1;
    so.years = 4;
    so.seed = 2026;
    so.zip = true;
    so.out_dir = (WorkDir() / "export").string();
    if (auto w = synth::WriteSynthetic(so); !w.ok()) Die(w.status().message());
    std::ifstream in(WorkDir() / "export" / "listener_0001" / "my_spotify_data.zip",
                     std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  return zip;
}

const contribution::Contribution& Built() {
  static const contribution::Contribution c = [] {
    auto parsed = coop::ParseUpload({{"my_spotify_data.zip", ExportZip()}});
    if (!parsed.ok()) Die(parsed.status().message());
    return parsed.value().contribution;
  }();
  return c;
}

void BM_ParseUploadZip(benchmark::State& state) {
  const std::string& zip = ExportZip();
  uint64_t plays = 0;
  for (auto _ : state) {
    auto parsed = coop::ParseUpload({{"my_spotify_data.zip", zip}});
    if (!parsed.ok()) Die(parsed.status().message());
    plays = parsed.value().import->log.size();
  }
  state.counters["plays"] = static_cast<double>(plays);
  state.counters["exports/s"] =
      benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * zip.size()));
}
BENCHMARK(BM_ParseUploadZip)->Unit(benchmark::kMillisecond);

void BM_ContributionToJson(benchmark::State& state) {
  const contribution::Contribution& c = Built();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json = contribution::ToJson(c);
    bytes = json.size();
    benchmark::DoNotOptimize(json);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ContributionToJson)->Unit(benchmark::kMicrosecond);

void BM_ContributionFromJson(benchmark::State& state) {
  const std::string json = contribution::ToJson(Built());
  for (auto _ : state) {
    auto c = contribution::FromJson(json);
    if (!c.ok()) Die(c.status().message());
    benchmark::DoNotOptimize(c);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_ContributionFromJson)->Unit(benchmark::kMicrosecond);

void BM_ContributeBuiltSqlite(benchmark::State& state) {
  static int runs = 0;  // the benchmark library calls this once per trial
  const fs::path db_path = WorkDir() / fmt::format("coop-{}.db", ++runs);
  auto opened = store::OpenStore("sqlite:" + db_path.string());
  if (!opened.ok()) Die(opened.status().message());
  std::unique_ptr<store::Store> db = std::move(opened).value();
  auto onboarding = coop::Onboarding::Open(*db);
  if (!onboarding.ok()) Die(onboarding.status().message());
  std::mt19937_64 rng(7);
  int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    store::NewMember nm;
    nm.email = fmt::format("m{}@bench.chorus", ++n);
    nm.password_hash = "x";
    nm.pseudonym = fmt::format("bench-{}", n);
    auto id = db->CreateMember(nm);
    if (!id.ok()) Die(id.status().message());
    contribution::Contribution c = Built();
    for (uint32_t& v : c.signature) v = static_cast<uint32_t>(rng());
    c.account_digests = {fmt::format("{:016x}{:016x}{:016x}{:016x}", rng(), rng(), rng(), rng())};
    state.ResumeTiming();
    auto o = onboarding.value()->ContributeBuilt(id.value(), std::move(c), 1'700'000'000'000);
    if (!o.ok()) Die(o.status().message());
    if (o.value().verdict != coop::Verdict::kAccepted) Die(o.value().message);
  }
  state.counters["contributions/s"] =
      benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ContributeBuiltSqlite)->Unit(benchmark::kMicrosecond);

}  // namespace

CHORUS_BENCHMARK_MAIN()
