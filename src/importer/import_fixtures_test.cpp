// Every Spotify export in ../shared/fixtures imported with its counts
// asserted. The expected numbers were computed independently of this code by
// the Python oracle, one folder per import:
//   python3 tests/oracle/spotify_counts.py ../shared/fixtures/spotify/FOLDER
// (the oracle reads the JSON with Python's json module and applies the
// counting rules written out in its header).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/time_util.h"
#include "importer/import.h"

namespace chorus::importer {
namespace {

const std::string kSpotify = std::string(CHORUS_FIXTURES_DIR) + "/spotify";

struct Expected {
  const char* folder;
  uint64_t records, plays, music, podcast, audiobook, streams, duplicates, rejected;
  const char* first_end;
  const char* last_end;
  uint64_t ms_played, tracks, artists;
  uint64_t same_item, overlap, account_merged, account_merged_by_minute_ms;
};

// clang-format off
const Expected kExpected[] = {
  {"account-2019-streaminghistory", 2623, 2623, 2623, 0, 0, 1265, 0, 0,
   "2018-11-15T19:04:00Z", "2019-02-09T01:14:00Z", 274425658, 1521, 181, 0, 0, 0, 0},
  {"account-2022-mydata-zip", 10298, 10298, 10298, 0, 0, 6732, 0, 0,
   "2021-04-09T15:37:00Z", "2022-04-02T23:52:00Z", 1316171424, 4831, 2202, 0, 0, 0, 0},
  {"account-2024-2025-same-listener-zips", 19963, 19654, 19427, 227, 0, 16081, 309, 0,
   "2023-07-15T00:16:00Z", "2025-12-03T20:19:00Z", 3470354724, 6764, 1317, 0, 309, 0, 0},
  {"account-2024-podcast-audiobook", 16458, 16458, 15850, 597, 11, 12929, 0, 0,
   "2023-10-02T23:43:00Z", "2024-10-03T20:14:00Z", 2416529160, 4982, 2481, 0, 0, 0, 0},
  {"extended-2024-ipaddr-plus-account", 57631, 41934, 41754, 180, 0, 34294, 15697, 0,
   "2020-07-26T09:39:37Z", "2024-11-24T22:59:01Z", 5570554509, 9088, 4089, 33, 0, 15664, 67},
  {"extended-2024-username", 1293, 1256, 1247, 9, 0, 911, 36, 1,
   "2024-05-27T16:13:10Z", "2024-07-03T23:40:28Z", 171615818, 346, 68, 36, 0, 0, 0},
  {"extended-2025-audiobooks-zip", 36357, 35997, 35135, 853, 9, 24286, 360, 0,
   "2014-10-07T14:28:39Z", "2025-08-31T04:49:33Z", 5696892590, 10370, 4494, 360, 0, 0, 0},
  {"extended-2026-year-file", 2476, 2475, 2469, 6, 0, 1700, 1, 0,
   "2025-12-22T16:56:34Z", "2026-04-02T22:55:05Z", 395928233, 987, 325, 1, 0, 0, 0},
  {"extended-legacy-endsong", 2080, 2078, 2078, 0, 0, 1600, 1, 1,
   "2014-05-25T05:43:44Z", "2021-09-22T20:21:44Z", 322518162, 1374, 609, 1, 0, 0, 0},
  {"extended-legacy-endvideo", 11, 11, 0, 11, 0, 0, 0, 0,
   "2021-12-02T22:38:38Z", "2021-12-28T02:33:47Z", 112127, 0, 0, 0, 0, 0, 0},
};
// clang-format on

// Names the export in test output instead of dumping the struct's bytes.
void PrintTo(const Expected& e, std::ostream* os) { *os << e.folder; }

bool FixturesPresent() { return std::filesystem::is_directory(kSpotify); }

class SpotifyFixture : public ::testing::TestWithParam<Expected> {};

TEST_P(SpotifyFixture, ImportsWithIndependentlyComputedCounts) {
  if (!FixturesPresent()) GTEST_SKIP() << "fixtures not found at " << kSpotify;
  const Expected& e = GetParam();
  for (unsigned threads : {1u, 2u}) {
    ImportOptions options;
    options.paths = {kSpotify + "/" + e.folder};
    options.threads = threads;
    auto r = Import(options);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->records, e.records);
    EXPECT_EQ(r->totals.plays, e.plays);
    EXPECT_EQ(r->totals.music, e.music);
    EXPECT_EQ(r->totals.podcast, e.podcast);
    EXPECT_EQ(r->totals.audiobook, e.audiobook);
    EXPECT_EQ(r->totals.streams, e.streams);
    EXPECT_EQ(r->dedupe.total(), e.duplicates);
    EXPECT_EQ(r->dedupe.same_item, e.same_item);
    EXPECT_EQ(r->dedupe.overlap, e.overlap);
    EXPECT_EQ(r->dedupe.account_merged, e.account_merged);
    EXPECT_EQ(r->dedupe.account_merged_by_minute_ms, e.account_merged_by_minute_ms);
    EXPECT_EQ(r->rejected, e.rejected);
    // Every reject in the real fixtures is an all-null row: zero unexplained.
    EXPECT_EQ(r->rejected_no_item, e.rejected);
    EXPECT_EQ(FormatIsoUtc(r->totals.first_end_ms), e.first_end);
    EXPECT_EQ(FormatIsoUtc(r->totals.last_end_ms), e.last_end);
    EXPECT_EQ(r->totals.ms_played, e.ms_played);
    EXPECT_EQ(r->totals.tracks, e.tracks);
    EXPECT_EQ(r->totals.artists, e.artists);
    EXPECT_EQ(r->records, r->totals.plays + r->dedupe.total() + r->rejected);
  }
}

INSTANTIATE_TEST_SUITE_P(AllExports, SpotifyFixture, ::testing::ValuesIn(kExpected),
                         [](const ::testing::TestParamInfo<Expected>& param_info) {
                           std::string name = param_info.param.folder;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

TEST(SpotifyFixtures, AllExportsAtOnceAddUpWithoutCrossListenerMerges) {
  if (!FixturesPresent()) GTEST_SKIP() << "fixtures not found at " << kSpotify;
  // python3 tests/oracle/spotify_counts.py ../shared/fixtures/spotify/*/
  ImportOptions options;
  for (const Expected& e : kExpected) options.paths.push_back(kSpotify + "/" + e.folder);
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->records, 149190u);
  EXPECT_EQ(r->totals.plays, 132784u);
  EXPECT_EQ(r->dedupe.total(), 16404u);
  EXPECT_EQ(r->totals.tracks, 37023u);
  EXPECT_EQ(r->totals.artists, 12566u);
  EXPECT_EQ(r->totals.ms_played, 19635102405u);
}

TEST(SpotifyFixtures, TwoOverlappingAccountZipsAsSeparateArguments) {
  if (!FixturesPresent()) GTEST_SKIP() << "fixtures not found at " << kSpotify;
  const std::string dir = kSpotify + "/account-2024-2025-same-listener-zips/";
  ImportOptions options;
  options.paths = {dir + "spotify_account_data_2024.zip", dir + "my_spotify_data.zip"};
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->totals.plays, 19654u);
  EXPECT_EQ(r->dedupe.overlap, 309u);
  // Importing the same export twice adds nothing.
  options.paths.push_back(dir + "my_spotify_data.zip");
  auto twice = Import(options);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->totals.plays, 19654u);
}

TEST(SpotifyFixtures, DetectsEveryGenerationAndIgnoresNonHistoryMembers) {
  if (!FixturesPresent()) GTEST_SKIP() << "fixtures not found at " << kSpotify;
  ImportOptions options;
  options.paths = {kSpotify};
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::map<std::string, int> formats;
  for (const auto& f : r->files) ++formats[f.format];
  // grep -c over SOURCES.tsv kinds, and the keys of each file's first row.
  EXPECT_EQ(formats["spotify-extended-v1"], 4);  // endsong_1, endvideo, 2024 Audio+Video
  EXPECT_EQ(formats["spotify-extended-v2"], 4);  // my_spotify_data_2.zip members
  EXPECT_EQ(formats["spotify-extended-v3"], 5);  // 2025 zip (4) + 2026 year file
  // grep -cE 'StreamingHistory(_music_[0-9]|[0-9]*\.json)' SOURCES.tsv → 10
  EXPECT_EQ(formats["spotify-account-music"], 10);
  EXPECT_EQ(formats["spotify-account-podcast"], 4);
  EXPECT_EQ(formats["spotify-account-audiobook"], 1);
  // Wrapped2023.json, Wrapped2024.json.json, Follow.json, and the folder's
  // README.md and SOURCES.tsv (text, so the parsers look, and pass).
  EXPECT_EQ(formats["ignored"], 5);
}

}  // namespace
}  // namespace chorus::importer

namespace chorus::importer {
namespace {

// Two extended exports of one listener that overlap (an older one holding
// only the Audio file, a newer one holding Audio and Video) import as the
// newer one alone: every shared row is a same_item duplicate.
TEST(SpotifyFixtures, OverlappingExtendedExportsCountEachPlayOnce) {
  if (!FixturesPresent()) GTEST_SKIP() << "fixtures not found at " << kSpotify;
  namespace fs = std::filesystem;
  const fs::path src =
      fs::path(kSpotify) / "extended-2024-username" / "Spotify Extended Streaming History";
  const fs::path tmp = fs::temp_directory_path() / "chorus-overlap-test";
  fs::remove_all(tmp);
  fs::create_directories(tmp / "old");
  fs::create_directories(tmp / "new");
  fs::copy_file(src / "Streaming_History_Audio_2024.json", tmp / "old" / "a.json");
  fs::copy(src, tmp / "new");
  ImportOptions both;
  both.paths = {(tmp / "old").string(), (tmp / "new").string()};
  auto r = Import(both);
  ASSERT_TRUE(r.ok()) << r.status().message();
  // Same numbers as the folder alone (kExpected: 1256 plays, 36 same_item),
  // plus the old export's 1264 rows, all duplicates.
  EXPECT_EQ(r->records, 1293u + 1264u);
  EXPECT_EQ(r->totals.plays, 1256u);
  EXPECT_EQ(r->dedupe.same_item, 36u + 1264u);
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace chorus::importer

namespace chorus::importer {
namespace {

// Whole-folder imports of the other platforms, through format detection.
// Expected values are sums of the per-file counts the Python oracles in
// src/formats/lastfm_test.cpp and youtube_test.cpp computed independently.
TEST(OtherPlatformFixtures, LastfmAndYouTubeFoldersImportThroughDetection) {
  const std::string root = std::string(CHORUS_FIXTURES_DIR);
  if (!std::filesystem::is_directory(root + "/lastfm") ||
      !std::filesystem::is_directory(root + "/youtube"))
    GTEST_SKIP() << "fixtures not found at " << root;
  ImportOptions lastfm;
  lastfm.paths = {root + "/lastfm"};
  auto l = Import(lastfm);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->records, 11622u + 101u);
  EXPECT_EQ(l->totals.plays, 11622u + 100u);
  EXPECT_EQ(l->rejected, 1u);  // the now-playing row
  EXPECT_EQ(l->rejected_no_item, 1u);
  EXPECT_EQ(l->totals.streams, l->totals.plays);  // every scrobble is a stream
  EXPECT_EQ(FormatIsoUtc(l->totals.first_end_ms), "2024-01-12T08:22:44Z");
  EXPECT_EQ(FormatIsoUtc(l->totals.last_end_ms), "2025-02-27T21:51:56Z");

  ImportOptions youtube;
  youtube.paths = {root + "/youtube"};
  auto y = Import(youtube);
  ASSERT_TRUE(y.ok()) << y.status().message();
  EXPECT_EQ(y->records, 4780u + 7344u + 1791u);
  EXPECT_EQ(y->totals.plays, 1078u + 60u + 126u);
  EXPECT_EQ(y->rejected, y->rejected_no_item);  // every reject is a non-music row
  EXPECT_EQ(y->totals.ms_played, 0u);           // Takeout has no durations
  EXPECT_EQ(FormatIsoUtc(y->totals.first_end_ms), "2021-02-08T02:42:22.166Z");
  EXPECT_EQ(FormatIsoUtc(y->totals.last_end_ms), "2025-10-10T23:21:03Z");
}

}  // namespace
}  // namespace chorus::importer

namespace chorus::importer {
namespace {

// An Apple export folder holds Play Activity and its two summaries (Daily
// Tracks, Recently Played): the summaries give way to Play Activity (history
// rule 0). Per-file counts from the oracle in src/formats/apple_music_test.cpp:
// Play Activity 17 rows / 11 plays, Daily Tracks 128 / 100, Recently Played 40 / 40.
TEST(OtherPlatformFixtures, AppleSummariesGiveWayToPlayActivity) {
  const std::string folder =
      std::string(CHORUS_FIXTURES_DIR) + "/apple/new-schema-118col-daily-recent";
  if (!std::filesystem::is_directory(folder)) GTEST_SKIP() << "fixtures not found at " << folder;
  ImportOptions options;
  options.paths = {folder};
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->records, 17u + 128u + 40u);
  EXPECT_EQ(r->totals.plays, 11u);
  EXPECT_EQ(r->dedupe.superseded, 100u + 40u);
  EXPECT_EQ(r->rejected, r->rejected_no_item);
  EXPECT_EQ(r->records, r->totals.plays + r->dedupe.total() + r->rejected);
  // Without Play Activity the summaries are the history.
  options.paths = {folder + "/Apple Music - Recently Played Tracks.csv"};
  auto recent = Import(options);
  ASSERT_TRUE(recent.ok()) << recent.status().message();
  EXPECT_EQ(recent->totals.plays, 40u);
  EXPECT_EQ(recent->dedupe.superseded, 0u);
}

}  // namespace
}  // namespace chorus::importer

namespace chorus::importer {
namespace {

// Spotify's v1 extended rows name the account: the import carries only the
// digest (echo -n "chorus-account-v1:spotify:listenerN" | sha256sum), and the
// scrubbed name itself reaches no field of the result.
TEST(SpotifyFixtures, AccountDigestsWithoutTheUserName) {
  if (!FixturesPresent()) GTEST_SKIP() << "fixtures not found at " << kSpotify;
  ImportOptions options;
  options.paths = {kSpotify};
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  // listener1 (endsong), listener3 (2024 username export), listener2 (endvideo), sorted.
  const std::vector<std::string> expected = {
      "b3f0d628e5c44ddefdafcfbce4512391f1cd5753e5f74fe40e08d884dba3cd96",  // listener1
      "3f7b588e741d7cdb7451d9ccfb025be092c1105b00303e5b88502ec6c7541780",  // listener2
      "b016b0206e9b66d9949c7c8f5ae1f186078028d149d1b900f24d3d2ca2d01e6c",  // listener3
  };
  std::vector<std::string> sorted = expected;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(r->account_digests, sorted);
  // No string anywhere in the result holds the name.
  const StringPool& pool = r->log.strings();
  for (size_t i = 0; i < pool.size(); ++i)
    EXPECT_EQ(pool.View(static_cast<StrId>(i)).find("listener"), std::string::npos);
  for (const auto& f : r->files) EXPECT_EQ(f.format.find("listener"), std::string::npos);
  for (const auto& x : r->first_rejections) {
    EXPECT_EQ(x.reason.find("listener"), std::string::npos);
    EXPECT_EQ(x.field.find("listener"), std::string::npos);
  }
  for (const auto& d : r->account_digests) EXPECT_EQ(d.find("listener"), std::string::npos);
}

}  // namespace
}  // namespace chorus::importer
