// The home pages' counts kept while the rollup under them stands still.
// GET /cases/stats is every home page's first request; reading an agency's
// rollup rows (737 state rows in the benchmark agency) was half its time.
// Every change that moves the rollup of an organisation bumps that
// organisation's row of case_rollup_versions in the same transaction
// (rollup.hpp), so the sum of the versions of the organisations asked about
// changes exactly when their counts may have — on every node, since the
// versions are in the store. The counts are kept under that sum and handed
// out until it moves, the month turns or kStatsCacheMs pass (the workers'
// names are not versioned). The overdue cases depend on the time of asking
// and are not kept: Stats counts them on every request.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "modules/cases/case.hpp"

namespace jieli::cases {

inline constexpr EpochMs kStatsCacheMs = 60'000;
inline constexpr std::size_t kStatsCacheEntries = 256;

class StatsCache {
 public:
  // What the counts are of: the organisations read and the first of the
  // twelve months.
  static std::string KeyOf(const std::vector<std::int64_t>& orgs, std::int64_t first_month);

  // The counts kept under key at this signature less than kStatsCacheMs ago.
  std::optional<CaseStats> Find(const std::string& key, std::int64_t signature, EpochMs now) const;
  // Keeps counts worked out after the signature was read (so that a change
  // in between moves the signature past them, never the other way).
  void Keep(const std::string& key, std::int64_t signature, EpochMs now, CaseStats stats);

 private:
  struct Entry {
    std::int64_t signature = 0;
    EpochMs computed_at = 0;
    CaseStats stats;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace jieli::cases
