// The Spotify parser reads a record array in chunks it cuts at the comma
// between two records. A chunk can be cut in the wrong place (the shape of a
// record boundary inside a string or a nested value) and must then be read
// again; either way the result is the one a whole-file parse gives. Each
// test parses the same bytes with chunks of one record (every boundary is a
// cut), of a few hundred bytes, and of the whole file, and compares
// everything the batch says, names included.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "formats/input_set.h"
#include "formats/spotify_history.h"

namespace chorus::formats {
namespace {

// Everything a parse produced, in words, so two parses compare with one EXPECT_EQ
// and a difference prints readably.
std::string Describe(const Result<PlayBatch>& result, const Dictionary& dict) {
  // A whole file's stage 1 fails before any record is read, so its error
  // names record 0; a chunk's names a record of the chunk. Only the record
  // number may differ.
  if (!result.ok()) {
    std::string message = result.status().message();
    size_t at = message.find("at record ");
    if (at != std::string::npos) {
      size_t digits = at + 10;
      while (digits < message.size() && std::isdigit(static_cast<unsigned char>(message[digits])))
        ++digits;
      message.replace(at, digits - at, "at record N");
    }
    return "error: " + message;
  }
  const PlayBatch& b = result.value();
  auto name = [&](StrId id) { return std::string(dict.strings().View(id)); };
  std::string out = b.format + " records=" + std::to_string(b.records) +
                    " rejected=" + std::to_string(b.rejected) +
                    " no_item=" + std::to_string(b.rejected_no_item) + "\n";
  for (const Rejection& r : b.rejections)
    out += "reject " + std::to_string(r.record) + " " + r.field + ": " + r.reason + "\n";
  for (const std::string& d : b.account_digests) out += "account " + d + "\n";
  for (const Play& p : b.plays) {
    out += std::to_string(p.end_ms) + " " + std::to_string(p.ms_played) + " " +
           std::to_string(static_cast<int>(p.kind)) + " " +
           std::to_string(static_cast<int>(p.reason_start)) + "/" +
           std::to_string(static_cast<int>(p.reason_end)) + " " +
           std::to_string(static_cast<int>(p.shuffle)) +
           std::to_string(static_cast<int>(p.skipped)) +
           std::to_string(static_cast<int>(p.offline)) +
           std::to_string(static_cast<int>(p.incognito)) + " " +
           std::to_string(static_cast<int>(p.device)) + " [" + name(p.item.title) + "|" +
           name(p.item.artist) + "|" + name(p.item.album) + "|" + name(p.item.uri) + "]\n";
  }
  return out;
}

// Parses `buf` with chunks of `chunk` bytes; checks the buffer holds its
// own bytes again afterwards.
std::string ParseInChunks(ByteBuffer& buf, size_t chunk) {
  const std::string before(buf.data(), buf.size());
  Dictionary dict;
  SpotifyHistoryParser parser(chunk);
  auto result = parser.Parse("test.json", buf, dict);
  EXPECT_EQ(std::string(buf.data(), buf.size()), before) << "chunk " << chunk;
  return Describe(result, dict);
}

void ExpectSameInEveryChunking(std::string_view text) {
  ByteBuffer buf;
  buf.Resize(text.size());
  std::memcpy(buf.data(), text.data(), text.size());
  const std::string whole = ParseInChunks(buf, SIZE_MAX);
  for (size_t chunk : {size_t{1}, size_t{300}, SpotifyHistoryParser::kChunkBytes})
    EXPECT_EQ(ParseInChunks(buf, chunk), whole) << "chunk " << chunk;
}

std::string Row(std::string_view ts, std::string_view track, std::string_view extra = "") {
  return std::string(R"({"ts": ")") + std::string(ts) +
         R"(", "platform": "ios", "ms_played": 61000, "master_metadata_track_name": ")" +
         std::string(track) + R"(", "master_metadata_album_artist_name": "Band",
  "spotify_track_uri": "spotify:track:)" +
         std::string(track.substr(0, 3)) + R"(", "reason_start": "clickrow",
  "reason_end": "trackdone", "shuffle": false)" +
         std::string(extra) + "}";
}

TEST(SpotifyChunks, PlainRecordsGiveTheSameBatch) {
  std::string text = "[\n";
  for (int i = 0; i < 40; ++i) {
    if (i > 0) text += ",\n";
    text += Row("2024-01-01T00:00:" + std::to_string(10 + i) + "Z", "track" + std::to_string(i));
  }
  ExpectSameInEveryChunking(text + "\n]\n");
}

TEST(SpotifyChunks, BoundaryShapesInsideStringsAreNotCuts) {
  // Each of these names holds what NextCut looks for: a wrong cut leaves an
  // unterminated string in the chunk, which must be read again whole.
  ExpectSameInEveryChunking("[" + Row("2024-01-01T00:00:10Z", "aa},{bb") + "," +
                            Row("2024-01-01T00:00:20Z", "cc} , {dd") + "," +
                            Row("2024-01-01T00:00:30Z", R"(ee\"},{\"ts\": \"x)") + "," +
                            Row("2024-01-01T00:00:40Z", "ff") + "]");
}

TEST(SpotifyChunks, BoundaryShapesInsideNestedValuesAreNotCuts) {
  // An unknown key whose value is an array of objects: `},{` at depth 3.
  const std::string nested = R"(, "future_key": [{"a": 1}, {"b": [{"c": 2},{"d": 3}]}])";
  ExpectSameInEveryChunking("[" + Row("2024-01-01T00:00:10Z", "aaa", nested) + "," +
                            Row("2024-01-01T00:00:20Z", "bbb", nested) + "," +
                            Row("2024-01-01T00:00:30Z", "ccc") + "]");
}

TEST(SpotifyChunks, RejectionsAndErrorsNameTheSameRecord) {
  const std::string good = Row("2024-01-01T00:00:10Z", "aaa");
  // A record rejected in a later chunk, and a non-object element.
  ExpectSameInEveryChunking("[" + good + "," + good + "," +
                            Row("2024-01-01T00:00:20Z", "bbb", R"(, "skipped": 7)") + ", 42, " +
                            good + "]");
  // Malformed JSON in the third record, trailing garbage, invalid UTF-8, a
  // truncated file: the same error, naming the same record.
  ExpectSameInEveryChunking("[" + good + "," + good + ", {\"ts\": } ," + good + "]");
  ExpectSameInEveryChunking("[" + good + "," + good + "] x");
  ExpectSameInEveryChunking("[" + good + "," + Row("2024-01-01T00:00:20Z", "b\xC3\x28") + "]");
  ExpectSameInEveryChunking("[" + good + "," + good + "," + good.substr(0, 40));
}

TEST(SpotifyChunks, AccountDataAndNonHistoryArrays) {
  ExpectSameInEveryChunking(
      R"([{"endTime": "2024-01-01 10:00", "artistName": "A", "trackName": "T", "msPlayed": 1000},
          {"endTime": "2024-01-01 10:05", "artistName": "B", "trackName": "U", "msPlayed": 2000}])");
  ExpectSameInEveryChunking(R"([{"a": 1}, {"b": 2}])");
  ExpectSameInEveryChunking(R"([1, 2, {"ts": "2024-01-01T00:00:10Z"}])");
  ExpectSameInEveryChunking(R"({"ts": "2024-01-01T00:00:10Z"})");
  ExpectSameInEveryChunking("[]");
}

// Found by fuzzing: the first chunk said "not a history" and the parse
// stopped there, while the whole file is malformed further on (an error,
// not "ignored").
TEST(SpotifyChunks, NotAHistoryIsAVerdictOnTheWholeFile) {
  ExpectSameInEveryChunking(R"([-1, {"a": 1},
 {"b": 2}, {"c": "never closed])");
  ExpectSameInEveryChunking(R"([{"a": 1},
 {"b": 2}, {"c": "never closed])");
}

TEST(SpotifyChunks, EverySpotifyFixtureGivesTheSameBatch) {
  const std::string root = std::string(CHORUS_FIXTURES_DIR) + "/spotify";
  if (!std::filesystem::is_directory(root))
    GTEST_SKIP() << "Spotify fixtures not found at " << root << " (../shared/fixtures)";
  auto files = Discover({root});
  ASSERT_TRUE(files.ok()) << files.status().message();
  ZipCache zips;
  ByteBuffer buf;
  size_t histories = 0;
  for (const InputFile& f : files.value()) {
    if (!f.maybe_text) continue;
    ASSERT_TRUE(Load(f, zips, &buf).ok()) << f.display;
    const std::string whole = ParseInChunks(buf, SIZE_MAX);
    if (whole.rfind("spotify-", 0) != 0) continue;
    ++histories;
    EXPECT_EQ(ParseInChunks(buf, 1), whole) << f.display;
    EXPECT_EQ(ParseInChunks(buf, SpotifyHistoryParser::kChunkBytes), whole) << f.display;
  }
  EXPECT_GT(histories, 10u);
}

}  // namespace
}  // namespace chorus::formats
