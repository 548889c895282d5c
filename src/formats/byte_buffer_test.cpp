// ByteBuffer::Wipe and SpotifyHistoryParser::Wipe: a buffer kept for the
// next import holds no bytes of the last one, and parses on as before.
#include "formats/byte_buffer.h"

#include <gtest/gtest.h>

#include <string>

#include "core/dictionary.h"
#include "formats/spotify_history.h"

namespace chorus::formats {
namespace {

void Fill(ByteBuffer& buf, const std::string& text) {
  buf.Resize(text.size());
  std::copy(text.begin(), text.end(), buf.data());
}

TEST(ByteBuffer, WipeZeroesEveryByteAnyResizeExposed) {
  ByteBuffer buf;
  Fill(buf, std::string(1000, 'x'));
  Fill(buf, std::string(10, 'y'));  // a smaller file leaves the larger one's tail behind
  const char* data = buf.data();
  buf.Wipe();
  EXPECT_EQ(buf.size(), 0u);
  EXPECT_EQ(buf.data(), data);  // the block is kept
  for (size_t i = 0; i < 1000 + ByteBuffer::kPadding; ++i) ASSERT_EQ(data[i], '\0') << i;
}

TEST(SpotifyHistoryParser, ParsesTheSameAfterWipe) {
  const std::string json =
      R"([{"ts":"2024-01-01T10:00:00Z","username":"someone","platform":"ios","ms_played":200000,)"
      R"("master_metadata_track_name":"Caf\u00e9 \"Song\"","master_metadata_album_artist_name":"A",)"
      R"("master_metadata_album_album_name":"B","spotify_track_uri":"spotify:track:1",)"
      R"("reason_start":"playbtn","reason_end":"trackdone","shuffle":false,"skipped":null,)"
      R"("offline":false,"offline_timestamp":0,"incognito_mode":false}])";
  ByteBuffer buf;
  Fill(buf, json);
  SpotifyHistoryParser parser;
  for (int round = 0; round < 2; ++round) {
    Dictionary dict;
    auto batch = parser.Parse("f.json", buf, dict);
    ASSERT_TRUE(batch.ok()) << batch.status().message();
    ASSERT_EQ(batch.value().plays.size(), 1u);
    EXPECT_EQ(dict.strings().View(batch.value().plays[0].item.title), "Café \"Song\"");
    EXPECT_EQ(batch.value().account_digests.size(), 1u);
    parser.Wipe();
  }
}

}  // namespace
}  // namespace chorus::formats
