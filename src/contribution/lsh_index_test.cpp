// LshIndex: finds stored near-duplicates, verifies candidates, removes.
#include "contribution/lsh_index.h"

#include <gtest/gtest.h>

namespace chorus::contribution {
namespace {

// A signature as MinHash of a random set of `n` shingles would give.
Signature RandomSignature(uint64_t seed, uint64_t n = 5000) {
  MinHasher h;
  for (uint64_t i = 0; i < n; ++i) h.Add(Mix64(seed * 1'000'003 + i));
  return h.signature();
}

// The signature of the same set with a share of shingles replaced.
Signature Variant(uint64_t seed, uint64_t n, uint64_t replaced) {
  MinHasher h;
  for (uint64_t i = 0; i < n; ++i)
    h.Add(i < replaced ? Mix64(~seed * 7 + i) : Mix64(seed * 1'000'003 + i));
  return h.signature();
}

TEST(LshIndex, FindsNearDuplicatesAndVerifiesThem) {
  LshIndex index;
  for (uint64_t m = 1; m <= 2000; ++m) index.Insert(m, RandomSignature(m));
  EXPECT_EQ(index.size(), 2000u);
  // The same set: J = 1.
  auto same = index.Query(RandomSignature(77), 0.3);
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(same[0], (LshMatch{77, 1.0}));
  // 1000 of 5000 shingles replaced: J = 4000 / 6000 ≈ 0.67.
  auto near = index.Query(Variant(500, 5000, 1000), 0.3);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0].member_id, 500u);
  EXPECT_NEAR(near[0].jaccard, 0.67, 0.12);
  // Another set: nothing.
  EXPECT_TRUE(index.Query(RandomSignature(999'999), 0.3).empty());
  // Empty signatures match nothing and are not indexed.
  index.Insert(5000, EmptySignature());
  EXPECT_TRUE(index.Query(EmptySignature(), 0.0).empty() ||
              index.Query(EmptySignature(), 0.0)[0].jaccard == 0.0);
}

TEST(LshIndex, RemoveAndReplace) {
  LshIndex index;
  index.Insert(1, RandomSignature(1));
  index.Insert(2, RandomSignature(2));
  EXPECT_TRUE(index.Remove(1));
  EXPECT_FALSE(index.Remove(1));
  EXPECT_TRUE(index.Query(RandomSignature(1), 0.3).empty());
  // Re-inserting a member replaces its signature.
  index.Insert(2, RandomSignature(3));
  EXPECT_TRUE(index.Query(RandomSignature(2), 0.3).empty());
  ASSERT_EQ(index.Query(RandomSignature(3), 0.3).size(), 1u);
  EXPECT_EQ(index.size(), 1u);
  // Many inserts and removals keep answers exact (tombstones, rehash).
  for (uint64_t m = 10; m < 3000; ++m) index.Insert(m, RandomSignature(m, 50));
  for (uint64_t m = 10; m < 3000; m += 2) EXPECT_TRUE(index.Remove(m));
  EXPECT_TRUE(index.Query(RandomSignature(10, 50), 0.3).empty());
  auto hit = index.Query(RandomSignature(11, 50), 0.3);
  ASSERT_EQ(hit.size(), 1u);
  EXPECT_EQ(hit[0].member_id, 11u);
}

TEST(MinHash, JaccardOfKnownSets) {
  // Two sets of 4000 sharing 2000: J = 2000 / 6000.
  MinHasher a, b;
  for (uint64_t i = 0; i < 4000; ++i) a.Add(i);
  for (uint64_t i = 2000; i < 6000; ++i) b.Add(i);
  EXPECT_NEAR(EstimateJaccard(a.signature(), b.signature()), 1.0 / 3, 0.12);
  EXPECT_EQ(EstimateJaccard(a.signature(), a.signature()), 1.0);
  EXPECT_EQ(EstimateJaccard(EmptySignature(), EmptySignature()), 0.0);
  EXPECT_EQ(UnionOf(a.signature(), EmptySignature()), a.signature());
}

}  // namespace
}  // namespace chorus::contribution
