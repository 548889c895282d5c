// Build: a finalized PlayLog → Contribution (contribution.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include "contribution/contribution.h"
#include "contribution/minhash.h"
#include "core/musical_key.h"
#include "history/totals.h"

namespace chorus::contribution {

namespace {

constexpr int64_t kDayMs = 86'400'000;
// Account rows end on a whole minute: their start can look up to a minute
// early. Every interval also loses a second for second-precision ends.
constexpr int64_t kMinuteSlackMs = 60'000;
constexpr int64_t kSecondSlackMs = 1'000;
// Concurrent streams a real listener may have (a phone and a speaker).
constexpr int kConcurrentTolerance = 2;
constexpr int64_t kDjSetGapMs = 60 * 60'000;

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
struct Civil {
  int64_t year;
  unsigned month, day;
};
Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// A month as a sortable integer: year * 12 + month − 1.
int64_t MonthKey(int64_t ms) {
  Civil c = CivilFromDays(FloorDiv(ms, kDayMs));
  return c.year * 12 + (c.month - 1);
}

std::string MonthName(int64_t key) {
  return fmt::format("{:04}-{:02}", FloorDiv(key, 12), key - FloorDiv(key, 12) * 12 + 1);
}

bool IsDj(Source s) {
  return s == Source::kTraktor || s == Source::kRekordbox || s == Source::kSerato ||
         s == Source::kMixxx;
}

bool IsStream(const history::PlayLog& log, size_t i) {
  if (log.kind(i) != Kind::kMusic) return false;
  return log.ms_played(i) >= history::kStreamMs || log.source(i) == Source::kLastfm;
}

// Marks plays that run while two others already play (sweep over starts and
// ends; each play is marked at most once, so O(n log n) even for fabricated
// histories with thousands of concurrent plays).
std::vector<bool> OverlapMarks(const history::PlayLog& log) {
  // An event as one 128-bit key ordered as (t, type, play): time (sign bit
  // flipped so unsigned order is signed order), then type (0 end, first at
  // equal times; 1 start), then play. One integer compare per step makes
  // the sort several times faster than a three-field comparator.
  __extension__ typedef unsigned __int128 Key;
  auto key = [](int64_t t, uint64_t type, size_t play) {
    return Key{static_cast<uint64_t>(t) ^ (uint64_t{1} << 63)} << 64 | type << 32 |
           static_cast<uint32_t>(play);
  };
  std::vector<Key> events;
  events.reserve(2 * log.size());
  for (size_t i = 0; i < log.size(); ++i) {
    if (log.ms_played(i) == 0 || log.ms_estimated(i)) continue;
    // Plays sharing their exact end with another are a sync burst (offline
    // plays logged when the device reconnects, all at that minute): their
    // times say when they were logged, not played.
    const bool burst = (i > 0 && log.end_ms(i - 1) == log.end_ms(i)) ||
                       (i + 1 < log.size() && log.end_ms(i + 1) == log.end_ms(i));
    if (burst) continue;
    // Only the middle half of each play counts (ends are logged late or
    // early by clocks, minute rounding and pauses), less the slack above.
    const int64_t ms = log.ms_played(i);
    int64_t end = log.end_ms(i) - ms / 4 - kSecondSlackMs;
    int64_t start = log.end_ms(i) - ms + ms / 4 + kSecondSlackMs;
    if (log.source(i) == Source::kSpotifyAccount) start += kMinuteSlackMs;
    if (start >= end) continue;
    events.push_back(key(start, 1, i));
    events.push_back(key(end, 0, i));
  }
  std::sort(events.begin(), events.end());
  std::vector<bool> marked(log.size(), false);
  std::vector<uint32_t> unmarked;  // active plays not yet marked
  std::vector<bool> active(log.size(), false);
  int concurrent = 0;
  for (const Key e : events) {
    const auto play = static_cast<uint32_t>(e);
    if (((e >> 32) & 1) == 0) {
      --concurrent;
      active[play] = false;
      continue;
    }
    ++concurrent;
    active[play] = true;
    unmarked.push_back(play);
    if (concurrent > kConcurrentTolerance) {
      for (uint32_t p : unmarked) {
        if (active[p]) marked[p] = true;
      }
      unmarked.clear();
    } else if (unmarked.size() > 64) {
      std::erase_if(unmarked, [&](uint32_t p) { return !active[p]; });
    }
  }
  return marked;
}

int BpmBucket(const DjTrackFacts& a, const DjTrackFacts& b) {
  if (a.bpm_centi == 0 || b.bpm_centi == 0) return 5;
  const double rel = std::abs(static_cast<double>(b.bpm_centi) - a.bpm_centi) / a.bpm_centi;
  if (rel < 0.01) return 0;
  if (rel < 0.03) return 1;
  if (rel < 0.06) return 2;
  if (rel < 0.10) return 3;
  return 4;
}

int KeyRelation(const DjTrackFacts& a, const DjTrackFacts& b) {
  if (a.key == key::kUnknown || b.key == key::kUnknown) return 3;
  if (a.key == b.key) return 0;
  return key::Harmonic(a.key, b.key) ? 1 : 2;
}

DjTransitions DjOf(const history::PlayLog& log) {
  DjTransitions dj;
  bool in_set = false;
  Source set_source = Source::kTraktor;
  int64_t set_end = 0;
  size_t previous = 0;
  for (size_t i = 0; i < log.size(); ++i) {
    if (!IsDj(log.source(i))) continue;
    const int64_t start = log.end_ms(i) - log.ms_played(i);
    if (in_set && log.source(i) == set_source && start <= set_end + kDjSetGapMs) {
      ++dj.transitions;
      ++dj.bpm_delta[BpmBucket(log.dj_facts(previous), log.dj_facts(i))];
      ++dj.key_relation[KeyRelation(log.dj_facts(previous), log.dj_facts(i))];
      set_end = std::max(set_end, log.end_ms(i));
    } else {
      in_set = true;
      set_source = log.source(i);
      set_end = log.end_ms(i);
    }
    previous = i;
  }
  return dj;
}

std::vector<std::string> FieldsOf(const history::PlayLog& log) {
  std::array<bool, kFieldNames.size()> seen{};
  for (size_t i = 0; i < log.size(); ++i) {
    const Item& it = log.item(i);
    seen[0] = seen[0] || log.ms_played(i) > 0;
    seen[1] = seen[1] || it.ref.album != kNoString;
    seen[2] = seen[2] || it.ref.uri != kNoString;
    seen[3] = seen[3] || log.reason_start(i) != Reason::kUnknown;
    seen[4] = seen[4] || log.reason_end(i) != Reason::kUnknown;
    seen[5] = seen[5] || log.shuffle(i) != Tri::kUnknown;
    seen[6] = seen[6] || log.skipped(i) != Tri::kUnknown;
    seen[7] = seen[7] || log.offline(i) != Tri::kUnknown;
    seen[8] = seen[8] || log.incognito(i) != Tri::kUnknown;
    seen[9] = seen[9] || log.device(i) != Device::kUnknown;
    seen[10] = seen[10] || !log.dj_facts(i).empty();
  }
  std::vector<std::string> out;
  for (size_t f = 0; f < kFieldNames.size(); ++f) {
    if (seen[f]) out.emplace_back(kFieldNames[f]);
  }
  return out;
}

}  // namespace

std::string MonthOf(int64_t ms) { return MonthName(MonthKey(ms)); }

bool TransitionRanksBefore(uint64_t count_a, std::string_view from_a, std::string_view to_a,
                           uint64_t count_b, std::string_view from_b, std::string_view to_b) {
  if (count_a != count_b) return count_a > count_b;
  if (from_a != from_b) return from_a < from_b;
  return to_a < to_b;
}

bool TransitionRanksBefore(const Transition& a, const Transition& b) {
  return TransitionRanksBefore(a.count, a.from, a.to, b.count, b.from, b.to);
}

void RankTransitions(std::vector<Transition>* transitions) {
  std::sort(transitions->begin(), transitions->end(),
            [](const Transition& a, const Transition& b) { return TransitionRanksBefore(a, b); });
  if (transitions->size() > kMaxTransitions) transitions->resize(kMaxTransitions);
}

bool ArtistRanksBefore(uint64_t minutes_a, std::string_view artist_a, uint64_t minutes_b,
                       std::string_view artist_b) {
  if (minutes_a != minutes_b) return minutes_a > minutes_b;
  return artist_a < artist_b;
}

uint64_t TotalMinutes(const ArtistMonths& artist) {
  uint64_t minutes = 0;
  for (const ArtistMonth& m : artist.months) minutes += m.minutes;
  return minutes;
}

namespace {

// MonthKey by way of the day: consecutive plays mostly start on one day, so
// the civil-date arithmetic runs once per day, not once per play.
class MonthOfDay {
 public:
  int64_t operator()(int64_t ms) {
    const int64_t day = FloorDiv(ms, kDayMs);
    if (day != day_) {
      day_ = day;
      month_ = MonthKey(ms);
    }
    return month_;
  }

 private:
  int64_t day_ = std::numeric_limits<int64_t>::min();
  int64_t month_ = 0;
};

// The months of the plays, found by key; consecutive plays (sorted by end)
// fall in the same month, so the last one found is tried first.
class MonthTable {
 public:
  MonthStats& At(int64_t key) {
    if (last_ == nullptr || key != last_key_) {
      last_ = &months_[key];
      last_key_ = key;
    }
    return *last_;
  }
  std::map<int64_t, MonthStats>& months() { return months_; }

 private:
  std::map<int64_t, MonthStats> months_;
  MonthStats* last_ = nullptr;
  int64_t last_key_ = 0;
};

// The top transitions in TransitionRanksBefore's order, cut to
// kMaxTransitions, as RankTransitions would leave them; ranked on the
// PlayLog's names so that only the kept ones become strings.
std::vector<Transition> TopTransitions(const history::PlayLog& log,
                                       const std::unordered_map<uint64_t, uint64_t>& counts) {
  struct Ranked {
    uint64_t count;
    StrId from, to;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(counts.size());
  for (const auto& [pair, count] : counts)
    ranked.push_back({count, static_cast<StrId>(pair >> 32), static_cast<StrId>(pair)});
  auto name = [&](StrId id) { return log.strings().View(id); };
  auto before = [&](const Ranked& a, const Ranked& b) {
    return TransitionRanksBefore(a.count, name(a.from), name(a.to), b.count, name(b.from),
                                 name(b.to));
  };
  const size_t keep = std::min(ranked.size(), kMaxTransitions);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                    ranked.end(), before);
  std::vector<Transition> out;
  out.reserve(keep);
  for (size_t k = 0; k < keep; ++k)
    out.push_back(
        {std::string(name(ranked[k].from)), std::string(name(ranked[k].to)), ranked[k].count});
  return out;
}

// BuildFromLog with the log's totals already computed (the import has them).
Contribution BuildWithTotals(const history::PlayLog& log, const history::Totals& totals,
                             const ImportCounts& counts, std::vector<std::string> account_digests) {
  Contribution c;
  c.records = counts.records;
  c.rejected = counts.rejected;
  c.rejected_no_item = counts.rejected_no_item;
  c.tracks = totals.tracks;
  c.artists = totals.artists;
  if (log.size() > 0) {
    c.first_end_ms = totals.first_end_ms;
    c.last_end_ms = totals.last_end_ms;
  }
  std::sort(account_digests.begin(), account_digests.end());
  account_digests.erase(std::unique(account_digests.begin(), account_digests.end()),
                        account_digests.end());
  c.account_digests = std::move(account_digests);
  c.fields = FieldsOf(log);

  const std::vector<bool> overlapping = OverlapMarks(log);
  MonthTable month_table;
  MonthOfDay month_of;
  std::vector<int64_t> month_keys(log.size());   // of each play's start
  std::unordered_map<int64_t, uint64_t> day_ms;  // UTC day → ms played in it
  int64_t last_day = 0;
  uint64_t* last_day_ms = nullptr;  // day_ms[last_day]: references survive rehashing
  SourceMask sources = 0;
  // Minutes per artist (music plays with a known artist), by string id: the
  // log's ids are dense.
  std::vector<uint64_t> artist_ms(log.strings().size(), 0);
  std::vector<bool> artist_seen(log.strings().size(), false);
  std::vector<StrId> artists_seen;
  // (from << 32 | to) → count; ranked by names at the end.
  std::unordered_map<uint64_t, uint64_t> transitions;
  StrId last_artist = kNoString;
  int64_t last_end = 0;

  for (size_t i = 0; i < log.size(); ++i) {
    sources = static_cast<SourceMask>(sources | log.sources(i));
    const int64_t end = log.end_ms(i);
    const uint32_t ms = log.ms_played(i);
    const int64_t start = end - ms;
    const int64_t month_key = month_of(start);
    month_keys[i] = month_key;
    MonthStats& m = month_table.At(month_key);
    ++m.plays;
    switch (log.kind(i)) {
      case Kind::kMusic: ++m.music; break;
      case Kind::kPodcast: ++m.podcast; break;
      case Kind::kAudiobook: ++m.audiobook; break;
      case Kind::kVideo: ++m.video; break;
    }
    m.streams += IsStream(log, i) ? 1 : 0;
    m.ms_played += ms;
    if (log.skipped(i) != Tri::kUnknown) {
      ++m.skip_known;
      m.skipped += log.skipped(i) == Tri::kTrue ? 1 : 0;
    }
    m.overlapping += overlapping[i] ? 1 : 0;
    m.max_play_ms = std::max<uint64_t>(m.max_play_ms, ms);
    const int64_t day = FloorDiv(start, kDayMs);
    ++m.hours[static_cast<size_t>(FloorDiv(start, 3'600'000) - day * 24)];
    ++m.weekdays[static_cast<size_t>(((day % 7) + 7 + 3) % 7)];  // 1970-01-01 was a Thursday
    ++m.reason_end[static_cast<size_t>(log.reason_end(i))];
    for (int64_t d = day, from = start; from < end; ++d) {
      const int64_t to = std::min(end, (d + 1) * kDayMs);
      if (last_day_ms == nullptr || d != last_day) {
        last_day_ms = &day_ms[d];
        last_day = d;
      }
      *last_day_ms += static_cast<uint64_t>(to - from);
      from = to;
    }

    const StrId artist = log.item(i).ref.artist;
    const bool known_music = log.kind(i) == Kind::kMusic && artist != kNoString;
    if (known_music) {
      if (!artist_seen[artist]) {
        artist_seen[artist] = true;
        artists_seen.push_back(artist);
      }
      artist_ms[artist] += ms;
    }
    if (i > 0 && start - last_end > kSessionGapMs) last_artist = kNoString;
    if (known_music) {
      if (last_artist != kNoString && last_artist != artist)
        ++transitions[uint64_t{last_artist} << 32 | artist];
      last_artist = artist;
    }
    last_end = std::max(last_end, end);
  }
  std::map<int64_t, MonthStats>& months = month_table.months();
  for (const auto& [day, ms] : day_ms) {
    auto it = months.find(MonthKey(day * kDayMs));
    if (it == months.end()) it = months.upper_bound(MonthKey(day * kDayMs));
    if (it == months.end()) --it;
    it->second.max_day_ms = std::max(it->second.max_day_ms, ms);
  }
  for (auto& [key, m] : months) {
    m.month = MonthName(key);
    c.months.push_back(std::move(m));
  }
  for (int s = 0; s < kSourceCount; ++s) {
    if (sources & (1u << s)) c.sources.emplace_back(SourceName(static_cast<Source>(s)));
  }

  auto name = [&](StrId id) { return log.strings().View(id); };
  // The canonical order is by the minutes the contribution shows (the sum of
  // each month's rounded minutes, which is all Merge has), then by name.
  // Rounding moves an artist's sum at most half a minute a month from its
  // exact total, so an artist more than `months` minutes short of the 200th
  // by exact total cannot make the cut: monthly cells are built (in a second
  // pass over the log) only for the others.
  std::vector<StrId> candidates(artists_seen.begin(), artists_seen.end());
  if (candidates.size() > kMaxArtists) {
    std::vector<uint64_t> exact;
    exact.reserve(candidates.size());
    for (StrId a : candidates) exact.push_back(artist_ms[a]);
    std::nth_element(exact.begin(), exact.begin() + (kMaxArtists - 1), exact.end(),
                     std::greater<>());
    const uint64_t cut = exact[kMaxArtists - 1];
    const uint64_t slack = static_cast<uint64_t>(c.months.size()) * 60'000;
    const uint64_t floor_ms = cut > slack ? cut - slack : 0;
    std::erase_if(candidates, [&](StrId a) { return artist_ms[a] < floor_ms; });
  }
  std::vector<int32_t> slot(log.strings().size(), -1);
  for (size_t k = 0; k < candidates.size(); ++k) slot[candidates[k]] = static_cast<int32_t>(k);
  struct Cell {
    uint64_t plays = 0, ms = 0;
  };
  std::vector<std::map<int64_t, Cell>> cells(candidates.size());
  for (size_t i = 0; i < log.size(); ++i) {
    const StrId artist = log.item(i).ref.artist;
    if (log.kind(i) != Kind::kMusic || artist == kNoString || slot[artist] < 0) continue;
    Cell& cell = cells[static_cast<size_t>(slot[artist])][month_keys[i]];
    ++cell.plays;
    cell.ms += log.ms_played(i);
  }
  auto minutes = [](const Cell& cell) { return (cell.ms + 30'000) / 60'000; };
  std::vector<std::pair<size_t, uint64_t>> ranked;  // candidate index, minutes
  ranked.reserve(candidates.size());
  for (size_t k = 0; k < candidates.size(); ++k) {
    uint64_t total = 0;
    for (const auto& [key, cell] : cells[k]) total += minutes(cell);
    ranked.emplace_back(k, total);
  }
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    return ArtistRanksBefore(a.second, name(candidates[a.first]), b.second,
                             name(candidates[b.first]));
  });
  if (ranked.size() > kMaxArtists) ranked.resize(kMaxArtists);
  for (const auto& [k, total] : ranked) {
    ArtistMonths am;
    am.artist = std::string(name(candidates[k]));
    for (const auto& [key, cell] : cells[k])
      am.months.push_back({MonthName(key), cell.plays, minutes(cell)});
    c.artists_monthly.push_back(std::move(am));
  }

  c.transitions = TopTransitions(log, transitions);
  c.dj = DjOf(log);
  c.signature = SignatureOf(log);
  return c;
}

}  // namespace

Contribution BuildFromLog(const history::PlayLog& log, const ImportCounts& counts,
                          std::vector<std::string> account_digests) {
  return BuildWithTotals(log, history::ComputeTotals(log), counts, std::move(account_digests));
}

Result<Contribution> Build(const importer::ImportResult& import) {
  return BuildWithTotals(import.log, import.totals,
                         {import.records, import.rejected, import.rejected_no_item},
                         import.account_digests);
}

std::optional<double> Summary::skip_rate() const {
  if (skip_known == 0) return std::nullopt;
  return static_cast<double>(skipped) / static_cast<double>(skip_known);
}

double Summary::overlap_share() const {
  return plays == 0 ? 0.0 : static_cast<double>(overlapping) / static_cast<double>(plays);
}

Summary Summarize(const Contribution& c) {
  Summary s;
  for (const MonthStats& m : c.months) {
    s.plays += m.plays;
    s.music += m.music;
    s.podcast += m.podcast;
    s.audiobook += m.audiobook;
    s.video += m.video;
    s.streams += m.streams;
    s.ms_played += m.ms_played;
    s.skip_known += m.skip_known;
    s.skipped += m.skipped;
    s.overlapping += m.overlapping;
    s.max_day_ms = std::max(s.max_day_ms, m.max_day_ms);
    s.max_play_ms = std::max(s.max_play_ms, m.max_play_ms);
    for (size_t h = 0; h < 24; ++h) s.hours[h] += m.hours[h];
    for (size_t d = 0; d < 7; ++d) s.weekdays[d] += m.weekdays[d];
    for (size_t r = 0; r < kReasonCount; ++r) s.reason_end[r] += m.reason_end[r];
  }
  return s;
}

}  // namespace chorus::contribution
