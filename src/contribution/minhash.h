// MinHash signatures of a listening history, for "the same history cannot
// be paid twice" (DESIGN.md "Proof of contribution" — unique).
//
// Contract: a history's shingles are pairs of plays close in time: for each
// play a (in end order) and each later play b ending at most kShingleWindowMs
// after it (at most kShinglePartners of them), the shingle is (track a,
// track b, end_b − end_a rounded to whole seconds); a tie in end time orders
// the two tracks by key. Shingles are relative, so a constant time shift
// keeps every one; dropping a fraction p of rows keeps the pairs whose both
// plays survive, (1−p)² of them, and adds almost none (Jaccard ≈ 0.49 at
// p = 0.3); another listener with the same taste shares a shingle only when
// the same two tracks end the same second apart (Jaccard ≈ 0). A track is
// its kind, title and artist as the PlayLog spells them. Hashes are fixed,
// seeded 64-bit mixes written here (no std::hash): signatures are identical
// across runs, machines and thread counts. An empty set (fewer than two
// plays) is all 0xFFFFFFFF, and matches nothing.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "history/play_log.h"

namespace chorus::contribution {

inline constexpr size_t kMinHashSize = 128;
using Signature = std::array<uint32_t, kMinHashSize>;
inline constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;
inline constexpr int64_t kShingleWindowMs = 10 * 60'000;
inline constexpr size_t kShinglePartners = 8;

// splitmix64's finaliser: a bijective 64-bit mix.
constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// A seeded 64-bit hash of bytes (8-byte words, each mixed in).
uint64_t HashBytes(std::string_view s, uint64_t seed);

// Accumulates the minimum of kMinHashSize hash functions over shingles.
class MinHasher {
 public:
  MinHasher();
  void Add(uint64_t shingle);
  const Signature& signature() const { return sig_; }

 private:
  Signature sig_;
};

Signature EmptySignature();
// The signature of a finalized log's (end, track) set, by the shingles above.
Signature SignatureOf(const history::PlayLog& log);
// Share of positions where both hold the same value (empty positions never
// match): an unbiased estimate of the shingle sets' Jaccard similarity.
double EstimateJaccard(const Signature& a, const Signature& b);
// The MinHash of the union of two sets: element-wise minimum.
Signature UnionOf(const Signature& a, const Signature& b);

}  // namespace chorus::contribution
