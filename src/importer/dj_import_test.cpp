// DJ files through the whole import (discovery, content sniffing, parsing,
// PlayLog): a Traktor History NML and a Traktor collection, a Mixxx library
// (binary SQLite, found by its header), a rekordbox collection, with plays,
// decks and track facts checked. Counts as in ../shared/fixtures/dj/README.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/musical_key.h"
#include "importer/import.h"

namespace chorus::importer {
namespace {

const std::string kDj = std::string(CHORUS_FIXTURES_DIR) + "/dj";

#define SKIP_WITHOUT_DJ()                            \
  if (!std::filesystem::is_directory(kDj))           \
  GTEST_SKIP() << "DJ fixtures not found at " << kDj \
               << " (../shared/fixtures/dj is not checked out next to the project)"

TEST(DjImport, TraktorHistoryBecomesPlaysWithFacts) {
  SKIP_WITHOUT_DJ();
  ImportOptions options;
  options.paths = {kDj + "/traktor/history_2022y07m17d_20h06m38s.nml",
                   kDj + "/traktor/travestyaudio_collection.nml"};
  options.threads = 2;
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->files.size(), 2u);
  EXPECT_EQ(r->files[0].format, "traktor-history");
  EXPECT_EQ(r->files[1].format, "traktor-collection");
  EXPECT_EQ(r->files[1].records, 0u);
  EXPECT_EQ(r->records, 54u);
  EXPECT_EQ(r->records, r->totals.plays + r->dedupe.total() + r->rejected);
  EXPECT_EQ(r->totals.plays, 54u);
  EXPECT_EQ(r->rejected, 0u);
  const history::PlayLog& log = r->log;
  ASSERT_TRUE(log.has_dj_facts());
  size_t skipped = 0;
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log.source(i), Source::kTraktor);
    EXPECT_TRUE(log.deck(i) == 1 || log.deck(i) == 2) << i;
    EXPECT_GT(log.dj_facts(i).bpm_centi, 0) << i;
    EXPECT_NE(log.dj_facts(i).key, 0) << i;
    EXPECT_FALSE(key::Camelot(log.dj_facts(i).key).empty());
    skipped += log.skipped(i) == Tri::kTrue;
  }
  EXPECT_EQ(skipped, 8u);  // PLAYEDPUBLIC="0"
}

TEST(DjImport, FolderWithMixxxRekordboxAndForeignSqlite) {
  SKIP_WITHOUT_DJ();
  ImportOptions options;
  // Mixxx schema 39 (11 plays), a rekordbox collection with 76 timeless
  // history entries, and Engine DJ's hm.db: SQLite but not Mixxx, ignored.
  options.paths = {kDj + "/mixxx/schema39_fuerzas",
                   kDj + "/rekordbox/kovacs_rb5.4.3_collection.xml", kDj + "/engine"};
  options.threads = 1;
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->files.size(), 3u);
  EXPECT_EQ(r->files[0].format, "mixxx-history");
  EXPECT_EQ(r->files[1].format, "rekordbox-history");
  EXPECT_EQ(r->files[2].format, "ignored");
  EXPECT_EQ(r->records, 11u + 76u);
  EXPECT_EQ(r->totals.plays, 11u);
  EXPECT_EQ(r->rejected, 76u);
  EXPECT_EQ(r->rejected_no_item, 76u);
  EXPECT_EQ(r->records, r->totals.plays + r->dedupe.total() + r->rejected);
  for (size_t i = 0; i < r->log.size(); ++i) {
    EXPECT_EQ(r->log.source(i), Source::kMixxx);
    EXPECT_TRUE(r->log.ms_estimated(i));
  }
}

TEST(DjImport, SeratoFolder) {
  SKIP_WITHOUT_DJ();
  ImportOptions options;
  options.paths = {kDj + "/serato"};
  auto r = Import(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->files.size(), 3u);  // sorted: History/Sessions, History/history.database, crate
  EXPECT_EQ(r->files[0].format, "serato-session");
  EXPECT_EQ(r->files[1].format, "serato-history-index");
  EXPECT_EQ(r->files[2].format, "serato-crate");
  EXPECT_EQ(r->records, 97u);
  EXPECT_EQ(r->records, r->totals.plays + r->dedupe.total() + r->rejected);
  EXPECT_EQ(r->rejected, 0u);
  size_t decks = 0;
  for (size_t i = 0; i < r->log.size(); ++i) {
    EXPECT_EQ(r->log.source(i), Source::kSerato);
    decks += r->log.deck(i) != 0;
  }
  EXPECT_EQ(decks, r->log.size());
}

}  // namespace
}  // namespace chorus::importer
