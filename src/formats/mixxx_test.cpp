// The Mixxx parser on the real libraries of ../shared/fixtures/dj/mixxx,
// counts checked independently with:
//   python3 -c "import sqlite3; c=sqlite3.connect('file:F?mode=ro&immutable=1', uri=True);
//     q=lambda s: c.execute(s).fetchall();
//     print(q('select count(*), sum(bpm>0), sum(key is not null and key!=\"\") from library'),
//           q('select sum(type in (1,2,6,7)), sum(type=4) from cues'),
//           q('select count(*), min(pl_datetime_added), max(pl_datetime_added) from
//              PlaylistTracks pt join Playlists p on p.id=pt.playlist_id where p.hidden=2'))"
#include "formats/mixxx.h"

#include <gtest/gtest.h>

#include "core/musical_key.h"
#include "formats/dj_test_util.h"

namespace chorus::formats {
namespace {

using testing::DjFixture;
using testing::Ms;
using testing::ReadBytes;

struct Counts {
  const char* folder;
  uint64_t tracks, with_bpm, with_key, cues, loops, history;
  const char* first;
  const char* last;
};

void PrintTo(const Counts& c, std::ostream* os) { *os << c.folder; }

class MixxxFixture : public ::testing::TestWithParam<Counts> {};

TEST_P(MixxxFixture, CountsAsTheReadme) {
  const Counts& c = GetParam();
  std::string path = DjFixture(std::string("mixxx/") + c.folder + "/mixxxdb.sqlite");
  CHORUS_SKIP_WITHOUT(path);
  std::string bytes = ReadBytes(path);
  Dictionary dict;
  DjNotes notes;
  auto batch = ParseMixxxDb(path, bytes, dict, &notes);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(batch->format, "mixxx-history");
  testing::ExpectLibrary(notes, c.tracks, c.with_bpm, c.with_key, c.cues, c.loops, c.history);
  EXPECT_EQ(batch->records, c.history);
  EXPECT_EQ(batch->plays.size(), c.history);
  EXPECT_EQ(batch->rejected, 0u);
  EXPECT_EQ(notes.first_start_ms, Ms(c.first));
  EXPECT_EQ(notes.last_start_ms, Ms(c.last));
  uint64_t keyed = 0;
  for (const DjTrack& t : batch->dj_tracks) keyed += t.facts.key != 0;
  EXPECT_EQ(keyed, c.with_key);  // key_id agrees with the text on every row
  for (const Play& p : batch->plays) {
    EXPECT_EQ(p.source, Source::kMixxx);
    EXPECT_TRUE(p.ms_estimated);  // every played track has a duration here
    EXPECT_EQ(p.deck, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Real, MixxxFixture,
                         ::testing::Values(Counts{"schema26_alyptik", 1321, 1320, 1321, 292, 2,
                                                  1206, "2016-05-13T11:48:14",
                                                  "2016-07-16T04:22:32"},
                                           Counts{"schema39_fuerzas", 3164, 1552, 2373, 100, 3, 11,
                                                  "2023-12-16T08:23:28", "2023-12-16T10:22:35"}));

TEST(Mixxx, FirstPlayOfSchema26) {
  std::string path = DjFixture("mixxx/schema26_alyptik/mixxxdb.sqlite");
  CHORUS_SKIP_WITHOUT(path);
  std::string bytes = ReadBytes(path);
  Dictionary dict;
  auto batch = ParseMixxxDb(path, bytes, dict);
  ASSERT_TRUE(batch.ok());
  ASSERT_FALSE(batch->plays.empty());
  // PlaylistTracks row 1: track 746 at 2016-05-13 11:48:14 UTC.
  const Play& p = batch->plays[0];
  EXPECT_EQ(p.end_ms, Ms("2016-05-13T11:48:14") + p.ms_played);
  EXPECT_GT(p.ms_played, 0u);
}

TEST(Mixxx, BadInputIsAClearError) {
  Dictionary dict;
  std::string path = DjFixture("engine/hm.db");  // SQLite, but Engine DJ's
  if (testing::Exists(path)) {
    std::string bytes = ReadBytes(path);
    auto other = ParseMixxxDb(path, bytes, dict);
    ASSERT_FALSE(other.ok());
    EXPECT_NE(other.status().message().find("not a Mixxx library"), std::string::npos);
    EXPECT_NE(other.status().message().find("hm.db"), std::string::npos);
    auto ignored = ParseMixxxDb(path, bytes, dict, nullptr, true);
    ASSERT_TRUE(ignored.ok());
    EXPECT_EQ(ignored->format, "ignored");
  }
  auto text = ParseMixxxDb("x.sqlite", "hello", dict);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("x.sqlite"), std::string::npos);
  // A header and then garbage: damaged, an error naming the file.
  std::string cut("SQLite format 3\0", 16);
  cut += std::string(200, '\x07');
  auto damaged = ParseMixxxDb("cut.sqlite", cut, dict);
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.status().message().find("cut.sqlite"), std::string::npos);
  // A truncated real library.
  std::string real = DjFixture("mixxx/schema39_fuerzas/mixxxdb.sqlite");
  if (testing::Exists(real)) {
    std::string bytes = ReadBytes(real).substr(0, 70000);
    auto truncated = ParseMixxxDb("trunc.sqlite", bytes, dict);
    if (!truncated.ok()) {
      EXPECT_NE(truncated.status().message().find("trunc.sqlite"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace chorus::formats
