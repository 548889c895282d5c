// Contribution: built values on a hand-made log, canonical JSON round trips,
// strict parsing, merge rules, and MinHash behaviour on synthetic listeners.
#include "contribution/contribution.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "contribution/minhash.h"
#include "contribution/test_util.h"
#include "importer/import.h"
#include "synth/synth.h"

namespace chorus::contribution {
namespace {

using testing::CopyLog;
using testing::MakeLog;
using testing::P;
using testing::Utc;

history::PlayLog SmallLog() {
  return MakeLog({
      {"2024-01-31T23:00:00Z", 180'000, "A", "a1", Kind::kMusic, Tri::kFalse, Reason::kTrackDone},
      {"2024-01-31T23:03:00Z", 120'000, "B", "b1", Kind::kMusic, Tri::kTrue,
       Reason::kForwardButton},
      {"2024-01-31T23:05:00Z", 60'000, "A", "a2"},
      // 40 minutes later: a new session, so B → A is not counted again.
      {"2024-02-01T00:00:00Z", 600'000, "Show", "ep1", Kind::kPodcast},
      {"2024-02-01T00:10:00Z", 200'000, "B", "b1"},
  });
}

TEST(Contribution, BuildsMonthsArtistsTransitionsAndStats) {
  history::PlayLog log = SmallLog();
  Contribution c = BuildFromLog(log, {6, 1, 1}, {"bb", "aa", "bb"});
  EXPECT_EQ(c.records, 6u);
  EXPECT_EQ(c.rejected, 1u);
  EXPECT_EQ(c.account_digests, (std::vector<std::string>{"aa", "bb"}));
  ASSERT_EQ(c.months.size(), 2u);
  const MonthStats& jan = c.months[0];
  EXPECT_EQ(jan.month, "2024-01");
  EXPECT_EQ(jan.plays, 3u);
  EXPECT_EQ(jan.music, 3u);
  EXPECT_EQ(jan.streams, 3u);
  EXPECT_EQ(jan.ms_played, 360'000u);
  EXPECT_EQ(jan.skip_known, 2u);
  EXPECT_EQ(jan.skipped, 1u);
  EXPECT_EQ(jan.hours[23], 3u);
  EXPECT_EQ(jan.weekdays[2], 3u);  // 2024-01-31 was a Wednesday
  EXPECT_EQ(jan.reason_end[static_cast<size_t>(Reason::kTrackDone)], 1u);
  EXPECT_EQ(jan.reason_end[0], 1u);
  EXPECT_EQ(jan.max_play_ms, 180'000u);
  // 23:00–23:06 on the 31st: 360 s (the last play ends at 23:06).
  EXPECT_EQ(jan.max_day_ms, 360'000u);
  const MonthStats& feb = c.months[1];
  EXPECT_EQ(feb.month, "2024-02");
  EXPECT_EQ(feb.plays, 2u);
  EXPECT_EQ(feb.podcast, 1u);
  EXPECT_EQ(feb.weekdays[3], 2u);  // Thursday
  EXPECT_EQ(feb.overlapping, 0u);
  // Artists by minutes: B 320 s, A 240 s; the show is not an artist.
  ASSERT_EQ(c.artists_monthly.size(), 2u);
  EXPECT_EQ(c.artists_monthly[0].artist, "B");
  EXPECT_EQ(c.artists_monthly[0].months,
            (std::vector<ArtistMonth>{{"2024-01", 1, 2}, {"2024-02", 1, 3}}));
  EXPECT_EQ(c.artists_monthly[1].artist, "A");
  EXPECT_EQ(c.artists_monthly[1].months, (std::vector<ArtistMonth>{{"2024-01", 2, 4}}));
  // A → B, B → A in the first session; the second session has B alone.
  ASSERT_EQ(c.transitions.size(), 2u);
  EXPECT_EQ(c.transitions[0], (Transition{"A", "B", 1}));
  EXPECT_EQ(c.transitions[1], (Transition{"B", "A", 1}));
  EXPECT_EQ(c.sources, (std::vector<std::string>{"spotify-extended"}));
  EXPECT_EQ(c.fields, (std::vector<std::string>{"ms_played", "reason_end", "skipped"}));
  Summary s = Summarize(c);
  EXPECT_EQ(s.plays, 5u);
  ASSERT_TRUE(s.skip_rate().has_value());
  EXPECT_DOUBLE_EQ(*s.skip_rate(), 0.5);
}

TEST(Contribution, ThreeConcurrentPlaysAreOverlappingTwoAreNot) {
  history::PlayLog two = MakeLog(
      {{"2024-03-01T10:00:00Z", 600'000, "A", "x"}, {"2024-03-01T10:01:00Z", 600'000, "B", "y"}});
  EXPECT_EQ(BuildFromLog(two, {2, 0, 0}, {}).months[0].overlapping, 0u);
  history::PlayLog three = MakeLog({{"2024-03-01T10:00:00Z", 600'000, "A", "x"},
                                    {"2024-03-01T10:01:00Z", 600'000, "B", "y"},
                                    {"2024-03-01T10:02:00Z", 600'000, "C", "z"},
                                    {"2024-03-01T12:00:00Z", 60'000, "D", "w"}});
  EXPECT_EQ(BuildFromLog(three, {4, 0, 0}, {}).months[0].overlapping, 3u);
}

TEST(Contribution, CanonicalJsonRoundTrips) {
  Contribution c =
      BuildFromLog(SmallLog(), {6, 1, 1}, {std::string(64, 'a'), std::string(64, 'b')});
  std::string bytes = ToJson(c);
  auto back = FromJson(bytes);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back.value(), c);
  EXPECT_EQ(ToJson(back.value()), bytes);
  EXPECT_EQ(bytes.substr(0, 48), R"({"format":"chorus-contribution","version":2,"rec)");
}

TEST(Contribution, FromJsonIsStrictAndNamesTheField) {
  Contribution c = BuildFromLog(SmallLog(), {6, 1, 1}, {});
  const std::string good = ToJson(c);
  auto fails_with = [](std::string bytes, std::string_view needle) {
    auto r = FromJson(bytes);
    EXPECT_FALSE(r.ok()) << needle;
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
    }
  };
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string s = good;
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  fails_with(replaced("\"version\":2", "\"version\":3"), "version: 3 is not supported");
  fails_with(replaced("\"records\":6", "\"records\":\"6\""), "records: expected a whole number");
  fails_with(replaced("\"hours\":[0,", "\"hours\":["), "months[0].hours: expected 24 numbers");
  fails_with(replaced("\"plays\":3,", "\"plays\":4,"), "months[0]: music + podcast");
  fails_with(replaced("\"signature\":[", "\"signature\":[1,"), "signature: 129 entries");
  fails_with(replaced("\"tracks\"", "\"trax\""), "expected key \"tracks\"");
  fails_with("[1]", "expected a JSON object");
  fails_with(replaced("\"records\":6", "\"records\":6.0"), "records: expected a whole number");
  fails_with(good.substr(0, good.size() - 2), "not valid JSON");
  fails_with(" " + good, "canonical form");
  // Too many artists.
  Contribution big = c;
  big.artists_monthly.assign(kMaxArtists + 1, c.artists_monthly[0]);
  fails_with(ToJson(big), "artists_monthly: 201 entries, at most 200");
}

TEST(Contribution, VersionTwoAlignsEachArtistsPlaysAndMinutesWithTheMonths) {
  const std::string bytes = ToJson(BuildFromLog(SmallLog(), {6, 1, 1}, {}));
  EXPECT_NE(bytes.find(R"({"artist":"B","plays":[1,1],"minutes":[2,3]})"), std::string::npos);
  EXPECT_NE(bytes.find(R"({"artist":"A","plays":[2,0],"minutes":[4,0]})"), std::string::npos);
  auto fails_with = [&](std::string_view from, std::string_view to, std::string_view needle) {
    std::string s = bytes;
    s.replace(s.find(from), from.size(), to);
    auto r = FromJson(s);
    ASSERT_FALSE(r.ok()) << needle;
    EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
  };
  fails_with(R"("plays":[2,0],"minutes":[4,0])", R"("plays":[2,0],"minutes":[4,1])",
             "artists_monthly[1].minutes: [1] without plays");
  fails_with(R"("plays":[2,0])", R"("plays":[2])", "artists_monthly[1].plays: expected 2 numbers");
  fails_with(R"("plays":[2,0],"minutes":[4,0])", R"("plays":[0,0],"minutes":[0,0])",
             "artists_monthly[1]: a listed artist has plays");
  fails_with(R"("plays":[2,0])", R"("plays":[4,0])",
             "artists_monthly[1].plays: 4 in 2024-01, more than the month's 3");
  fails_with(R"("plays":[2,0],"minutes":[4,0])", R"("plays":[2,0],"minutes":[9,0])",
             "artists_monthly[1]: out of order (by minutes, then name)");
}

// Contributions written before version 2 (stored ones, `chorus contribute`
// files) stay readable, and keep their bytes until a merge rewrites them.
TEST(Contribution, VersionOneIsStillReadAndKeepsItsBytes) {
  Contribution c = BuildFromLog(SmallLog(), {6, 1, 1}, {});
  c.version = 1;
  const std::string v1 = ToJson(c);
  EXPECT_NE(v1.find(R"({"artist":"A","months":[{"month":"2024-01","plays":2,"minutes":4}]})"),
            std::string::npos);
  auto back = FromJson(v1);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back.value(), c);
  EXPECT_EQ(ToJson(back.value()), v1);
  std::string bad = v1;
  bad.replace(bad.find(R"("month":"2024-01","plays":2)"), 27, R"("month":"2024-13","plays":2)");
  auto r = FromJson(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("artists_monthly[1].months[0].month: expected"),
            std::string::npos)
      << r.status().message();
  std::string elsewhen = v1;
  elsewhen.replace(elsewhen.find(R"("month":"2024-01","plays":2)"), 27,
                   R"("month":"2024-03","plays":2)");
  auto r2 = FromJson(elsewhen);
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(
      r2.status().message().find("artists_monthly[1].months: 2024-03 is not one of the months"),
      std::string::npos)
      << r2.status().message();
  EXPECT_EQ(Merge(back.value(), back.value()).version, kFormatVersion);
}

// Regression: Build ranked artists by their milliseconds and Merge by their
// rounded minutes, so two artists with equal minutes swapped places and
// Merge(c, c) != c (found by the contribution fuzz target's first seed).
TEST(Contribution, BuildAndMergeRankArtistsWithEqualMinutesAlike) {
  history::PlayLog log = MakeLog({{"2024-01-05T10:03:00Z", 200'000, "Gamma", "g"},
                                  {"2024-01-05T10:06:00Z", 170'000, "Beta", "b"}});
  Contribution c = BuildFromLog(log, {2, 0, 0}, {});
  ASSERT_EQ(c.artists_monthly.size(), 2u);
  EXPECT_EQ(c.artists_monthly[0].artist, "Beta");  // 3 minutes each: by name
  EXPECT_EQ(c.artists_monthly[1].artist, "Gamma");
  EXPECT_EQ(Merge(c, c), c);
  EXPECT_TRUE(FromJson(ToJson(c)).ok());
}

TEST(Contribution, MergeWithItselfChangesNothing) {
  Contribution c = BuildFromLog(SmallLog(), {6, 1, 1}, {std::string(64, 'c')});
  EXPECT_EQ(ToJson(Merge(c, c)), ToJson(c));
  EXPECT_EQ(Merge(c, c), c);
}

// Synthetic listeners (same catalogue and taste clusters), imported.
class SynthListeners : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    namespace fs = std::filesystem;
    // ctest runs each test in its own process, two at a time: one folder
    // per process, or one test's set-up deletes the other's files.
    dir_ = fs::temp_directory_path() / ("chorus-contribution-test-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    synth::SynthOptions o;
    o.listeners = 2;
    o.years = 1;
    o.seed = 7;
    o.out_dir = dir_.string();
    ASSERT_TRUE(synth::WriteSynthetic(o).ok());
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static importer::ImportResult ImportListener(int n) {
    importer::ImportOptions o;
    o.paths = {(dir_ / (n == 1 ? "listener_0001" : "listener_0002")).string()};
    o.threads = 1;
    auto r = importer::Import(o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return std::move(r).value();
  }
  static std::filesystem::path dir_;
};
std::filesystem::path SynthListeners::dir_;

TEST_F(SynthListeners, MinHashSeesShiftedAndPartialCopiesButNotOtherListeners) {
  importer::ImportResult one = ImportListener(1), two = ImportListener(2);
  const Signature a = SignatureOf(one.log), b = SignatureOf(two.log);
  const double other = EstimateJaccard(a, b);
  EXPECT_LT(other, 0.03) << "another listener with the same catalogue";
  const Signature shifted =
      SignatureOf(CopyLog(one.log, 3 * 86'400'000 + 17'000, [](size_t) { return true; }));
  EXPECT_GE(EstimateJaccard(a, shifted), 0.97);
  uint64_t state = 42;
  const Signature dropped = SignatureOf(CopyLog(one.log, 0, [&](size_t) {
    state = Mix64(state + 1);
    return state % 10 >= 3;  // drop 30 %
  }));
  const double partial = EstimateJaccard(a, dropped);
  EXPECT_GT(partial, 0.35);
  EXPECT_LT(partial, 0.65);
  std::printf("jaccard: other listener %.3f, shifted %.3f, 30%% dropped %.3f\n", other,
              EstimateJaccard(a, shifted), partial);
  // Deterministic: the same log gives the same signature.
  EXPECT_EQ(SignatureOf(one.log), a);
}

TEST_F(SynthListeners, MergingDisjointHalvesApproximatesTheWhole) {
  importer::ImportResult one = ImportListener(1);
  auto whole = Build(one);
  ASSERT_TRUE(whole.ok());
  const int64_t mid = Utc("2025-07-01T00:00:00Z");
  auto first =
      CopyLog(one.log, 0, [&](size_t i) { return one.log.end_ms(i) - one.log.ms_played(i) < mid; });
  auto second = CopyLog(one.log, 0,
                        [&](size_t i) { return one.log.end_ms(i) - one.log.ms_played(i) >= mid; });
  Contribution a = BuildFromLog(first, {first.size(), 0, 0}, {});
  Contribution b = BuildFromLog(second, {second.size(), 0, 0}, {});
  Contribution merged = Merge(a, b);
  EXPECT_EQ(merged.months, whole->months);
  Summary sw = Summarize(whole.value()), sm = Summarize(merged);
  EXPECT_EQ(sm.plays, sw.plays);
  EXPECT_EQ(sm.ms_played, sw.ms_played);
  EXPECT_EQ(sm.hours, sw.hours);
  EXPECT_EQ(merged.first_end_ms, whole->first_end_ms);
  EXPECT_EQ(merged.last_end_ms, whole->last_end_ms);
  EXPECT_GE(EstimateJaccard(merged.signature, whole->signature), 0.95);
  // The top artist is the same, with the same months.
  ASSERT_FALSE(merged.artists_monthly.empty());
  EXPECT_EQ(merged.artists_monthly[0], whole->artists_monthly[0]);
  // Merging the later half again adds nothing.
  EXPECT_EQ(Merge(merged, b), merged);
  // JSON of the merge round-trips too.
  auto back = FromJson(ToJson(merged));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back.value(), merged);
}

}  // namespace
}  // namespace chorus::contribution
