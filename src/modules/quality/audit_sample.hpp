// The case-file audit draw (档案评审抽样): which case files of a population an
// audit round reviews. The draw is a pure function of the population, the
// size and a recorded seed, so a round can be repeated exactly, years later,
// on any platform and compiler: the ids are sorted, then a partial
// Fisher–Yates shuffle picks `size` of them with splitmix64 (Steele, Lea and
// Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014) and
// unbiased bounded integers by rejection. std::uniform_int_distribution is
// not used: each standard library maps random bits to a range its own way.
// Not for secrets. Pure and thread-safe, except NewSeed (random_device).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace jieli::quality {

// The next output of splitmix64; advances state. The reference sequence from
// state 0 begins 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f.
std::uint64_t SplitMix64Next(std::uint64_t& state);

// A uniform integer in [0, bound) from splitmix64 (bound ≥ 1), without modulo
// bias: outputs below 2⁶⁴ mod bound are rejected and drawn again.
std::uint64_t UniformBelow(std::uint64_t& state, std::uint64_t bound);

// `size` distinct ids drawn from population_ids with seed, in draw order (so
// the draw of k is the first k of a larger draw with the same seed and
// population). Duplicate ids in the population count once; the order the
// population is given in does not matter. size ≥ the population (after
// removing duplicates) returns every id, in draw order.
std::vector<std::int64_t> DrawSample(std::span<const std::int64_t> population_ids, std::size_t size,
                                     std::uint64_t seed);

// A fresh seed for a new round, from std::random_device. Below 2⁵³, so that it
// travels through JSON and JavaScript numbers and SQL integers unchanged.
std::uint64_t NewSeed();

}  // namespace jieli::quality
