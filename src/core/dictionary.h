// Dictionary: the strings and items one producer (a parser, one per thread)
// interns across every batch it makes, shipped to the PlayLog as deltas.
//
// Contract: ItemFor() returns the same dense id for the same exact (kind,
// title, artist, album, uri) and ids never change, so a PlayLog maps each
// string and item once per producer instead of once per row or per file.
// ShipDelta() moves into a batch every string and item added since the last
// call; the batches of one Dictionary must reach the PlayLog in the order
// they were shipped. Not thread-safe: one per producer thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/play.h"
#include "core/string_pool.h"

namespace chorus {

class Dictionary {
 public:
  Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  uint64_t id() const { return id_; }
  const StringPool& strings() const { return strings_; }
  const std::vector<Item>& items() const { return items_; }

  // A 96-bit fingerprint of (kind, title, artist, album, uri).
  struct Fingerprint {
    uint64_t a = 0;
    uint32_t b = 0;
  };
  static Fingerprint FingerprintOf(Kind kind, std::string_view title, std::string_view artist,
                                   std::string_view album, std::string_view uri);
  // Another fingerprint of the same: what FingerprintOf returns where the
  // CPU has no AES instructions (public so tests check it on every CPU).
  static Fingerprint PortableFingerprintOf(Kind kind, std::string_view title,
                                           std::string_view artist, std::string_view album,
                                           std::string_view uri);
  // Starts loading the fingerprint's slot, for a parser that looks it up a
  // row later: the table outgrows the caches, and the load is most of a hit.
  void Prefetch(const Fingerprint& fp) const;

  // The item's id; `*ref` receives its string ids in this dictionary.
  uint32_t ItemFor(Kind kind, std::string_view title, std::string_view artist,
                   std::string_view album, std::string_view uri, ItemRef* ref) {
    return ItemFor(FingerprintOf(kind, title, artist, album, uri), kind, title, artist, album, uri,
                   ref);
  }
  // The same, with `fp` == FingerprintOf(kind, title, artist, album, uri).
  uint32_t ItemFor(const Fingerprint& fp, Kind kind, std::string_view title,
                   std::string_view artist, std::string_view album, std::string_view uri,
                   ItemRef* ref);
  void ShipDelta(PlayBatch& batch);

 private:
  // Once per row: an open-addressing table from the fingerprint to the item
  // and its string ids, so a hit reads one 32-byte slot. A hit is trusted
  // without comparing bytes (96 bits of a 128-bit hash state colliding is
  // beyond any real export), and so is a miss: equal items have equal
  // fingerprints, so a miss is a new item.
  struct Slot {
    uint64_t fp_a = 0;
    uint32_t fp_b = 0;
    uint32_t item_plus_one = 0;  // 0: empty
    ItemRef ref;
  };
  static_assert(sizeof(Slot) == 32, "a slot never straddles two cache lines");
  size_t SlotOf(uint64_t fp_a) const { return fp_a & (table_.size() - 1); }
  void InsertSlot(const Slot& slot);

  uint64_t id_;
  StringPool strings_;
  std::vector<Item> items_;
  std::vector<Slot> table_ = std::vector<Slot>(1024);
  size_t table_used_ = 0;
  uint32_t shipped_strings_ = 1;  // id 0, the empty string, is implied
  uint32_t shipped_items_ = 0;
};

}  // namespace chorus
