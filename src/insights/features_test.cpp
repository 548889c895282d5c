// --enrich CSV parsing: columns by name, keys by URI or artist + title,
// and bad input named by file, line and column.
#include "insights/features.h"

#include <gtest/gtest.h>

namespace chorus::insights {
namespace {

TEST(AudioFeatures, KeysByUriBareIdAndArtistTitleInAnyColumnOrder) {
  auto f = AudioFeatures::ParseCsv(
      "Energy,id,Valence,tempo\n"
      "0.9,4uLU6hMCjMI75M1A2tKUQC,0.3,128.5\n",
      "ids.csv");
  ASSERT_TRUE(f.ok()) << f.status().message();
  const Features* x = f->Find("spotify:track:4uLU6hMCjMI75M1A2tKUQC", "", "");
  ASSERT_NE(x, nullptr);
  EXPECT_DOUBLE_EQ(x->energy, 0.9);
  EXPECT_DOUBLE_EQ(x->tempo, 128.5);
  EXPECT_TRUE(std::isnan(x->danceability));

  auto g = AudioFeatures::ParseCsv("artist,title,valence\n\"Beyoncé\",Halo - Remastered 2011,0.5\n",
                                   "names.csv");
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_NE(g->Find("", "Beyonce", "Halo"), nullptr);  // the normalised key matches
  EXPECT_EQ(g->Find("", "Beyonce", "Single Ladies"), nullptr);
}

TEST(AudioFeatures, BadValueNamesFileLineAndColumn) {
  auto f =
      AudioFeatures::ParseCsv("uri,valence\nspotify:track:a,0.2\nspotify:track:b,1.7\n", "bad.csv");
  ASSERT_FALSE(f.ok());
  EXPECT_TRUE(f.status().IsBadInput());
  EXPECT_NE(f.status().message().find("bad.csv: line 3, column valence"), std::string::npos)
      << f.status().message();
}

TEST(AudioFeatures, MissingKeyOrFeatureColumnsAreErrors) {
  auto no_key = AudioFeatures::ParseCsv("album,valence\nx,0.1\n", "k.csv");
  ASSERT_FALSE(no_key.ok());
  EXPECT_NE(no_key.status().message().find("no key column"), std::string::npos);
  auto no_feature = AudioFeatures::ParseCsv("uri,loudness\nx,-5\n", "f.csv");
  ASSERT_FALSE(no_feature.ok());
  EXPECT_NE(no_feature.status().message().find("no feature column"), std::string::npos);
  auto empty = AudioFeatures::ParseCsv("", "e.csv");
  ASSERT_FALSE(empty.ok());
  auto missing = AudioFeatures::LoadCsv("/nonexistent/features.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace chorus::insights
