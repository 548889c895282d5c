#include "history/totals.h"

#include <unordered_set>
#include <vector>

namespace chorus::history {

Totals ComputeTotals(const PlayLog& log) {
  Totals t;
  t.plays = log.size();
  if (t.plays > 0) {
    t.first_end_ms = log.end_ms(0);
    t.last_end_ms = log.end_ms(log.size() - 1);
  }
  std::vector<bool> item_seen(log.items().size(), false);
  for (size_t i = 0; i < log.size(); ++i) {
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
  // Items are finer than tracks (URI, album): collapse to (artist, title).
  std::unordered_set<uint64_t> tracks;
  std::unordered_set<StrId> artists;
  for (size_t k = 0; k < item_seen.size(); ++k) {
    if (!item_seen[k]) continue;
    const ItemRef& r = log.items()[k].ref;
    if (r.title != kNoString) tracks.insert(uint64_t{r.artist} << 32 | r.title);
    if (r.artist != kNoString) artists.insert(r.artist);
  }
  t.tracks = tracks.size();
  t.artists = artists.size();
  return t;
}

}  // namespace chorus::history
