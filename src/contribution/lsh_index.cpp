#include "contribution/lsh_index.h"

#include <algorithm>
#include <bit>

namespace chorus::contribution {

namespace {
constexpr size_t kMinCapacity = 1 << 12;
uint64_t Entry(uint64_t hash, uint32_t slot) { return (((hash >> 32) | 1) << 32) | slot; }
}  // namespace

uint64_t LshIndex::BandHash(const uint32_t* values, size_t band) {
  const uint64_t packed = (uint64_t{values[band * kRows]} << 32) | values[band * kRows + 1];
  return Mix64(packed ^ Mix64(band + 0x6c73682d62616e64ull));
}

void LshIndex::Reserve(size_t members) {
  const size_t want = std::bit_ceil(std::max(kMinCapacity, 2 * members * kBands + 1));
  if (want > table_.size()) Rehash(want);
  signatures_.reserve(members * kMinHashSize);
  member_of_.reserve(members);
  slot_of_.reserve(members);
}

void LshIndex::Place(uint64_t hash, uint32_t slot) {
  const size_t mask = table_.size() - 1;
  for (size_t pos = hash & mask;; pos = (pos + 1) & mask) {
    if (table_[pos] == kEmpty || table_[pos] == kTombstone) {
      if (table_[pos] == kEmpty) ++used_;
      table_[pos] = Entry(hash, slot);
      return;
    }
  }
}

void LshIndex::Rehash(size_t capacity) {
  std::vector<uint64_t> old;
  old.swap(table_);
  table_.assign(capacity, kEmpty);
  used_ = 0;
  for (const auto& [member, slot] : slot_of_) {
    const uint32_t* sig = &signatures_[size_t{slot} * kMinHashSize];
    for (size_t b = 0; b < kBands; ++b) {
      if (sig[b * kRows] == kEmptySlot && sig[b * kRows + 1] == kEmptySlot) continue;
      Place(BandHash(sig, b), slot);
    }
  }
}

void LshIndex::Insert(uint64_t member_id, const Signature& signature) {
  Remove(member_id);
  if (2 * (used_ + kBands) > table_.size()) {
    // Live entries at most a quarter after growing; tombstones are dropped.
    const size_t want = std::bit_ceil(std::max(kMinCapacity, 4 * (size() + 1) * kBands));
    Rehash(std::max(want, table_.size()));
  }
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    std::copy(signature.begin(), signature.end(),
              signatures_.begin() + size_t{slot} * kMinHashSize);
    member_of_[slot] = member_id;
  } else {
    slot = static_cast<uint32_t>(member_of_.size());
    signatures_.insert(signatures_.end(), signature.begin(), signature.end());
    member_of_.push_back(member_id);
  }
  slot_of_[member_id] = slot;
  for (size_t b = 0; b < kBands; ++b) {
    if (signature[b * kRows] == kEmptySlot && signature[b * kRows + 1] == kEmptySlot) continue;
    Place(BandHash(signature.data(), b), slot);
  }
}

bool LshIndex::Remove(uint64_t member_id) {
  auto it = slot_of_.find(member_id);
  if (it == slot_of_.end()) return false;
  const uint32_t slot = it->second;
  const uint32_t* sig = &signatures_[size_t{slot} * kMinHashSize];
  const size_t mask = table_.size() - 1;
  for (size_t b = 0; b < kBands; ++b) {
    if (sig[b * kRows] == kEmptySlot && sig[b * kRows + 1] == kEmptySlot) continue;
    const uint64_t hash = BandHash(sig, b);
    const uint64_t entry = Entry(hash, slot);
    for (size_t pos = hash & mask; table_[pos] != kEmpty; pos = (pos + 1) & mask) {
      if (table_[pos] == entry) {
        table_[pos] = kTombstone;
        break;
      }
    }
  }
  slot_of_.erase(it);
  free_slots_.push_back(slot);
  return true;
}

std::vector<LshMatch> LshIndex::Query(const Signature& signature, double threshold) const {
  std::vector<uint32_t> candidates;
  if (!table_.empty()) {
    const size_t mask = table_.size() - 1;
    for (size_t b = 0; b < kBands; ++b) {
      if (signature[b * kRows] == kEmptySlot && signature[b * kRows + 1] == kEmptySlot) continue;
      const uint64_t hash = BandHash(signature.data(), b);
      const uint64_t fingerprint = ((hash >> 32) | 1) << 32;
      for (size_t pos = hash & mask; table_[pos] != kEmpty; pos = (pos + 1) & mask) {
        if ((table_[pos] & 0xFFFFFFFF00000000ull) == fingerprint)
          candidates.push_back(static_cast<uint32_t>(table_[pos]));
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<LshMatch> out;
  for (uint32_t slot : candidates) {
    Signature stored;
    std::copy_n(signatures_.begin() + size_t{slot} * kMinHashSize, kMinHashSize, stored.begin());
    const double j = EstimateJaccard(signature, stored);
    if (j >= threshold) out.push_back({member_of_[slot], j});
  }
  std::sort(out.begin(), out.end(), [](const LshMatch& a, const LshMatch& b) {
    if (a.jaccard != b.jaccard) return a.jaccard > b.jaccard;
    return a.member_id < b.member_id;
  });
  return out;
}

size_t LshIndex::MemoryBytes() const {
  return table_.capacity() * sizeof(uint64_t) + signatures_.capacity() * sizeof(uint32_t) +
         member_of_.capacity() * sizeof(uint64_t) + free_slots_.capacity() * sizeof(uint32_t) +
         slot_of_.size() * (sizeof(uint64_t) + sizeof(uint32_t) + 2 * sizeof(void*));
}

}  // namespace chorus::contribution
