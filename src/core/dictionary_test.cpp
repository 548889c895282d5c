#include "core/dictionary.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace chorus {
namespace {

TEST(Dictionary, EqualItemsShareAnIdAndTheirStrings) {
  Dictionary dict;
  ItemRef a, b;
  uint32_t first = dict.ItemFor(Kind::kMusic, "Halo", "Beyoncé", "I Am... Sasha Fierce",
                                "spotify:track:4JehYebiI9JE8sR8MisGVb", &a);
  uint32_t again = dict.ItemFor(Kind::kMusic, std::string("Ha") + "lo", "Beyoncé",
                                "I Am... Sasha Fierce", "spotify:track:4JehYebiI9JE8sR8MisGVb", &b);
  EXPECT_EQ(first, again);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.uri, b.uri);
  EXPECT_EQ(dict.strings().View(a.artist), "Beyoncé");
  EXPECT_EQ(dict.items().size(), 1u);
}

// The fingerprint reads strings word by word with overlapping loads at the
// end: every length from 0 to 40 (up to five words), every kind, and
// strings that only differ in where one ends and the next begins must all
// stay apart.
TEST(Dictionary, ItemsDifferingAnywhereGetTheirOwnIds) {
  Dictionary dict;
  std::set<uint32_t> ids;
  std::vector<std::tuple<Kind, std::string, std::string, std::string, std::string>> items;
  const std::string text = "abcdefghijklmnopqrstuvwxyz0123456789.,;:";
  for (Kind kind : {Kind::kMusic, Kind::kPodcast, Kind::kAudiobook}) {
    for (size_t n = 0; n <= 40; ++n) {
      items.emplace_back(kind, text.substr(0, n), "", "", "");
      items.emplace_back(kind, "", text.substr(0, n), "", "");
      items.emplace_back(kind, "", "", "", text.substr(0, n));
      // One byte changed at each position: the last word's overlap must see it.
      for (size_t i = 0; i < n; ++i) {
        std::string changed = text.substr(0, n);
        changed[i] = 'Z';
        items.emplace_back(kind, changed, "", "", "");
      }
    }
    items.emplace_back(kind, "ab", "c", "", "");
    items.emplace_back(kind, "a", "bc", "", "");
    items.emplace_back(kind, "", "abc", "", "");
    items.emplace_back(kind, "abc", "", "", "");
  }
  ItemRef ref;
  for (const auto& [kind, title, artist, album, uri] : items)
    ids.insert(dict.ItemFor(kind, title, artist, album, uri, &ref));
  // Duplicates in `items` (the empty strings, listed once per field) aside,
  // every distinct item has its own id.
  std::set<std::tuple<Kind, std::string, std::string, std::string, std::string>> distinct(
      items.begin(), items.end());
  EXPECT_EQ(ids.size(), distinct.size());
  EXPECT_EQ(dict.items().size(), distinct.size());
}

TEST(Dictionary, IdsSurviveTableGrowth) {
  Dictionary dict;
  ItemRef ref;
  for (uint32_t i = 0; i < 20'000; ++i) {
    ASSERT_EQ(dict.ItemFor(Kind::kMusic, "track " + std::to_string(i), "artist", "",
                           "spotify:track:" + std::to_string(i), &ref),
              i);
  }
  for (uint32_t i = 0; i < 20'000; i += 997) {
    EXPECT_EQ(dict.ItemFor(Kind::kMusic, "track " + std::to_string(i), "artist", "",
                           "spotify:track:" + std::to_string(i), &ref),
              i);
    EXPECT_EQ(dict.strings().View(ref.title), "track " + std::to_string(i));
  }
}

}  // namespace
}  // namespace chorus
