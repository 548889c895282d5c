// The Traktor NML parser on the real History and collection files of
// ../shared/fixtures/dj/traktor, counts checked independently with:
//   python3 -c "import xml.etree.ElementTree as ET; r=ET.parse(F).getroot();
//     es=r.findall('COLLECTION/ENTRY'); print(len(es),
//     sum(1 for e in es if e.find('TEMPO') is not None and
//     float(e.find('TEMPO').get('BPM','0'))>0), sum(1 for e in es if e.find('MUSICAL_KEY') is not
//     None or
//         (e.find('INFO') is not None and e.find('INFO').get('KEY'))),
//     sum(1 for e in es for c in e.findall('CUE_V2') if c.get('TYPE') in '0123'),
//     sum(1 for e in es for c in e.findall('CUE_V2') if c.get('TYPE')=='5'),
//     [x.find('EXTENDEDDATA').attrib for p in r.iter('PLAYLIST')
//      if p.get('TYPE')=='PROTOCOL' for x in p.findall('ENTRY')])"
// (starts: datetime(d>>16, d>>8&255, d&255) + timedelta(seconds=STARTTIME)).
#include "formats/traktor.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/musical_key.h"
#include "formats/dj_test_util.h"

namespace chorus::formats {
namespace {

using testing::DjFixture;
using testing::Ms;
using testing::ReadBytes;

struct Counts {
  const char* file;
  const char* format;
  uint64_t tracks, with_bpm, with_key, cues, loops, history, public_plays;
  const char* first;
  const char* last;
};

void PrintTo(const Counts& c, std::ostream* os) { *os << c.file; }

class TraktorFixture : public ::testing::TestWithParam<Counts> {};

TEST_P(TraktorFixture, CountsAsTheReadme) {
  const Counts& c = GetParam();
  std::string path = DjFixture(std::string("traktor/") + c.file);
  CHORUS_SKIP_WITHOUT(path);
  Dictionary dict;
  DjNotes notes;
  auto batch = ParseTraktorNml(path, ReadBytes(path), dict, &notes);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(batch->format, c.format);
  testing::ExpectLibrary(notes, c.tracks, c.with_bpm, c.with_key, c.cues, c.loops, c.history);
  EXPECT_EQ(batch->records, c.history);
  EXPECT_EQ(batch->plays.size(), c.history);  // every entry resolves
  EXPECT_EQ(batch->rejected, 0u);
  auto pub = std::count_if(batch->plays.begin(), batch->plays.end(),
                           [](const Play& p) { return p.skipped == Tri::kFalse; });
  EXPECT_EQ(static_cast<uint64_t>(pub), c.public_plays);
  if (c.history > 0) {
    EXPECT_EQ(notes.first_start_ms, Ms(c.first));
    EXPECT_EQ(notes.last_start_ms, Ms(c.last));
  }
  for (const Play& p : batch->plays) {
    EXPECT_EQ(p.source, Source::kTraktor);
    EXPECT_GE(p.deck, 1);
    EXPECT_LE(p.deck, 2);
    EXPECT_FALSE(p.ms_estimated);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Real, TraktorFixture,
    ::testing::Values(Counts{"history_2022y07m17d_20h06m38s.nml", "traktor-history", 46, 46, 46,
                             358, 1, 54, 46, "2022-07-16T13:47:48", "2022-07-17T02:04:32"},
                      Counts{"travestyaudio_collection.nml", "traktor-collection", 1978, 1978, 1962,
                             7845, 1335, 0, 0, "", ""},
                      Counts{"nmlutils_fixture_history.nml", "traktor-history", 151, 151, 145, 6, 8,
                             1, 1, "2019-10-18T19:07:19", "2019-10-18T19:07:19"}));

TEST(Traktor, HistoryPlayCarriesDeckDurationAndFacts) {
  std::string path = DjFixture("traktor/nmlutils_fixture_history.nml");
  CHORUS_SKIP_WITHOUT(path);
  Dictionary dict;
  auto batch = ParseTraktorNml(path, ReadBytes(path), dict);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->plays.size(), 1u);
  const Play& p = batch->plays[0];
  // DECK="1" DURATION="241.700394" STARTDATE="132319762" STARTTIME="68839".
  EXPECT_EQ(p.deck, 2);
  EXPECT_EQ(p.ms_played, 241700u);
  EXPECT_EQ(p.end_ms, Ms("2019-10-18T19:07:19") + 241700);
  // The collection entry behind the play has its facts in dj_tracks.
  auto it = std::find_if(batch->dj_tracks.begin(), batch->dj_tracks.end(),
                         [&](const DjTrack& t) { return t.local_item == p.local_item; });
  ASSERT_NE(it, batch->dj_tracks.end());
  EXPECT_GT(it->facts.bpm_centi, 0);
  EXPECT_NE(it->facts.key, 0);
}

TEST(Traktor, MusicalKeyValueWinsOverInfoText) {
  std::string nml = R"(<?xml version="1.0"?><NML VERSION="19"><COLLECTION ENTRIES="1">
    <ENTRY TITLE="T" ARTIST="A"><LOCATION DIR="/:m/:" FILE="t.mp3" VOLUME="V"/>
    <INFO KEY="5A" PLAYTIME_FLOAT="300.5"/><TEMPO BPM="123.000000"/><MUSICAL_KEY VALUE="12"/>
    <CUE_V2 TYPE="4" LEN="0"/><CUE_V2 TYPE="0" LEN="0"/><CUE_V2 TYPE="3" LEN="0"/>
    <CUE_V2 TYPE="5" LEN="3809.5"/></ENTRY></COLLECTION>
    <PLAYLISTS><NODE TYPE="FOLDER" NAME="$ROOT"><SUBNODES><NODE TYPE="PLAYLIST" NAME="HISTORY">
    <PLAYLIST TYPE="PROTOCOL"><ENTRY><PRIMARYKEY TYPE="TRACK" KEY="V/:m/:t.mp3"/>
    <EXTENDEDDATA DECK="3" STARTDATE="132515601" STARTTIME="60"/></ENTRY>
    <ENTRY><PRIMARYKEY TYPE="TRACK" KEY="V/:m/:other.mp3"/></ENTRY>
    <ENTRY><PRIMARYKEY TYPE="TRACK" KEY="V/:m/:t.mp3"/><EXTENDEDDATA STARTDATE="x"/></ENTRY>
    <ENTRY><PRIMARYKEY TYPE="TRACK" KEY="V/:m/:t.mp3"/>
    <EXTENDEDDATA STARTDATE="132515601" STARTTIME="1" DURATION="long"/></ENTRY>
    </PLAYLIST></NODE></SUBNODES></NODE></PLAYLISTS></NML>)";
  Dictionary dict;
  auto batch = ParseTraktorNml("t.nml", nml, dict);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(batch->records, 4u);
  ASSERT_EQ(batch->plays.size(), 1u);
  EXPECT_EQ(batch->rejected, 3u);
  EXPECT_EQ(batch->rejections[0].field, "PRIMARYKEY");
  EXPECT_EQ(batch->rejections[0].record, 1u);
  EXPECT_EQ(batch->rejections[1].field, "STARTDATE");
  EXPECT_EQ(batch->rejections[2].field, "DURATION");
  const Play& p = batch->plays[0];
  EXPECT_EQ(p.deck, 4);
  EXPECT_TRUE(p.ms_estimated);  // no DURATION: the track's length
  EXPECT_EQ(p.ms_played, 300500u);
  EXPECT_EQ(p.end_ms, Ms("2022-07-17T00:01:00") + 300500);
  EXPECT_EQ(p.skipped, Tri::kUnknown);
  ASSERT_EQ(batch->dj_tracks.size(), 1u);
  const DjTrackFacts& f = batch->dj_tracks[0].facts;
  EXPECT_EQ(f.bpm_centi, 12300);
  EXPECT_EQ(key::KeyName(f.key), "Cm");  // MUSICAL_KEY 12, not INFO "5A" (also Cm)
  EXPECT_EQ(f.cues, 2);
  EXPECT_EQ(f.loops, 1);
}

TEST(Traktor, BadInputIsAnErrorNamingTheFileAndOffset) {
  Dictionary dict;
  auto truncated =
      ParseTraktorNml("cut.nml", "<NML VERSION=\"19\"><COLLECTION><ENTRY TITLE=", dict);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("cut.nml"), std::string::npos);
  EXPECT_NE(truncated.status().message().find("byte"), std::string::npos);
  auto other = ParseTraktorNml("x.xml", "<html><body/></html>", dict);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->format, "ignored");
  auto empty = ParseTraktorNml("e.nml", "<NML/>", dict);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->format, "traktor-collection");
  EXPECT_EQ(empty->records, 0u);
}

}  // namespace
}  // namespace chorus::formats
