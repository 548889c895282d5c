#include "core/dictionary.h"

#include <atomic>
#include <functional>

namespace chorus {

namespace {
std::atomic<uint64_t> next_dictionary_id{1};
}

Dictionary::Dictionary() : id_(next_dictionary_id.fetch_add(1)) {}

size_t Dictionary::Hash::operator()(std::string_view s) const noexcept {
  return std::hash<std::string_view>()(s);
}

size_t Dictionary::ItemHash::operator()(const Item& it) const noexcept {
  uint64_t h = static_cast<uint64_t>(it.kind);
  for (uint32_t v : {it.ref.title, it.ref.artist, it.ref.album, it.ref.uri}) {
    h = (h ^ v) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  return static_cast<size_t>(h);
}

bool Dictionary::ItemEq::operator()(const Item& a, const Item& b) const noexcept {
  return a.kind == b.kind && a.ref.title == b.ref.title && a.ref.artist == b.ref.artist &&
         a.ref.album == b.ref.album && a.ref.uri == b.ref.uri;
}

bool Dictionary::Matches(uint32_t id, Kind kind, std::string_view title, std::string_view artist,
                         std::string_view album) const {
  const Item& it = items_[id];
  return it.kind == kind && strings_.View(it.ref.title) == title &&
         strings_.View(it.ref.artist) == artist && strings_.View(it.ref.album) == album;
}

uint32_t Dictionary::ItemFor(Kind kind, std::string_view title, std::string_view artist,
                             std::string_view album, std::string_view uri, ItemRef* ref) {
  if (!uri.empty()) {
    auto hit = by_uri_.find(uri);
    if (hit != by_uri_.end() && Matches(hit->second, kind, title, artist, album)) {
      *ref = items_[hit->second].ref;
      return hit->second;
    }
  }
  Item item{kind, {strings_.Intern(title), strings_.Intern(artist), strings_.Intern(album),
                   strings_.Intern(uri)}};
  auto [slot, fresh] = by_names_.try_emplace(item, static_cast<uint32_t>(items_.size()));
  if (fresh) items_.push_back(item);
  // The URI now points at its latest spelling: runs of rows agree.
  if (!uri.empty()) by_uri_[strings_.View(item.ref.uri)] = slot->second;
  *ref = item.ref;
  return slot->second;
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
