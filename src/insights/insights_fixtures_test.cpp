// Insights on a real export, with values computed independently in Python
// from the raw file by
//   python3 tests/oracle/report_facts.py
//       ../shared/fixtures/spotify/extended-legacy-endsong/endsong_1.json
// and cross-checks that the sections sum to the totals.
#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>

#include "history/totals.h"
#include "importer/import.h"
#include "insights/report.h"

namespace chorus::insights {
namespace {

const std::string kFolder = std::string(CHORUS_FIXTURES_DIR) + "/spotify/extended-legacy-endsong";

TEST(InsightsFixtures, LegacyEndsongFactsMatchAnIndependentCount) {
  if (!std::filesystem::is_directory(kFolder)) GTEST_SKIP() << "fixtures not found at " << kFolder;
  importer::ImportOptions options;
  options.paths = {kFolder};
  auto imported = importer::Import(options);
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  auto report = ComputeReport(imported->log, {"UTC", {}, nullptr});
  ASSERT_TRUE(report.ok());
  const Report& r = report.value();

  EXPECT_EQ(r.totals.plays, 2078u);
  EXPECT_EQ(r.totals.listening_days, 744u);
  EXPECT_EQ(r.sessions.count, 1054u);
  ASSERT_TRUE(r.streaks.longest_days);
  EXPECT_EQ(r.streaks.longest_days->days, 8u);
  ASSERT_GE(r.top[0].artists_by_minutes.size(), 3u);
  EXPECT_EQ(r.top[0].artists_by_minutes[0].name, "Drake");
  EXPECT_NEAR(r.top[0].artists_by_minutes[0].minutes, 27323746 / 60000.0, 1e-6);
  EXPECT_EQ(r.top[0].artists_by_minutes[1].name, "Peter Sandberg");
  EXPECT_EQ(r.top[0].artists_by_minutes[2].name, "Vince Guaraldi Trio");
  ASSERT_EQ(r.years.size(), 8u);
  EXPECT_EQ(r.years.front().key, 2014);
  EXPECT_EQ(r.years.back().key, 2021);

  // Sections agree with each other and with the importer's totals.
  history::Totals t = history::ComputeTotals(imported->log);
  EXPECT_EQ(r.totals.streams, t.streams);
  EXPECT_EQ(r.totals.tracks, t.tracks);
  EXPECT_EQ(r.totals.artists, t.artists);
  EXPECT_NEAR(r.totals.minutes, static_cast<double>(t.ms_played) / 60000.0, 1e-6);
  double year_minutes = 0, clock_minutes = 0;
  uint64_t year_streams = 0, session_plays = 0, hist = 0;
  for (const Period& y : r.years) {
    year_minutes += y.minutes;
    year_streams += y.streams;
  }
  for (const auto& row : r.clock.minutes)
    clock_minutes += std::accumulate(row.begin(), row.end(), 0.0);
  for (const auto& b : r.sessions.length_histogram) hist += b.count;
  session_plays =
      std::accumulate(r.sessions.start_hours.begin(), r.sessions.start_hours.end(), uint64_t{0});
  EXPECT_NEAR(year_minutes, r.totals.minutes, 1e-6);
  EXPECT_NEAR(clock_minutes, r.totals.minutes, 1e-6);
  EXPECT_EQ(year_streams, r.totals.streams);
  EXPECT_EQ(r.calendar.size(), r.totals.listening_days);
  EXPECT_EQ(hist, r.sessions.count);
  EXPECT_EQ(session_plays, r.sessions.count);
  EXPECT_EQ(r.cross_platform, std::nullopt);  // one source
}

}  // namespace
}  // namespace chorus::insights
