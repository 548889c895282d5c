#include "synth/synth.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/time_util.h"
#include "synth/test_util.h"

namespace chorus::synth {
namespace {

constexpr const char* kKeys[] = {"ts",
                                 "username",
                                 "platform",
                                 "ms_played",
                                 "conn_country",
                                 "ip_addr",
                                 "master_metadata_track_name",
                                 "master_metadata_album_artist_name",
                                 "master_metadata_album_album_name",
                                 "spotify_track_uri",
                                 "episode_name",
                                 "episode_show_name",
                                 "spotify_episode_uri",
                                 "audiobook_title",
                                 "audiobook_uri",
                                 "audiobook_chapter_uri",
                                 "audiobook_chapter_title",
                                 "reason_start",
                                 "reason_end",
                                 "shuffle",
                                 "skipped",
                                 "offline",
                                 "offline_timestamp",
                                 "incognito_mode"};

SynthOptions SmallOptions(const std::string& dir, uint64_t seed) {
  SynthOptions o;
  o.listeners = 2;
  o.years = 1;
  o.seed = seed;
  o.out_dir = dir;
  o.split_bytes = 200000;
  return o;
}

TEST(SynthTest, RejectsBadOptions) {
  TempDir dir;
  SynthOptions o = SmallOptions(dir.path(), 1);
  o.listeners = 0;
  EXPECT_EQ(WriteSynthetic(o).status().code(), Code::kInvalidInput);
  o = SmallOptions(dir.path(), 1);
  o.years = 0;
  EXPECT_EQ(WriteSynthetic(o).status().code(), Code::kInvalidInput);
  o = SmallOptions("", 1);
  EXPECT_EQ(WriteSynthetic(o).status().code(), Code::kInvalidInput);
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(SynthTest, SameSeedSameBytesOtherSeedOtherBytes) {
  TempDir a, b, c;
  ASSERT_TRUE(WriteSynthetic(SmallOptions(a.path(), 7)).ok());
  ASSERT_TRUE(WriteSynthetic(SmallOptions(b.path(), 7)).ok());
  ASSERT_TRUE(WriteSynthetic(SmallOptions(c.path(), 8)).ok());
  const auto sa = Snapshot(a.path()), sb = Snapshot(b.path()), sc = Snapshot(c.path());
  EXPECT_FALSE(sa.empty());
  EXPECT_EQ(sa, sb);
  for (const auto& [name, bytes] : sa) {
    auto it = sc.find(name);
    if (it != sc.end()) {
      EXPECT_NE(it->second, bytes) << name;
    }
  }
  // Listener 1 does not depend on how many listeners are generated.
  TempDir d;
  SynthOptions one = SmallOptions(d.path(), 7);
  one.listeners = 1;
  ASSERT_TRUE(WriteSynthetic(one).ok());
  for (const auto& [name, bytes] : Snapshot(d.path())) EXPECT_EQ(sa.at(name), bytes) << name;
}

TEST(SynthTest, FilesAreSplitSortedAndWellFormed) {
  TempDir dir;
  SynthOptions o = SmallOptions(dir.path(), 3);
  o.years = 2;
  auto result = WriteSynthetic(o);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->listeners, 2u);
  EXPECT_EQ(result->files, result->paths.size());

  int64_t begin = 0, end = 0;
  ASSERT_TRUE(ParseIsoUtc("2024-01-01T00:00:00Z", &begin));
  ASSERT_TRUE(ParseIsoUtc("2026-01-01T00:00:00Z", &end));
  uint64_t rows_total = 0, bytes_total = 0;
  for (int listener = 1; listener <= 2; ++listener) {
    const fs::path history = fs::path(dir.path()) /
                             (listener == 1 ? "listener_0001" : "listener_0002") /
                             "Spotify Extended Streaming History";
    std::vector<std::string> audio;
    int video = 0;
    for (const auto& e : fs::directory_iterator(history)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("Streaming_History_Audio_", 0) == 0) audio.push_back(name);
      if (name.rfind("Streaming_History_Video_", 0) == 0) ++video;
    }
    EXPECT_EQ(video, 1);
    ASSERT_GT(audio.size(), 5u);
    int64_t last_ts = 0;
    uint64_t music = 0, skipped = 0, podcast = 0;
    for (size_t n = 0; n < audio.size(); ++n) {
      // Names are consecutive: find the file with index n.
      const std::string suffix = "_" + std::to_string(n) + ".json";
      auto it = std::find_if(audio.begin(), audio.end(), [&](const std::string& s) {
        return s.size() > suffix.size() &&
               s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
      });
      ASSERT_NE(it, audio.end()) << "missing Audio file index " << n;
      const std::string bytes = ReadAll(history / *it);
      bytes_total += bytes.size();
      if (n + 1 < audio.size()) {
        EXPECT_GE(bytes.size(), o.split_bytes - 2) << *it;
        EXPECT_LT(bytes.size(), o.split_bytes + 4096) << *it;
      }
      EXPECT_EQ(bytes.substr(0, 18), "[\n  {\n    \"ts\": \"2");
      std::vector<RowReader::Row> rows;
      ASSERT_TRUE(RowReader(bytes).Parse(&rows)) << *it;
      rows_total += rows.size();
      int64_t first_file_ts = 0, last_file_ts = 0;
      for (const auto& row : rows) {
        ASSERT_EQ(row.size(), 24u);
        for (size_t k = 0; k < 24; ++k) ASSERT_EQ(row[k].first, kKeys[k]);
        int64_t ts = 0;
        ASSERT_TRUE(ParseIsoUtc(row[0].second.substr(2), &ts)) << row[0].second;
        EXPECT_GE(ts, begin);
        EXPECT_LT(ts, end);
        EXPECT_GE(ts, last_ts) << "not sorted in " << *it;
        if (first_file_ts == 0) first_file_ts = ts;
        last_file_ts = last_ts = ts;
        EXPECT_EQ(row[1].second, "s:synth-3-" + std::to_string(listener));
        const std::string& ip = row[5].second;
        EXPECT_TRUE(ip.rfind("s:192.0.2.", 0) == 0 || ip.rfind("s:198.51.100.", 0) == 0 ||
                    ip.rfind("s:203.0.113.", 0) == 0)
            << ip;
        if (row[9].second != "null") {
          ++music;
          EXPECT_EQ(row[9].second.size(), 2 + 14 + 22u) << row[9].second;
          if (row[20].second == "true") ++skipped;
        }
        if (row[12].second != "null") ++podcast;
        if (row[21].second == "true") {
          EXPECT_NE(row[22].second, "null");
        }
      }
      // The name carries the years of the first and last row.
      const std::string y1 = FormatIsoUtc(first_file_ts).substr(0, 4);
      const std::string y2 = FormatIsoUtc(last_file_ts).substr(0, 4);
      const std::string span = y1 == y2 ? y1 : y1 + "-" + y2;
      EXPECT_EQ(*it, "Streaming_History_Audio_" + span + suffix);
    }
    EXPECT_GT(skipped * 100, music * 10);
    EXPECT_LT(skipped * 100, music * 45);
    EXPECT_LT(podcast * 100, music * 20);
  }
  EXPECT_GT(rows_total, 2u * 2 * 7000);
  EXPECT_LT(rows_total, 2u * 2 * 26000);
  EXPECT_LE(bytes_total, result->bytes);
}

TEST(SynthTest, ZipHoldsTheSameMembers) {
  TempDir loose, zipped;
  ASSERT_TRUE(WriteSynthetic(SmallOptions(loose.path(), 5)).ok());
  SynthOptions o = SmallOptions(zipped.path(), 5);
  o.zip = true;
  auto result = WriteSynthetic(o);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->paths.size(), 2u);

  const auto expected = Snapshot(loose.path());
  std::map<std::string, std::string> actual;
  for (const std::string& path : result->paths) {
    EXPECT_EQ(fs::path(path).filename(), "my_spotify_data.zip");
    const std::string listener = fs::path(path).parent_path().filename().string();
    int err = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &err);
    ASSERT_NE(za, nullptr) << path;
    const zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      const auto u = static_cast<zip_uint64_t>(i);
      zip_stat_t st;
      ASSERT_EQ(zip_stat_index(za, u, 0, &st), 0);
      EXPECT_EQ(st.comp_method, ZIP_CM_DEFLATE);
      std::string data(st.size, '\0');
      zip_file_t* f = zip_fopen_index(za, u, 0);
      ASSERT_NE(f, nullptr);
      EXPECT_EQ(zip_fread(f, data.data(), st.size), static_cast<zip_int64_t>(st.size));
      zip_fclose(f);
      actual[listener + "/" + st.name] = std::move(data);
    }
    zip_close(za);
  }
  EXPECT_EQ(actual, expected);
  // No loose files next to the ZIPs.
  for (const auto& e : fs::recursive_directory_iterator(zipped.path())) {
    if (e.is_regular_file()) {
      EXPECT_EQ(e.path().extension(), ".zip") << e.path();
    }
  }
}

}  // namespace
}  // namespace chorus::synth
