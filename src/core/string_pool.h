// StringPool: interns strings to dense 32-bit ids.
//
// Contract: id 0 is always the empty/unknown string; Intern() returns the same
// id for equal bytes; ids are dense and stable for the pool's lifetime; View()
// stays valid while the pool lives (strings are stored in stable chunks).
// Not thread-safe: each parser thread owns a pool, merged with Remap tables.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

using StrId = uint32_t;
inline constexpr StrId kNoString = 0;

class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  StrId Intern(std::string_view s);
  // The same, with hash == HashOf(s), after Prefetch(hash): a caller with
  // several strings to intern starts loading all their slots at once.
  StrId Intern(std::string_view s, uint32_t hash);
  static uint32_t HashOf(std::string_view s);
  void Prefetch(uint32_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
  // Adds `s`, which the caller knows is non-empty and not in the pool (a
  // copy of another pool's strings, in order), without looking it up. It
  // is indexed only when Intern is next called: a pool filled this way and
  // then only read (the PlayLog of a one-thread import) never hashes it.
  StrId AppendNew(std::string_view s);
  std::string_view View(StrId id) const { return views_[id]; }
  size_t size() const { return views_.size(); }
  // Bytes of string data held (for memory accounting).
  size_t bytes() const { return bytes_; }

 private:
  // Open addressing over ids (0 = empty slot): a node-based map spent more
  // time in allocation and pointer chasing than in hashing. Each slot keeps
  // the low half of its string's hash beside the id, so a probe reads a
  // string only when that half matches, and growing never rehashes one.
  struct Slot {
    StrId id = kNoString;
    uint32_t hash = 0;
  };
  void Place(Slot slot);  // into the first free slot from its hash
  void Grow();
  StrId Add(std::string_view s, uint32_t hash, size_t slot);
  void IndexAppended();
  std::vector<std::string_view> views_;
  std::vector<Slot> slots_;
  size_t indexed_ = 1;              // views_[1, indexed_) are in slots_ (0 is never)
  std::deque<std::string> chunks_;  // stable storage; views point into it
  std::deque<std::string> big_;     // strings too large to share a chunk
  size_t chunk_used_ = 0;
  size_t bytes_ = 0;

  std::string_view Store(std::string_view s);
};

}  // namespace chorus
