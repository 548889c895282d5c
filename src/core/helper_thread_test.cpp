#include "core/helper_thread.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <numeric>
#include <thread>
#include <vector>

namespace chorus {
namespace {

TEST(HelperThread, DisabledRunsBothHereInOrder) {
  HelperThread helper(false);
  std::vector<int> ran;
  const auto caller = std::this_thread::get_id();
  std::thread::id second_on;
  helper.RunBoth([&] { ran.push_back(1); },
                 [&] {
                   ran.push_back(2);
                   second_on = std::this_thread::get_id();
                 });
  EXPECT_EQ(ran, (std::vector<int>{1, 2}));
  EXPECT_EQ(second_on, caller);
}

// `first` waits until `second` has begun, so `second` can only have run on
// the helper; RunBoth must still wait for it to end.
TEST(HelperThread, SecondRunsOnTheHelperAndIsWaitedFor) {
  if (std::thread::hardware_concurrency() < 2)
    GTEST_SKIP() << "one core: the helper is not started";
  HelperThread helper(true);
  for (int round = 0; round < 3; ++round) {
    std::atomic<bool> begun{false};
    bool finished = false;
    std::thread::id second_on;
    helper.RunBoth(
        [&] {
          auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
          while (!begun && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
        },
        [&] {
          begun = true;
          second_on = std::this_thread::get_id();
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          finished = true;
        });
    ASSERT_TRUE(begun) << "round " << round;
    EXPECT_TRUE(finished) << "round " << round;
    EXPECT_NE(second_on, std::this_thread::get_id()) << "round " << round;
  }
}

// Whoever runs each half, the halves of many small pieces of work all run
// exactly once.
TEST(HelperThread, EveryHalfRunsOnce) {
  HelperThread helper(true);
  std::vector<int> counts(2000, 0);
  for (size_t i = 0; i < counts.size(); i += 2) {
    helper.RunBoth([&] { ++counts[i]; }, [&] { ++counts[i + 1]; });
  }
  EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), 0), 2000);
  EXPECT_EQ(*std::min_element(counts.begin(), counts.end()), 1);
}

}  // namespace
}  // namespace chorus
