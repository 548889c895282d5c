// Report: every insight of a listener's report as plain values.
//
// Contract: ComputeReport() is a pure function of the PlayLog, the zone, the
// window and the optional audio features; report/ renders the result as
// JSON (docs/report-schema.md) and HTML. Figures the data cannot give are
// std::nullopt, never 0 (tri-state: unknown is not false). Lists are sorted
// as the schema states, ties broken by name, so output is deterministic.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "history/play_log.h"
#include "insights/context.h"
#include "insights/features.h"

namespace chorus::insights {

using Maybe = std::optional<double>;

struct SourceSummary {
  std::string source;
  uint64_t plays = 0;
  double minutes = 0;
  bool has_duration = true;
};

struct Totals {
  uint64_t plays = 0, streams = 0, tracks = 0, artists = 0, albums = 0, listening_days = 0;
  double minutes = 0, music_minutes = 0, podcast_minutes = 0;
  std::optional<int64_t> first_end_ms, last_end_ms;
};

struct Period {
  int32_t key = 0;  // a year, or a month (year * 12 + month − 1)
  double minutes = 0;
  uint64_t streams = 0, tracks = 0, artists = 0, albums = 0, days = 0;
};

struct Ranked {
  std::string name;    // artist, track title, album title or show
  std::string artist;  // for tracks and albums
  double minutes = 0;
  uint64_t count = 0;  // streams (plays for shows)
};

struct TopWindow {
  std::string label;         // "all" or a year
  int32_t from = 0, to = 0;  // local days
  std::vector<Ranked> artists_by_minutes, artists_by_streams, tracks_by_minutes, tracks_by_streams,
      albums_by_minutes, albums_by_streams, shows_by_minutes, shows_by_plays;
};

struct RankChange {
  std::string name;
  int rank = 0;
  std::optional<int> previous_rank;
};
struct YearChange {
  int32_t year = 0, previous = 0;
  std::vector<RankChange> artists;
  std::vector<std::string> new_entries, drop_outs;
};

struct Clock {
  std::array<std::array<double, 24>, 7> minutes{};
  std::array<std::array<uint64_t, 24>, 7> streams{};
};

struct CalendarDay {
  int32_t day = 0;
  double minutes = 0;
  uint64_t streams = 0;
};

struct Session {
  int64_t start_ms = 0, end_ms = 0;
  uint64_t plays = 0;
  double minutes() const { return static_cast<double>(end_ms - start_ms) / 60'000.0; }
};
struct HistogramBucket {
  std::string label;
  std::optional<double> max_minutes;
  uint64_t count = 0;
};
struct Sessions {
  int gap_minutes = 30;
  uint64_t count = 0;
  double mean_minutes = 0, median_minutes = 0;
  std::optional<Session> longest;
  std::vector<HistogramBucket> length_histogram;
  std::array<uint64_t, 24> start_hours{};
};

struct DayRun {
  uint64_t days = 0;
  int32_t from = 0, to = 0;
  std::string name;  // the artist, for artist streaks
};
struct Obsession {
  std::string title, artist;
  uint64_t plays = 0;
  int32_t from = 0, to = 0;
};
struct Streaks {
  std::optional<DayRun> longest_days, artist;
  std::vector<Obsession> obsessions;
};

struct DiscoveryMonth {
  int32_t month = 0;
  uint64_t new_artists = 0, new_tracks = 0;
  Maybe recent_share;
};
struct ForgottenFavourite {
  std::string name;
  int32_t year = 0;
  int rank = 0;
  int32_t last_heard = 0;
  double minutes = 0;
};
struct Discovery {
  std::vector<DiscoveryMonth> months;
  std::vector<ForgottenFavourite> forgotten_favourites;
};

struct BehaviourMonth {
  int32_t month = 0;
  Maybe skip_rate, shuffle_share, offline_share, incognito_share;
};
struct NamedCount {
  std::string name;
  uint64_t plays = 0;
  double minutes = 0;
  Maybe rate;
};
struct Behaviour {
  std::vector<BehaviourMonth> months;
  std::array<Maybe, 24> skip_by_hour{};
  std::vector<NamedCount> skip_by_artist, end_reasons, start_reasons, devices;
};

struct Phase {
  int32_t from = 0, to = 0;  // months
  std::vector<std::string> artists;
  double share = 0;
};

struct MoodMonth {
  int32_t month = 0;
  Maybe energy, restlessness, nocturnality, repetition, exploration;
};
struct AudioMoodMonth {
  int32_t month = 0;
  double coverage = 0;
  Maybe valence, energy, tempo, danceability;
};
struct Mood {
  std::vector<MoodMonth> behavioural;
  std::optional<std::string> audio_source;
  std::vector<AudioMoodMonth> audio;
};

struct SourceMonth {
  int32_t month = 0;
  std::vector<uint64_t> plays;  // parallel to CrossPlatform::sources
};
struct Correlation {
  std::string a, b;
  Maybe r;
};
struct UniqueArtists {
  std::string source;
  uint64_t count = 0;
  std::vector<std::string> top;
};
// Tracks matched across sources by the normalised key (core/normalize.h).
struct TrackMatch {
  std::string source;
  uint64_t tracks = 0;            // distinct normalised tracks played on this source
  uint64_t matched = 0;           // of which also played on another source
  std::vector<Ranked> only_here;  // most-played tracks no other source has
};
struct CrossPlatform {
  std::vector<std::string> sources;
  std::vector<TrackMatch> track_matches;
  std::vector<SourceMonth> months;
  std::vector<Correlation> correlations;
  std::vector<UniqueArtists> unique_artists;
  uint64_t shared_plays = 0;
};

// DJ sets (rekordbox, Traktor, Serato, Mixxx plays).
struct DjSet {
  int64_t start_ms = 0, end_ms = 0;
  std::string source;
  uint64_t plays = 0;
  std::vector<Maybe> bpm;         // per play, in order
  std::vector<std::string> keys;  // per play, Camelot ("8A"), "" unknown
  uint64_t transitions = 0, harmonic = 0, keyed = 0, tempo_jumps = 0, tempo_known = 0;
};
struct DjSection {
  std::vector<DjSet> sets;
  uint64_t plays = 0, transitions = 0, harmonic = 0, keyed = 0, tempo_jumps = 0, tempo_known = 0;
  std::vector<Ranked> played_out;  // tracks by DJ plays (count = plays)
  std::vector<Ranked> listened;    // tracks by streams on listening sources
};

struct Report {
  std::string zone;
  DayWindow window;
  std::vector<SourceSummary> sources;
  Totals totals;
  std::vector<Period> years, months;
  std::vector<TopWindow> top;
  std::vector<YearChange> year_over_year;
  Clock clock;
  std::vector<CalendarDay> calendar;
  Sessions sessions;
  Streaks streaks;
  Discovery discovery;
  Behaviour behaviour;
  std::vector<Phase> phases;
  Mood mood;
  std::optional<CrossPlatform> cross_platform;
  std::optional<DjSection> dj;
};

struct ReportOptions {
  std::string zone = "UTC";
  DayWindow window;
  const AudioFeatures* features = nullptr;  // from --enrich, may be null
};

Result<Report> ComputeReport(const history::PlayLog& log, const ReportOptions& options);

// The sections, each a pure function of the context (exposed for tests).
void ComputeOverview(const Context& c,
                     Report& r);               // sources, totals, years, months, calendar, clock
void ComputeTop(const Context& c, Report& r);  // top, year_over_year
void ComputeSessions(const Context& c, Report& r);
void ComputeStreaks(const Context& c, Report& r);
void ComputeDiscovery(const Context& c, Report& r);
void ComputeBehaviour(const Context& c, Report& r);
void ComputePhases(const Context& c, Report& r);
void ComputeMood(const Context& c, const AudioFeatures* features, Report& r);
void ComputeCrossPlatform(const Context& c, Report& r);
void ComputeDj(const Context& c, Report& r);

}  // namespace chorus::insights
