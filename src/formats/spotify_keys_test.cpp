// The key compare behind KeyPredictor: a raw key is key i exactly when its
// bytes up to the closing quote are key i's name, whatever follows, and the
// vector compare (where the CPU has one) agrees with the word compare.
#include "formats/spotify_keys.h"

#include <gtest/gtest.h>

#include <string>

namespace chorus::formats::spotify_keys {
namespace {

// A raw key as simdjson hands it over: the name after its opening quote,
// then the closing quote and more document, then padding.
std::string RawText(std::string_view name, std::string_view after = R"(: "value", "next": 1})") {
  std::string text = std::string(name) + '"' + std::string(after);
  text.resize(text.size() + 64, '\0');
  return text;
}

TEST(SpotifyKeys, EveryKeyMatchesItselfOnly) {
  for (size_t i = 0; i < kKeys.size(); ++i) {
    if (kKeys[i].name.empty()) continue;
    const std::string raw = RawText(kKeys[i].name);
    for (size_t j = 0; j < kKeys.size(); ++j) {
      EXPECT_EQ(RawKeyIs(raw.data(), j), i == j) << kKeys[i].name << " vs " << kKeys[j].name;
      EXPECT_EQ(RawKeyIsPortable(raw.data(), j), i == j) << kKeys[i].name;
    }
  }
}

TEST(SpotifyKeys, AnyChangedOrMissingByteIsAnotherKey) {
  for (size_t i = 0; i < kKeys.size(); ++i) {
    const std::string_view name = kKeys[i].name;
    if (name.empty()) continue;
    std::string quoted = std::string(name) + '"';
    for (size_t b = 0; b < quoted.size(); ++b) {
      std::string changed = quoted;
      changed[b] = static_cast<char>(changed[b] ^ 0x20);
      const std::string raw = RawText(changed, "");
      EXPECT_FALSE(RawKeyIs(raw.data(), i)) << name << " byte " << b;
      EXPECT_FALSE(RawKeyIsPortable(raw.data(), i)) << name << " byte " << b;
    }
    // A longer key that starts with this one ("ts" and "tsx").
    const std::string longer = RawText(std::string(name) + "x");
    EXPECT_FALSE(RawKeyIs(longer.data(), i)) << name;
    EXPECT_FALSE(RawKeyIsPortable(longer.data(), i)) << name;
  }
}

TEST(SpotifyKeys, PredictorLearnsEachPositionsKey) {
  KeyPredictor keys;
  const std::string ts = RawText("ts"), platform = RawText("platform"),
                    unknown = RawText("not_a_spotify_key");
  auto raw = [](const std::string& s) {
    return od::raw_json_string(reinterpret_cast<const uint8_t*>(s.data()));
  };
  EXPECT_EQ(keys.Lookup(0, raw(ts)), Key::kTs);
  EXPECT_EQ(keys.Lookup(1, raw(platform)), Key::kPlatform);
  EXPECT_EQ(keys.Lookup(0, raw(ts)), Key::kTs);  // predicted now
  EXPECT_EQ(keys.Lookup(0, raw(platform)), Key::kPlatform);
  EXPECT_EQ(keys.Lookup(2, raw(unknown)), Key::kUnknown);
}

}  // namespace
}  // namespace chorus::formats::spotify_keys
