#include "modules/quality/audit_sample.hpp"

#include <algorithm>
#include <random>
#include <utility>

namespace jieli::quality {

std::uint64_t SplitMix64Next(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t UniformBelow(std::uint64_t& state, std::uint64_t bound) {
  // 2⁶⁴ mod bound, computed in 64 bits: (2⁶⁴ − bound) mod bound. Accepting only
  // x ≥ threshold leaves a multiple of bound equally likely outputs.
  const std::uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    const std::uint64_t x = SplitMix64Next(state);
    if (x >= threshold) return x % bound;
  }
}

std::vector<std::int64_t> DrawSample(std::span<const std::int64_t> population_ids, std::size_t size,
                                     std::uint64_t seed) {
  std::vector<std::int64_t> ids(population_ids.begin(), population_ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const std::size_t n = ids.size();
  size = std::min(size, n);
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(UniformBelow(state, n - i));
    std::swap(ids[i], ids[j]);
  }
  ids.resize(size);
  return ids;
}

std::uint64_t NewSeed() {
  std::random_device device;
  const std::uint64_t high = device();
  const std::uint64_t low = device();
  return ((high << 32) | low) & ((std::uint64_t{1} << 53) - 1);
}

}  // namespace jieli::quality
