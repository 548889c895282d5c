// CHORUS_BENCHMARK_MAIN: Google Benchmark's main, run under the allocator
// set-up of the chorus binary (core/malloc_tuning.h), so a benchmark
// measures what `chorus import`, `report` and `serve` do.
#pragma once

#include <benchmark/benchmark.h>

#include "core/malloc_tuning.h"

#define CHORUS_BENCHMARK_MAIN()                                       \
  int main(int argc, char** argv) {                                   \
    chorus::TuneMallocForBulkData(argv);                              \
    benchmark::Initialize(&argc, argv);                               \
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1; \
    benchmark::RunSpecifiedBenchmarks();                              \
    benchmark::Shutdown();                                            \
    return 0;                                                         \
  }
