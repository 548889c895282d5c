// The co-op's uniqueness check at scale: an LshIndex holding 1,000,000
// signatures, and the time of one Query (goal: under 5 ms).
//
// Signatures are drawn as MinHash values of sets of 2,000–200,000 shingles
// would be (each value the minimum of n uniform 32-bit hashes: small and
// clustered near 0, the realistic worst case for band collisions), from a
// fixed seed. Queries alternate a perturbed copy of a stored member (a
// quarter of its values changed: J ≈ 0.75) and a history never seen.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "bench_main.h"
#include "contribution/lsh_index.h"

namespace {

using chorus::contribution::LshIndex;
using chorus::contribution::Mix64;
using chorus::contribution::Signature;

constexpr uint64_t kMembers = 1'000'000;

Signature Realistic(uint64_t seed) {
  Signature s;
  const uint64_t n = 2000 + Mix64(seed) % 198'000;
  for (size_t k = 0; k < s.size(); ++k) {
    const double u = static_cast<double>(Mix64(seed * 131 + k) >> 11) * 0x1.0p-53;
    const double v = 4294967295.0 * (1.0 - std::pow(1.0 - u, 1.0 / static_cast<double>(n)));
    s[k] = static_cast<uint32_t>(v);
  }
  return s;
}

LshIndex& Index() {
  static std::unique_ptr<LshIndex> index = [] {
    auto idx = std::make_unique<LshIndex>();
    idx->Reserve(kMembers);
    for (uint64_t m = 0; m < kMembers; ++m) idx->Insert(m, Realistic(m));
    std::fprintf(stderr, "LshIndex: %llu members, %.2f GB\n",
                 static_cast<unsigned long long>(idx->size()),
                 static_cast<double>(idx->MemoryBytes()) / 1e9);
    return idx;
  }();
  return *index;
}

void BM_QueryOneMillion(benchmark::State& state) {
  LshIndex& index = Index();
  uint64_t i = 0, found = 0;
  for (auto _ : state) {
    ++i;
    Signature q = Realistic(i % 2 == 0 ? (i * 7919) % kMembers : kMembers + i);
    if (i % 2 == 0) {
      for (size_t k = 0; k < q.size(); k += 4) q[k] ^= 0x5a5a5a5au;  // a quarter changed
    }
    auto matches = index.Query(q, 0.3);
    found += matches.size();
    benchmark::DoNotOptimize(matches);
  }
  state.counters["found"] = benchmark::Counter(static_cast<double>(found));
}
BENCHMARK(BM_QueryOneMillion)->Unit(benchmark::kMicrosecond);

void BM_InsertOneMillion(benchmark::State& state) {
  for (auto _ : state) {
    LshIndex idx;
    idx.Reserve(kMembers);
    for (uint64_t m = 0; m < kMembers; ++m) idx.Insert(m, Realistic(m));
    benchmark::DoNotOptimize(idx);
  }
}
BENCHMARK(BM_InsertOneMillion)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

CHORUS_BENCHMARK_MAIN()
