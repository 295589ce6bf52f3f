// The bureau's values tables kept for a minute. A city-wide table (every
// indicator by agency for a year) reads every case of the city — about 0.4 s
// of a core on 50,000 cases — and is the same for every officer of the
// bureau, who compares agencies month by month, not second by second. So such
// a table is worked out at most once a minute per question and handed to
// every officer who asks meanwhile; the screen shows when it was worked out.
// An agency's own tables are worked out on every request (tens of ms).
// Thread-safe: one request works a table out; those that ask meanwhile wait
// for it, or are handed the table before while it is being refreshed (so a
// table is at most a minute and one computation old).
#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/quality/indicator.hpp"

namespace jieli::quality {

// How long a city-wide table is handed out, and how many are kept.
inline constexpr EpochMs kValuesCacheMs = 60'000;
inline constexpr std::size_t kValuesCacheEntries = 64;

class ValuesCache {
 public:
  // The table of `key` worked out less than kValuesCacheMs before `now` (or,
  // while that one is being worked out, the one before), else compute()'s,
  // kept unless it failed.
  Result<ValuesTable> Get(const std::string& key, EpochMs now,
                          const std::function<Result<ValuesTable>()>& compute);

 private:
  struct Entry {
    EpochMs started = 0;
    std::shared_future<Result<ValuesTable>> table;
    // The table before, handed out while a fresh one is worked out.
    std::shared_ptr<const ValuesTable> previous;
  };
  // Makes room for one more entry: the stale go, then the oldest.
  void Evict(EpochMs now);

  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace jieli::quality
