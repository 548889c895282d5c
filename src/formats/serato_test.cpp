// The Serato parser on the real `_Serato_` folder of ../shared/fixtures/dj,
// counts checked independently with (chunks: 4-byte tag, u32 BE length;
// adat fields: u32 BE id, u32 BE length):
//   python3 -c "import struct; ...; rows={u(d[1]): d for each oent's adat};
//     print(n_oent, len(rows), sum(u(d[15])>0), sum(s(d[51])!=''),
//           sum(u(d[50])==1), min/max utcfromtimestamp(u(d[28])))"
// → 194 97 95 82 78 2020-02-24 22:33:27 … 23:27:20; history.database: 59
// oses, field 43 from 2020-01-14 00:53:45 to 2020-05-15 13:19:16; crate: 109 otrk.
#include "formats/serato.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/musical_key.h"
#include "formats/dj_test_util.h"

namespace chorus::formats {
namespace {

using testing::DjFixture;
using testing::Ms;
using testing::ReadBytes;

TEST(Serato, SessionFileCountsAsTheReadme) {
  std::string path = DjFixture("serato/_Serato_/History/Sessions/7477.session");
  CHORUS_SKIP_WITHOUT(path);
  std::string bytes = ReadBytes(path);
  EXPECT_TRUE(LooksLikeSerato(bytes.substr(0, 64)));
  Dictionary dict;
  DjNotes notes;
  auto batch = ParseSerato(path, bytes, dict, &notes);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(batch->format, "serato-session");
  EXPECT_EQ(notes.tracks, 97u);
  EXPECT_EQ(notes.with_bpm, 95u);
  EXPECT_EQ(notes.with_key, 82u);
  EXPECT_EQ(notes.history, 97u);
  EXPECT_EQ(batch->records, 97u);  // 194 oent records, each row written twice
  EXPECT_EQ(batch->plays.size(), 97u);
  EXPECT_EQ(batch->rejected, 0u);
  auto played = std::count_if(batch->plays.begin(), batch->plays.end(),
                              [](const Play& p) { return p.skipped == Tri::kFalse; });
  EXPECT_EQ(played, 78);
  EXPECT_EQ(notes.first_start_ms, Ms("2020-02-24T22:33:27"));
  EXPECT_EQ(notes.last_start_ms, Ms("2020-02-24T23:27:20"));
  uint64_t ms = 0;
  for (const Play& p : batch->plays) {
    EXPECT_TRUE(p.deck == 1 || p.deck == 2);
    ms += p.ms_played;
  }
  EXPECT_EQ(ms, 6476000u);  // sum of field 45 over the rows
  // The first row: "Gag Ball Breaks x STD Breaks (Skipless Scratch A4)" by
  // D-Styles, 82 BPM, "Em", deck 2, 1582583607 … 1582583621.
  const Play& p = batch->plays[0];
  EXPECT_EQ(dict.strings().View(p.item.artist), "D-Styles");
  EXPECT_EQ(p.end_ms, 1582583621000);
  EXPECT_EQ(p.ms_played, 14000u);
  EXPECT_EQ(p.deck, 2);
  auto t = std::find_if(batch->dj_tracks.begin(), batch->dj_tracks.end(),
                        [&](const DjTrack& d) { return d.local_item == p.local_item; });
  ASSERT_NE(t, batch->dj_tracks.end());
  EXPECT_EQ(t->facts.bpm_centi, 8200);
  EXPECT_EQ(key::KeyName(t->facts.key), "Em");
}

TEST(Serato, IndexAndCrateHoldNoPlays) {
  std::string index = DjFixture("serato/_Serato_/History/history.database");
  std::string crate = DjFixture("serato/_Serato_/Subcrates/breaks.crate");
  CHORUS_SKIP_WITHOUT(index);
  Dictionary dict;
  DjNotes notes;
  auto h = ParseSerato(index, ReadBytes(index), dict, &notes);
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->format, "serato-history-index");
  EXPECT_EQ(h->records, 0u);
  EXPECT_EQ(notes.sessions, 59u);
  EXPECT_EQ(notes.first_start_ms, Ms("2020-01-14T00:53:45"));
  EXPECT_EQ(notes.last_start_ms, Ms("2020-05-15T13:19:16"));
  auto c = ParseSerato(crate, ReadBytes(crate), dict, &notes);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->format, "serato-crate");
  EXPECT_EQ(c->records, 0u);
  EXPECT_EQ(notes.tracks, 109u);
}

// A tiny session built by hand: vrsn, then one oent/adat with `fields`.
std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
std::string Chunk(std::string_view tag, const std::string& payload) {
  return std::string(tag) + Be32(static_cast<uint32_t>(payload.size())) + payload;
}
std::string Field(uint32_t id, const std::string& value) {
  return Be32(id) + Be32(static_cast<uint32_t>(value.size())) + value;
}
std::string U16(std::string_view ascii) {
  std::string out;
  for (char c : ascii) out += std::string{'\0', c};
  return out + std::string(2, '\0');
}
std::string U64(uint64_t v) {
  return Be32(static_cast<uint32_t>(v >> 32)) + Be32(static_cast<uint32_t>(v));
}
const std::string kVrsn = Chunk("vrsn", U16("1.0/Serato Scratch LIVE Review").substr(0, 60));

TEST(Serato, LastCopyWinsAndMissingStartIsRejected) {
  std::string row1 = Field(1, Be32(10)) + Field(6, U16("Title")) + Field(28, U64(1582583607)) +
                     Field(31, Be32(1)) + Field(50, std::string(1, '\0'));
  std::string row1b = row1 + Field(29, U64(1582583707)) + Field(45, U64(100));
  std::string row2 = Field(1, Be32(11)) + Field(2, U16("C:\\Users\\x\\Music\\a b.mp3"));
  std::string file = kVrsn + Chunk("oent", Chunk("adat", row1)) +
                     Chunk("oent", Chunk("adat", row2)) + Chunk("oent", Chunk("adat", row1b));
  Dictionary dict;
  auto b = ParseSerato("s.session", file, dict);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->records, 2u);
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->plays[0].end_ms, 1582583707000);
  EXPECT_EQ(b->plays[0].ms_played, 100000u);
  EXPECT_EQ(b->plays[0].skipped, Tri::kTrue);
  EXPECT_EQ(b->plays[0].deck, 1);
  ASSERT_EQ(b->rejected, 1u);
  EXPECT_EQ(b->rejections[0].record, 1u);
  EXPECT_EQ(b->rejections[0].field, "28 (start time)");
}

TEST(Serato, TruncatedChunksAreErrorsNamingFileRecordField) {
  Dictionary dict;
  std::string row = Field(1, Be32(10)) + Field(28, U64(1582583607));
  std::string file = kVrsn + Chunk("oent", Chunk("adat", row));
  auto cut = ParseSerato("cut.session", file.substr(0, file.size() - 3), dict);
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("cut.session"), std::string::npos);
  EXPECT_NE(cut.status().message().find("oent"), std::string::npos);
  // A field declaring more bytes than its record holds.
  std::string bad_field = Be32(28) + Be32(1000) + "xx";
  auto lying = ParseSerato("f.session", kVrsn + Chunk("oent", Chunk("adat", bad_field)), dict);
  ASSERT_FALSE(lying.ok());
  EXPECT_NE(lying.status().message().find("record 0, field 28"), std::string::npos);
  // Wrong type: a 3-byte "u64" start is still an integer; 9 bytes is not.
  std::string wide = Field(1, Be32(1)) + Field(28, std::string(9, '\1'));
  auto odd = ParseSerato("w.session", kVrsn + Chunk("oent", Chunk("adat", wide)), dict);
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->rejected, 1u);
  auto novrsn = ParseSerato("n.session", Chunk("oent", ""), dict);
  ASSERT_FALSE(novrsn.ok());
  EXPECT_NE(novrsn.status().message().find("vrsn"), std::string::npos);
}

}  // namespace
}  // namespace chorus::formats
