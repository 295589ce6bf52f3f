#include "modules/jobs/job_rules.hpp"

#include <algorithm>

namespace jieli::jobs {

EpochMs RetryDelay(int attempt) {
  constexpr EpochMs kFirst = 10 * 1000;
  constexpr EpochMs kLongest = 60 * 60 * 1000;
  // 10 s << 9 is already past the hour; stop doubling before it can overflow.
  const int doublings = std::clamp(attempt - 1, 0, 9);
  return std::min(kFirst << doublings, kLongest);
}

EpochMs SlotStart(EpochMs now, EpochMs period_ms) {
  EpochMs slot = now - now % period_ms;
  if (now % period_ms < 0) slot -= period_ms;  // before 1970: still the slot below
  return slot;
}

std::string SlotKey(const std::string& kind, EpochMs slot_start) {
  return kind + "@" + std::to_string(slot_start);
}

}  // namespace jieli::jobs
