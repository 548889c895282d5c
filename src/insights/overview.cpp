// Sources, totals, years, months, the calendar and the listening clock.
#include <array>

#include "insights/distinct.h"
#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr double kMsPerMinute = 60'000.0;

// Accumulates one kind of period (years, months, or the whole window).
class PeriodCounter {
 public:
  explicit PeriodCounter(const Context& c)
      : tracks_(c.track_count()), artists_(c.artist_count()), albums_(c.album_count()) {}

  void Add(const Context& c, size_t i, int32_t key) {
    if (periods_.empty() || periods_.back().key != key) {
      periods_.push_back({});
      periods_.back().key = key;
    }
    Period& p = periods_.back();
    p.minutes += c.log().ms_played(i) / kMsPerMinute;
    if (c.is_stream(i)) ++p.streams;
    if (c.day(i) != last_day_) {
      ++p.days;
      last_day_ = c.day(i);
    }
    if (!c.is_music(i)) return;
    p.tracks += tracks_.Add(c.track(i), key);
    p.artists += artists_.Add(c.artist(i), key);
    p.albums += albums_.Add(c.album(i), key);
  }
  std::vector<Period>& periods() { return periods_; }

 private:
  Distinct tracks_, artists_, albums_;
  std::vector<Period> periods_;
  int32_t last_day_ = INT32_MIN;
};

}  // namespace

void ComputeOverview(const Context& c, Report& r) {
  const auto& log = c.log();
  PeriodCounter years(c), months(c), whole(c);
  std::array<SourceSummary, kSourceCount> sources{};
  Totals& t = r.totals;
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i)) continue;
    double minutes = log.ms_played(i) / kMsPerMinute;
    years.Add(c, i, c.year(i));
    months.Add(c, i, c.month(i));
    whole.Add(c, i, 0);

    SourceSummary& s = sources[static_cast<size_t>(log.source(i))];
    ++s.plays;
    s.minutes += minutes;

    ++t.plays;
    if (c.is_music(i)) t.music_minutes += minutes;
    if (log.kind(i) == Kind::kPodcast) t.podcast_minutes += minutes;
    if (!t.first_end_ms || log.end_ms(i) < *t.first_end_ms) t.first_end_ms = log.end_ms(i);
    if (!t.last_end_ms || log.end_ms(i) > *t.last_end_ms) t.last_end_ms = log.end_ms(i);

    if (r.calendar.empty() || r.calendar.back().day != c.day(i)) r.calendar.push_back({c.day(i)});
    r.calendar.back().minutes += minutes;
    r.clock.minutes[c.weekday(i)][c.hour(i)] += minutes;
    if (c.is_stream(i)) {
      r.calendar.back().streams += 1;
      r.clock.streams[c.weekday(i)][c.hour(i)] += 1;
    }
  }
  for (size_t k = 0; k < sources.size(); ++k) {
    SourceSummary& s = sources[k];
    if (s.plays == 0) continue;
    auto source = static_cast<Source>(k);
    s.source = std::string(SourceName(source));
    s.has_duration = source != Source::kLastfm && source != Source::kYouTubeMusic;
    r.sources.push_back(s);
  }
  r.years = std::move(years.periods());
  r.months = std::move(months.periods());
  if (!whole.periods().empty()) {
    const Period& w = whole.periods().front();
    t.streams = w.streams;
    t.minutes = w.minutes;
    t.tracks = w.tracks;
    t.artists = w.artists;
    t.albums = w.albums;
    t.listening_days = w.days;
  }
}

}  // namespace chorus::insights
