// Totals: the counts `chorus import` reports for a finalized PlayLog.
//
// Contract: pure function of the log; a HelperThread counts half of it. A stream is a music play of
// at least kStreamMs (Spotify's own rule), or a Last.fm scrobble (Last.fm scrobbles only after 30 s
// or half the track, and gives no duration); ms_played counts every millisecond of every play;
// tracks are distinct (artist, title) pairs of music plays with a known title; artists are distinct
// known artist names of music plays.
#pragma once

#include <cstdint>

#include "core/helper_thread.h"
#include "history/play_log.h"

namespace chorus::history {

inline constexpr uint32_t kStreamMs = 30'000;

struct Totals {
  uint64_t plays = 0, music = 0, podcast = 0, audiobook = 0, video = 0, streams = 0;
  uint64_t ms_played = 0, tracks = 0, artists = 0;
  int64_t first_end_ms = 0, last_end_ms = 0;  // meaningful when plays > 0
};

Totals ComputeTotals(const PlayLog& log);
Totals ComputeTotals(const PlayLog& log, HelperThread& helper);

}  // namespace chorus::history
