// Streaks: listening days in a row, artist streaks and 7-day obsessions.
#include <algorithm>

#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr int32_t kObsessionDays = 7;
constexpr uint64_t kObsessionMinPlays = 5;
constexpr size_t kObsessions = 10;

// Is `run` better than `best`: longer, then earlier, then by name.
bool Better(const DayRun& run, const std::optional<DayRun>& best) {
  if (!best) return true;
  if (run.days != best->days) return run.days > best->days;
  if (run.from != best->from) return run.from < best->from;
  return run.name < best->name;
}

// Days in a row with any play.
std::optional<DayRun> LongestDays(const Context& c) {
  std::optional<DayRun> best;
  DayRun run;
  int32_t last_day = INT32_MIN;
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i) || c.day(i) == last_day) continue;
    if (last_day != INT32_MIN && c.day(i) == last_day + 1) {
      ++run.days;
    } else {
      run = {1, c.day(i), c.day(i), ""};
    }
    run.to = c.day(i);
    last_day = c.day(i);
    if (Better(run, best)) best = run;
  }
  return best;
}

// Days in a row with a stream of one artist.
std::optional<DayRun> ArtistStreak(const Context& c) {
  std::optional<DayRun> best;
  std::vector<int32_t> artist_last(c.artist_count(), INT32_MIN);
  std::vector<uint32_t> artist_run(c.artist_count());
  std::vector<int32_t> artist_from(c.artist_count());
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i) || !c.is_stream(i)) continue;
    uint32_t a = c.artist(i);
    if (a == kNone || artist_last[a] == c.day(i)) continue;
    if (artist_last[a] == c.day(i) - 1) {
      ++artist_run[a];
    } else {
      artist_run[a] = 1;
      artist_from[a] = c.day(i);
    }
    artist_last[a] = c.day(i);
    if (best && artist_run[a] < best->days) continue;
    DayRun candidate{artist_run[a], artist_from[a], c.day(i), std::string(c.artist_name(a))};
    if (Better(candidate, best)) best = std::move(candidate);
  }
  return best;
}

// Each track's best 7 days: group stream days by track (stable, so days
// stay ascending), then slide a 7-day window over each group.
std::vector<Obsession> Obsessions(const Context& c) {
  std::vector<std::pair<uint32_t, int32_t>> stream_days;  // (track, day) in day order
  stream_days.reserve(c.size());  // untouched capacity costs nothing; regrowth copies
  for (uint32_t i : c.by_day()) {
    if (c.in_window(i) && c.is_stream(i) && c.track(i) != kNone) {
      stream_days.emplace_back(c.track(i), c.day(i));
    }
  }
  std::vector<uint32_t> offsets(c.track_count() + 1, 0);
  for (auto [t, day] : stream_days) ++offsets[t + 1];
  for (size_t k = 1; k < offsets.size(); ++k) offsets[k] += offsets[k - 1];
  std::vector<int32_t> days(stream_days.size());
  std::vector<uint32_t> next = offsets;  // where each track's next day goes
  for (auto [t, day] : stream_days) days[next[t]++] = day;
  std::vector<Obsession> all;
  for (uint32_t t = 0; t < c.track_count(); ++t) {
    uint32_t begin = offsets[t], end = offsets[t + 1];
    if (end - begin < kObsessionMinPlays) continue;
    uint64_t best = 0;
    int32_t best_from = 0;
    for (uint32_t lo = begin, hi = begin; hi < end; ++hi) {
      while (days[hi] - days[lo] >= kObsessionDays) ++lo;
      if (hi - lo + 1 > best) {
        best = hi - lo + 1;
        best_from = days[lo];
      }
    }
    if (best < kObsessionMinPlays) continue;
    all.push_back({std::string(c.track_title(t)), std::string(c.artist_name(c.track_artist(t))),
                   best, best_from, best_from + kObsessionDays - 1});
  }
  size_t k = std::min(kObsessions, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(),
                    [](const Obsession& a, const Obsession& b) {
                      if (a.plays != b.plays) return a.plays > b.plays;
                      if (a.artist != b.artist) return a.artist < b.artist;
                      return a.title < b.title;
                    });
  all.resize(k);
  return all;
}

}  // namespace

void ComputeStreaks(const Context& c, Report& r) {
  r.streaks.longest_days = LongestDays(c);
  r.streaks.artist = ArtistStreak(c);
  r.streaks.obsessions = Obsessions(c);
}

}  // namespace chorus::insights
