#include "core/dictionary.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
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

using ItemText = std::tuple<Kind, std::string, std::string, std::string, std::string>;

// Items that differ in one byte or in where one string ends and the next
// begins: every length from 0 to 40 (up to five 8-byte words, two 16-byte
// blocks and a tail), every kind, and one byte changed at each position, so
// the overlapping loads at a string's end must see every byte.
std::vector<ItemText> NearlyEqualItems() {
  std::vector<ItemText> items;
  const std::string text = "abcdefghijklmnopqrstuvwxyz0123456789.,;:";
  for (Kind kind : {Kind::kMusic, Kind::kPodcast, Kind::kAudiobook}) {
    for (size_t n = 0; n <= 40; ++n) {
      items.emplace_back(kind, text.substr(0, n), "", "", "");
      items.emplace_back(kind, "", text.substr(0, n), "", "");
      items.emplace_back(kind, "", "", "", text.substr(0, n));
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
  return items;
}

TEST(Dictionary, ItemsDifferingAnywhereGetTheirOwnIds) {
  Dictionary dict;
  std::set<uint32_t> ids;
  const std::vector<ItemText> items = NearlyEqualItems();
  ItemRef ref;
  for (const auto& [kind, title, artist, album, uri] : items)
    ids.insert(dict.ItemFor(kind, title, artist, album, uri, &ref));
  // Duplicates in `items` (the empty strings, listed once per field) aside,
  // every distinct item has its own id.
  const std::set<ItemText> distinct(items.begin(), items.end());
  EXPECT_EQ(ids.size(), distinct.size());
  EXPECT_EQ(dict.items().size(), distinct.size());
}

// Both fingerprints, whichever this CPU uses: distinct items, distinct
// fingerprints; the same item, the same one.
TEST(Dictionary, BothFingerprintsTellNearlyEqualItemsApart) {
  using Hash = Dictionary::Fingerprint (*)(Kind, std::string_view, std::string_view,
                                           std::string_view, std::string_view);
  const std::set<ItemText> distinct = [] {
    const std::vector<ItemText> items = NearlyEqualItems();
    return std::set<ItemText>(items.begin(), items.end());
  }();
  for (Hash hash : {&Dictionary::FingerprintOf, &Dictionary::PortableFingerprintOf}) {
    std::set<std::pair<uint64_t, uint32_t>> fingerprints;
    for (const auto& [kind, title, artist, album, uri] : distinct) {
      const Dictionary::Fingerprint fp = hash(kind, title, artist, album, uri);
      fingerprints.emplace(fp.a, fp.b);
      const std::string copy = title;  // the bytes, not where they lie
      const Dictionary::Fingerprint again = hash(kind, copy, artist, album, uri);
      EXPECT_EQ(again.a, fp.a);
      EXPECT_EQ(again.b, fp.b);
    }
    EXPECT_EQ(fingerprints.size(), distinct.size());
  }
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
