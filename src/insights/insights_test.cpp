// Insights on hand-built PlayLogs whose answers are known by construction:
// time zones across a DST change and a year boundary, sessions across
// midnight, streak edges, skips, discovery, phases, mood and cross-platform.
#include <gtest/gtest.h>

#include "core/musical_key.h"
#include "insights/report.h"
#include "insights/test_log.h"

namespace chorus::insights {
namespace {

using testing::MakeLog;
using testing::P;

Report Compute(const history::PlayLog& log, const std::string& zone = "UTC",
               DayWindow window = {}) {
  auto r = ComputeReport(log, {zone, window, nullptr});
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(r.value());
}

int32_t Day(const std::string& ymd) {
  bool ok = false;
  int32_t d = DayFromLabel(ymd, &ok);
  EXPECT_TRUE(ok);
  return d;
}

TEST(InsightsClock, DaylightSavingChangeMovesTheLocalHour) {
  // Berlin switches to summer time at 2023-03-26T01:00Z (02:00 CET → 03:00 CEST).
  auto log = MakeLog({{"2023-03-26T00:30:00Z"}, {"2023-03-26T01:30:00Z"}});
  Report r = Compute(log, "Europe/Berlin");
  const int sunday = 6;
  EXPECT_DOUBLE_EQ(r.clock.minutes[sunday][1], 3.0);  // 01:30 CET
  EXPECT_DOUBLE_EQ(r.clock.minutes[sunday][3], 3.0);  // 03:30 CEST
  EXPECT_DOUBLE_EQ(r.clock.minutes[sunday][2], 0.0);  // 02:xx never happened
  EXPECT_EQ(r.clock.streams[sunday][1], 1u);
  ASSERT_EQ(r.calendar.size(), 1u);
  EXPECT_EQ(r.calendar[0].day, Day("2023-03-26"));
}

TEST(InsightsPeriods, NewYearsEveInUtcIsNewYearInTokyo) {
  auto log = MakeLog(
      {{"2023-12-31T16:00:00Z", 60'000, "A", "x"}, {"2023-12-31T14:00:00Z", 60'000, "B", "y"}});
  Report utc = Compute(log);
  ASSERT_EQ(utc.years.size(), 1u);
  EXPECT_EQ(utc.years[0].key, 2023);
  Report tokyo = Compute(log, "Asia/Tokyo");  // UTC+9: 16:00Z is 01:00 on Jan 1
  ASSERT_EQ(tokyo.years.size(), 2u);
  EXPECT_EQ(tokyo.years[0].key, 2023);
  EXPECT_EQ(tokyo.years[1].key, 2024);
  EXPECT_EQ(tokyo.years[1].artists, 1u);
  EXPECT_DOUBLE_EQ(tokyo.years[1].minutes, 1.0);
  ASSERT_EQ(tokyo.months.size(), 2u);
  EXPECT_EQ(MonthLabel(tokyo.months[1].key), "2024-01");
  EXPECT_EQ(tokyo.calendar.size(), 2u);
  EXPECT_EQ(tokyo.clock.minutes[0][1], 1.0);  // Monday 2024-01-01, 01:00
}

TEST(InsightsPeriods, TotalsCountStreamsDistinctAndDays) {
  auto log = MakeLog({
      {"2022-05-01T10:00:00Z", 200'000, "A", "t1", "al1"},
      {"2022-05-01T11:00:00Z", 10'000, "A", "t1", "al1", Kind::kMusic, Source::kSpotifyExtended,
       Reason::kForwardButton},  // not a stream (under 30 s)
      {"2022-05-03T10:00:00Z", 60'000, "B", "t2", "al2"},
      {"2022-06-01T10:00:00Z", 60'000, "A", "t3", "al1"},
      {"2022-06-02T10:00:00Z", 600'000, "Show", "ep", "", Kind::kPodcast},
  });
  Report r = Compute(log);
  EXPECT_EQ(r.totals.plays, 5u);
  EXPECT_EQ(r.totals.streams, 3u);
  EXPECT_EQ(r.totals.tracks, 3u);
  EXPECT_EQ(r.totals.artists, 2u);
  EXPECT_EQ(r.totals.albums, 2u);
  EXPECT_EQ(r.totals.listening_days, 4u);
  EXPECT_NEAR(r.totals.minutes, 930'000 / 60'000.0, 1e-9);
  EXPECT_NEAR(r.totals.podcast_minutes, 10.0, 1e-9);
  ASSERT_EQ(r.months.size(), 2u);
  EXPECT_EQ(r.months[0].streams, 2u);
  EXPECT_EQ(r.months[0].tracks, 2u);
  EXPECT_EQ(r.months[0].days, 2u);
  EXPECT_EQ(r.months[1].artists, 1u);
  EXPECT_EQ(r.months[1].days, 2u);
  ASSERT_FALSE(r.top.empty());
  EXPECT_EQ(r.top[0].artists_by_minutes[0].name, "A");
  EXPECT_EQ(r.top[0].artists_by_streams[0].count, 2u);
  ASSERT_EQ(r.top[0].shows_by_minutes.size(), 1u);
  EXPECT_EQ(r.top[0].shows_by_minutes[0].name, "Show");
}

TEST(InsightsTop, TrackWhoseFirstPlayLastedNoTimeIsListedOnce) {
  // Regression: the top lists tracked "first seen" by minutes == 0, so a
  // track whose first play lasted 0 ms was listed twice.
  auto log = MakeLog({{"2023-01-01T10:00:00Z", 0, "A", "t"},
                      {"2023-01-02T10:00:00Z", 0, "A", "t"},
                      {"2023-01-03T10:00:00Z", 60'000, "A", "t"},
                      {"2023-02-03T10:00:00Z", 60'000, "A", "t"},
                      {"2023-03-03T10:00:00Z", 60'000, "A", "t"}});
  Report r = Compute(log);
  ASSERT_EQ(r.top[0].tracks_by_minutes.size(), 1u);
  EXPECT_EQ(r.top[0].tracks_by_streams.size(), 1u);
  EXPECT_EQ(r.top[0].artists_by_minutes.size(), 1u);
  EXPECT_EQ(r.phases.size(), 1u);
  EXPECT_EQ(r.phases[0].artists, std::vector<std::string>{"A"});
}

TEST(InsightsSessions, SessionAcrossMidnightAndAGapOverThirtyMinutes) {
  // Plays of 10 minutes: 23:40–23:50, 23:55–00:05, 00:10–00:20, then 00:51 (31 min gap).
  auto log = MakeLog({{"2023-06-01T23:40:00Z", 600'000},
                      {"2023-06-01T23:55:00Z", 600'000},
                      {"2023-06-02T00:10:00Z", 600'000},
                      {"2023-06-02T00:51:00Z", 600'000}});
  Report r = Compute(log);
  EXPECT_EQ(r.sessions.count, 2u);
  ASSERT_TRUE(r.sessions.longest);
  EXPECT_EQ(r.sessions.longest->plays, 3u);
  EXPECT_DOUBLE_EQ(r.sessions.longest->minutes(), 40.0);
  EXPECT_DOUBLE_EQ(r.sessions.median_minutes, 25.0);  // (40 + 10) / 2
  EXPECT_EQ(r.sessions.start_hours[23], 1u);
  EXPECT_EQ(r.sessions.start_hours[0], 1u);
  EXPECT_EQ(r.sessions.length_histogram[0].count, 1u);  // 10 min
  EXPECT_EQ(r.sessions.length_histogram[2].count, 1u);  // 40 min
}

TEST(InsightsStreaks, LongestRunOfDaysAndArtistStreak) {
  auto log = MakeLog({{"2023-01-01T10:00:00Z", 60'000, "A"},
                      {"2023-01-02T10:00:00Z", 60'000, "A"},
                      {"2023-01-03T10:00:00Z", 60'000, "B"},
                      {"2023-01-05T10:00:00Z", 60'000, "B"},
                      {"2023-01-06T10:00:00Z", 60'000, "B"},
                      {"2023-01-07T10:00:00Z", 60'000, "B"},
                      {"2023-01-08T10:00:00Z", 60'000, "B"}});
  Report r = Compute(log);
  ASSERT_TRUE(r.streaks.longest_days);
  EXPECT_EQ(r.streaks.longest_days->days, 4u);
  EXPECT_EQ(r.streaks.longest_days->from, Day("2023-01-05"));
  EXPECT_EQ(r.streaks.longest_days->to, Day("2023-01-08"));
  ASSERT_TRUE(r.streaks.artist);
  EXPECT_EQ(r.streaks.artist->name, "B");
  EXPECT_EQ(r.streaks.artist->days, 4u);
}

TEST(InsightsStreaks, ObsessionIsTheBestSevenDays) {
  std::vector<P> plays;
  // Six plays from Jan 1 to Jan 7, two more on Jan 9 and 10: the best 7 days hold 6.
  for (const char* d : {"01T12", "02T12", "02T15", "04T12", "06T12", "07T12", "09T12", "10T12"}) {
    plays.push_back({std::string("2023-01-") + d + ":00:00Z", 60'000, "A", "hit"});
  }
  plays.push_back({"2023-01-03T12:00:00Z", 60'000, "A", "other"});
  Report r = Compute(MakeLog(plays));
  ASSERT_EQ(r.streaks.obsessions.size(), 1u);  // "other" has fewer than 5
  EXPECT_EQ(r.streaks.obsessions[0].title, "hit");
  EXPECT_EQ(r.streaks.obsessions[0].plays, 6u);
  EXPECT_EQ(r.streaks.obsessions[0].from, Day("2023-01-01"));
}

TEST(InsightsBehaviour, SkipsAreTriStateAndFollowTheRule) {
  P lastfm{"2023-01-01T10:00:00Z", 0, "A", "t"};
  lastfm.source = Source::kLastfm;
  lastfm.reason_end = Reason::kUnknown;
  P skipped_flag{"2023-02-01T10:00:00Z", 200'000, "A", "t"};
  skipped_flag.skipped = Tri::kTrue;
  P short_fwd{"2023-02-02T10:00:00Z", 5'000, "A", "t"};
  short_fwd.reason_end = Reason::kForwardButton;
  P short_done{"2023-02-03T10:00:00Z", 20'000, "A", "t"};  // a 20 s track that finished
  P full{"2023-02-04T10:00:00Z", 200'000, "A", "t"};
  full.shuffle = Tri::kTrue;
  Report r = Compute(MakeLog({lastfm, skipped_flag, short_fwd, short_done, full}));
  ASSERT_EQ(r.behaviour.months.size(), 2u);
  EXPECT_FALSE(r.behaviour.months[0].skip_rate);  // Last.fm records no skips
  ASSERT_TRUE(r.behaviour.months[1].skip_rate);
  EXPECT_DOUBLE_EQ(*r.behaviour.months[1].skip_rate, 0.5);
  ASSERT_TRUE(r.behaviour.months[1].shuffle_share);
  EXPECT_DOUBLE_EQ(*r.behaviour.months[1].shuffle_share, 1.0);  // only one play says
  EXPECT_FALSE(r.behaviour.months[1].offline_share);
  ASSERT_EQ(r.behaviour.end_reasons.size(), 2u);
  EXPECT_EQ(r.behaviour.end_reasons[0].name, "trackdone");
  EXPECT_EQ(r.behaviour.end_reasons[0].plays, 3u);
}

TEST(InsightsDiscovery, NewArtistsCountOnceInTheMonthOfTheirFirstPlay) {
  auto log = MakeLog({{"2023-01-05T10:00:00Z", 60'000, "A", "a1"},
                      {"2023-01-06T10:00:00Z", 60'000, "A", "a2"},
                      {"2023-02-05T10:00:00Z", 60'000, "B", "b1"},
                      {"2023-02-06T10:00:00Z", 60'000, "A", "a1"},
                      {"2023-09-06T10:00:00Z", 60'000, "A", "a1"}});
  Report r = Compute(log);
  ASSERT_EQ(r.discovery.months.size(), 3u);
  EXPECT_EQ(r.discovery.months[0].new_artists, 1u);
  EXPECT_EQ(r.discovery.months[0].new_tracks, 2u);
  EXPECT_EQ(r.discovery.months[1].new_artists, 1u);
  EXPECT_EQ(r.discovery.months[1].new_tracks, 1u);
  ASSERT_TRUE(r.discovery.months[1].recent_share);
  EXPECT_DOUBLE_EQ(*r.discovery.months[1].recent_share, 1.0);  // A first heard 32 days before
  EXPECT_DOUBLE_EQ(*r.discovery.months[2].recent_share, 0.0);  // 244 days after
  EXPECT_EQ(r.discovery.months[2].new_artists, 0u);
}

TEST(InsightsDiscovery, ForgottenFavouriteIsATopArtistUnheardForAYear) {
  auto log = MakeLog({{"2021-03-01T10:00:00Z", 600'000, "Old"},
                      {"2021-03-02T10:00:00Z", 60'000, "Kept"},
                      {"2022-06-01T10:00:00Z", 60'000, "Kept"},
                      {"2023-03-02T10:00:00Z", 60'000, "Kept"}});
  Report r = Compute(log);
  ASSERT_EQ(r.discovery.forgotten_favourites.size(), 1u);
  EXPECT_EQ(r.discovery.forgotten_favourites[0].name, "Old");
  EXPECT_EQ(r.discovery.forgotten_favourites[0].year, 2021);
  EXPECT_EQ(r.discovery.forgotten_favourites[0].rank, 1);
}

TEST(InsightsTop, YearOverYearRanksNewEntriesAndDropOuts) {
  auto log = MakeLog({{"2022-01-01T10:00:00Z", 300'000, "A"},
                      {"2022-01-02T10:00:00Z", 200'000, "B"},
                      {"2023-01-01T10:00:00Z", 300'000, "B"},
                      {"2023-01-02T10:00:00Z", 200'000, "C"},
                      {"2023-01-03T10:00:00Z", 100'000, "A"}});
  Report r = Compute(log);
  ASSERT_EQ(r.year_over_year.size(), 1u);
  const YearChange& y = r.year_over_year[0];
  EXPECT_EQ(y.year, 2023);
  ASSERT_EQ(y.artists.size(), 3u);
  EXPECT_EQ(y.artists[0].name, "B");
  EXPECT_EQ(y.artists[0].previous_rank, 2);
  EXPECT_EQ(y.artists[1].name, "C");
  EXPECT_FALSE(y.artists[1].previous_rank);
  EXPECT_EQ(y.new_entries, std::vector<std::string>{"C"});
  EXPECT_TRUE(y.drop_outs.empty());
  EXPECT_EQ(r.top.size(), 3u);  // all, 2022, 2023
}

TEST(InsightsWindow, YearWindowKeepsOnlyThatYearButDiscoverySeesHistory) {
  auto log = MakeLog({{"2022-12-30T10:00:00Z", 60'000, "A", "a"},
                      {"2023-01-02T10:00:00Z", 60'000, "A", "a"},
                      {"2023-01-03T10:00:00Z", 60'000, "B", "b"}});
  Report r = Compute(log, "UTC", {Day("2023-01-01"), Day("2023-12-31")});
  EXPECT_EQ(r.totals.plays, 2u);
  ASSERT_EQ(r.years.size(), 1u);
  ASSERT_EQ(r.discovery.months.size(), 1u);
  EXPECT_EQ(r.discovery.months[0].new_artists, 1u);  // A was heard in 2022
  ASSERT_EQ(r.year_over_year.size(), 1u);            // 2022 is still the previous year
  EXPECT_EQ(r.year_over_year[0].drop_outs, std::vector<std::string>{});
}

TEST(InsightsPhases, ThreeDominatedMonthsMakeAPhase) {
  std::vector<P> plays;
  for (const char* m : {"01", "02", "03", "04", "05"}) {
    plays.push_back({std::string("2023-") + m + "-10T10:00:00Z", 60'000, "Filler", "f"});
  }
  for (const char* m : {"02", "03", "04"}) {
    plays.push_back({std::string("2023-") + m + "-11T10:00:00Z", 600'000, "Crush", "c"});
  }
  Report r = Compute(MakeLog(plays));
  // "Filler" dominates all five months too (100 % of Jan and May, 1/11 of the rest ≥ 5 %).
  ASSERT_EQ(r.phases.size(), 1u);
  EXPECT_EQ(MonthLabel(r.phases[0].from), "2023-01");
  EXPECT_EQ(MonthLabel(r.phases[0].to), "2023-05");
  EXPECT_EQ(r.phases[0].artists, (std::vector<std::string>{"Filler", "Crush"}));
  EXPECT_DOUBLE_EQ(r.phases[0].share, 1.0);
}

TEST(InsightsPhases, ArtistWithTwoRunsInOnePhaseIsListedOnce) {
  // Regression: an artist dominating Jan–Mar and May–Jul, inside a phase held
  // together by another artist's Jan–Jul run, was listed twice.
  std::vector<P> plays;
  for (int m = 1; m <= 7; ++m) {
    std::string month = std::string("2023-0") + std::to_string(m);
    plays.push_back({month + "-10T10:00:00Z", 600'000, "Steady", "s"});
    if (m != 4) plays.push_back({month + "-11T10:00:00Z", 600'000, "Twice", "t"});
  }
  Report r = Compute(MakeLog(plays));
  ASSERT_EQ(r.phases.size(), 1u);
  EXPECT_EQ(r.phases[0].artists, (std::vector<std::string>{"Steady", "Twice"}));
}

TEST(InsightsMood, BehaviouralMoodFollowsTheFormulas) {
  auto log = MakeLog({{"2023-01-01T02:00:00Z", 3'600'000, "A", "x"},  // 60 min at night
                      {"2023-01-01T12:00:00Z", 3'600'000, "A", "x"},
                      {"2023-01-02T12:00:00Z", 3'600'000, "A", "y"}});
  Report r = Compute(log);
  ASSERT_EQ(r.mood.behavioural.size(), 1u);
  const MoodMonth& m = r.mood.behavioural[0];
  EXPECT_DOUBLE_EQ(*m.energy, 90.0 / 180.0);  // 180 min over 2 days
  EXPECT_DOUBLE_EQ(*m.nocturnality, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(*m.repetition, 1.0 - 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*m.exploration, 1.0);  // both tracks first streamed this month
  EXPECT_DOUBLE_EQ(*m.restlessness, 0.0);
  EXPECT_FALSE(r.mood.audio_source);
  EXPECT_TRUE(r.mood.audio.empty());
}

TEST(InsightsMood, AudioMoodIsMinuteWeightedWithCoverage) {
  auto features = AudioFeatures::ParseCsv(
      "spotify_uri,valence,energy,tempo,danceability\n"
      "spotify:track:x,0.2,0.4,120,0.5\n",
      "f.csv");
  ASSERT_TRUE(features.ok()) << features.status().message();
  P x{"2023-01-01T10:00:00Z", 120'000, "A", "x"};
  x.uri = "spotify:track:x";
  P y{"2023-01-02T10:00:00Z", 60'000, "A", "y"};
  auto log = MakeLog({x, y});
  auto r = ComputeReport(log, {"UTC", {}, &features.value()});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->mood.audio.size(), 1u);
  EXPECT_DOUBLE_EQ(r->mood.audio[0].coverage, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*r->mood.audio[0].valence, 0.2);
  EXPECT_DOUBLE_EQ(*r->mood.audio[0].tempo, 120.0);
  EXPECT_EQ(*r->mood.audio_source, "enrich:f.csv");
}

TEST(InsightsMood, DjLibraryBpmIsTempoWhereTheCsvHasNone) {
  P x{"2023-01-01T10:00:00Z", 120'000, "A", "x"};
  P y{"2023-01-02T10:00:00Z", 120'000, "A", "y"};
  PlayBatch b;
  b.file = "dj";
  b.format = "test";
  DjTrack facts;
  facts.item = {b.strings.Intern("y"), b.strings.Intern("A"), b.strings.Intern("Album"), kNoString};
  facts.facts.bpm_centi = 12400;
  b.dj_tracks.push_back(facts);
  auto log = testing::MakeLog({x, y}, std::move(b));
  Report r = Compute(log);
  EXPECT_EQ(r.mood.audio_source, "dj-library");
  ASSERT_EQ(r.mood.audio.size(), 1u);
  EXPECT_DOUBLE_EQ(r.mood.audio[0].coverage, 0.5);
  EXPECT_DOUBLE_EQ(*r.mood.audio[0].tempo, 124.0);
  EXPECT_FALSE(r.mood.audio[0].valence);  // a DJ library measures tempo, not valence
}

TEST(InsightsCrossPlatform, SourcesMonthlyPlaysAndUniqueArtists) {
  std::vector<P> plays;
  for (const char* m : {"01", "02", "03", "04"}) {
    plays.push_back({std::string("2023-") + m + "-01T10:00:00Z", 200'000, "Beyoncé", "Halo"});
    P scrobble{std::string("2023-") + m + "-05T10:00:00Z", 0, "Beyonce", "Single Ladies"};
    scrobble.source = Source::kLastfm;
    plays.push_back(scrobble);
  }
  P only_lastfm{"2023-04-09T10:00:00Z", 0, "Burial", "Archangel"};
  only_lastfm.source = Source::kLastfm;
  plays.push_back(only_lastfm);
  Report r = Compute(MakeLog(plays));
  ASSERT_TRUE(r.cross_platform);
  const CrossPlatform& x = *r.cross_platform;
  EXPECT_EQ(x.sources, (std::vector<std::string>{"spotify-extended", "lastfm"}));
  ASSERT_EQ(x.months.size(), 4u);
  EXPECT_EQ(x.months[3].plays, (std::vector<uint64_t>{1, 2}));
  ASSERT_EQ(x.unique_artists.size(), 2u);
  EXPECT_EQ(x.unique_artists[0].count, 0u);  // Beyoncé is on both, spelled two ways
  EXPECT_EQ(x.unique_artists[1].top, std::vector<std::string>{"Burial"});
  EXPECT_EQ(x.shared_plays, 0u);
  ASSERT_EQ(x.correlations.size(), 1u);
  EXPECT_FALSE(x.correlations[0].r);  // Spotify's series is constant: r is undefined
  // Tracks: Spotify's "Halo" and Last.fm's "Single Ladies", "Archangel": no match.
  ASSERT_EQ(x.track_matches.size(), 2u);
  EXPECT_EQ(x.track_matches[0].tracks, 1u);
  EXPECT_EQ(x.track_matches[0].matched, 0u);
  EXPECT_EQ(x.track_matches[1].tracks, 2u);
  ASSERT_EQ(x.track_matches[1].only_here.size(), 2u);
  EXPECT_EQ(x.track_matches[1].only_here[0].name, "Single Ladies");
  EXPECT_EQ(x.track_matches[1].only_here[0].count, 4u);
}

TEST(InsightsCrossPlatform, TracksMatchAcrossSpellings) {
  P spotify{"2023-01-01T10:00:00Z", 200'000, "Beyoncé", "Halo - Remastered 2011"};
  P scrobble{"2023-02-01T10:00:00Z", 0, "Beyonce", "Halo"};
  scrobble.source = Source::kLastfm;
  P apple{"2023-03-01T10:00:00Z", 200'000, "Burial", "Archangel"};
  apple.source = Source::kAppleMusic;
  Report r = Compute(MakeLog({spotify, scrobble, apple}));
  ASSERT_TRUE(r.cross_platform);
  const auto& m = r.cross_platform->track_matches;
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].source, "spotify-extended");
  EXPECT_EQ(m[0].matched, 1u);
  EXPECT_EQ(m[1].source, "apple-music");
  EXPECT_EQ(m[1].matched, 0u);
  EXPECT_EQ(m[1].only_here[0].name, "Archangel");
  EXPECT_EQ(m[2].source, "lastfm");
  EXPECT_EQ(m[2].matched, 1u);
  EXPECT_TRUE(m[2].only_here.empty());
}

TEST(InsightsDj, SetsHarmonicTransitionsAndTempoJumps) {
  // A Traktor set of three tracks (8A → 9A harmonic, 9A → 2B not; 124 → 126
  // BPM is a 1.6 % step, 126 → 140 an 11 % jump), then a set two hours later.
  std::vector<P> plays;
  for (auto [start, title] : {std::pair{"2023-05-01T22:00:00Z", "a"},
                              {"2023-05-01T22:05:00Z", "b"},
                              {"2023-05-01T22:10:00Z", "c"},
                              {"2023-05-02T01:00:00Z", "a"}}) {
    P p{start, 240'000, "DJ", title};
    p.source = Source::kTraktor;
    plays.push_back(p);
  }
  P listened{"2023-05-03T10:00:00Z", 200'000, "DJ", "b"};
  plays.push_back(listened);
  PlayBatch library;
  library.file = "collection.nml";
  library.format = "test";
  auto add = [&](const char* title, uint16_t bpm_centi, const char* camelot) {
    DjTrack t;
    t.item = {library.strings.Intern(title), library.strings.Intern("DJ"),
              library.strings.Intern("Album"), kNoString};
    t.facts.bpm_centi = bpm_centi;
    t.facts.key = key::ParseKeyText(camelot);
    library.dj_tracks.push_back(t);
  };
  add("a", 12400, "8A");
  add("b", 12600, "9A");
  add("c", 14000, "2B");
  Report r = Compute(testing::MakeLog(plays, std::move(library)));
  ASSERT_TRUE(r.dj);
  EXPECT_EQ(r.dj->plays, 4u);
  ASSERT_EQ(r.dj->sets.size(), 2u);
  const DjSet& set = r.dj->sets[0];
  EXPECT_EQ(set.plays, 3u);
  EXPECT_EQ(set.source, "traktor");
  EXPECT_EQ(set.keys, (std::vector<std::string>{"8A", "9A", "2B"}));
  EXPECT_DOUBLE_EQ(*set.bpm[2], 140.0);
  EXPECT_EQ(set.transitions, 2u);
  EXPECT_EQ(set.harmonic, 1u);
  EXPECT_EQ(set.tempo_jumps, 1u);
  EXPECT_EQ(r.dj->sets[1].transitions, 0u);
  ASSERT_FALSE(r.dj->played_out.empty());
  EXPECT_EQ(r.dj->played_out[0].name, "a");
  EXPECT_EQ(r.dj->played_out[0].count, 2u);
  ASSERT_EQ(r.dj->listened.size(), 1u);
  EXPECT_EQ(r.dj->listened[0].name, "b");
}

TEST(InsightsContext, UnknownZoneIsAnError) {
  auto log = MakeLog({{"2023-01-01T10:00:00Z"}});
  auto r = ComputeReport(log, {"Mars/Olympus", {}, nullptr});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Mars/Olympus"), std::string::npos);
}

}  // namespace
}  // namespace chorus::insights
