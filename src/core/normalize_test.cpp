#include "core/normalize.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

TEST(Normalize, FoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(NormalizeName("Beyoncé"), "beyonce");
  EXPECT_EQ(NormalizeName("BEYONCE"), "beyonce");
  EXPECT_EQ(NormalizeName("  AC/DC "), "ac dc");
  EXPECT_EQ(NormalizeName("Sigur Rós"), "sigur ros");
  EXPECT_EQ(NormalizeName("Mötley Crüe"), "motley crue");
  EXPECT_EQ(NormalizeName("宇多田ヒカル"), "宇多田ヒカル");
}

TEST(Normalize, DropsFeaturingCreditsAndVersionSuffixes) {
  EXPECT_EQ(NormalizeTitle("Moonlit Floor (Kiss Me)"), "moonlit floor kiss me");
  EXPECT_EQ(NormalizeTitle("Guess featuring billie eilish"), "guess");
  EXPECT_EQ(NormalizeTitle("Guess (feat. Billie Eilish)"), "guess");
  EXPECT_EQ(NormalizeTitle("Guess [ft. Billie Eilish]"), "guess");
  EXPECT_EQ(NormalizeTitle("Rồi Em Sẽ Gặp (feat. HippoHappy)"), "roi em se gap");
  EXPECT_EQ(NormalizeTitle("Here Comes the Sun - Remastered 2009"), "here comes the sun");
  EXPECT_EQ(NormalizeTitle("Yesterday - 2009 Remaster"), "yesterday");
  EXPECT_EQ(NormalizeTitle("Song - Radio Edit"), "song");
  // A dash that is part of the title stays.
  EXPECT_EQ(NormalizeTitle("Back to Black - Amy"), "back to black amy");
}

TEST(Normalize, TrackKeyMatchesSpellingsAndSeparatesFields) {
  EXPECT_EQ(TrackKey("Beyoncé", "Halo"), TrackKey("BEYONCE", "halo"));
  EXPECT_EQ(TrackKey("The Beatles", "Let It Be - Remastered 2009"),
            TrackKey("the beatles", "Let It Be"));
  EXPECT_NE(TrackKey("ab", "c"), TrackKey("a", "bc"));
  EXPECT_NE(TrackKey("Band", "Song A"), TrackKey("Band", "Song B"));
}

TEST(Normalize, InvalidUtf8DoesNotFail) {
  EXPECT_EQ(NormalizeName("Caf\xE9"), "caf");
  EXPECT_EQ(NormalizeTitle("\xFF\xFE"), "");
}

}  // namespace
}  // namespace chorus
