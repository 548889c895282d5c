// Edge cases of the Spotify parser, each on a small hand-written input whose
// answer is known by construction.
#include "formats/spotify_history.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "formats/spotify_record.h"

namespace chorus::formats {
namespace {

// Names of the plays parsed by the last ParseText call.
std::unique_ptr<Dictionary> last_dictionary;

Result<PlayBatch> ParseText(std::string_view text, std::string name = "test.json") {
  last_dictionary = std::make_unique<Dictionary>();
  SpotifyHistoryParser parser;
  ByteBuffer buf;
  buf.Resize(text.size());
  std::memcpy(buf.data(), text.data(), text.size());
  return parser.Parse(std::move(name), buf, *last_dictionary);
}

std::string_view Name(StrId id) { return last_dictionary->strings().View(id); }
size_t NameCount() { return last_dictionary->strings().size(); }

// A v3 extended row with the given ts, ms and track uri; other fields fixed.
std::string V3Row(std::string_view ts, int ms, std::string_view uri = "spotify:track:aaa",
                  std::string_view extra = R"("offline_timestamp": 1700000000)") {
  return std::string(R"({"ts": ")") + std::string(ts) + R"(", "platform": "ios", "ms_played": )" +
         std::to_string(ms) +
         R"(, "conn_country": "DE", "ip_addr": "192.0.2.7",
  "master_metadata_track_name": "Song", "master_metadata_album_artist_name": "Band",
  "master_metadata_album_album_name": "Album", "spotify_track_uri": ")" +
         std::string(uri) + R"(", "episode_name": null, "episode_show_name": null,
  "spotify_episode_uri": null, "audiobook_title": null, "audiobook_uri": null,
  "audiobook_chapter_uri": null, "audiobook_chapter_title": null, "reason_start": "clickrow",
  "reason_end": "trackdone", "shuffle": true, "skipped": false, "offline": false, )" +
         std::string(extra) + R"(, "incognito_mode": false})";
}

constexpr std::string_view kNullRow = R"({"ts": "2024-01-01T00:00:05Z", "platform": "osx",
  "ms_played": 4551, "conn_country": "US", "ip_addr": null,
  "master_metadata_track_name": null, "master_metadata_album_artist_name": null,
  "master_metadata_album_album_name": null, "spotify_track_uri": null, "episode_name": null,
  "episode_show_name": null, "spotify_episode_uri": null, "reason_start": "unknown",
  "reason_end": "unknown", "shuffle": false, "skipped": null, "offline": false,
  "offline_timestamp": null, "incognito_mode": false})";

TEST(SpotifyHistory, ParsesV3RowIntoCanonicalPlay) {
  auto b = ParseText("[" + V3Row("2024-03-01T12:00:00Z", 200000) + "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "spotify-extended-v3");
  ASSERT_EQ(b->plays.size(), 1u);
  const Play& p = b->plays[0];
  EXPECT_EQ(p.end_ms, 1709294400000);  // date -u -d 2024-03-01T12:00:00Z +%s → 1709294400
  EXPECT_EQ(p.ms_played, 200000u);
  EXPECT_EQ(p.kind, Kind::kMusic);
  EXPECT_EQ(p.reason_start, Reason::kClickRow);
  EXPECT_EQ(p.reason_end, Reason::kTrackDone);
  EXPECT_EQ(p.shuffle, Tri::kTrue);
  EXPECT_EQ(p.skipped, Tri::kFalse);
  EXPECT_EQ(p.device, Device::kPhone);
  EXPECT_EQ(Name(p.item.title), "Song");
  EXPECT_EQ(Name(p.item.artist), "Band");
  EXPECT_EQ(Name(p.item.uri), "spotify:track:aaa");
}

TEST(SpotifyHistory, AllNullRowIsExplainedNoItemRejection) {
  auto b = ParseText(std::string("[") + std::string(kNullRow) + "]");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->records, 1u);
  EXPECT_EQ(b->plays.size(), 0u);
  EXPECT_EQ(b->rejected, 1u);
  EXPECT_EQ(b->rejected_no_item, 1u);
  EXPECT_EQ(b->format, "spotify-extended-v2");
}

TEST(SpotifyHistory, ZeroMsPlayedIsAPlay) {
  auto b = ParseText("[" + V3Row("2024-03-01T12:00:00Z", 0) + "]");
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->plays[0].ms_played, 0u);
}

TEST(SpotifyHistory, OfflineTimestampInMillisecondsSecondsZeroOneAndNull) {
  std::string text = "[";
  const char* values[] = {"1600000000000", "1700000000", "0", "1", "null"};
  for (int i = 0; i < 5; ++i) {
    if (i) text += ",";
    text += V3Row("2024-03-01T12:00:0" + std::to_string(i) + "Z", 1000, "spotify:track:x",
                  std::string(R"("offline_timestamp": )") + values[i]);
  }
  auto b = ParseText(text + "]");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->plays.size(), 5u);
  EXPECT_EQ(b->rejected, 0u);
}

TEST(SpotifyHistory, WrongTypeRejectsRecordNamingFileRecordAndField) {
  std::string bad = V3Row("2024-03-01T12:00:01Z", 5);
  bad.replace(bad.find("\"ms_played\": 5"), 14, "\"ms_played\": \"5\"");
  auto b = ParseText("[" + V3Row("2024-03-01T12:00:00Z", 5) + "," + bad + "]", "my.json");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->plays.size(), 1u);
  ASSERT_EQ(b->rejected, 1u);
  EXPECT_EQ(b->rejected_no_item, 0u);
  ASSERT_EQ(b->rejections.size(), 1u);
  EXPECT_EQ(b->rejections[0].file, "my.json");
  EXPECT_EQ(b->rejections[0].record, 1u);
  EXPECT_EQ(b->rejections[0].field, "ms_played");
  EXPECT_NE(b->rejections[0].reason.find("found a string"), std::string::npos);
}

TEST(SpotifyHistory, BadTimestampRejected) {
  auto b = ParseText("[" + V3Row("2024-02-30T12:00:00Z", 5) + "]");
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->rejected, 1u);
  EXPECT_EQ(b->rejections[0].field, "ts");
}

TEST(SpotifyHistory, NegativeAndHugeMsPlayedRejected) {
  auto b = ParseText("[" + V3Row("2024-03-01T12:00:00Z", -1) + "," +
                     V3Row("2024-03-01T12:00:01Z", 5) + "]");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->rejected, 1u);
}

TEST(SpotifyHistory, ByteOrderMarkIsSkipped) {
  auto b = ParseText("\xEF\xBB\xBF[" + V3Row("2024-03-01T12:00:00Z", 5) + "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->plays.size(), 1u);
}

TEST(SpotifyHistory, InvalidUtf8FailsTheFile) {
  std::string row = V3Row("2024-03-01T12:00:00Z", 5);
  row.replace(row.find("Song"), 4, "So\xC3\x28g");
  auto b = ParseText("[" + row + "]", "bad.json");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidInput);
  EXPECT_NE(b.status().message().find("bad.json"), std::string::npos);
  EXPECT_NE(b.status().message().find("UTF-8"), std::string::npos);
}

TEST(SpotifyHistory, TruncatedJsonFailsTheFileWithNoPlays) {
  std::string text =
      "[" + V3Row("2024-03-01T12:00:00Z", 5) + "," + V3Row("2024-03-01T12:00:09Z", 5);
  text.resize(text.size() - 40);
  auto b = ParseText(text, "cut.json");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("cut.json"), std::string::npos);
}

TEST(SpotifyHistory, TrailingGarbageFailsTheFile) {
  auto b = ParseText("[" + V3Row("2024-03-01T12:00:00Z", 5) + "] [1]");
  EXPECT_FALSE(b.ok());
}

TEST(SpotifyHistory, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "[{\"ts\": " + std::string(100000, '[') + std::string(100000, ']') + "}]";
  auto b = ParseText(deep);
  if (b.ok()) {
    EXPECT_EQ(b->plays.size(), 0u);
  } else {
    EXPECT_EQ(b.status().code(), Code::kInvalidInput);
  }
  std::string deep_array = std::string(5000, '[') + std::string(5000, ']');
  auto c = ParseText(deep_array);
  if (c.ok()) {
    EXPECT_EQ(c->plays.size(), 0u);
  }
}

TEST(SpotifyHistory, EmptyAndBlankFilesHoldNoRecords) {
  for (std::string_view text : {"", "  \n", "[]"}) {
    auto b = ParseText(text);
    ASSERT_TRUE(b.ok()) << text;
    EXPECT_EQ(b->format, "empty");
    EXPECT_EQ(b->records, 0u);
  }
}

TEST(SpotifyHistory, NonHistoryJsonIsIgnored) {
  for (std::string_view text :
       {R"({"artists": []})", R"([{"searchTime": "2024-01-01", "searchQuery": "x"}])", "[1,2]"}) {
    auto b = ParseText(text);
    ASSERT_TRUE(b.ok()) << text;
    EXPECT_EQ(b->format, "ignored") << text;
  }
}

TEST(SpotifyHistory, DetectsGenerationsFromKeys) {
  auto v1 = ParseText(R"([{"ts":"2021-09-21T19:38:59Z","username":"listener1","platform":"x",
    "ms_played":1,"ip_addr_decrypted":"192.0.2.1","user_agent_decrypted":"unknown",
    "master_metadata_track_name":"T","master_metadata_album_artist_name":"A",
    "spotify_track_uri":"spotify:track:1"}])");
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->format, "spotify-extended-v1");
  for (size_t i = 0; i < NameCount(); ++i) {
    EXPECT_EQ(Name(static_cast<StrId>(i)).find("listener"), std::string::npos);
    EXPECT_EQ(Name(static_cast<StrId>(i)).find("192.0.2"), std::string::npos);
  }
  auto music = ParseText(R"([{"endTime" : "2018-11-15 19:04", "artistName" : "Lana Del Rey",
    "trackName" : "Blue Jeans", "msPlayed" : 37291}])");
  ASSERT_TRUE(music.ok());
  EXPECT_EQ(music->format, "spotify-account-music");
  EXPECT_EQ(music->plays[0].end_ms, 1542308640000);  // date -u -d '2018-11-15 19:04' +%s
  auto podcast = ParseText(R"([{"endTime":"2023-10-03 21:56","podcastName":"Show",
    "episodeName":"Ep","msPlayed":1835}])");
  ASSERT_TRUE(podcast.ok());
  EXPECT_EQ(podcast->format, "spotify-account-podcast");
  EXPECT_EQ(podcast->plays[0].kind, Kind::kPodcast);
  auto book = ParseText(R"([{"endTime":"2023-10-20 18:58","audiobookName":"B",
    "chapterName":"C","authorName":"someone","msPlayed":41192}])");
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(book->format, "spotify-account-audiobook");
  EXPECT_EQ(book->plays[0].kind, Kind::kAudiobook);
  for (size_t i = 0; i < NameCount(); ++i) EXPECT_NE(Name(static_cast<StrId>(i)), "someone");
}

TEST(SpotifyHistory, AudiobookRowsAreToldApartFromPodcastsByTheirFields) {
  // Audiobook chapters use spotify:episode: URIs, like podcasts.
  auto b = ParseText(R"([{"ts":"2025-01-01T00:00:00Z","ms_played":60000,
    "spotify_track_uri":null,"episode_name":null,"spotify_episode_uri":null,
    "audiobook_title":"Book","audiobook_uri":"spotify:show:b",
    "audiobook_chapter_uri":"spotify:episode:c","audiobook_chapter_title":null}])");
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->plays[0].kind, Kind::kAudiobook);
  EXPECT_EQ(Name(b->plays[0].item.uri), "spotify:episode:c");
}

TEST(SpotifyHistory, AccountPlaceholdersBecomeUnknownNames) {
  auto b = ParseText(R"([{"endTime":"2022-01-01 10:00","artistName":"Unknown Artist",
    "trackName":"Unknown Track","msPlayed":100}])");
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->plays[0].item.artist, kNoString);
  EXPECT_EQ(b->plays[0].item.title, kNoString);
}

TEST(SpotifyHistory, NonObjectElementAfterHistoryRowsIsRejected) {
  auto b = ParseText("[" + V3Row("2024-03-01T12:00:00Z", 5) + ", 42, null]");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->records, 3u);
  EXPECT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->rejected, 2u);
}

// Rows are emitted one row late (the dictionary slot is prefetched a row
// ahead): rejections and plays must still come out in record order, also
// around a non-object element and at the end of the file.
TEST(SpotifyHistory, RejectionsAndPlaysKeepRecordOrder) {
  auto b = ParseText("[" + V3Row("2024-03-01T12:00:00Z", 5, "spotify:track:a") + ", " +
                     V3Row("2024-03-01T12:01:00Z", -1) + ", 42, " + V3Row("yesterday", 5) + ", " +
                     V3Row("2024-03-01T12:03:00Z", 7, "spotify:track:b") + ", " +
                     V3Row("2024-03-01T12:04:00Z", -2) + "]");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->records, 6u);
  ASSERT_EQ(b->plays.size(), 2u);
  EXPECT_EQ(Name(b->plays[0].item.uri), "spotify:track:a");
  EXPECT_EQ(Name(b->plays[1].item.uri), "spotify:track:b");
  ASSERT_EQ(b->rejections.size(), 4u);
  std::vector<uint64_t> records;
  for (const Rejection& r : b->rejections) records.push_back(r.record);
  EXPECT_EQ(records, (std::vector<uint64_t>{1, 2, 3, 5}));
  EXPECT_EQ(b->rejections[0].field, "ms_played");
  EXPECT_EQ(b->rejections[2].field, "ts");
  EXPECT_EQ(b->rejections[3].field, "ms_played");
}

}  // namespace
}  // namespace chorus::formats

namespace chorus::formats {
namespace {

// Regression (fuzzing, UBSan): a key with an escape sequence reached memcmp
// with a null pointer. Such keys are unknown keys: the row still parses.
TEST(SpotifyHistory, EscapedKeyIsUnknownNotUndefinedBehaviour) {
  auto b = ParseText(
      R"([{"endTime":"2024-01-01 10:00","art\u0069stName":"A","trackName":"T","msPlayed":1}])");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(Name(b->plays[0].item.artist), "");  // the escaped key was not read as artistName
  EXPECT_EQ(Name(b->plays[0].item.title), "T");
}

// Platforms and reasons classify by what they say, row after row: the same
// value escaped differently is the same value, one that only starts like
// the row before's is not, and a reason of the wrong type rejects its row.
TEST(SpotifyHistory, PlatformsAndReasonsClassifyByTheirUnescapedText) {
  auto row = [](int second, std::string_view platform, std::string_view start,
                std::string_view end) {
    return fmt::format(
        R"({{"ts": "2024-01-01T00:00:{:02}Z", "platform": {}, "ms_played": 1000,
        "master_metadata_track_name": "Song", "spotify_track_uri": "spotify:track:a",
        "reason_start": {}, "reason_end": {}}})",
        second, platform, start, end);
  };
  auto b = ParseText("[" + row(1, R"("android")", R"("trackdone")", R"("fwdbtn")") + "," +
                     row(2, R"("android")", R"("trackdone")", R"("fwdbtn")") + "," +
                     row(3, R"("android")", R"("trackdone")", R"("fwdbtn")") + "," +
                     row(4, R"("android tv")", R"("trackdoneX")", R"("fwd")") + "," +
                     row(5, R"("android")", "null", R"("fwdbtn")") + "," +
                     row(6, R"("android")", R"("clickrow")", "7") + "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->plays.size(), 5u);
  ASSERT_EQ(b->rejected, 1u);  // a reason must be a string or null
  EXPECT_EQ(b->rejections[0].record, 5u);
  EXPECT_EQ(b->rejections[0].field, "reason_end");
  const std::vector<Device> devices = {Device::kPhone, Device::kPhone, Device::kPhone, Device::kTv,
                                       Device::kPhone};
  const std::vector<Reason> starts = {Reason::kTrackDone, Reason::kTrackDone, Reason::kTrackDone,
                                      Reason::kOther, Reason::kUnknown};
  const std::vector<Reason> ends = {Reason::kForwardButton, Reason::kForwardButton,
                                    Reason::kForwardButton, Reason::kOther, Reason::kForwardButton};
  for (size_t i = 0; i < b->plays.size(); ++i) {
    EXPECT_EQ(b->plays[i].device, devices[i]) << i;
    EXPECT_EQ(b->plays[i].reason_start, starts[i]) << i;
    EXPECT_EQ(b->plays[i].reason_end, ends[i]) << i;
  }
}

// Strings without escapes are read where they stand in the JSON text, the
// rest are unescaped: either way a value reads as its unescaped text,
// whether its closing quote falls inside the first 64 bytes or past them,
// and whatever the text after that quote holds.
TEST(SpotifyHistory, StringsReadAsTheirUnescapedTextWithOrWithoutEscapes) {
  const std::string long_title(100, 'x');                  // past the 64 bytes viewed in place
  const std::string title_63(63, 'y'), title_64(64, 'z');  // quote at byte 63, then 64
  auto row = [](int second, std::string_view ts_tail, std::string_view title,
                std::string_view artist, std::string_view album) {
    return fmt::format(
        R"({{"ts": "2024-01-01T00:00:{:02}{}", "ms_played": 1000,
        "master_metadata_track_name": "{}", "master_metadata_album_artist_name": "{}",
        "master_metadata_album_album_name": "{}", "spotify_track_uri": "spotify:track:{}"}})",
        second, ts_tail, title, artist, album, second);
  };
  auto b = ParseText("[" + row(1, "Z", "Song", "AB", R"(C\"D)") + "," +
                     row(2, R"(\u005a)", R"(Say \"Hi\")", R"(Caf\u00e9)", R"(Back\\)") + "," +
                     row(3, "Z", long_title, title_63, title_64) + "," +
                     row(4, "Z", "", R"(\/)", "plain") + "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->plays.size(), 4u);
  const std::vector<std::vector<std::string>> want = {{"Song", "AB", "C\"D"},
                                                      {"Say \"Hi\"", "Caf\u00e9", "Back\\"},
                                                      {long_title, title_63, title_64},
                                                      {"", "/", "plain"}};
  for (size_t i = 0; i < want.size(); ++i) {
    const Play& p = b->plays[i];
    EXPECT_EQ(p.end_ms, 1704067200000 + 1000 * static_cast<int64_t>(i + 1)) << i;
    EXPECT_EQ(Name(p.item.title), want[i][0]) << i;
    EXPECT_EQ(Name(p.item.artist), want[i][1]) << i;
    EXPECT_EQ(Name(p.item.album), want[i][2]) << i;
    EXPECT_EQ(Name(p.item.uri), fmt::format("spotify:track:{}", i + 1)) << i;
  }
}

// The in-place view, both ways it is built: the text up to the first quote
// when no backslash comes before it within 64 bytes, else nothing.
TEST(SpotifyRecord, ViewInPlaceStopsAtTheFirstQuoteOrBackslash) {
  struct Case {
    std::string text;  // after the opening quote
    bool viewed;
    size_t length;
  };
  const std::vector<Case> cases = {
      {R"(Song", "x": "a\"b")", true, 4},  // a backslash after the quote does not matter
      {R"(", 1)", true, 0},
      {R"(C\"D")", false, 0},
      {R"(Back\\")", false, 0},
      {std::string(63, 'y') + R"(")", true, 63},   // the last byte viewed
      {std::string(64, 'z') + R"(")", false, 0},   // past the 64 bytes
      {std::string(40, 'w') + R"(\")", false, 0},  // a backslash in the second 32 bytes
      {std::string(40, 'v') + R"(")", true, 40},
  };
  for (const Case& c : cases) {
    std::string padded = c.text + std::string(64, '\0');
    std::string_view fast = "unset", portable = "unset";
    EXPECT_EQ(spotify_record::ViewInPlace(padded.data(), &fast), c.viewed) << c.text;
    EXPECT_EQ(spotify_record::ViewInPlacePortable(padded.data(), &portable), c.viewed) << c.text;
    if (!c.viewed) continue;
    EXPECT_EQ(fast, std::string_view(padded).substr(0, c.length)) << c.text;
    EXPECT_EQ(portable, fast) << c.text;
  }
}

}  // namespace
}  // namespace chorus::formats
