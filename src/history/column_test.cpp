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

// Extending by nothing at a chunk boundary must not add a chunk: the next
// elements would land in a chunk their index does not point to.
TEST(Column, ExtendByNothingAddsNoChunk) {
  constexpr size_t kChunk = Column<uint8_t>::kChunk;
  Column<uint8_t> column;
  EXPECT_EQ(column.Extend(0).size, 0u);
  column.Append(kChunk, [](size_t i) { return static_cast<uint8_t>(i); });
  EXPECT_EQ(column.Extend(0).size, 0u);
  EXPECT_EQ(column.capacity_bytes(), kChunk);
  const auto span = column.Extend(3);
  ASSERT_EQ(span.size, 3u);
  for (size_t i = 0; i < span.size; ++i) span.data[i] = static_cast<uint8_t>(200 + i);
  ASSERT_EQ(column.size(), kChunk + 3);
  EXPECT_EQ(column[kChunk + 2], 202);
  EXPECT_EQ(column.capacity_bytes(), 2 * kChunk);
}

}  // namespace
}  // namespace chorus::history
