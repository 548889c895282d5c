// The rekordbox XML parser on the real collections of
// ../shared/fixtures/dj/rekordbox, counts checked independently with:
//   python3 -c "import xml.etree.ElementTree as ET; r=ET.parse(F).getroot();
//     ts=r.findall('COLLECTION/TRACK'); print(len(ts),
//     sum(1 for t in ts if float(t.get('AverageBpm') or 0)>0),
//     sum(1 for t in ts if t.get('Tonality')),
//     sum(1 for t in ts for p in t.findall('POSITION_MARK') if p.get('Type')!='4'),
//     sum(1 for t in ts for p in t.findall('POSITION_MARK') if p.get('Type')=='4'),
//     sum(len(n.findall('TRACK')) for n in r.iter('NODE')
//         if n.get('Type')=='1' and n.get('Name','').startswith('HISTORY')))"
#include "formats/rekordbox.h"

#include <gtest/gtest.h>

#include "core/musical_key.h"
#include "formats/dj_test_util.h"

namespace chorus::formats {
namespace {

using testing::DjFixture;
using testing::ReadBytes;

struct Counts {
  const char* file;
  const char* format;
  uint64_t tracks, with_bpm, with_key, cues, loops, history;
};

void PrintTo(const Counts& c, std::ostream* os) { *os << c.file; }

class RekordboxFixture : public ::testing::TestWithParam<Counts> {};

TEST_P(RekordboxFixture, CountsAsTheReadme) {
  const Counts& c = GetParam();
  std::string path = DjFixture(std::string("rekordbox/") + c.file);
  CHORUS_SKIP_WITHOUT(path);
  Dictionary dict;
  DjNotes notes;
  auto batch = ParseRekordboxXml(path, ReadBytes(path), dict, &notes);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(batch->format, c.format);
  testing::ExpectLibrary(notes, c.tracks, c.with_bpm, c.with_key, c.cues, c.loops, c.history);
  // History without times: counted, reported, never a play.
  EXPECT_EQ(batch->records, c.history);
  EXPECT_TRUE(batch->plays.empty());
  EXPECT_EQ(batch->rejected, c.history);
  EXPECT_EQ(batch->rejected_no_item, c.history);
  // Every key text of these files is understood.
  uint64_t keyed = 0;
  for (const DjTrack& t : batch->dj_tracks) keyed += t.facts.key != 0;
  EXPECT_EQ(keyed, c.with_key);
}

INSTANTIATE_TEST_SUITE_P(
    Real, RekordboxFixture,
    ::testing::Values(Counts{"nathanbibrac_rb6.7.7_collection.xml", "rekordbox-collection", 1721,
                             1695, 1694, 1027, 81, 0},
                      Counts{"kovacs_rb5.4.3_collection.xml", "rekordbox-history", 3369, 3366, 3367,
                             4269, 44, 76}));

TEST(Rekordbox, TrackFactsFromAttributesAndMarks) {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<DJ_PLAYLISTS Version="1.0.0"><PRODUCT Name="rekordbox"/><COLLECTION Entries="2">
<TRACK TrackID="1" Name="Diamonds" Artist="Afrojack" Album="D" AverageBpm="150.00" Tonality="Dbm">
<TEMPO Inizio="0.087" Bpm="150.00"/><POSITION_MARK Type="0" Start="0.087" Num="-1"/>
<POSITION_MARK Type="0" Start="1" Num="0"/><POSITION_MARK Type="4" Start="2" End="4" Num="1"/>
</TRACK><TRACK TrackID="2" Name="x" AverageBpm="0.00" Tonality=""/></COLLECTION>
<PLAYLISTS><NODE Type="0" Name="ROOT"><NODE Name="HISTORY 2018-12-27" Type="1" KeyType="0">
<TRACK Key="1"/><TRACK Key="2"/></NODE><NODE Name="Set" Type="1"><TRACK Key="1"/></NODE>
</NODE></PLAYLISTS></DJ_PLAYLISTS>)";
  Dictionary dict;
  auto batch = ParseRekordboxXml("rb.xml", xml, dict);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(batch->format, "rekordbox-history");
  EXPECT_EQ(batch->records, 2u);
  EXPECT_EQ(batch->rejected_no_item, 2u);
  EXPECT_NE(batch->rejections[0].reason.find("no play times"), std::string::npos);
  ASSERT_EQ(batch->dj_tracks.size(), 1u);  // the second track has no facts
  const DjTrackFacts& f = batch->dj_tracks[0].facts;
  EXPECT_EQ(f.bpm_centi, 15000);
  EXPECT_EQ(key::Camelot(f.key), "12A");
  EXPECT_EQ(f.cues, 2);
  EXPECT_EQ(f.loops, 1);
}

TEST(Rekordbox, BadInput) {
  Dictionary dict;
  auto cut = ParseRekordboxXml("cut.xml", "<DJ_PLAYLISTS><COLLECTION><TRACK Name=\"a", dict);
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("cut.xml"), std::string::npos);
  EXPECT_NE(cut.status().message().find("byte"), std::string::npos);
  // Wrong types: a BPM that is no number is unknown, never a crash.
  auto odd = ParseRekordboxXml("odd.xml",
                               "<DJ_PLAYLISTS><COLLECTION><TRACK Name=\"a\" AverageBpm=\"fast\" "
                               "Tonality=\"Q\"/></COLLECTION></DJ_PLAYLISTS>",
                               dict);
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->format, "rekordbox-collection");
  EXPECT_TRUE(odd->dj_tracks.empty());
}

}  // namespace
}  // namespace chorus::formats
