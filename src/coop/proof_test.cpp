// Proof of contribution: every real fixture passes the authenticity checks,
// fabricated histories fail with a readable reason, the quality score
// follows docs/quality-score.md, and AccountKey matches a test vector.
#include "coop/proof.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "contribution/test_util.h"
#include "importer/import.h"

namespace chorus::coop {
namespace {

using contribution::Contribution;
using contribution::testing::MakeLog;
using contribution::testing::P;

const std::string kFixtures = CHORUS_FIXTURES_DIR;
const int64_t kNow = contribution::testing::Utc("2026-11-23T00:00:00Z");

const Check* Find(const std::vector<Check>& checks, std::string_view id) {
  for (const auto& c : checks)
    if (c.id == id) return &c;
  return nullptr;
}

std::string Describe(const std::vector<Check>& checks) {
  std::string out;
  for (const auto& c : checks) out += c.id + (c.passed ? " ok: " : " FAIL: ") + c.reason + "\n";
  return out;
}

Contribution FromPaths(const std::vector<std::string>& paths) {
  importer::ImportOptions o;
  o.paths = paths;
  auto r = importer::Import(o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return {};
  return contribution::Build(r.value()).value();
}

TEST(Proof, EveryRealFixturePasses) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(kFixtures + "/spotify")) GTEST_SKIP() << "fixtures not found";
  std::vector<std::string> inputs;
  for (const char* dir : {"spotify", "apple", "lastfm", "youtube"}) {
    for (const auto& e : fs::directory_iterator(kFixtures + "/" + dir)) {
      if (e.is_directory()) inputs.push_back(e.path().string());
    }
  }
  // DJ exports that hold a play history (collections alone hold none).
  for (const char* f :
       {"dj/traktor/history_2022y07m17d_20h06m38s.nml", "dj/traktor/nmlutils_fixture_history.nml",
        "dj/serato", "dj/mixxx/schema26_alyptik", "dj/mixxx/schema39_fuerzas", "dj"})
    inputs.push_back(kFixtures + "/" + f);
  std::sort(inputs.begin(), inputs.end());
  for (const std::string& path : inputs) {
    Contribution c = FromPaths({path});
    auto checks = CheckAuthenticity(c, kNow);
    const auto s = contribution::Summarize(c);
    std::printf("%-70s plays %6llu overlap %.4f max-day %.1f h quality %.3f\n",
                path.substr(kFixtures.size()).c_str(), static_cast<unsigned long long>(s.plays),
                s.overlap_share(), static_cast<double>(s.max_day_ms) / 3.6e6,
                ScoreQuality(c).score);
    // Every real export passes, the 11–13-play samples (Apple's small
    // samples, a video-only endvideo.json) included.
    EXPECT_TRUE(AllPassed(checks)) << path << "\n" << Describe(checks);
  }
}

TEST(Proof, VolumeNeedsTenPlays) {
  // Nine plays an hour apart fail volume with its reason; ten pass it.
  std::vector<P> plays;
  for (int i = 0; i < 10; ++i)
    plays.push_back(
        {fmt::format("2024-03-01T{:02}:00:00Z", 8 + i), 180'000, "A", fmt::format("t{}", i)});
  std::vector<P> nine(plays.begin(), plays.begin() + 9);
  auto few = CheckAuthenticity(contribution::BuildFromLog(MakeLog(nine), {9, 0, 0}, {}), kNow);
  ASSERT_NE(Find(few, "volume"), nullptr);
  EXPECT_FALSE(Find(few, "volume")->passed);
  EXPECT_EQ(Find(few, "volume")->reason, "9 plays: not enough to judge (at least 10 needed)");
  auto ten = CheckAuthenticity(contribution::BuildFromLog(MakeLog(plays), {10, 0, 0}, {}), kNow);
  EXPECT_TRUE(Find(ten, "volume")->passed);
  EXPECT_EQ(Find(ten, "volume")->reason, "10 plays (at least 10 needed)");
}

TEST(Proof, FabricatedHistoriesFailWithAReason) {
  // Round-the-clock plays at random hours: no sleep.
  std::vector<P> uniform;
  for (int i = 0; i < 24 * 10; ++i)
    uniform.push_back(
        {fmt::format("2024-03-{:02}T{:02}:{:02}:00Z", 1 + i / 24, i % 24, (i * 7) % 50), 180'000,
         fmt::format("A{}", i % 9), fmt::format("t{}", i)});
  Contribution c = contribution::BuildFromLog(MakeLog(uniform), {240, 0, 0}, {});
  auto checks = CheckAuthenticity(c, kNow);
  const Check* rhythm = Find(checks, "daily-rhythm");
  ASSERT_NE(rhythm, nullptr);
  EXPECT_FALSE(rhythm->passed);
  EXPECT_NE(rhythm->reason.find("listening is spread evenly over all 24 hours"), std::string::npos);
  EXPECT_TRUE(Find(checks, "human-pace")->passed);

  // Three streams at once for three hours, 20 s apart (plays ending at the
  // very same instant are a sync burst and are not timed).
  std::vector<P> stacked;
  for (int i = 0; i < 60; ++i)
    for (int d = 0; d < 3; ++d)
      stacked.push_back(
          {fmt::format("2024-03-01T{:02}:{:02}:{:02}Z", 8 + i / 20, (i % 20) * 3, d * 20), 180'000,
           "A", fmt::format("t{}-{}", i, d)});
  auto pace =
      CheckAuthenticity(contribution::BuildFromLog(MakeLog(stacked), {180, 0, 0}, {}), kNow);
  EXPECT_FALSE(Find(pace, "human-pace")->passed);
  EXPECT_NE(Find(pace, "human-pace")->reason.find("plays overlap: 100.0% of plays"),
            std::string::npos)
      << Find(pace, "human-pace")->reason;

  // Mostly malformed records, and too few plays.
  Contribution bad =
      contribution::BuildFromLog(MakeLog({{"2024-03-01T10:00:00Z"}}), {10, 9, 1}, {});
  auto b = CheckAuthenticity(bad, kNow);
  EXPECT_EQ(Find(b, "schema")->reason,
            "8 of 10 records do not follow the export's format (fields missing or of the wrong "
            "type); at most 20.0% may");
  EXPECT_FALSE(Find(b, "volume")->passed);
  // Plays in the future.
  Contribution future =
      contribution::BuildFromLog(MakeLog({{"2030-01-01T10:00:00Z"}}), {1, 0, 0}, {});
  EXPECT_FALSE(Find(CheckAuthenticity(future, kNow), "timestamps")->passed);
}

TEST(Proof, QualityFollowsThePublishedFormula) {
  Contribution c;
  c.artists = 250;
  c.fields = {"ms_played", "album", "uri", "skipped"};
  for (int m = 1; m <= 6; ++m) {
    contribution::MonthStats s;
    s.month = fmt::format("2024-{:02}", m);
    s.plays = s.music = 1666 + (m == 1 ? 4 : 0);  // 10,000 plays
    s.hours[0] = s.plays;
    s.weekdays[0] = s.plays;
    s.reason_end[0] = s.plays;
    c.months.push_back(s);
  }
  // Two artists with equal minutes: entropy ln 2.
  c.artists_monthly = {{"A", {{"2024-01", 10, 100}}}, {"B", {{"2024-02", 10, 100}}}};
  Quality q = ScoreQuality(c);
  ASSERT_EQ(q.components.size(), 4u);
  EXPECT_EQ(q.components[0].name, "months");
  EXPECT_DOUBLE_EQ(q.components[0].value, 0.25);  // 6 / 24
  EXPECT_DOUBLE_EQ(q.components[1].value, std::log10(10001.0) / 5);
  EXPECT_DOUBLE_EQ(q.components[2].value, 0.5 * 0.5 + 0.5 * std::log(2.0) / std::log(200.0));
  EXPECT_DOUBLE_EQ(q.components[3].value, 4.0 / 11);
  const double expected = 0.30 * 0.25 + 0.30 * std::log10(10001.0) / 5 +
                          0.25 * (0.25 + 0.5 * std::log(2.0) / std::log(200.0)) + 0.15 * 4.0 / 11;
  EXPECT_DOUBLE_EQ(q.score, expected);
  EXPECT_NEAR(q.score, 0.4484, 1e-4);
  const std::string json = ChecksJson({{"volume", true, "ok"}}, q);
  EXPECT_NE(json.find(R"("checks":[{"id":"volume","passed":true,"reason":"ok"}],"passed":true)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("score":0.4484)"), std::string::npos) << json;
}

TEST(Proof, AccountKeyIsHmacSha256) {
  // echo -n DIGEST | openssl dgst -sha256 -hmac "co-op secret"
  EXPECT_EQ(AccountKey("co-op secret",
                       "b3f0d628e5c44ddefdafcfbce4512391f1cd5753e5f74fe40e08d884dba3cd96"),
            "08832cdef8c56a6c94938366a6dab7816c0d07210a705da71491e9f9a162d260");
  EXPECT_NE(AccountKey("other secret", "x"), AccountKey("co-op secret", "x"));
}

}  // namespace
}  // namespace chorus::coop
