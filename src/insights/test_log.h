// TestLog: hand-built PlayLogs for insight tests, plays given by their UTC
// start instant so answers are known by construction. Test-only.
#pragma once

#include <string>
#include <vector>

#include "core/time_util.h"
#include "history/play_log.h"

namespace chorus::insights::testing {

struct P {
  P(std::string start_utc, uint32_t ms_played = 180'000, std::string artist_name = "Band",
    std::string track_title = "Song", std::string album_title = "Album",
    Kind play_kind = Kind::kMusic, Source play_source = Source::kSpotifyExtended,
    Reason end_reason = Reason::kTrackDone)
      : start(std::move(start_utc)),
        ms(ms_played),
        artist(std::move(artist_name)),
        title(std::move(track_title)),
        album(std::move(album_title)),
        kind(play_kind),
        source(play_source),
        reason_end(end_reason) {}
  std::string start;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  uint32_t ms;
  std::string artist, title, album;
  Kind kind;
  Source source;
  Reason reason_end;
  Tri shuffle = Tri::kUnknown;
  Tri skipped = Tri::kUnknown;
  std::string uri;
};

inline int64_t Utc(const std::string& iso) {
  int64_t ms = 0;
  if (!ParseIsoUtc(iso, &ms)) std::abort();
  return ms;
}

// `extra`, when it holds anything (e.g. DJ library facts), is appended as a
// second export.
inline history::PlayLog MakeLog(const std::vector<P>& plays, PlayBatch extra = PlayBatch()) {
  PlayBatch b;
  b.file = "test";
  b.format = "test";
  b.records = plays.size();
  for (const P& x : plays) {
    Play p;
    p.end_ms = Utc(x.start) + x.ms;
    p.ms_played = x.ms;
    p.kind = x.kind;
    p.source = x.source;
    p.reason_end = x.reason_end;
    p.shuffle = x.shuffle;
    p.skipped = x.skipped;
    p.item.title = b.strings.Intern(x.title);
    p.item.artist = b.strings.Intern(x.artist);
    p.item.album = b.strings.Intern(x.album);
    p.item.uri = b.strings.Intern(x.uri);
    b.plays.push_back(p);
  }
  history::PlayLog log;
  log.Append(std::move(b), 0);
  if (!extra.plays.empty() || !extra.dj_tracks.empty()) log.Append(std::move(extra), 1);
  log.Finalize();
  return log;
}

}  // namespace chorus::insights::testing
