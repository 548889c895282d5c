// PlayLog: the canonical, columnar, deduplicated listening history.
//
// Contract: Append() takes PlayBatch values in a deterministic order and
// maps their strings into the log's own pool (so ids are comparable across
// files; the first Dictionary to append lends the log its ids). Finalize()
// sorts plays by end time and applies DESIGN.md's counting rules once,
// returning how many rows each rule removed; given a HelperThread, it sorts
// and rewrites on two threads, with the same result. After it, the log is
// read-only and every column has size(), but for each play's export of
// origin, which only the counting rules read: it is dropped. Append after
// Finalize is a programming error. About 23 bytes per play (in chunked
// columns, see column.h) plus distinct strings. DJ facts cost non-DJ plays nothing: the
// deck and the ms_estimated flag share the device byte, and track facts
// (BPM, key, cues, loops) live in a side vector parallel to items(), empty
// when no DJ file was imported. Facts of one track from several files merge:
// the first known BPM and key win, cue and loop counts take the maximum.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/helper_thread.h"
#include "core/play.h"
#include "core/string_pool.h"
#include "history/column.h"

namespace chorus::history {

struct DedupeStats {
  uint64_t same_item = 0;                    // extended rows: same end second, kind and item
  uint64_t overlap = 0;                      // account rows seen again in another export
  uint64_t account_merged = 0;               // account rows that are an extended play's twin
  uint64_t account_merged_by_minute_ms = 0;  // of those, matched despite other names
  uint64_t cross_source = 0;  // scrobbles (Last.fm) of a play another source recorded
  uint64_t superseded = 0;    // Apple summary rows, when Play Activity lists the plays
  uint64_t total() const {
    return same_item + overlap + account_merged + cross_source + superseded;
  }
};

class PlayLog {
 public:
  void Append(PlayBatch&& batch, uint16_t origin);
  DedupeStats Finalize();
  DedupeStats Finalize(HelperThread& helper);

  size_t size() const { return end_ms_.size(); }
  const StringPool& strings() const { return strings_; }
  const std::vector<Item>& items() const { return items_; }

  int64_t end_ms(size_t i) const { return end_ms_[i]; }
  uint32_t ms_played(size_t i) const { return ms_played_[i]; }
  uint32_t item_index(size_t i) const { return item_[i]; }
  const Item& item(size_t i) const { return items_[item_[i]]; }
  Kind kind(size_t i) const { return items_[item_[i]].kind; }
  Source source(size_t i) const { return static_cast<Source>(source_[i]); }
  // Every source that recorded the play (bit 1 << Source), e.g. Spotify and
  // the Last.fm scrobble of it.
  SourceMask sources(size_t i) const { return sources_[i]; }
  const Column<int64_t>& end_column() const { return end_ms_; }

  // Behaviour columns, kept for insights/.
  Reason reason_start(size_t i) const { return static_cast<Reason>(reason_start_[i]); }
  Reason reason_end(size_t i) const { return static_cast<Reason>(reason_end_[i]); }
  Tri shuffle(size_t i) const { return UnpackTri(i, 0); }
  Tri skipped(size_t i) const { return UnpackTri(i, 2); }
  Tri offline(size_t i) const { return UnpackTri(i, 4); }
  Tri incognito(size_t i) const { return UnpackTri(i, 6); }
  Device device(size_t i) const { return static_cast<Device>(device_[i] & 0x0F); }

  // DJ columns. deck: 1 = first deck … 7, 0 unknown (every non-DJ play).
  uint8_t deck(size_t i) const { return (device_[i] >> 4) & 7; }
  // ms_played is the track length, not a measured duration (see Play).
  bool ms_estimated(size_t i) const { return (device_[i] & 0x80) != 0; }
  // The DJ facts of an item / of a play's track; all zero when unknown.
  bool has_dj_facts() const { return !dj_facts_.empty(); }
  const DjTrackFacts& item_dj_facts(uint32_t item) const {
    static const DjTrackFacts kNone;
    return item < dj_facts_.size() ? dj_facts_[item] : kNone;
  }
  const DjTrackFacts& dj_facts(size_t i) const { return item_dj_facts(item_[i]); }
  size_t MemoryBytes() const;

 private:
  Tri UnpackTri(size_t i, int shift) const { return static_cast<Tri>((tris_[i] >> shift) & 3); }
  uint32_t InternItem(const Item& item);
  // Ends adoption (see adopted_): the adopted dictionary's later batches
  // are remapped like any other's, through an identity map of what it has
  // shipped so far.
  void EndAdoption();

  // Local ids of a Dictionary's strings and items → this log's ids.
  struct Remap {
    std::vector<StrId> strings{kNoString};
    std::vector<uint32_t> items;
  };
  // Appends the plays, play i as item items[i], column by column.
  void AppendColumns(const std::vector<Play>& plays, const std::vector<uint32_t>& items,
                     uint16_t origin);
  void AddFacts(uint32_t item, const DjTrackFacts& facts);
  void MergeScrobbles(const std::vector<uint32_t>& kept, std::vector<bool>& drop,
                      DedupeStats& stats);

  StringPool strings_;
  std::vector<Item> items_;
  std::unordered_map<uint64_t, Remap> remaps_;
  std::unordered_map<Item, uint32_t, ItemHash> item_index_;
  // The Dictionary whose string and item ids are this log's own: the first
  // to append, until anything else appends. Its batches need no remapping,
  // and its strings and items are known to be new, so they are added
  // without lookups; item_index_ catches up (from items_indexed_) only when
  // an item must be looked up. A one-thread import never remaps at all.
  uint64_t adopted_ = 0;
  size_t items_indexed_ = 0;
  std::unordered_map<uint32_t, DjTrackFacts> pending_facts_;  // item → facts, until Finalize
  std::vector<DjTrackFacts> dj_facts_;                        // parallel to items_, or empty

  Column<int64_t> end_ms_;
  Column<uint32_t> ms_played_;
  Column<uint32_t> item_;
  Column<uint16_t> origin_;
  Column<SourceMask> sources_;
  // device_: Device in bits 0-3, deck in bits 4-6, ms_estimated in bit 7.
  Column<uint8_t> source_, reason_start_, reason_end_, tris_, device_;
  bool finalized_ = false;
};

}  // namespace chorus::history
