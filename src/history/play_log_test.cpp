// PlayLog dedupe and Totals on hand-built PlayBatch values whose answers are
// known by construction (DESIGN.md "Counting rules", history/README.md).
#include "history/play_log.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/dictionary.h"
#include "history/totals.h"

namespace chorus::history {
namespace {

// 2023-11-14T22:13:00Z, minute-aligned (1699999980000 / 60000 == 28333333).
constexpr int64_t kT0 = 1'699'999'980'000;
constexpr int64_t kSec = 1'000;
constexpr int64_t kMin = 60'000;

// One row to put in a batch; strings are interned into the batch's own pool.
struct Row {
  int64_t end_ms = 0;
  uint32_t ms = 0;
  std::string title, artist, album, uri;
  Kind kind = Kind::kMusic;
  Source source = Source::kSpotifyExtended;
};

Row Ext(int64_t end_ms, uint32_t ms, std::string title = "Song", std::string artist = "Band",
        std::string uri = "spotify:track:aaa", Kind kind = Kind::kMusic) {
  return {end_ms,         ms,   std::move(title),        std::move(artist), "Album",
          std::move(uri), kind, Source::kSpotifyExtended};
}

// Account data rows: minute precision, names only (no URI, no album).
Row Acct(int64_t end_ms, uint32_t ms, std::string title = "Song", std::string artist = "Band",
         Kind kind = Kind::kMusic) {
  return {end_ms, ms, std::move(title), std::move(artist), "", "", kind, Source::kSpotifyAccount};
}

PlayBatch MakeBatch(const std::vector<Row>& rows, std::string file = "test.json") {
  PlayBatch b;
  b.file = std::move(file);
  b.format = "test";
  b.records = rows.size();
  for (const Row& r : rows) {
    Play p;
    p.end_ms = r.end_ms;
    p.ms_played = r.ms;
    p.kind = r.kind;
    p.source = r.source;
    p.item.title = b.strings.Intern(r.title);
    p.item.artist = b.strings.Intern(r.artist);
    p.item.album = b.strings.Intern(r.album);
    p.item.uri = b.strings.Intern(r.uri);
    b.plays.push_back(p);
  }
  return b;
}

// Appends each vector of rows as one export (origin = its index) and finalizes.
DedupeStats Build(PlayLog& log, const std::vector<std::vector<Row>>& exports) {
  for (size_t i = 0; i < exports.size(); ++i) {
    log.Append(MakeBatch(exports[i]), static_cast<uint16_t>(i));
  }
  return log.Finalize();
}

std::string_view Title(const PlayLog& log, size_t i) {
  return log.strings().View(log.item(i).ref.title);
}

// ---------------------------------------------------------------------------
// Rule 1: extended rows, same (end second, kind, item).

TEST(PlayLogDedupe, ExtendedSameEndKindUriKeepsLargestMs) {
  PlayLog log;
  auto stats = Build(
      log, {{Ext(kT0 + 37 * kSec, 1000), Ext(kT0 + 37 * kSec, 5000), Ext(kT0 + 37 * kSec, 3000)}});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.ms_played(0), 5000u);
  EXPECT_EQ(log.end_ms(0), kT0 + 37 * kSec);
  EXPECT_EQ(stats.same_item, 2u);
  EXPECT_EQ(stats.overlap, 0u);
  EXPECT_EQ(stats.account_merged, 0u);
  EXPECT_EQ(stats.total(), 2u);
}

TEST(PlayLogDedupe, ExtendedSameUriDifferentSecondIsTwoPlays) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0 + 37 * kSec, 1000), Ext(kT0 + 38 * kSec, 1000)}});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.total(), 0u);
}

TEST(PlayLogDedupe, IdenticalRowsAreOnePlay) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0, 200000), Ext(kT0, 200000)}});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.ms_played(0), 200000u);
  EXPECT_EQ(stats.same_item, 1u);
}

TEST(PlayLogDedupe, ExtendedSameEndDifferentUriIsTwoPlays) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0, 1000, "Song", "Band", "spotify:track:aaa"),
                            Ext(kT0, 1000, "Song", "Band", "spotify:track:bbb")}});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.total(), 0u);
}

TEST(PlayLogDedupe, ExtendedWithoutUriUsesNames) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0, 1000, "Song", "Band", ""), Ext(kT0, 2000, "Song", "Band", ""),
                            Ext(kT0, 3000, "Other", "Band", "")}});
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.same_item, 1u);
  std::map<std::string_view, uint32_t> ms;
  for (size_t i = 0; i < log.size(); ++i) ms[Title(log, i)] = log.ms_played(i);
  EXPECT_EQ(ms["Song"], 2000u);
  EXPECT_EQ(ms["Other"], 3000u);
}

TEST(PlayLogDedupe, ExtendedOverlapAcrossExportsIsOnePlay) {
  // Two extended exports that overlap: the same row seen twice is one play,
  // even though each batch interned its strings in a different order.
  PlayLog log;
  PlayBatch a = MakeBatch({Ext(kT0, 1000, "Song", "Band")});
  PlayBatch b;
  b.strings.Intern("Unrelated");  // shifts every id in b's pool
  Play p;
  p.end_ms = kT0;
  p.ms_played = 4000;
  p.item.uri = b.strings.Intern("spotify:track:aaa");
  p.item.artist = b.strings.Intern("Band");
  p.item.title = b.strings.Intern("Song");
  p.item.album = b.strings.Intern("Album");
  b.plays = {p};
  log.Append(std::move(a), 0);
  log.Append(std::move(b), 1);
  auto stats = log.Finalize();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.ms_played(0), 4000u);
  EXPECT_EQ(Title(log, 0), "Song");
  EXPECT_EQ(log.strings().View(log.item(0).ref.album), "Album");
  EXPECT_EQ(stats.same_item, 1u);
  EXPECT_EQ(log.items().size(), 1u);
}

TEST(PlayLogDedupe, MixedKindsSameEndAreDistinct) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0, 1000, "T", "A", "spotify:x", Kind::kMusic),
                            Ext(kT0, 1000, "T", "A", "spotify:x", Kind::kPodcast),
                            Ext(kT0, 1000, "T", "A", "spotify:x", Kind::kAudiobook),
                            Ext(kT0, 1000, "T", "A", "spotify:x", Kind::kVideo),
                            Ext(kT0, 500, "T", "A", "spotify:x", Kind::kPodcast)}});
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(stats.same_item, 1u);
  int seen[kKindCount] = {};
  for (size_t i = 0; i < log.size(); ++i) ++seen[static_cast<int>(log.kind(i))];
  for (int k = 0; k < kKindCount; ++k) EXPECT_EQ(seen[k], 1) << KindName(static_cast<Kind>(k));
}

// ---------------------------------------------------------------------------
// Rule 2: account rows, repeated within and across exports.

TEST(PlayLogDedupe, AccountRepeatsWithinOneExportStayDistinct) {
  PlayLog log;
  auto stats = Build(log, {{Acct(kT0, 5000), Acct(kT0, 5000), Acct(kT0, 5000)}});
  EXPECT_EQ(log.size(), 3u);
  EXPECT_EQ(stats.total(), 0u);
}

TEST(PlayLogDedupe, AccountRowsInTwoExportsCountOnceMaxPerExport) {
  PlayLog log;
  auto stats = Build(log, {{Acct(kT0, 5000), Acct(kT0, 5000)},
                           {Acct(kT0, 5000), Acct(kT0, 5000), Acct(kT0, 5000)}});
  EXPECT_EQ(log.size(), 3u);
  EXPECT_EQ(stats.overlap, 2u);
  EXPECT_EQ(stats.total(), 2u);
}

TEST(PlayLogDedupe, AccountRowsInTwoExportsLargerFirst) {
  PlayLog log;
  auto stats = Build(log, {{Acct(kT0, 5000), Acct(kT0, 5000), Acct(kT0, 5000)},
                           {Acct(kT0, 5000), Acct(kT0, 5000)}});
  EXPECT_EQ(log.size(), 3u);
  EXPECT_EQ(stats.overlap, 2u);
}

TEST(PlayLogDedupe, AccountSameExportTwiceCountsOnce) {
  PlayLog log;
  std::vector<Row> rows = {Acct(kT0, 5000), Acct(kT0 + kMin, 7000, "B"), Acct(kT0, 5000)};
  auto stats = Build(log, {rows, rows});
  EXPECT_EQ(log.size(), 3u);
  EXPECT_EQ(stats.overlap, 3u);
}

TEST(PlayLogDedupe, AccountDifferentMsAcrossExportsAreDistinct) {
  PlayLog log;
  auto stats = Build(log, {{Acct(kT0, 5000)}, {Acct(kT0, 6000)}});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.total(), 0u);
}

// ---------------------------------------------------------------------------
// Rule 3: account rows merge into their extended twins.

TEST(PlayLogDedupe, AccountTwinMergesIntoExtendedPlay) {
  PlayLog log;
  // Extended ends 22:13:37, account says 22:13: the same play.
  auto stats = Build(log, {{Ext(kT0 + 37 * kSec, 123456)}, {Acct(kT0, 123456)}});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.source(0), Source::kSpotifyExtended);
  EXPECT_EQ(log.end_ms(0), kT0 + 37 * kSec);
  EXPECT_EQ(log.ms_played(0), 123456u);
  EXPECT_EQ(log.strings().View(log.item(0).ref.uri), "spotify:track:aaa");
  EXPECT_EQ(stats.account_merged, 1u);
  EXPECT_EQ(stats.account_merged_by_minute_ms, 0u);
  EXPECT_EQ(stats.total(), 1u);
}

TEST(PlayLogDedupe, AccountTwinInSameBatchMerges) {
  PlayLog log;
  auto stats = Build(log, {{Acct(kT0, 123456), Ext(kT0 + 59 * kSec, 123456)}});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.source(0), Source::kSpotifyExtended);
  EXPECT_EQ(stats.account_merged, 1u);
}

TEST(PlayLogDedupe, AccountTwinWithOtherSpellingMergedBySecondPass) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0 + 37 * kSec, 123456, "Song", "Band")},
                           {Acct(kT0, 123456, "Song (feat. Guest)", "Unknown Artist")}});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.source(0), Source::kSpotifyExtended);
  EXPECT_EQ(Title(log, 0), "Song");
  EXPECT_EQ(stats.account_merged, 1u);
  EXPECT_EQ(stats.account_merged_by_minute_ms, 1u);
}

TEST(PlayLogDedupe, AccountSameMinuteDifferentMsNotMerged) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0 + 37 * kSec, 123456)}, {Acct(kT0, 123457)}});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.account_merged, 0u);
  EXPECT_EQ(stats.total(), 0u);
}

TEST(PlayLogDedupe, AccountOtherMinuteSameMsNotMerged) {
  PlayLog log;
  auto stats = Build(log, {{Ext(kT0 + kMin + 5 * kSec, 123456)}, {Acct(kT0, 123456)}});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.account_merged, 0u);
}

TEST(PlayLogDedupe, OneExtendedTwinAbsorbsOnlyOneAccountRow) {
  PlayLog log;
  // Two account plays in the minute (a real replay), one extended row: one
  // pair merges, the other account row is a play of its own.
  auto stats =
      Build(log, {{Ext(kT0 + 20 * kSec, 5000)}, {Acct(kT0, 5000), Acct(kT0, 5000, "Renamed")}});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.account_merged, 1u);
  // The names pass matches first: "Song" pairs by names, not by minute+ms.
  EXPECT_EQ(stats.account_merged_by_minute_ms, 0u);
  size_t ext = 0, acct = 0;
  for (size_t i = 0; i < log.size(); ++i) {
    (log.source(i) == Source::kSpotifyExtended ? ext : acct)++;
  }
  EXPECT_EQ(ext, 1u);
  EXPECT_EQ(acct, 1u);
  for (size_t i = 0; i < log.size(); ++i) {
    if (log.source(i) == Source::kSpotifyAccount) {
      EXPECT_EQ(Title(log, i), "Renamed");
    }
  }
}

TEST(PlayLogDedupe, NamesPassPrefersTheRightTwin) {
  PlayLog log;
  // Two extended plays in the same minute with the same ms; the account rows
  // spell one of them the same way. Both merge, one by names, one by minute+ms.
  auto stats = Build(log, {{Ext(kT0 + 10 * kSec, 9000, "A", "X", "spotify:track:a"),
                            Ext(kT0 + 50 * kSec, 9000, "B", "Y", "spotify:track:b")},
                           {Acct(kT0, 9000, "B (Remastered)", "Y"), Acct(kT0, 9000, "A", "X")}});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(stats.account_merged, 2u);
  EXPECT_EQ(stats.account_merged_by_minute_ms, 1u);
  for (size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log.source(i), Source::kSpotifyExtended);
}

// ---------------------------------------------------------------------------
// Ordering and columns.

TEST(PlayLogDedupe, UnsortedInputComesOutSortedByEnd) {
  PlayLog log;
  std::vector<Row> rows = {Ext(kT0 + 5 * kMin, 1, "E"), Ext(kT0 + 1 * kMin, 1, "B"),
                           Ext(kT0 + 9 * kMin, 1, "F"), Ext(kT0 - 3 * kMin, 1, "A"),
                           Ext(kT0 + 4 * kMin, 1, "D"), Ext(kT0 + 2 * kMin, 1, "C")};
  for (Row& r : rows) r.uri = "spotify:track:" + r.title;
  auto stats = Build(log, {rows});
  EXPECT_EQ(stats.total(), 0u);
  ASSERT_EQ(log.size(), 6u);
  EXPECT_TRUE(log.end_column().is_sorted());
  std::string titles;
  for (size_t i = 0; i < log.size(); ++i) titles += Title(log, i);
  EXPECT_EQ(titles, "ABCDEF");
  EXPECT_EQ(log.end_column().size(), log.size());
}

// Rule 0: Apple's summary rows (Daily Tracks, Recently Played) count only
// when Play Activity is absent from the import, whether a summary row is
// alone at its end or shares it with other rows.
TEST(PlayLogDedupe, AppleSummariesAreSupersededOnlyByPlayActivity) {
  auto apple = [](int64_t end, std::string title, Source source) {
    Row r = Ext(end, 60'000, title, "Band", "");
    r.source = source;
    return r;
  };
  const std::vector<Row> summaries = {
      apple(kT0, "Alone", Source::kAppleMusicSummary),
      apple(kT0 + kMin, "Tied", Source::kAppleMusicSummary),
      Ext(kT0 + kMin, 1000, "Spotify", "Band", "spotify:track:s"),
      apple(kT0 + 2 * kMin, "Tied twice", Source::kAppleMusicSummary),
      apple(kT0 + 2 * kMin, "Tied twice", Source::kAppleMusicSummary),
  };
  {
    PlayLog log;
    auto stats = Build(log, {summaries});
    EXPECT_EQ(stats.superseded, 0u);
    EXPECT_EQ(stats.same_item, 1u);  // the two identical summary rows
    EXPECT_EQ(log.size(), 4u);
  }
  {
    PlayLog log;
    auto stats = Build(log, {summaries, {apple(kT0 + 3 * kMin, "Played", Source::kAppleMusic)}});
    EXPECT_EQ(stats.superseded, 4u);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(Title(log, 0), "Spotify");
    EXPECT_EQ(Title(log, 1), "Played");
  }
}

// Sorted files (the usual case) are merged run by run rather than sorted:
// five runs, some interleaved with ties across files, one wholly before the
// rest, one wholly after, must come out as one sorted log with every row.
TEST(PlayLogDedupe, SortedRunsMergeIntoOneSortedLog) {
  std::vector<std::vector<Row>> exports(5);
  std::vector<std::pair<int64_t, std::string>> expected;
  auto add = [&](size_t file, int64_t end) {
    std::string title = std::to_string(file) + "/" + std::to_string(exports[file].size());
    exports[file].push_back(Ext(end, 1000, title, "Band", "spotify:track:" + title));
    expected.emplace_back(end, title);
  };
  for (int i = 0; i < 300; ++i) add(0, kT0 - 1000 * kMin + i * kSec);     // before all
  for (int i = 0; i < 700; ++i) add(1, kT0 + i * 3 * kSec);               // interleaved
  for (int i = 0; i < 500; ++i) add(2, kT0 + i * 4 * kSec);               // ties with 1
  for (int i = 0; i < 400; ++i) add(3, kT0 + 100 * kSec + i * 5 * kSec);  // inside
  for (int i = 0; i < 200; ++i) add(4, kT0 + 1000 * kMin + i * kSec);     // after all
  PlayLog log;
  auto stats = Build(log, exports);
  EXPECT_EQ(stats.total(), 0u);
  ASSERT_EQ(log.size(), expected.size());
  EXPECT_TRUE(log.end_column().is_sorted());
  std::vector<std::pair<int64_t, std::string>> got;
  for (size_t i = 0; i < log.size(); ++i) got.emplace_back(log.end_ms(i), Title(log, i));
  std::sort(expected.begin(), expected.end());
  std::vector<std::pair<int64_t, std::string>> got_sorted = got;
  std::sort(got_sorted.begin(), got_sorted.end());
  EXPECT_EQ(got_sorted, expected);
  EXPECT_EQ(got.front().second, "0/0");
  EXPECT_EQ(got.back().second, "4/199");
}

// Merging packs each end time with its row index into one 64-bit key; ends
// too far apart for that (centuries, from a corrupt or hostile file) must
// still come out sorted, through the general sort.
TEST(PlayLogDedupe, EndsTooFarApartToPackStillSort) {
  const int64_t far = int64_t{1} << 61;
  std::vector<std::vector<Row>> exports(2);
  std::vector<int64_t> expected;
  for (int file = 0; file < 2; ++file) {
    for (int i = 0; i < 20; ++i) {
      const int64_t end = (i < 10 ? -far : far) + (i * 2 + file) * kSec;
      std::string title = std::to_string(file) + "/" + std::to_string(i);
      exports[file].push_back(Ext(end, 1000, title, "Band", "spotify:track:" + title));
      expected.push_back(end);
    }
  }
  PlayLog log;
  auto stats = Build(log, exports);
  EXPECT_EQ(stats.total(), 0u);
  ASSERT_EQ(log.size(), expected.size());
  std::sort(expected.begin(), expected.end());
  for (size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log.end_ms(i), expected[i]) << i;
}

// The first Dictionary to append lends the log its ids (no remapping);
// once another producer appends, its later batches are remapped. Every
// track must come out as one item whichever producer named it, in batches
// from before and after the switch.
TEST(PlayLogDedupe, ProducersShareItemsAfterTheFirstOnesIdsAreAdopted) {
  Dictionary first, second;
  auto batch = [](Dictionary& dict, int64_t end, const std::vector<std::string>& titles) {
    PlayBatch b;
    b.dictionary = dict.id();
    for (const std::string& title : titles) {
      Play p;
      p.end_ms = end;
      end += kMin;
      p.ms_played = 1000;
      p.local_item = dict.ItemFor(Kind::kMusic, title, "Band", "", "", &p.item);
      b.plays.push_back(p);
    }
    dict.ShipDelta(b);
    return b;
  };
  PlayLog log;
  log.Append(batch(first, kT0, {"X", "Y"}), 0);
  log.Append(batch(second, kT0 + 10 * kMin, {"Y", "Z"}), 1);
  std::vector<Row> loose = {Ext(kT0 + 20 * kMin, 1000, "X", "Band", "")};
  loose[0].album = "";
  log.Append(MakeBatch(loose), 2);
  log.Append(batch(first, kT0 + 30 * kMin, {"Y", "W", "X"}), 0);
  log.Finalize();
  ASSERT_EQ(log.size(), 8u);
  EXPECT_EQ(log.items().size(), 4u);    // X, Y, Z, W
  EXPECT_EQ(log.strings().size(), 6u);  // the empty string, X, Band, Y, Z, W
  std::map<std::string, std::set<uint32_t>> items_of;
  for (size_t i = 0; i < log.size(); ++i)
    items_of[std::string(Title(log, i))].insert(log.item_index(i));
  ASSERT_EQ(items_of.size(), 4u);
  for (const auto& [title, items] : items_of) EXPECT_EQ(items.size(), 1u) << title;
  std::string titles;
  for (size_t i = 0; i < log.size(); ++i) titles += Title(log, i);
  EXPECT_EQ(titles, "XYYZXYWX");
}

TEST(PlayLogDedupe, BehaviourColumnsFollowTheirRows) {
  PlayBatch b = MakeBatch({Ext(kT0 + 2 * kMin, 2000, "Late", "Band", "spotify:track:late"),
                           Ext(kT0, 1000, "Early", "Band", "spotify:track:early")});
  Play& late = b.plays[0];
  late.reason_start = Reason::kClickRow;
  late.reason_end = Reason::kTrackDone;
  late.shuffle = Tri::kTrue;
  late.skipped = Tri::kFalse;
  late.offline = Tri::kUnknown;
  late.incognito = Tri::kTrue;
  late.device = Device::kCar;
  Play& early = b.plays[1];
  early.reason_start = Reason::kRemote;
  early.reason_end = Reason::kForwardButton;
  early.shuffle = Tri::kFalse;
  early.skipped = Tri::kTrue;
  early.offline = Tri::kTrue;
  early.incognito = Tri::kUnknown;
  early.device = Device::kSpeaker;
  PlayLog log;
  log.Append(std::move(b), 0);
  log.Finalize();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(Title(log, 0), "Early");
  EXPECT_EQ(log.reason_start(0), Reason::kRemote);
  EXPECT_EQ(log.reason_end(0), Reason::kForwardButton);
  EXPECT_EQ(log.shuffle(0), Tri::kFalse);
  EXPECT_EQ(log.skipped(0), Tri::kTrue);
  EXPECT_EQ(log.offline(0), Tri::kTrue);
  EXPECT_EQ(log.incognito(0), Tri::kUnknown);
  EXPECT_EQ(log.device(0), Device::kSpeaker);
  EXPECT_EQ(Title(log, 1), "Late");
  EXPECT_EQ(log.reason_start(1), Reason::kClickRow);
  EXPECT_EQ(log.reason_end(1), Reason::kTrackDone);
  EXPECT_EQ(log.shuffle(1), Tri::kTrue);
  EXPECT_EQ(log.skipped(1), Tri::kFalse);
  EXPECT_EQ(log.offline(1), Tri::kUnknown);
  EXPECT_EQ(log.incognito(1), Tri::kTrue);
  EXPECT_EQ(log.device(1), Device::kCar);
}

TEST(PlayLogDedupe, EmptyLogFinalizes) {
  PlayLog log;
  auto stats = log.Finalize();
  EXPECT_EQ(log.size(), 0u);
  EXPECT_EQ(stats.total(), 0u);
  Totals t = ComputeTotals(log);
  EXPECT_EQ(t.plays, 0u);
  EXPECT_EQ(t.ms_played, 0u);
  EXPECT_EQ(t.tracks, 0u);
  EXPECT_EQ(t.artists, 0u);
}

// ---------------------------------------------------------------------------
// Totals.

TEST(Totals, StreamThresholdIsInclusiveAndMusicOnly) {
  PlayLog log;
  Build(log, {{Ext(kT0, 30000, "A", "X", "spotify:track:a"),
               Ext(kT0 + kMin, 29999, "B", "X", "spotify:track:b"),
               Ext(kT0 + 2 * kMin, 30001, "C", "X", "spotify:track:c"),
               Ext(kT0 + 3 * kMin, 600000, "Ep", "Show", "spotify:episode:e", Kind::kPodcast)}});
  Totals t = ComputeTotals(log);
  EXPECT_EQ(t.plays, 4u);
  EXPECT_EQ(t.music, 3u);
  EXPECT_EQ(t.podcast, 1u);
  EXPECT_EQ(t.streams, 2u);
  EXPECT_EQ(t.ms_played, 30000u + 29999u + 30001u + 600000u);
}

TEST(Totals, TracksAreDistinctArtistTitleWithKnownTitle) {
  PlayLog log;
  Build(log, {{
                 // Same (artist, title) on two URIs and albums: one track.
                 Ext(kT0, 1000, "Song", "Band", "spotify:track:single"),
                 Ext(kT0 + kMin, 1000, "Song", "Band", "spotify:track:album"),
                 // Same title, another artist: another track.
                 Ext(kT0 + 2 * kMin, 1000, "Song", "Other", "spotify:track:cover"),
                 // Unknown title: not a track, but its artist counts.
                 Ext(kT0 + 3 * kMin, 1000, "", "Third", "spotify:track:untitled"),
                 // Unknown artist, known title: a track, no artist.
                 Ext(kT0 + 4 * kMin, 1000, "Lonely", "", "spotify:track:lonely"),
                 // Podcasts are not tracks and their shows are not artists.
                 Ext(kT0 + 5 * kMin, 1000, "Ep", "Show", "spotify:episode:e", Kind::kPodcast),
                 Ext(kT0 + 6 * kMin, 1000, "Ch", "Book", "spotify:episode:c", Kind::kAudiobook),
                 Ext(kT0 + 7 * kMin, 1000, "Clip", "Vid", "spotify:track:v", Kind::kVideo),
             }});
  Totals t = ComputeTotals(log);
  EXPECT_EQ(t.plays, 8u);
  EXPECT_EQ(t.music, 5u);
  EXPECT_EQ(t.podcast, 1u);
  EXPECT_EQ(t.audiobook, 1u);
  EXPECT_EQ(t.video, 1u);
  EXPECT_EQ(t.tracks, 3u);   // (Band, Song), (Other, Song), (-, Lonely)
  EXPECT_EQ(t.artists, 3u);  // Band, Other, Third
  EXPECT_EQ(t.ms_played, 8000u);
  EXPECT_EQ(t.first_end_ms, kT0);
  EXPECT_EQ(t.last_end_ms, kT0 + 7 * kMin);
}

TEST(Totals, CountAfterDedupe) {
  PlayLog log;
  Build(log, {{Ext(kT0 + 37 * kSec, 40000), Ext(kT0 + 37 * kSec, 10000)},
              {Acct(kT0, 40000), Acct(kT0 + 5 * kMin, 40000, "Song", "Band")}});
  Totals t = ComputeTotals(log);
  EXPECT_EQ(t.plays, 2u);
  EXPECT_EQ(t.streams, 2u);
  EXPECT_EQ(t.ms_played, 80000u);
  EXPECT_EQ(t.tracks, 1u);
  EXPECT_EQ(t.artists, 1u);
}

// ---------------------------------------------------------------------------
// Invariants on random rows.

TEST(PlayLogDedupe, RandomRowsKeepTheAccounting) {
  const char* kTitles[] = {"", "Song", "Other", "Third", "Song (feat. X)"};
  const char* kArtists[] = {"", "Band", "Solo", "Duo"};
  const uint32_t kMs[] = {0, 1000, 29999, 30000, 123456};
  const Kind kKinds[] = {Kind::kMusic,   Kind::kMusic,     Kind::kMusic,
                         Kind::kPodcast, Kind::kAudiobook, Kind::kVideo};
  for (uint32_t seed : {1u, 2u, 3u, 42u, 2024u}) {
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    std::vector<std::vector<Row>> exports(3);
    size_t appended = 0;
    for (int i = 0; i < 4000; ++i) {
      Row r;
      bool account = pick(3) == 0;
      int64_t minute = kT0 + static_cast<int64_t>(pick(30)) * kMin;
      r.ms = kMs[pick(std::size(kMs))];
      r.kind = kKinds[pick(std::size(kKinds))];
      r.title = kTitles[pick(std::size(kTitles))];
      r.artist = kArtists[pick(std::size(kArtists))];
      if (account) {
        r.source = Source::kSpotifyAccount;
        r.end_ms = minute;
      } else {
        r.source = Source::kSpotifyExtended;
        r.end_ms = minute + static_cast<int64_t>(pick(4)) * 15 * kSec;
        r.album = pick(2) ? "Album" : "";
        if (pick(4) != 0) r.uri = "spotify:track:" + r.title + "/" + r.artist;
      }
      exports[pick(exports.size())].push_back(std::move(r));
      ++appended;
    }

    // Independent expectations for rules 1 and 2.
    using ExtKey = std::tuple<int64_t, Kind, std::string, std::string, std::string, std::string>;
    std::map<ExtKey, uint32_t> ext_max;  // key -> largest ms
    size_t ext_rows = 0;
    using AcctKey = std::tuple<int64_t, Kind, std::string, std::string, uint32_t>;
    std::map<AcctKey, std::map<size_t, uint64_t>> acct;  // key -> origin -> count
    size_t acct_rows = 0;
    for (size_t o = 0; o < exports.size(); ++o) {
      for (const Row& r : exports[o]) {
        if (r.source == Source::kSpotifyExtended) {
          ++ext_rows;
          ExtKey k = r.uri.empty() ? ExtKey{r.end_ms, r.kind, "", r.title, r.artist, r.album}
                                   : ExtKey{r.end_ms, r.kind, r.uri, "", "", ""};
          auto [it, inserted] = ext_max.try_emplace(k, r.ms);
          if (!inserted) it->second = std::max(it->second, r.ms);
        } else {
          ++acct_rows;
          ++acct[{r.end_ms, r.kind, r.title, r.artist, r.ms}][o];
        }
      }
    }
    uint64_t expect_overlap = 0, acct_kept = 0;
    for (const auto& [key, per_origin] : acct) {
      uint64_t sum = 0, best = 0;
      for (const auto& [o, c] : per_origin) {
        sum += c;
        best = std::max(best, c);
      }
      expect_overlap += sum - best;
      acct_kept += best;
    }

    PlayLog log;
    auto stats = Build(log, exports);
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_EQ(log.size() + stats.same_item + stats.overlap + stats.account_merged, appended);
    EXPECT_EQ(stats.total(), appended - log.size());
    EXPECT_TRUE(log.end_column().is_sorted());
    EXPECT_EQ(stats.same_item, ext_rows - ext_max.size());
    EXPECT_EQ(stats.overlap, expect_overlap);
    EXPECT_LE(stats.account_merged_by_minute_ms, stats.account_merged);
    EXPECT_LE(stats.account_merged, std::min<uint64_t>(acct_kept, ext_max.size()));
    EXPECT_GT(stats.same_item, 0u);  // the generator does produce each kind of duplicate
    EXPECT_GT(stats.overlap, 0u);
    EXPECT_GT(stats.account_merged, 0u);

    // Every extended play survives exactly once, with its largest ms.
    size_t ext_out = 0;
    std::map<ExtKey, int> ext_seen;
    for (size_t i = 0; i < log.size(); ++i) {
      if (log.source(i) != Source::kSpotifyExtended) continue;
      ++ext_out;
      const ItemRef& r = log.item(i).ref;
      auto v = [&](StrId id) { return std::string(log.strings().View(id)); };
      ExtKey k = r.uri == kNoString
                     ? ExtKey{log.end_ms(i), log.kind(i), "", v(r.title), v(r.artist), v(r.album)}
                     : ExtKey{log.end_ms(i), log.kind(i), v(r.uri), "", "", ""};
      ASSERT_TRUE(ext_max.count(k));
      EXPECT_EQ(log.ms_played(i), ext_max[k]);
      EXPECT_EQ(++ext_seen[k], 1);
    }
    EXPECT_EQ(ext_out, ext_max.size());
    EXPECT_EQ(log.size() - ext_out, acct_kept - stats.account_merged);

    Totals t = ComputeTotals(log);
    EXPECT_EQ(t.plays, log.size());
    EXPECT_EQ(t.music + t.podcast + t.audiobook + t.video, t.plays);
    EXPECT_LE(t.streams, t.music);
  }
}

// Finalize and ComputeTotals with a helper thread split the merge passes, the
// tie groups, rule 1 and the column rewrite between them: the log, the
// stats and the totals must equal those of one thread. Seven files of
// sorted rows with ends in five minutes give interleaved runs, an odd run
// out in every merge pass, and groups of tied ends and of duplicates (about
// 30 rows a second, 8 titles) wherever the halves are split.
TEST(PlayLogDedupe, TwoThreadsFinalizeAsOneDoes) {
  for (uint32_t seed : {7u, 8u, 9u}) {
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    std::vector<std::vector<Row>> exports(7);
    for (auto& rows : exports) {
      const size_t count = 500 + pick(1500);
      for (size_t i = 0; i < count; ++i) {
        const std::string title = "T" + std::to_string(pick(8));
        const int64_t end = kT0 + static_cast<int64_t>(pick(300)) * kSec;
        const uint32_t ms = static_cast<uint32_t>(pick(3)) * 20'000;
        if (pick(4) == 0) {
          rows.push_back(Acct(end / kMin * kMin, ms, title));
        } else {
          rows.push_back(Ext(end, ms, title, "Band", "spotify:track:" + title));
        }
      }
      std::sort(rows.begin(), rows.end(),
                [](const Row& a, const Row& b) { return a.end_ms < b.end_ms; });
    }
    PlayLog one, two;
    for (size_t i = 0; i < exports.size(); ++i) {
      one.Append(MakeBatch(exports[i]), static_cast<uint16_t>(i));
      two.Append(MakeBatch(exports[i]), static_cast<uint16_t>(i));
    }
    HelperThread helper(true);
    DedupeStats s1 = one.Finalize(), s2 = two.Finalize(helper);
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_GT(s1.same_item, 0u);
    EXPECT_GT(s1.overlap, 0u);
    EXPECT_GT(s1.account_merged, 0u);
    EXPECT_EQ(s2.same_item, s1.same_item);
    EXPECT_EQ(s2.overlap, s1.overlap);
    EXPECT_EQ(s2.account_merged, s1.account_merged);
    EXPECT_EQ(s2.account_merged_by_minute_ms, s1.account_merged_by_minute_ms);
    ASSERT_EQ(two.size(), one.size());
    EXPECT_TRUE(two.end_column().is_sorted());
    for (size_t i = 0; i < one.size(); ++i) {
      ASSERT_EQ(std::make_tuple(two.end_ms(i), two.ms_played(i), two.item_index(i), two.source(i),
                                two.sources(i), two.reason_start(i), two.device(i)),
                std::make_tuple(one.end_ms(i), one.ms_played(i), one.item_index(i), one.source(i),
                                one.sources(i), one.reason_start(i), one.device(i)))
          << "row " << i;
    }
    Totals t1 = ComputeTotals(one), t2 = ComputeTotals(two, helper);
    EXPECT_EQ(std::make_tuple(t2.plays, t2.music, t2.streams, t2.ms_played, t2.tracks, t2.artists,
                              t2.first_end_ms, t2.last_end_ms),
              std::make_tuple(t1.plays, t1.music, t1.streams, t1.ms_played, t1.tracks, t1.artists,
                              t1.first_end_ms, t1.last_end_ms));
    EXPECT_EQ(t1.tracks, 8u);
  }
}

}  // namespace
}  // namespace chorus::history
