// LshIndex: every stored member's MinHash signature, for "is this history
// already in the co-op?" in milliseconds at a million members.
//
// Contract: banding with kBands × kRows = 64 × 2 = 128 values. A stored
// signature is a candidate when one band (2 consecutive values) is equal;
// the chance for true Jaccard J is 1 − (1 − J²)^64: 0.998 at J = 0.3, 0.82
// at J = 0.15, 0.15 at J = 0.05, so a threshold near 0.3 loses almost no
// true match (a 30 %-row-dropped copy sits near 0.49). Candidates are then
// verified with the full-signature estimate (minhash.h EstimateJaccard);
// Query returns those at or above `threshold`, highest first, then by id.
// Storage: signatures in one flat array (512 B a member) and one
// open-addressing table of 8-byte entries (a 32-bit band fingerprint and the
// member's slot), at most half full: about 1.5 KiB a member, ~1.6 GB at
// 1,000,000. A band whose two values are empty (kEmptySlot) is not indexed.
// Not thread-safe for writers; const Query may run concurrently.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "contribution/minhash.h"

namespace chorus::contribution {

struct LshMatch {
  uint64_t member_id = 0;
  double jaccard = 0;
  bool operator==(const LshMatch&) const = default;
};

class LshIndex {
 public:
  static constexpr size_t kBands = 64;
  static constexpr size_t kRows = 2;
  static_assert(kBands * kRows == kMinHashSize);

  // Makes room for `members` without rehashing.
  void Reserve(size_t members);
  // Stores (or replaces) a member's signature.
  void Insert(uint64_t member_id, const Signature& signature);
  // False when the member is not stored.
  bool Remove(uint64_t member_id);
  std::vector<LshMatch> Query(const Signature& signature, double threshold) const;

  size_t size() const { return slot_of_.size(); }
  size_t MemoryBytes() const;

 private:
  static constexpr uint64_t kEmpty = 0;
  static constexpr uint64_t kTombstone = 1;  // fingerprints are odd, so never 1 << 32 | 1
  static uint64_t BandHash(const uint32_t* values, size_t band);
  void Rehash(size_t capacity);
  void Place(uint64_t hash, uint32_t slot);

  std::vector<uint32_t> signatures_;  // slot × kMinHashSize
  std::vector<uint64_t> member_of_;   // slot → member id
  std::vector<uint32_t> free_slots_;
  std::unordered_map<uint64_t, uint32_t> slot_of_;
  // Entry: fingerprint (odd, high 32 bits) | slot (low 32 bits); 0 empty.
  std::vector<uint64_t> table_;
  size_t used_ = 0;  // live entries + tombstones
};

}  // namespace chorus::contribution
