#include "modules/quality/values_cache.hpp"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::quality {
namespace {

// A table marked with when (and how many times) it was worked out.
struct Counter {
  int computed = 0;
  Result<ValuesTable> operator()(EpochMs at) {
    ++computed;
    ValuesTable table;
    table.computed_at = at;
    return table;
  }
};

TEST(ValuesCache, KeptForAMinuteThenWorkedOutAfresh) {
  ValuesCache cache;
  Counter counter;
  struct Step {
    EpochMs now;
    EpochMs computed_at;  // of the table handed out
    int computations;     // so far
  };
  const Step steps[] = {
      {1'000, 1'000, 1},
      {1'000 + kValuesCacheMs - 1, 1'000, 1},
      {1'000 + kValuesCacheMs, 1'000 + kValuesCacheMs, 2},
      {1'000 + kValuesCacheMs + 5, 1'000 + kValuesCacheMs, 2},
      {500, 500, 3},  // a clock set back: not handed out from the future
  };
  for (const auto& step : steps) {
    auto table = cache.Get("city", step.now, [&] { return counter(step.now); });
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->computed_at, step.computed_at) << step.now;
    EXPECT_EQ(counter.computed, step.computations) << step.now;
  }
  // Another question is its own.
  ASSERT_TRUE(cache.Get("city by org", 510, [&] { return counter(510); }).ok());
  EXPECT_EQ(counter.computed, 4);
}

TEST(ValuesCache, AFailureIsNotKept) {
  ValuesCache cache;
  int calls = 0;
  auto failing = [&]() -> Result<ValuesTable> {
    ++calls;
    return InternalError("store down");
  };
  EXPECT_FALSE(cache.Get("city", 1, failing).ok());
  EXPECT_FALSE(cache.Get("city", 2, failing).ok());
  EXPECT_EQ(calls, 2);
  Counter counter;
  EXPECT_TRUE(cache.Get("city", 3, [&] { return counter(3); }).ok());
  EXPECT_EQ(counter.computed, 1);
}

TEST(ValuesCache, KeepsAtMostItsEntriesDroppingTheOldest) {
  ValuesCache cache;
  Counter counter;
  for (std::size_t i = 0; i <= kValuesCacheEntries; ++i) {
    const auto now = static_cast<EpochMs>(i);
    ASSERT_TRUE(cache.Get("q" + std::to_string(i), now, [&] { return counter(now); }).ok());
  }
  const int before = counter.computed;
  // The newest is still there; the oldest made room and is worked out again.
  ASSERT_TRUE(
      cache.Get("q" + std::to_string(kValuesCacheEntries), 100, [&] { return counter(100); }).ok());
  EXPECT_EQ(counter.computed, before);
  ASSERT_TRUE(cache.Get("q0", 100, [&] { return counter(100); }).ok());
  EXPECT_EQ(counter.computed, before + 1);
}

TEST(ValuesCache, RequestsThatMissTogetherShareOneComputation) {
  ValuesCache cache;
  std::atomic<int> computed = 0;
  std::atomic<bool> release = false;
  auto slow = [&]() -> Result<ValuesTable> {
    ++computed;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ValuesTable table;
    table.computed_at = 7;
    return table;
  };
  std::vector<std::thread> askers;
  std::atomic<int> answered = 0;
  askers.emplace_back([&] { answered += cache.Get("city", 7, slow).ok() ? 1 : 0; });
  while (computed == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  for (int i = 0; i < 4; ++i) {
    askers.emplace_back([&] { answered += cache.Get("city", 8, slow).ok() ? 1 : 0; });
  }
  release = true;
  for (auto& t : askers) t.join();
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(answered, 5);
}

TEST(ValuesCache, TheTableBeforeIsHandedOutWhileAFreshOneIsWorkedOut) {
  ValuesCache cache;
  Counter counter;
  ASSERT_TRUE(cache.Get("city", 0, [&] { return counter(0); }).ok());
  std::atomic<bool> started = false, release = false;
  auto slow = [&]() -> Result<ValuesTable> {
    started = true;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ValuesTable table;
    table.computed_at = kValuesCacheMs;
    return table;
  };
  EpochMs refreshed = -1;
  std::thread refresher([&] {
    auto table = cache.Get("city", kValuesCacheMs, slow);
    refreshed = table.ok() ? table->computed_at : -1;
  });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // Meanwhile: the table before, at once.
  auto meanwhile = cache.Get("city", kValuesCacheMs + 1, [&] { return counter(1); });
  ASSERT_TRUE(meanwhile.ok());
  EXPECT_EQ(meanwhile->computed_at, 0);
  release = true;
  refresher.join();
  EXPECT_EQ(refreshed, kValuesCacheMs);
  auto after = cache.Get("city", kValuesCacheMs + 2, [&] { return counter(2); });
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->computed_at, kValuesCacheMs);
  EXPECT_EQ(counter.computed, 1);
}

}  // namespace
}  // namespace jieli::quality
