#include "history/totals.h"

#include <unordered_set>
#include <vector>

namespace chorus::history {

namespace {

// The per-row counts of plays [from, to); marks the items of its music plays.
Totals CountRows(const PlayLog& log, size_t from, size_t to, std::vector<bool>& item_seen) {
  Totals t;
  for (size_t i = from; i < to; ++i) {
    t.ms_played += log.ms_played(i);
    switch (log.kind(i)) {
      case Kind::kMusic:
        ++t.music;
        // A scrobble has no duration, but Last.fm only scrobbles after 30 s
        // (or half the track): it is a stream by the same rule.
        if (log.ms_played(i) >= kStreamMs || log.source(i) == Source::kLastfm) ++t.streams;
        item_seen[log.item_index(i)] = true;
        break;
      case Kind::kPodcast: ++t.podcast; break;
      case Kind::kAudiobook: ++t.audiobook; break;
      case Kind::kVideo: ++t.video; break;
    }
  }
  return t;
}

}  // namespace

Totals ComputeTotals(const PlayLog& log) {
  HelperThread none(false);
  return ComputeTotals(log, none);
}

Totals ComputeTotals(const PlayLog& log, HelperThread& helper) {
  const size_t n = log.size();
  // Each half marks its own items: two threads must not share a vector<bool>.
  std::vector<bool> item_seen(log.items().size(), false), later_seen(item_seen);
  Totals t, later;
  helper.RunBoth([&] { t = CountRows(log, 0, n / 2, item_seen); },
                 [&] { later = CountRows(log, n / 2, n, later_seen); });
  t.plays = n;
  if (n > 0) {
    t.first_end_ms = log.end_ms(0);
    t.last_end_ms = log.end_ms(n - 1);
  }
  for (uint64_t Totals::*count : {&Totals::ms_played, &Totals::music, &Totals::streams,
                                  &Totals::podcast, &Totals::audiobook, &Totals::video})
    t.*count += later.*count;

  // Items are finer than tracks (URI, album): collapse to (artist, title).
  std::unordered_set<uint64_t> tracks;
  std::unordered_set<StrId> artists;
  for (size_t k = 0; k < item_seen.size(); ++k) {
    if (!item_seen[k] && !later_seen[k]) continue;
    const ItemRef& r = log.items()[k].ref;
    if (r.title != kNoString) tracks.insert(uint64_t{r.artist} << 32 | r.title);
    if (r.artist != kNoString) artists.insert(r.artist);
  }
  t.tracks = tracks.size();
  t.artists = artists.size();
  return t;
}

}  // namespace chorus::history
