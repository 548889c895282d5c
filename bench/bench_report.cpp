// The listener report on a ~1 M-play synthetic history: each insight section
// alone, the whole ComputeReport, and the JSON rendering, so a regression
// shows where it is. The import is done once, outside the timings.
//
// Data: $CHORUS_REPORT_DATA (a folder of exports; default: generated once
// into build/bench-report-1m by `chorus synth`, 7 listeners × 10 years ≈
// 1.06 M plays, merged into one history).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench_main.h"
#include "importer/import.h"
#include "insights/report.h"
#include "report/report_json.h"
#include "synth/synth.h"

namespace {

namespace fs = std::filesystem;
using namespace chorus;

const history::PlayLog& Log() {
  static const importer::ImportResult* result = [] {
    const char* env = std::getenv("CHORUS_REPORT_DATA");
    std::string dir = env != nullptr && *env != '\0' ? env : "bench-report-1m";
    if (!fs::exists(dir)) {
      synth::SynthOptions options;
      options.listeners = 7;
      options.years = 10;
      options.seed = 1;
      options.out_dir = dir;
      if (auto s = synth::WriteSynthetic(options); !s.ok()) {
        std::fprintf(stderr, "synth failed: %s\n", s.status().message().c_str());
        std::exit(1);
      }
    }
    importer::ImportOptions options;
    options.paths = {dir};
    auto r = importer::Import(options);
    if (!r.ok()) {
      std::fprintf(stderr, "import failed: %s\n", r.status().message().c_str());
      std::exit(1);
    }
    return new importer::ImportResult(std::move(r.value()));
  }();
  return result->log;
}

const insights::Context& Ctx() {
  static const insights::Context* c = new insights::Context(
      std::move(insights::Context::Build(Log(), "Europe/Berlin", {}).value()));
  return *c;
}

void BM_ComputeReport(benchmark::State& state) {
  Log();  // import outside the timing
  for (auto _ : state) {
    auto r = insights::ComputeReport(Log(), {"Europe/Berlin", {}, nullptr});
    benchmark::DoNotOptimize(r);
  }
  state.counters["plays"] = static_cast<double>(Log().size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Log().size()));
}
BENCHMARK(BM_ComputeReport)->Unit(benchmark::kMillisecond);

void BM_Context(benchmark::State& state) {
  for (auto _ : state) {
    auto c = insights::Context::Build(Log(), "Europe/Berlin", {});
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_Context)->Unit(benchmark::kMillisecond);

// One section at a time, on a report that has the sections it reads.
template <void (*Section)(const insights::Context&, insights::Report&)>
void BM_Section(benchmark::State& state) {
  insights::Report base;
  insights::ComputeOverview(Ctx(), base);
  insights::ComputeTop(Ctx(), base);
  for (auto _ : state) {
    insights::Report r = base;
    Section(Ctx(), r);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Section<insights::ComputeOverview>)
    ->Name("BM_Overview")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Section<insights::ComputeTop>)->Name("BM_Top")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Section<insights::ComputeSessions>)
    ->Name("BM_Sessions")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Section<insights::ComputeStreaks>)->Name("BM_Streaks")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Section<insights::ComputeDiscovery>)
    ->Name("BM_Discovery")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Section<insights::ComputeBehaviour>)
    ->Name("BM_Behaviour")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Section<insights::ComputePhases>)->Name("BM_Phases")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Section<insights::ComputeCrossPlatform>)
    ->Name("BM_CrossPlatform")
    ->Unit(benchmark::kMillisecond);

void BM_Mood(benchmark::State& state) {
  insights::Report base;
  insights::ComputeOverview(Ctx(), base);
  for (auto _ : state) {
    insights::Report r = base;
    insights::ComputeMood(Ctx(), nullptr, r);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Mood)->Unit(benchmark::kMillisecond);

void BM_ReportJson(benchmark::State& state) {
  auto r = insights::ComputeReport(Log(), {"Europe/Berlin", {}, nullptr});
  for (auto _ : state) {
    std::string json = report::ReportJson(r.value(), "chorus bench");
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_ReportJson)->Unit(benchmark::kMillisecond);

}  // namespace

CHORUS_BENCHMARK_MAIN()
