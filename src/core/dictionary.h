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
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept;
  };
  struct ItemHash {
    size_t operator()(const Item& it) const noexcept;
  };
  struct ItemEq {
    bool operator()(const Item& a, const Item& b) const noexcept;
  };
  bool Matches(uint32_t id, Kind kind, std::string_view title, std::string_view artist,
               std::string_view album) const;

  uint64_t id_;
  StringPool strings_;
  std::vector<Item> items_;
  // Fast path: most rows carry a URI, whose names rarely vary.
  std::unordered_map<std::string_view, uint32_t, Hash, std::equal_to<>> by_uri_;
  std::unordered_map<Item, uint32_t, ItemHash, ItemEq> by_names_;
  uint32_t shipped_strings_ = 1;  // id 0, the empty string, is implied
  uint32_t shipped_items_ = 0;
};

}  // namespace chorus
