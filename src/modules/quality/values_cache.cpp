#include "modules/quality/values_cache.hpp"

#include <algorithm>
#include <chrono>

namespace jieli::quality {
namespace {

bool Fresh(EpochMs started, EpochMs now) {
  return now >= started && now - started < kValuesCacheMs;
}

bool Ready(const std::shared_future<Result<ValuesTable>>& table) {
  return table.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

}  // namespace

Result<ValuesTable> ValuesCache::Get(const std::string& key, EpochMs now,
                                     const std::function<Result<ValuesTable>()>& compute) {
  std::shared_future<Result<ValuesTable>> pending;
  std::promise<Result<ValuesTable>> promise;
  {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found != entries_.end() && Fresh(found->second.started, now)) {
      const Entry& entry = found->second;
      if (entry.previous && !Ready(entry.table)) return *entry.previous;
      pending = entry.table;
    } else {
      std::shared_ptr<const ValuesTable> previous;
      if (found != entries_.end()) {
        previous = found->second.previous;
        if (Ready(found->second.table) && found->second.table.get().ok()) {
          previous = std::make_shared<const ValuesTable>(*found->second.table.get());
        }
      } else if (entries_.size() >= kValuesCacheEntries) {
        Evict(now);
      }
      entries_[key] = {now, promise.get_future().share(), std::move(previous)};
    }
  }
  // Worked out (or being worked out) by another request: its answer.
  if (pending.valid()) return pending.get();
  // This request works it out, outside the lock; a failure is not kept.
  Result<ValuesTable> computed = compute();
  if (!computed.ok()) {
    std::lock_guard lock(mutex_);
    auto mine = entries_.find(key);
    if (mine != entries_.end() && mine->second.started == now) entries_.erase(mine);
  }
  promise.set_value(computed);
  return computed;
}

void ValuesCache::Evict(EpochMs now) {
  std::erase_if(entries_, [&](const auto& entry) { return !Fresh(entry.second.started, now); });
  if (entries_.size() < kValuesCacheEntries) return;
  auto oldest = std::min_element(
      entries_.begin(), entries_.end(),
      [](const auto& a, const auto& b) { return a.second.started < b.second.started; });
  entries_.erase(oldest);
}

}  // namespace jieli::quality
