// PlayLog's DJ columns: deck and ms_estimated share the device byte, track
// facts sit in a side vector parallel to items(), a collection without plays
// enriches the plays of the same track from another file, and sources() is
// wide enough for the DJ sources.
#include <gtest/gtest.h>

#include "core/dictionary.h"
#include "history/play_log.h"

namespace chorus::history {
namespace {

PlayBatch DjBatch(Dictionary& dict, Source source, int64_t end_ms, uint8_t deck, Device device,
                  bool estimated, const DjTrackFacts& facts) {
  PlayBatch b;
  b.dictionary = dict.id();
  Play p;
  p.end_ms = end_ms;
  p.ms_played = 200000;
  p.source = source;
  p.deck = deck;
  p.device = device;
  p.ms_estimated = estimated;
  p.local_item = dict.ItemFor(Kind::kMusic, "Escape", "Kaskade", "", "", &p.item);
  b.plays.push_back(p);
  if (!facts.empty()) b.dj_tracks.push_back({p.item, p.local_item, facts});
  dict.ShipDelta(b);
  return b;
}

TEST(PlayLogDj, DeckFlagAndDeviceShareOneByte) {
  Dictionary dict;
  PlayLog log;
  log.Append(DjBatch(dict, Source::kSerato, 1000, 2, Device::kOther, true, {}), 0);
  log.Append(DjBatch(dict, Source::kMixxx, 2000, 7, Device::kDesktop, false, {}), 0);
  log.Finalize();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log.deck(0), 2);
  EXPECT_TRUE(log.ms_estimated(0));
  EXPECT_EQ(log.device(0), Device::kOther);
  EXPECT_EQ(log.source(0), Source::kSerato);
  EXPECT_EQ(log.sources(0), SourceMask{1} << static_cast<unsigned>(Source::kSerato));
  EXPECT_EQ(log.deck(1), 7);
  EXPECT_FALSE(log.ms_estimated(1));
  EXPECT_EQ(log.device(1), Device::kDesktop);
  EXPECT_EQ(log.sources(1), SourceMask{1} << static_cast<unsigned>(Source::kMixxx));
  EXPECT_FALSE(log.has_dj_facts());
  EXPECT_EQ(log.dj_facts(0), DjTrackFacts{});
}

TEST(PlayLogDj, CollectionFactsEnrichPlaysOfTheSameTrack) {
  Dictionary history_dict, collection_dict;
  PlayLog log;
  log.Append(
      DjBatch(history_dict, Source::kTraktor, 5000, 1, Device::kUnknown, false, {0, 0, 3, 0}), 0);
  // A collection (another producer) with no plays: BPM, key, more cues, a loop.
  PlayBatch collection;
  collection.dictionary = collection_dict.id();
  DjTrack t;
  t.local_item = collection_dict.ItemFor(Kind::kMusic, "Escape", "Kaskade", "", "", &t.item);
  t.facts = {12800, 22, 1, 1};
  collection.dj_tracks.push_back(t);
  collection_dict.ShipDelta(collection);
  log.Append(std::move(collection), 1);
  // A self-contained batch naming the track by its strings: a later BPM does
  // not replace the first known one.
  PlayBatch loose;
  DjTrack u;
  u.item.title = loose.strings.Intern("Escape");
  u.item.artist = loose.strings.Intern("Kaskade");
  u.facts = {12000, 0, 0, 0};
  loose.dj_tracks.push_back(u);
  log.Append(std::move(loose), 2);
  log.Finalize();
  ASSERT_EQ(log.size(), 1u);
  ASSERT_TRUE(log.has_dj_facts());
  const DjTrackFacts& f = log.dj_facts(0);
  EXPECT_EQ(f.bpm_centi, 12800);
  EXPECT_EQ(f.key, 22);
  EXPECT_EQ(f.cues, 3);  // the larger count
  EXPECT_EQ(f.loops, 1);
}

TEST(PlayLogDj, SourcesMaskHoldsEverySource) {
  static_assert(kSourceCount <= 8 * sizeof(SourceMask));
  EXPECT_EQ(SourceName(Source::kTraktor), "traktor");
  EXPECT_EQ(SourceName(Source::kRekordbox), "rekordbox");
  EXPECT_EQ(SourceName(Source::kSerato), "serato");
  EXPECT_EQ(SourceName(Source::kMixxx), "mixxx");
}

}  // namespace
}  // namespace chorus::history
