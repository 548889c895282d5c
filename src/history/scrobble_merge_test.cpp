// Rule 4 (DESIGN.md "Counting rules"): a Last.fm scrobble of a Spotify play
// is one play with two sources. Hand-built batches, answers by construction.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/dictionary.h"
#include "history/play_log.h"
#include "history/totals.h"

namespace chorus::history {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;  // 2023-11-14T22:13:20Z

struct Row {
  Source source;
  int64_t end_ms;
  uint32_t ms;
  std::string artist, title;
};

// One batch per source, through a Dictionary as the parsers make them.
DedupeStats Build(PlayLog& log, const std::vector<Row>& rows) {
  Dictionary dict;
  for (Source source : {Source::kSpotifyExtended, Source::kLastfm, Source::kAppleMusic}) {
    PlayBatch batch;
    for (const Row& r : rows) {
      if (r.source != source) continue;
      Play p;
      p.source = r.source;
      p.end_ms = r.end_ms;
      p.ms_played = r.ms;
      p.kind = Kind::kMusic;
      std::string uri = r.source == Source::kSpotifyExtended ? "spotify:track:" + r.title : "";
      p.local_item = dict.ItemFor(Kind::kMusic, r.title, r.artist, "", uri, &p.item);
      batch.plays.push_back(p);
      ++batch.records;
    }
    dict.ShipDelta(batch);
    log.Append(std::move(batch), 0);
  }
  return log.Finalize();
}

constexpr SourceMask kSpotifyBit = 1u << static_cast<unsigned>(Source::kSpotifyExtended);
constexpr SourceMask kLastfmBit = 1u << static_cast<unsigned>(Source::kLastfm);

TEST(ScrobbleMerge, ScrobbleWithinNinetySecondsOfTheStartIsThatPlay) {
  PlayLog log;
  // Spotify: ended at kT0 + 200 s after 200 s of play, so started at kT0.
  // The scrobble says it started 60 s later (clocks differ), other spelling.
  auto stats = Build(log, {{Source::kSpotifyExtended, kT0 + 200'000, 200'000, "Beyoncé", "Halo"},
                           {Source::kLastfm, kT0 + 60'000, 0, "BEYONCE", "Halo"}});
  EXPECT_EQ(stats.cross_source, 1u);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.source(0), Source::kSpotifyExtended);
  EXPECT_EQ(log.sources(0), kSpotifyBit | kLastfmBit);
  EXPECT_EQ(log.ms_played(0), 200'000u);
}

TEST(ScrobbleMerge, FeatAndRemasterSpellingsMatch) {
  PlayLog log;
  auto stats = Build(log, {{Source::kSpotifyExtended, kT0 + 180'000, 180'000, "Charli xcx",
                            "Guess (feat. Billie Eilish)"},
                           {Source::kLastfm, kT0 - 30'000, 0, "Charli XCX", "Guess"},
                           {Source::kSpotifyExtended, kT0 + 900'000, 200'000, "The Beatles",
                            "Let It Be - Remastered 2009"},
                           {Source::kLastfm, kT0 + 700'000, 0, "The Beatles", "Let It Be"}});
  EXPECT_EQ(stats.cross_source, 2u);
  EXPECT_EQ(log.size(), 2u);
}

TEST(ScrobbleMerge, OutsideTheWindowOrAnotherTrackStaysTwoPlays) {
  PlayLog log;
  auto stats = Build(log, {{Source::kSpotifyExtended, kT0 + 200'000, 200'000, "Band", "Song"},
                           {Source::kLastfm, kT0 + 91'000, 0, "Band", "Song"},  // 91 s late
                           {Source::kLastfm, kT0 + 10'000, 0, "Band", "Other Song"}});
  EXPECT_EQ(stats.cross_source, 0u);
  EXPECT_EQ(log.size(), 3u);
}

TEST(ScrobbleMerge, OneToOneClosestStartFirst) {
  PlayLog log;
  // Two Spotify plays of one track 3 minutes apart, two scrobbles of them,
  // and a third scrobble with no play left to match.
  auto stats = Build(log, {{Source::kSpotifyExtended, kT0 + 180'000, 180'000, "Band", "Song"},
                           {Source::kSpotifyExtended, kT0 + 360'000, 180'000, "Band", "Song"},
                           {Source::kLastfm, kT0 + 5'000, 0, "Band", "Song"},
                           {Source::kLastfm, kT0 + 185'000, 0, "Band", "Song"},
                           {Source::kLastfm, kT0 + 100'000, 0, "Band", "Song"}});
  EXPECT_EQ(stats.cross_source, 2u);
  EXPECT_EQ(log.size(), 3u);
  auto totals = ComputeTotals(log);
  EXPECT_EQ(totals.plays, 3u);
  EXPECT_EQ(stats.total(), 2u);
}

TEST(ScrobbleMerge, SkipBeforeTheScrobbledPlayIsNotItsTwin) {
  // Regression: a 5 s skip of a track, then the same track played in full;
  // the scrobble of the full play (stamped 26 s early) sat closer to the
  // skip's start, took it, and left the real play unmatched.
  PlayLog log;
  auto stats = Build(log, {{Source::kSpotifyExtended, kT0 + 55'000, 5'000, "Band", "Song"},
                           {Source::kSpotifyExtended, kT0 + 256'000, 200'000, "Band", "Song"},
                           {Source::kLastfm, kT0 + 30'000, 0, "Band", "Song"}});
  EXPECT_EQ(stats.cross_source, 1u);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log.ms_played(0), 5'000u);
  EXPECT_EQ(log.sources(0), kSpotifyBit);
  EXPECT_EQ(log.ms_played(1), 200'000u);
  EXPECT_EQ(log.sources(1), kSpotifyBit | kLastfmBit);
}

TEST(ScrobbleMerge, OtherSourcesAreNotScrobbles) {
  PlayLog log;
  // Apple Music and Spotify plays of one track at one time are two plays.
  auto stats = Build(log, {{Source::kSpotifyExtended, kT0 + 200'000, 200'000, "Band", "Song"},
                           {Source::kAppleMusic, kT0 + 200'000, 200'000, "Band", "Song"}});
  EXPECT_EQ(stats.cross_source, 0u);
  EXPECT_EQ(log.size(), 2u);
}

}  // namespace
}  // namespace chorus::history
