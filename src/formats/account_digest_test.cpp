// Account digests: a test vector, and the Spotify parser hashing `username`
// on change without keeping it.
#include "formats/account_digest.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "formats/byte_buffer.h"
#include "formats/spotify_history.h"

namespace chorus::formats {
namespace {

// echo -n "chorus-account-v1:spotify:listener1" | sha256sum
constexpr const char* kListener1 =
    "b3f0d628e5c44ddefdafcfbce4512391f1cd5753e5f74fe40e08d884dba3cd96";

TEST(AccountDigest, IsSha256OfTheVersionedName) {
  EXPECT_EQ(AccountDigest("spotify", "listener1"), kListener1);
  EXPECT_EQ(AccountDigest("spotify", "listener1").size(), 64u);
  EXPECT_NE(AccountDigest("spotify", "listener2"), kListener1);
  EXPECT_NE(AccountDigest("lastfm", "listener1"), kListener1);
}

TEST(AccountDigest, SpotifyRowsGiveOneDigestPerDistinctNameAndNoName) {
  const std::string text = R"([
    {"ts":"2021-09-21T19:38:59Z","username":"listener1","ms_played":1,
     "master_metadata_track_name":"T","spotify_track_uri":"spotify:track:1"},
    {"ts":"2021-09-21T19:40:59Z","username":"listener1","ms_played":1,
     "master_metadata_track_name":"T","spotify_track_uri":"spotify:track:1"},
    {"ts":"2021-09-21T19:42:59Z","username":"listener2","ms_played":1,
     "master_metadata_track_name":"T","spotify_track_uri":"spotify:track:1"},
    {"ts":"2021-09-21T19:44:59Z","username":"listener1","ms_played":1,
     "master_metadata_track_name":"T","spotify_track_uri":"spotify:track:1"},
    {"ts":"2021-09-21T19:46:59Z","username":null,"ms_played":1,
     "master_metadata_track_name":"T","spotify_track_uri":"spotify:track:1"}])";
  ByteBuffer buf;
  buf.Resize(text.size());
  std::memcpy(buf.data(), text.data(), text.size());
  Dictionary dict;
  SpotifyHistoryParser parser;
  auto b = parser.Parse("t.json", buf, dict);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "spotify-extended-v1");
  EXPECT_EQ(b->plays.size(), 5u);
  EXPECT_EQ(b->rejected, 0u);
  ASSERT_EQ(b->account_digests.size(), 2u);
  EXPECT_EQ(b->account_digests[0] < b->account_digests[1], true);
  EXPECT_TRUE(b->account_digests[0] == kListener1 || b->account_digests[1] == kListener1);
  for (size_t i = 0; i < dict.strings().size(); ++i)
    EXPECT_EQ(dict.strings().View(static_cast<StrId>(i)).find("listener"), std::string::npos);
}

}  // namespace
}  // namespace chorus::formats
