// Listening behaviour: turns a listener profile into time-ordered play rows.
//
// Contract: GenerateAudio() returns the rows of one listener's Audio files in
// ascending `end_ms` (the Spotify `ts`), every one inside [begin_ms, end_ms)
// of the requested calendar years (UTC). Plays are grouped into sessions with
// a daily and weekly rhythm in the listener's fixed-offset home time; within a
// session each row ends exactly ms_played plus a small gap after the previous
// one, and reason_start follows the previous reason_end the way Spotify's do.
// Deliberate quirks of real exports are included: exact duplicate rows,
// same-(ts, item) rows with another ms_played, and rows with no metadata.
// GenerateVideo() returns a few dozen rows for the Video file, sorted.
// Both are pure functions of their arguments.
#pragma once

#include <cstdint>
#include <vector>

#include "synth/catalog.h"
#include "synth/listener.h"

namespace chorus::synth {

enum class Kind : uint8_t { kMusic, kPodcast, kAudiobook, kNone };

enum Reason : uint8_t {
  kTrackdone,
  kFwdbtn,
  kBackbtn,
  kEndplay,
  kClickrow,
  kPlaybtn,
  kAppload,
  kRemote,
  kLogout,
  kExitWhilePaused,
  kUnknown,
  kSwitchedToVideo,
  kTrackerror,
};

// The JSON literal (with quotes) of a reason.
const char* ReasonJson(uint8_t reason);

inline constexpr uint8_t kFalse = 0, kTrue = 1, kNull = 2;

struct Play {
  int64_t end_ms = 0;
  uint32_t ms_played = 0;
  uint32_t item = 0;  // track id, show index or book index
  uint32_t sub = 0;   // episode number or chapter index
  Kind kind = Kind::kMusic;
  uint8_t device = 0, ip = 0, country = 0;
  uint8_t reason_start = kClickrow, reason_end = kTrackdone;
  uint8_t shuffle = kFalse, skipped = kFalse, offline = kFalse;  // kNull allowed
  bool incognito = false;
  bool offline_ts_null = false;
};

// UTC window of the history: [Jan 1 of first_year, Jan 1 of first_year + years).
int64_t HistoryBeginMs(int first_year);
int64_t HistoryEndMs(int first_year, int years);

std::vector<Play> GenerateAudio(const Catalogue& catalogue, const ListenerProfile& profile,
                                uint64_t seed);
std::vector<Play> GenerateVideo(const Catalogue& catalogue, const ListenerProfile& profile,
                                uint64_t seed);

}  // namespace chorus::synth
