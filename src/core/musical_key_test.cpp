#include "core/musical_key.h"

#include <gtest/gtest.h>

namespace chorus::key {
namespace {

// Values as they occur in the DJ fixtures (../shared/fixtures/dj/README.md).
TEST(MusicalKey, TraktorValues) {
  // README: checked on 400+ entries, 0 ↔ 1d, 12 ↔ 10m, 21 ↔ 1m.
  EXPECT_EQ(OpenKey(FromTraktor(0)), "1d");
  EXPECT_EQ(OpenKey(FromTraktor(12)), "10m");
  EXPECT_EQ(OpenKey(FromTraktor(21)), "1m");
  EXPECT_EQ(Camelot(FromTraktor(21)), "8A");
  EXPECT_EQ(FromTraktor(24), kUnknown);
  EXPECT_EQ(FromTraktor(-1), kUnknown);
}

TEST(MusicalKey, MixxxIdsMatchTheirText) {
  EXPECT_EQ(FromMixxxId(0), kUnknown);
  EXPECT_EQ(KeyName(FromMixxxId(1)), "C");
  EXPECT_EQ(KeyName(FromMixxxId(13)), "Cm");
  EXPECT_EQ(KeyName(FromMixxxId(24)), "Bm");
  // Schema 26's combined text, both spellings for key_id 2.
  EXPECT_EQ(ParseKeyText("3B D\u266D"), 2);
  EXPECT_EQ(ParseKeyText("3B Db"), 2);
  EXPECT_EQ(ParseKeyText("10B D"), 3);
  EXPECT_EQ(ParseKeyText("5A Cm"), 13);
  // Schema 39's Unicode text with enharmonics.
  EXPECT_EQ(ParseKeyText("Cm"), 13);
  EXPECT_EQ(ParseKeyText("A\u266D"), 9);
  EXPECT_EQ(ParseKeyText("F\u266F/G\u266D"), 7);
  EXPECT_EQ(ParseKeyText("D\u266Fm/E\u266Dm"), 16);
}

TEST(MusicalKey, RekordboxAndSeratoText) {
  EXPECT_EQ(KeyName(ParseKeyText("Gm")), "Gm");
  EXPECT_EQ(KeyName(ParseKeyText("F#m")), "F#m");
  EXPECT_EQ(KeyName(ParseKeyText("Abm")), "G#m");
  EXPECT_EQ(KeyName(ParseKeyText("Dbm")), "C#m");
  EXPECT_EQ(KeyName(ParseKeyText("Eb")), "Eb");
  EXPECT_EQ(KeyName(ParseKeyText("C")), "C");
  EXPECT_EQ(KeyName(ParseKeyText("Bb")), "Bb");
  EXPECT_EQ(KeyName(ParseKeyText("B")), "B");
  EXPECT_EQ(Camelot(ParseKeyText("6A")), "6A");
  EXPECT_EQ(Camelot(ParseKeyText("9B")), "9B");
  EXPECT_EQ(Camelot(ParseKeyText("02A")), "2A");  // Serato field 51
  EXPECT_EQ(KeyName(ParseKeyText("Em")), "Em");
  EXPECT_EQ(KeyName(ParseKeyText("G#m")), "G#m");
  EXPECT_EQ(OpenKey(ParseKeyText("11m")), "11m");
  EXPECT_EQ(OpenKey(ParseKeyText("9m")), "9m");  // Traktor INFO KEY
  EXPECT_EQ(OpenKey(ParseKeyText("6d")), "6d");
  EXPECT_EQ(KeyName(ParseKeyText("Amin")), "Am");
  EXPECT_EQ(KeyName(ParseKeyText("Dbmaj")), "Db");
  EXPECT_EQ(KeyName(ParseKeyText("b\u266D")), "Bb");
  EXPECT_EQ(KeyName(ParseKeyText("f\u266F")), "F#");
  EXPECT_EQ(KeyName(ParseKeyText("G minor")), "Gm");
}

TEST(MusicalKey, RejectsWhatItDoesNotKnow) {
  for (const char* s : {"", " ", "13A", "0B", "8C", "H", "Xm", "Amx", "8", "1A2", "5A Dm"})
    EXPECT_EQ(ParseKeyText(s), kUnknown) << s;
}

TEST(MusicalKey, WheelRoundTrips) {
  for (uint8_t k = 1; k <= 24; ++k) {
    EXPECT_EQ(ParseKeyText(Camelot(k)), k) << int{k};
    EXPECT_EQ(ParseKeyText(OpenKey(k)), k) << int{k};
    EXPECT_EQ(ParseKeyText(KeyName(k)), k) << int{k};
  }
  EXPECT_EQ(Camelot(kUnknown), "");
  EXPECT_EQ(OpenKey(kUnknown), "");
}

TEST(MusicalKey, HarmonicTransitions) {
  uint8_t am = ParseKeyText("8A"), c = ParseKeyText("8B");
  EXPECT_TRUE(Harmonic(am, am));
  EXPECT_TRUE(Harmonic(am, ParseKeyText("9A")));
  EXPECT_TRUE(Harmonic(am, ParseKeyText("7A")));
  EXPECT_TRUE(Harmonic(am, c));                                    // relative major
  EXPECT_TRUE(Harmonic(ParseKeyText("12A"), ParseKeyText("1A")));  // wraps
  EXPECT_FALSE(Harmonic(am, ParseKeyText("9B")));
  EXPECT_FALSE(Harmonic(am, ParseKeyText("10A")));
  EXPECT_FALSE(Harmonic(am, kUnknown));
}

}  // namespace
}  // namespace chorus::key
