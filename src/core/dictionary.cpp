#include "core/dictionary.h"

#include <atomic>
#include <bit>
#include <cstring>

namespace chorus {

namespace {

std::atomic<uint64_t> next_dictionary_id{1};

constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

// 64-bit hash of the bytes and their length (so "ab"+"c" != "a"+"bc"): one
// multiply per word, then a full avalanche (it runs four times per row).
uint64_t HashBytes(std::string_view s, uint64_t seed) {
  uint64_t h = Mix(seed ^ (s.size() * kMul));
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    h = std::rotl(h ^ word, 29) * kMul;
  }
  uint64_t tail = 0;
  for (size_t k = 0; i + k < s.size(); ++k)
    tail |= uint64_t{static_cast<uint8_t>(s[i + k])} << (8 * k);
  return Mix(h ^ tail);
}

}  // namespace

Dictionary::Dictionary() : id_(next_dictionary_id.fetch_add(1)) {}

void Dictionary::InsertSlot(uint64_t uri_hash, uint64_t names_hash, uint32_t item) {
  if (2 * (table_used_ + 1) > table_.size()) {
    std::vector<Slot> old(table_.size() * 2);
    old.swap(table_);
    table_used_ = 0;
    for (const Slot& s : old) {
      if (s.item_plus_one != 0) InsertSlot(s.uri_hash, s.names_hash, s.item_plus_one - 1);
    }
  }
  const size_t mask = table_.size() - 1;
  size_t pos = (uri_hash ^ names_hash * kMul) & mask;
  while (table_[pos].item_plus_one != 0) pos = (pos + 1) & mask;
  table_[pos] = {uri_hash, names_hash, item + 1};
  ++table_used_;
}

uint32_t Dictionary::ItemFor(Kind kind, std::string_view title, std::string_view artist,
                             std::string_view album, std::string_view uri, ItemRef* ref) {
  const uint64_t uri_hash = HashBytes(uri, static_cast<uint64_t>(kind) + 1);
  const uint64_t names_hash = HashBytes(album, HashBytes(artist, HashBytes(title, 7)));
  const size_t mask = table_.size() - 1;
  for (size_t pos = (uri_hash ^ names_hash * kMul) & mask;; pos = (pos + 1) & mask) {
    const Slot& slot = table_[pos];
    if (slot.item_plus_one == 0) break;
    if (slot.uri_hash == uri_hash && slot.names_hash == names_hash) {
      *ref = items_[slot.item_plus_one - 1].ref;
      return slot.item_plus_one - 1;
    }
  }
  Item item{kind,
            {strings_.Intern(title), strings_.Intern(artist), strings_.Intern(album),
             strings_.Intern(uri)}};
  auto [it, fresh] = by_names_.try_emplace(item, static_cast<uint32_t>(items_.size()));
  if (fresh) items_.push_back(item);
  InsertSlot(uri_hash, names_hash, it->second);
  *ref = item.ref;
  return it->second;
}

void Dictionary::ShipDelta(PlayBatch& batch) {
  batch.dictionary = id_;
  batch.first_new_string = shipped_strings_;
  batch.first_new_item = shipped_items_;
  auto total_strings = static_cast<uint32_t>(strings_.size());
  batch.new_strings.reserve(total_strings - shipped_strings_);
  for (uint32_t i = shipped_strings_; i < total_strings; ++i)
    batch.new_strings.emplace_back(strings_.View(i));
  batch.new_items.assign(items_.begin() + shipped_items_, items_.end());
  shipped_strings_ = total_strings;
  shipped_items_ = static_cast<uint32_t>(items_.size());
}

}  // namespace chorus
