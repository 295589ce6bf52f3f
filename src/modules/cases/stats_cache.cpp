#include "modules/cases/stats_cache.hpp"

#include <algorithm>
#include <utility>

namespace jieli::cases {

std::string StatsCache::KeyOf(const std::vector<std::int64_t>& orgs, std::int64_t first_month) {
  std::vector<std::int64_t> sorted = orgs;
  std::sort(sorted.begin(), sorted.end());
  std::string key = std::to_string(first_month);
  for (std::int64_t org : sorted) key += "," + std::to_string(org);
  return key;
}

std::optional<CaseStats> StatsCache::Find(const std::string& key, std::int64_t signature,
                                          EpochMs now) const {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(key);
  if (found == entries_.end() || found->second.signature != signature) return std::nullopt;
  if (now - found->second.computed_at >= kStatsCacheMs || now < found->second.computed_at)
    return std::nullopt;
  return found->second.stats;
}

void StatsCache::Keep(const std::string& key, std::int64_t signature, EpochMs now,
                      CaseStats stats) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kStatsCacheEntries && !entries_.contains(key)) {
    // Full: the stale go; if none is, the oldest.
    std::erase_if(entries_, [now](const auto& entry) {
      return now - entry.second.computed_at >= kStatsCacheMs;
    });
    if (entries_.size() >= kStatsCacheEntries) {
      auto oldest = std::min_element(
          entries_.begin(), entries_.end(),
          [](const auto& a, const auto& b) { return a.second.computed_at < b.second.computed_at; });
      entries_.erase(oldest);
    }
  }
  entries_[key] = Entry{signature, now, std::move(stats)};
}

}  // namespace jieli::cases
