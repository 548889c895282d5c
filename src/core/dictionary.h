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
#include <unordered_map>
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

  // The item's id; `*ref` receives its string ids in this dictionary.
  uint32_t ItemFor(Kind kind, std::string_view title, std::string_view artist,
                   std::string_view album, std::string_view uri, ItemRef* ref);
  void ShipDelta(PlayBatch& batch);

 private:
  // Fast path, once per row: an open-addressing table from the 128-bit
  // fingerprint of (kind, uri) and (title, artist, album) to the item. A hit
  // is trusted without comparing bytes (two 64-bit hashes colliding at once
  // is beyond any real export); a miss interns exactly, via by_names_.
  struct Slot {
    uint64_t uri_hash = 0;
    uint64_t names_hash = 0;
    uint32_t item_plus_one = 0;  // 0: empty
  };
  void InsertSlot(uint64_t uri_hash, uint64_t names_hash, uint32_t item);

  uint64_t id_;
  StringPool strings_;
  std::vector<Item> items_;
  std::vector<Slot> table_ = std::vector<Slot>(1024);
  size_t table_used_ = 0;
  std::unordered_map<Item, uint32_t, ItemHash> by_names_;
  uint32_t shipped_strings_ = 1;  // id 0, the empty string, is implied
  uint32_t shipped_items_ = 0;
};

}  // namespace chorus
