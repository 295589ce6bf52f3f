#include "modules/cases/stats_cache.hpp"

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

CaseStats WithOverdue(std::int64_t overdue) {
  CaseStats stats;
  stats.overdue = overdue;
  return stats;
}

TEST(StatsCacheTest, KeyIsTheMonthAndTheOrganisationsInAnyOrder) {
  EXPECT_EQ(StatsCache::KeyOf({5, 2, 3}, 202601), "202601,2,3,5");
  EXPECT_EQ(StatsCache::KeyOf({2, 3, 5}, 202601), StatsCache::KeyOf({3, 5, 2}, 202601));
  EXPECT_NE(StatsCache::KeyOf({2}, 202601), StatsCache::KeyOf({2}, 202602));
  EXPECT_NE(StatsCache::KeyOf({2, 3}, 202601), StatsCache::KeyOf({23}, 202601));
}

TEST(StatsCacheTest, HandsOutOnlyWhatWasKeptAtTheSameSignatureWithinAMinute) {
  struct Row {
    const char* why;
    std::int64_t signature;
    EpochMs asked_at;
    bool found;
  };
  const Row rows[] = {
      {"same signature, at once", 7, 1'000, true},
      {"same signature, just within the minute", 7, 1'000 + kStatsCacheMs - 1, true},
      {"same signature, a minute on: names may have changed", 7, 1'000 + kStatsCacheMs, false},
      {"the rollup moved", 8, 1'001, false},
      {"a clock that went back", 7, 999, false},
  };
  for (const auto& row : rows) {
    StatsCache cache;
    cache.Keep("k", 7, 1'000, WithOverdue(3));
    auto found = cache.Find("k", row.signature, row.asked_at);
    EXPECT_EQ(found.has_value(), row.found) << row.why;
    if (found) {
      EXPECT_EQ(found->overdue, 3) << row.why;
    }
  }
  StatsCache cache;
  EXPECT_FALSE(cache.Find("k", 0, 0)) << "nothing kept";
}

TEST(StatsCacheTest, KeepsAtMostItsEntriesDroppingTheOldest) {
  StatsCache cache;
  for (std::size_t i = 0; i < kStatsCacheEntries; ++i)
    cache.Keep("k" + std::to_string(i), 1, static_cast<EpochMs>(1'000 + i), WithOverdue(1));
  cache.Keep("new", 1, 2'000, WithOverdue(2));
  EXPECT_FALSE(cache.Find("k0", 1, 2'000)) << "the oldest went";
  EXPECT_TRUE(cache.Find("k1", 1, 2'000));
  EXPECT_EQ(cache.Find("new", 1, 2'000)->overdue, 2);
  cache.Keep("k1", 2, 2'001, WithOverdue(4));  // replacing makes no room
  EXPECT_EQ(cache.Find("k1", 2, 2'001)->overdue, 4);
  EXPECT_TRUE(cache.Find("k2", 1, 2'001));
}

}  // namespace
}  // namespace jieli::cases
