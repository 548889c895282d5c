#include "history/column.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace chorus::history {
namespace {

// Bulk appends land exactly where one push_back at a time would, across
// chunk boundaries and after a partly filled chunk.
TEST(Column, AppendAcrossChunksMatchesPushBack) {
  constexpr size_t kChunk = Column<uint32_t>::kChunk;
  Column<uint32_t> bulk, one_by_one;
  uint32_t next = 0;
  for (size_t n : {size_t{3}, kChunk - 3, size_t{1}, 2 * kChunk + 5, size_t{0}, kChunk}) {
    const uint32_t first = next;
    bulk.Append(n, [&](size_t i) { return first + static_cast<uint32_t>(i) * 7; });
    for (size_t i = 0; i < n; ++i) one_by_one.push_back(first + static_cast<uint32_t>(i) * 7);
    next += static_cast<uint32_t>(n) * 7;
  }
  ASSERT_EQ(bulk.size(), one_by_one.size());
  ASSERT_EQ(bulk.size(), 4 * kChunk + 6);
  for (size_t i = 0; i < bulk.size(); ++i) ASSERT_EQ(bulk[i], one_by_one[i]) << i;
  EXPECT_EQ(bulk.capacity_bytes(), one_by_one.capacity_bytes());
}

}  // namespace
}  // namespace chorus::history
