#include "history/play_log.h"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <unordered_map>

namespace chorus::history {

uint32_t PlayLog::InternItem(const Item& item) {
  for (; items_indexed_ < items_.size(); ++items_indexed_)
    item_index_.try_emplace(items_[items_indexed_], static_cast<uint32_t>(items_indexed_));
  auto [it, inserted] = item_index_.try_emplace(item, static_cast<uint32_t>(items_.size()));
  if (inserted) {
    items_.push_back(item);
    ++items_indexed_;
  }
  return it->second;
}

void PlayLog::EndAdoption() {
  if (adopted_ == 0) return;
  Remap& m = remaps_[adopted_];
  m.strings.resize(strings_.size());
  std::iota(m.strings.begin(), m.strings.end(), kNoString);
  m.items.resize(items_.size());
  std::iota(m.items.begin(), m.items.end(), 0u);
  adopted_ = 0;
}

void PlayLog::AppendColumns(const std::vector<Play>& plays, const std::vector<uint32_t>& items,
                            uint16_t origin) {
  // One pass over the plays for every column, not a pass per column.
  for (size_t i = 0; i < plays.size();) {
    const auto end_ms = end_ms_.Extend(plays.size() - i);
    const size_t take = end_ms.size;
    uint32_t* const ms_played = ms_played_.Extend(take).data;
    uint32_t* const item = item_.Extend(take).data;
    uint16_t* const origins = origin_.Extend(take).data;
    uint8_t* const source = source_.Extend(take).data;
    SourceMask* const sources = sources_.Extend(take).data;
    uint8_t* const reason_start = reason_start_.Extend(take).data;
    uint8_t* const reason_end = reason_end_.Extend(take).data;
    uint8_t* const tris = tris_.Extend(take).data;
    uint8_t* const device = device_.Extend(take).data;
    for (size_t k = 0; k < take; ++k) {
      const Play& p = plays[i + k];
      end_ms.data[k] = p.end_ms;
      ms_played[k] = p.ms_played;
      item[k] = items[i + k];
      origins[k] = origin;
      source[k] = static_cast<uint8_t>(p.source);
      sources[k] = static_cast<SourceMask>(1u << static_cast<unsigned>(p.source));
      reason_start[k] = static_cast<uint8_t>(p.reason_start);
      reason_end[k] = static_cast<uint8_t>(p.reason_end);
      tris[k] = static_cast<uint8_t>(
          static_cast<unsigned>(p.shuffle) | static_cast<unsigned>(p.skipped) << 2 |
          static_cast<unsigned>(p.offline) << 4 | static_cast<unsigned>(p.incognito) << 6);
      device[k] = static_cast<uint8_t>((static_cast<unsigned>(p.device) & 0x0F) |
                                       (std::min<unsigned>(p.deck, 7) << 4) |
                                       (p.ms_estimated ? 0x80u : 0u));
    }
    i += take;
  }
}

void PlayLog::AddFacts(uint32_t item, const DjTrackFacts& f) {
  if (f.empty()) return;
  auto [it, fresh] = pending_facts_.try_emplace(item, f);
  if (fresh) return;
  DjTrackFacts& d = it->second;
  if (d.bpm_centi == 0) d.bpm_centi = f.bpm_centi;
  if (d.key == 0) d.key = f.key;
  d.cues = std::max(d.cues, f.cues);
  d.loops = std::max(d.loops, f.loops);
}

void PlayLog::Append(PlayBatch&& batch, uint16_t origin) {
  assert(!finalized_);
  const bool adopt = batch.dictionary != 0 &&
                     (batch.dictionary == adopted_ ||
                      (adopted_ == 0 && remaps_.empty() && strings_.size() == 1 && items_.empty()));
  if (adopt) {
    // The producer's ids are this log's: add what is new, map nothing.
    adopted_ = batch.dictionary;
    assert(strings_.size() == batch.first_new_string);
    assert(items_.size() == batch.first_new_item);
    for (const std::string& s : batch.new_strings) strings_.AppendNew(s);
    items_.insert(items_.end(), batch.new_items.begin(), batch.new_items.end());
    std::vector<uint32_t> items(batch.plays.size());
    for (size_t i = 0; i < items.size(); ++i) items[i] = batch.plays[i].local_item;
    AppendColumns(batch.plays, items, origin);
    for (const DjTrack& t : batch.dj_tracks) AddFacts(t.local_item, t.facts);
  } else if (batch.dictionary != 0) {
    EndAdoption();
    // The producer's ids are stable across its batches: map only what is new.
    Remap& m = remaps_[batch.dictionary];
    assert(m.strings.size() == batch.first_new_string);
    assert(m.items.size() == batch.first_new_item);
    for (const std::string& s : batch.new_strings) m.strings.push_back(strings_.Intern(s));
    for (const Item& it : batch.new_items) {
      const ItemRef& r = it.ref;
      m.items.push_back(InternItem(
          {it.kind,
           {m.strings[r.title], m.strings[r.artist], m.strings[r.album], m.strings[r.uri]}}));
    }
    std::vector<uint32_t> items(batch.plays.size());
    for (size_t i = 0; i < items.size(); ++i) items[i] = m.items[batch.plays[i].local_item];
    AppendColumns(batch.plays, items, origin);
    for (const DjTrack& t : batch.dj_tracks) AddFacts(m.items[t.local_item], t.facts);
  } else {
    EndAdoption();
    // A self-contained batch: re-intern the strings and items it uses, once each.
    std::vector<StrId> remap(batch.strings.size(), kNoString);
    std::vector<bool> mapped(batch.strings.size(), false);
    auto map = [&](StrId id) {
      if (id == kNoString) return kNoString;
      if (!mapped[id]) {
        remap[id] = strings_.Intern(batch.strings.View(id));
        mapped[id] = true;
      }
      return remap[id];
    };
    std::unordered_map<Item, uint32_t, ItemHash> local_items;
    std::vector<uint32_t> items;
    items.reserve(batch.plays.size());
    for (const Play& p : batch.plays) {
      auto [slot, fresh] = local_items.try_emplace(Item{p.kind, p.item}, 0);
      if (fresh) {
        slot->second = InternItem(
            {p.kind, {map(p.item.title), map(p.item.artist), map(p.item.album), map(p.item.uri)}});
      }
      items.push_back(slot->second);
    }
    AppendColumns(batch.plays, items, origin);
    for (const DjTrack& t : batch.dj_tracks) {
      const ItemRef& r = t.item;
      AddFacts(InternItem({Kind::kMusic, {map(r.title), map(r.artist), map(r.album), map(r.uri)}}),
               t.facts);
    }
  }
  batch.plays.clear();
  batch.plays.shrink_to_fit();
  batch.dj_tracks.clear();
  batch.dj_tracks.shrink_to_fit();
}

size_t PlayLog::MemoryBytes() const {
  return end_ms_.capacity_bytes() + ms_played_.capacity_bytes() + item_.capacity_bytes() +
         origin_.capacity_bytes() + sources_.capacity_bytes() + 5 * source_.capacity_bytes() +
         dj_facts_.capacity() * sizeof(DjTrackFacts) + items_.capacity() * sizeof(Item) +
         strings_.bytes() + item_index_.size() * (sizeof(Item) + 2 * sizeof(void*));
}

}  // namespace chorus::history
