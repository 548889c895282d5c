#include "core/string_pool.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chorus {
namespace {

TEST(StringPool, EmptyIsIdZeroAndEqualBytesShareAnId) {
  StringPool pool;
  EXPECT_EQ(pool.Intern(""), kNoString);
  StrId a = pool.Intern("Beyoncé");
  EXPECT_NE(a, kNoString);
  EXPECT_EQ(pool.Intern(std::string("Beyon") + "cé"), a);
  EXPECT_NE(pool.Intern("Beyonce"), a);
  EXPECT_EQ(pool.View(a), "Beyoncé");
}

TEST(StringPool, IdsAndViewsSurviveGrowthAndBigStrings) {
  StringPool pool;
  std::vector<StrId> ids;
  std::vector<std::string_view> views;
  for (int i = 0; i < 50'000; ++i) {
    ids.push_back(pool.Intern("name " + std::to_string(i)));
    views.push_back(pool.View(ids.back()));
  }
  std::string big(1 << 20, 'x');
  StrId big_id = pool.Intern(big);
  for (int i = 0; i < 50'000; ++i) {
    EXPECT_EQ(pool.Intern("name " + std::to_string(i)), ids[static_cast<size_t>(i)]);
    EXPECT_EQ(views[static_cast<size_t>(i)], "name " + std::to_string(i));  // not moved
  }
  EXPECT_EQ(pool.Intern(big), big_id);
  EXPECT_EQ(pool.size(), 50'002u);  // + the empty string
  EXPECT_EQ(pool.View(big_id).size(), big.size());
}

// AppendNew leaves the index to the next Intern: every appended string must
// be found there, however far the table had to grow meanwhile.
TEST(StringPool, StringsAppendedUnindexedAreFoundByTheNextIntern) {
  StringPool pool;
  const StrId first = pool.Intern("first");
  for (int i = 0; i < 5'000; ++i) {
    EXPECT_EQ(pool.AppendNew("appended " + std::to_string(i)), static_cast<StrId>(i + 2));
  }
  EXPECT_EQ(pool.View(3), "appended 1");
  for (int i = 0; i < 5'000; ++i) {
    EXPECT_EQ(pool.Intern("appended " + std::to_string(i)), static_cast<StrId>(i + 2)) << i;
  }
  EXPECT_EQ(pool.Intern("first"), first);
  // Appending after an Intern, then interning again, catches up once more.
  const StrId late = pool.AppendNew("late");
  const uint32_t hash = StringPool::HashOf("later");
  pool.Prefetch(hash);
  EXPECT_EQ(pool.Intern("later", hash), late + 1);
  EXPECT_EQ(pool.Intern("late"), late);
  EXPECT_EQ(pool.size(), 5'004u);
}

}  // namespace
}  // namespace chorus
