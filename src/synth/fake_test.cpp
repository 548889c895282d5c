#include "synth/fake.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/time_util.h"
#include "synth/synth.h"
#include "synth/test_util.h"

namespace chorus::synth {
namespace {

using Row = RowReader::Row;

// Row fields by position (writer order: ts, username, platform, ms_played, ...).
constexpr size_t kTs = 0, kUser = 1, kMs = 3, kOfflineTs = 22;

SynthOptions FakeOptions(const std::string& dir, FakeKind kind, uint64_t seed = 11) {
  SynthOptions o;
  o.listeners = 1;
  o.years = 1;
  o.seed = seed;
  o.out_dir = dir;
  o.fake = kind;
  return o;
}

std::vector<Row> Write(const TempDir& dir, FakeKind kind) {
  auto result = WriteSynthetic(FakeOptions(dir.path(), kind));
  EXPECT_TRUE(result.ok()) << result.status().message();
  return AudioRows(dir.path(), 1);
}

// `ts` in epoch ms, or -1 when it is no timestamp string.
int64_t TsOf(const Row& row) {
  int64_t ts = 0;
  if (row[kTs].second.rfind("s:", 0) != 0 || !ParseIsoUtc(row[kTs].second.substr(2), &ts)) {
    return -1;
  }
  return ts;
}

int64_t MsOf(const Row& row) {
  return row[kMs].second.rfind("n:", 0) == 0 ? std::stoll(row[kMs].second.substr(2)) : -1;
}

// Share of rows in the 5 UTC hours of the day with the fewest rows.
double QuietestFiveHoursShare(const std::vector<Row>& rows) {
  std::array<double, 24> hours{};
  for (const Row& row : rows) hours[static_cast<size_t>(TsOf(row) % 86400000 / 3600000)] += 1;
  std::sort(hours.begin(), hours.end());
  return (hours[0] + hours[1] + hours[2] + hours[3] + hours[4]) / static_cast<double>(rows.size());
}

TEST(FakeTest, ParsesKindsAndRejectsOthersNamingThem) {
  EXPECT_EQ(ParseFakeKind("uniform").value(), FakeKind::kUniform);
  EXPECT_EQ(ParseFakeKind("time-shift").value(), FakeKind::kTimeShift);
  EXPECT_EQ(ParseFakeKind("drop-rows").value(), FakeKind::kDropRows);
  EXPECT_EQ(ParseFakeKind("overlapping").value(), FakeKind::kOverlapping);
  EXPECT_EQ(ParseFakeKind("junk").value(), FakeKind::kJunk);
  auto bad = ParseFakeKind("shifted");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidInput);
  EXPECT_NE(bad.status().message().find("uniform, time-shift, drop-rows, overlapping or junk"),
            std::string::npos);
  EXPECT_STREQ(FakeKindName(FakeKind::kTimeShift), "time-shift");
}

TEST(FakeTest, UniformSpreadsPlaysOverEveryHour) {
  TempDir genuine_dir, fake_dir;
  const std::vector<Row> genuine = Write(genuine_dir, FakeKind::kNone);
  const std::vector<Row> rows = Write(fake_dir, FakeKind::kUniform);
  ASSERT_GT(rows.size(), 12000u);
  for (const Row& row : rows) {
    ASSERT_GE(TsOf(row), 0);
    ASSERT_GT(MsOf(row), 0);
    ASSERT_EQ(row[kUser].second, "s:synth-11-1-uniform");
  }
  // 5/24 = 20.8 %; a person sleeps: the genuine history's quietest hours are near empty.
  EXPECT_NEAR(QuietestFiveHoursShare(rows), 5.0 / 24, 0.03);
  EXPECT_LT(QuietestFiveHoursShare(genuine), 0.05);
}

TEST(FakeTest, TimeShiftIsTheGenuineHistoryMovedByAConstant) {
  TempDir genuine_dir, fake_dir;
  const std::vector<Row> genuine = Write(genuine_dir, FakeKind::kNone);
  const std::vector<Row> rows = Write(fake_dir, FakeKind::kTimeShift);
  ASSERT_GT(genuine.size(), 5000u);
  ASSERT_EQ(rows.size(), genuine.size());
  const int64_t shift = 37 * 86400 + 3 * 3600 + 11 * 60;
  EXPECT_EQ(kFakeShiftMs, shift * 1000);
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(TsOf(rows[i]), TsOf(genuine[i]) + kFakeShiftMs) << i;
    EXPECT_EQ(genuine[i][kUser].second, "s:synth-11-1");
    EXPECT_EQ(rows[i][kUser].second, "s:synth-11-1-copy");
    for (size_t k = 0; k < rows[i].size(); ++k) {
      if (k == kTs || k == kUser) continue;
      if (k == kOfflineTs && rows[i][k].second != "null") {  // the stream start moves too
        ASSERT_EQ(std::stoll(rows[i][k].second.substr(2)),
                  std::stoll(genuine[i][k].second.substr(2)) + shift);
        continue;
      }
      ASSERT_EQ(rows[i][k], genuine[i][k]) << i << " " << rows[i][k].first;
    }
  }
}

TEST(FakeTest, DropRowsKeepsSeventyPercentOfTheGenuineRowsInOrder) {
  TempDir genuine_dir, fake_dir;
  std::vector<Row> genuine = Write(genuine_dir, FakeKind::kNone);
  const std::vector<Row> rows = Write(fake_dir, FakeKind::kDropRows);
  ASSERT_GT(genuine.size(), 5000u);
  const double expected = 0.7 * static_cast<double>(genuine.size());
  EXPECT_NEAR(static_cast<double>(rows.size()), expected, 0.01 * expected);
  EXPECT_EQ(rows.size(), (7 * genuine.size() + 5) / 10);
  // Every remaining row is an original row, renamed; in the original order.
  for (Row& row : genuine) row[kUser].second = "s:synth-11-1-copy";
  size_t g = 0;
  for (const Row& row : rows) {
    while (g < genuine.size() && genuine[g] != row) ++g;
    ASSERT_LT(g, genuine.size()) << "not an original row: " << row[kTs].second;
    ++g;
  }
}

TEST(FakeTest, OverlappingStreamsExceedADayOfListening) {
  TempDir dir;
  const std::vector<Row> rows = Write(dir, FakeKind::kOverlapping);
  ASSERT_GT(rows.size(), 10000u);
  std::vector<std::pair<int64_t, int>> events;  // (ms instant, +1 start / -1 end)
  std::map<int64_t, int64_t> ms_per_day;
  for (const Row& row : rows) {
    const int64_t end = TsOf(row), ms = MsOf(row);
    ASSERT_GE(end, 0);
    ASSERT_GT(ms, 60000);  // full-length tracks
    // ts drops the milliseconds: start a second late so a chain never overlaps itself.
    events.emplace_back(end - ms + 1000, 1);
    events.emplace_back(end, -1);
    ms_per_day[end / 86400000] += ms;
  }
  std::sort(events.begin(), events.end());  // ends before starts at the same instant
  int now = 0, most = 0;
  for (const auto& [t, delta] : events) most = std::max(most, now += delta);
  EXPECT_GE(most, 4);
  EXPECT_LE(most, 8);
  int64_t longest = 0;
  int superhuman = 0;
  for (const auto& [day, ms] : ms_per_day) {
    longest = std::max(longest, ms);
    superhuman += ms > 86400000 ? 1 : 0;
  }
  EXPECT_GT(longest, 86400000);
  EXPECT_GT(superhuman, 20);
}

TEST(FakeTest, JunkRowsBreakTheSchemaButStayJson) {
  TempDir dir;
  const std::vector<Row> rows = Write(dir, FakeKind::kJunk);  // empty if not valid JSON
  ASSERT_GT(rows.size(), 5000u);
  size_t wrong = 0, track_numbers = 0;
  for (const Row& row : rows) {
    ASSERT_EQ(row.size(), 24u);
    EXPECT_EQ(row[kTs].first, "ts");
    EXPECT_EQ(row[kMs].first, "ms_played");
    if (TsOf(row) < 0 || MsOf(row) < 0) ++wrong;
    if (row[6].second.rfind("n:", 0) == 0) ++track_numbers;
  }
  EXPECT_GE(wrong * 100, rows.size() * 80);
  EXPECT_LT(wrong, rows.size());  // a few rows stay valid
  EXPECT_GT(track_numbers, 0u);   // master_metadata_track_name holding a number
}

TEST(FakeTest, EveryKindIsDeterministicPerSeed) {
  for (FakeKind kind : {FakeKind::kUniform, FakeKind::kTimeShift, FakeKind::kDropRows,
                        FakeKind::kOverlapping, FakeKind::kJunk}) {
    TempDir a, b, c;
    ASSERT_TRUE(WriteSynthetic(FakeOptions(a.path(), kind)).ok());
    ASSERT_TRUE(WriteSynthetic(FakeOptions(b.path(), kind)).ok());
    ASSERT_TRUE(WriteSynthetic(FakeOptions(c.path(), kind, 12)).ok());
    const auto sa = Snapshot(a.path());
    EXPECT_FALSE(sa.empty());
    EXPECT_EQ(sa, Snapshot(b.path())) << FakeKindName(kind);
    EXPECT_NE(sa, Snapshot(c.path())) << FakeKindName(kind);
  }
}

}  // namespace
}  // namespace chorus::synth
