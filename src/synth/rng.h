// Deterministic pseudo-random numbers for the synthetic export generator.
//
// Contract: every value is a pure function of the seed and the call sequence,
// identical on every compiler, standard library and platform. Only integer
// arithmetic is used (no <random> distributions, no libm), so generated exports
// are byte-identical everywhere for a given seed. Not for cryptography.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace chorus::synth {

// One step of splitmix64: advances `state` and returns a well-mixed value.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Hashes two words into one; used to derive independent seeds per domain.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t s = a ^ (b * 0xD6E8FEB86659FD93ULL + 0x632BE59BD9B4E019ULL);
  SplitMix64(s);
  return SplitMix64(s);
}

// xoshiro256** seeded through splitmix64.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& w : s_) w = SplitMix64(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) for n < 2^32 (multiply-shift; bias below 2^-32).
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * n) >> 32); }
  // Uniform in [0, n) for any n > 0 (modulo bias negligible for our n).
  uint64_t Below64(uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi], inclusive.
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }
  // True with probability p/1000.
  bool Permille(uint32_t p) { return Below(1000) < p; }
  // True with probability p/1'000'000.
  bool PerMillion(uint32_t p) { return Below(1000000) < p; }

  // Index i with probability (cum[i] - cum[i-1]) / cum.back(); cum is a
  // non-decreasing prefix sum with cum.back() > 0.
  template <typename T>
  size_t PickCumulative(const std::vector<T>& cum) {
    const uint64_t x = Below64(static_cast<uint64_t>(cum.back()));
    size_t lo = 0, hi = cum.size() - 1;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (static_cast<uint64_t>(cum[mid]) > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  // Index into a small fixed weight table.
  template <size_t N>
  size_t PickWeighted(const uint32_t (&w)[N]) {
    uint32_t total = 0;
    for (uint32_t v : w) total += v;
    uint32_t x = Below(total);
    for (size_t i = 0; i < N; ++i) {
      if (x < w[i]) return i;
      x -= w[i];
    }
    return N - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace chorus::synth
