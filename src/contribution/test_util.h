// Test helpers: hand-built and copied PlayLogs for contribution tests.
// Test-only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/time_util.h"
#include "history/play_log.h"

namespace chorus::contribution::testing {

struct P {
  std::string start;  // UTC "YYYY-MM-DDTHH:MM:SSZ"
  uint32_t ms = 180'000;
  std::string artist = "Band";
  std::string title = "Song";
  Kind kind = Kind::kMusic;
  Tri skipped = Tri::kUnknown;
  Reason reason_end = Reason::kUnknown;
};

inline int64_t Utc(const std::string& iso) {
  int64_t ms = 0;
  if (!ParseIsoUtc(iso, &ms)) std::abort();
  return ms;
}

inline history::PlayLog MakeLog(const std::vector<P>& plays) {
  PlayBatch b;
  b.file = "test";
  b.format = "test";
  b.records = plays.size();
  for (const P& x : plays) {
    Play p;
    p.end_ms = Utc(x.start) + x.ms;
    p.ms_played = x.ms;
    p.kind = x.kind;
    p.skipped = x.skipped;
    p.reason_end = x.reason_end;
    p.item.title = b.strings.Intern(x.title);
    p.item.artist = b.strings.Intern(x.artist);
    b.plays.push_back(p);
  }
  history::PlayLog log;
  log.Append(std::move(b), 0);
  log.Finalize();
  return log;
}

// A copy of `log`'s plays (end shifted by `shift_ms`), keeping play i when
// keep(i): the same listener's history, moved or with rows dropped.
inline history::PlayLog CopyLog(const history::PlayLog& log, int64_t shift_ms,
                                const std::function<bool(size_t)>& keep) {
  PlayBatch b;
  b.file = "copy";
  b.format = "test";
  for (size_t i = 0; i < log.size(); ++i) {
    if (!keep(i)) continue;
    Play p;
    p.end_ms = log.end_ms(i) + shift_ms;
    p.ms_played = log.ms_played(i);
    p.kind = log.kind(i);
    p.source = log.source(i);
    p.skipped = log.skipped(i);
    p.reason_end = log.reason_end(i);
    const Item& it = log.item(i);
    p.item.title = b.strings.Intern(log.strings().View(it.ref.title));
    p.item.artist = b.strings.Intern(log.strings().View(it.ref.artist));
    p.item.album = b.strings.Intern(log.strings().View(it.ref.album));
    p.item.uri = b.strings.Intern(log.strings().View(it.ref.uri));
    b.plays.push_back(p);
  }
  b.records = b.plays.size();
  history::PlayLog out;
  out.Append(std::move(b), 0);
  out.Finalize();
  return out;
}

}  // namespace chorus::contribution::testing
