// Import throughput on synthetic extended-history exports, beside a raw
// simdjson On-Demand pass over the same bytes that touches every field of
// every row: the practical limit for any importer built on simdjson.
//
// Data: $CHORUS_BENCH_DATA (a folder of exports; default: generated once into
// build/bench-data by `chorus synth`, about $CHORUS_BENCH_MB megabytes).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_main.h"
#include "formats/file_parser.h"
#include "formats/input_set.h"
#include "importer/import.h"
#include "synth/synth.h"

namespace {

namespace fs = std::filesystem;
using chorus::formats::ByteBuffer;

std::string DataDir() {
  static const std::string dir = [] {
    const char* env = std::getenv("CHORUS_BENCH_DATA");
    if (env != nullptr && *env != '\0') return std::string(env);
    const char* mb_env = std::getenv("CHORUS_BENCH_MB");
    int mb = mb_env != nullptr ? std::atoi(mb_env) : 1024;
    std::string out = "bench-data-" + std::to_string(mb) + "mb";
    if (!fs::exists(out)) {
      chorus::synth::SynthOptions options;
      options.years = 5;
      options.listeners = std::max(1, mb / 51);  // ~59 MB per listener (5 years)
      options.seed = 2024;
      options.out_dir = out;
      auto summary = chorus::synth::WriteSynthetic(options);
      if (!summary.ok()) {
        std::fprintf(stderr, "synth failed: %s\n", summary.status().message().c_str());
        std::exit(1);
      }
    }
    return out;
  }();
  return dir;
}

void BM_Import(benchmark::State& state) {
  chorus::importer::ImportOptions options;
  options.paths = {DataDir()};
  options.threads = static_cast<unsigned>(state.range(0));
  // Import after import in one process, as the raw pass reuses its buffer
  // and parser: both measure parsing, not first-touch page faults.
  options.keep_readers = true;
  uint64_t bytes = 0, plays = 0;
  double dedupe_ms = 0, totals_ms = 0;
  for (auto _ : state) {
    auto result = chorus::importer::Import(options);
    if (!result.ok()) {
      state.SkipWithError(result.status().message().c_str());
      return;
    }
    bytes += result->bytes;
    plays += result->totals.plays;
    dedupe_ms += result->phases.dedupe_ms;
    totals_ms += result->phases.totals_ms;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(plays));
  state.counters["MB_per_s"] =
      benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
  state.counters["plays_per_s"] =
      benchmark::Counter(static_cast<double>(plays), benchmark::Counter::kIsRate);
  // The phases after the files are merged, per import.
  state.counters["dedupe_ms"] = benchmark::Counter(dedupe_ms, benchmark::Counter::kAvgIterations);
  state.counters["totals_ms"] = benchmark::Counter(totals_ms, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Import)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Reads each value as its type says: what any importer must at least do.
uint64_t TouchEveryField(simdjson::ondemand::parser& parser, const ByteBuffer& buf,
                         uint64_t* rows) {
  namespace od = simdjson::ondemand;
  uint64_t sum = 0;
  od::document doc = parser.iterate(buf.data(), buf.size(), buf.size() + ByteBuffer::kPadding);
  for (auto element : doc.get_array()) {
    od::object obj = element.get_object();
    ++*rows;
    for (auto field : obj) {
      sum += field.key().raw()[0];
      od::value v = field.value();
      switch (v.type()) {
        case od::json_type::string: sum += v.get_string().value().size(); break;
        case od::json_type::number: sum += static_cast<uint64_t>(v.get_int64().value()); break;
        case od::json_type::boolean: sum += v.get_bool().value() ? 1 : 0; break;
        case od::json_type::null: sum += v.is_null() ? 1 : 0; break;
        default: break;
      }
    }
  }
  return sum;
}

void BM_RawSimdjsonPass(benchmark::State& state) {
  auto files = chorus::formats::Discover({DataDir()});
  if (!files.ok()) {
    state.SkipWithError(files.status().message().c_str());
    return;
  }
  simdjson::ondemand::parser parser;
  ByteBuffer buffer;
  chorus::formats::ZipCache zips;
  uint64_t bytes = 0, rows = 0, sum = 0;
  for (auto _ : state) {
    for (const auto& f : files.value()) {
      if (!chorus::formats::Load(f, zips, &buffer).ok()) continue;
      sum += TouchEveryField(parser, buffer, &rows);
      bytes += buffer.size();
    }
  }
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(rows));
  state.counters["MB_per_s"] =
      benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RawSimdjsonPass)->Unit(benchmark::kMillisecond)->UseRealTime();

// The import's stages on one thread, to see where its time beyond the raw
// pass goes: reading the bytes alone, then reading and parsing into batches
// (no PlayLog, no dedupe).
void BM_Stage(benchmark::State& state) {
  auto files = chorus::formats::Discover({DataDir()});
  if (!files.ok()) {
    state.SkipWithError(files.status().message().c_str());
    return;
  }
  const bool parse = state.range(0) == 1;
  ByteBuffer buffer;
  chorus::formats::ZipCache zips;
  uint64_t bytes = 0, plays = 0;
  for (auto _ : state) {
    chorus::formats::FileParser parser;
    for (const auto& f : files.value()) {
      if (!chorus::formats::Load(f, zips, &buffer).ok()) continue;
      bytes += buffer.size();
      if (!parse) continue;
      auto batch = parser.Parse(f.display, buffer);
      if (batch.ok()) plays += batch->plays.size();
    }
  }
  state.SetLabel(parse ? "load+parse" : "load");
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["plays"] = static_cast<double>(plays);
}
BENCHMARK(BM_Stage)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

CHORUS_BENCHMARK_MAIN()
