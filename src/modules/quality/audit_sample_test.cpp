#include "modules/quality/audit_sample.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::quality {
namespace {

std::vector<std::int64_t> OneTo(std::int64_t n) {
  std::vector<std::int64_t> ids(static_cast<std::size_t>(n));
  std::iota(ids.begin(), ids.end(), 1);
  return ids;
}

TEST(AuditSample, SplitMix64ReferenceSequence) {
  // Vigna's reference splitmix64.c from state 0.
  std::uint64_t state = 0;
  EXPECT_EQ(SplitMix64Next(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(SplitMix64Next(state), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(SplitMix64Next(state), 0x06c45d188009454fULL);
}

TEST(AuditSample, PinnedDraws) {
  // Pinned so that a change of algorithm, however innocent, shows: recorded
  // rounds must redraw the same files. Cross-checked with an independent
  // Python implementation of the same steps (sort, unique, partial
  // Fisher–Yates, splitmix64 with rejection).
  EXPECT_EQ(DrawSample(OneTo(100), 10, 20261207),
            std::vector<std::int64_t>({78, 59, 28, 84, 61, 32, 5, 73, 75, 77}));
  EXPECT_EQ(DrawSample(OneTo(100), 10, 0),
            std::vector<std::int64_t>({36, 56, 40, 39, 96, 2, 22, 73, 80, 1}));
  const std::vector<std::int64_t> unsorted = {5, 3, 9, 3, 1, 7, 11, 2};
  EXPECT_EQ(DrawSample(unsorted, 4, 42), std::vector<std::int64_t>({9, 3, 1, 5}));
}

TEST(AuditSample, SameSeedSameSampleWhateverTheOrder) {
  auto ids = OneTo(500);
  const auto first = DrawSample(ids, 25, 7);
  std::reverse(ids.begin(), ids.end());
  EXPECT_EQ(DrawSample(ids, 25, 7), first);
  EXPECT_NE(DrawSample(ids, 25, 8), first);
  // A larger draw with the same seed extends the smaller one.
  const auto more = DrawSample(ids, 40, 7);
  EXPECT_TRUE(std::equal(first.begin(), first.end(), more.begin()));
}

TEST(AuditSample, DistinctMembersOfThePopulation) {
  const std::vector<std::int64_t> ids = {10, 20, 20, 30, 40, 50, 60, 70, 70, 70};
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    const auto sample = DrawSample(ids, 5, seed);
    ASSERT_EQ(sample.size(), 5u);
    std::set<std::int64_t> distinct(sample.begin(), sample.end());
    EXPECT_EQ(distinct.size(), 5u) << seed;
    for (auto id : sample) EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end());
  }
}

TEST(AuditSample, SizeAtOrAboveThePopulationTakesEveryone) {
  const std::vector<std::int64_t> ids = {4, 8, 15, 16, 23, 42, 42};
  for (std::size_t size : {6u, 7u, 100u}) {
    auto sample = DrawSample(ids, size, 99);
    std::sort(sample.begin(), sample.end());
    EXPECT_EQ(sample, std::vector<std::int64_t>({4, 8, 15, 16, 23, 42})) << size;
  }
  EXPECT_TRUE(DrawSample(ids, 0, 99).empty());
  EXPECT_TRUE(DrawSample({}, 3, 99).empty());
}

TEST(AuditSample, UniformBelowIsUnbiasedEnough) {
  // Every id of 10 is drawn first about equally often over 20,000 seeds
  // (expected 2,000 each; ±5 standard deviations ≈ ±212).
  std::vector<int> firsts(11, 0);
  const auto ids = OneTo(10);
  for (std::uint64_t seed = 0; seed < 20000; ++seed) ++firsts[DrawSample(ids, 1, seed)[0]];
  for (int id = 1; id <= 10; ++id) {
    EXPECT_NEAR(firsts[id], 2000, 212) << id;
  }
  std::uint64_t state = 5;
  for (int k = 0; k < 1000; ++k) EXPECT_LT(UniformBelow(state, 3), 3u);
  EXPECT_EQ(UniformBelow(state, 1), 0u);
}

TEST(AuditSample, NewSeedFitsInAJavaScriptNumber) {
  for (int k = 0; k < 100; ++k) EXPECT_LT(NewSeed(), std::uint64_t{1} << 53);
  EXPECT_NE(NewSeed(), NewSeed());  // 2⁻⁵³ to fail by chance
}

}  // namespace
}  // namespace jieli::quality
