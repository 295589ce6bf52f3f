#include "http/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace jieli::http {
namespace {

constexpr double kMinuteMs = 60'000;
// Buckets kept before the full ones are dropped (a bucket is ~100 bytes).
constexpr std::size_t kMaxBuckets = 100'000;

}  // namespace

void AddressRateLimiter::Configure(Options options) {
  std::lock_guard lock(mutex_);
  options_ = std::move(options);
  buckets_.clear();
}

bool AddressRateLimiter::Exempt(const std::string& address) const {
  return std::any_of(options_.exempt.begin(), options_.exempt.end(), [&](const std::string& e) {
    if (e.empty()) return false;
    const bool prefix = e.back() == '.' || e.back() == ':';
    return prefix ? address.compare(0, e.size(), e) == 0 : address == e;
  });
}

void AddressRateLimiter::Prune(EpochMs now) {
  const double rate = options_.per_minute / kMinuteMs;
  std::erase_if(buckets_, [&](const auto& entry) {
    return entry.second.tokens + static_cast<double>(now - entry.second.at) * rate >=
           options_.per_minute;
  });
}

int AddressRateLimiter::Take(const std::string& address, EpochMs now) {
  std::lock_guard lock(mutex_);
  if (options_.per_minute <= 0 || Exempt(address)) return 0;
  const double capacity = options_.per_minute;
  const double rate = capacity / kMinuteMs;  // tokens per millisecond
  if (buckets_.size() >= kMaxBuckets) Prune(now);
  auto [it, added] = buckets_.try_emplace(address, Bucket{capacity, now});
  Bucket& bucket = it->second;
  if (!added && now > bucket.at) {
    bucket.tokens = std::min(capacity, bucket.tokens + static_cast<double>(now - bucket.at) * rate);
    bucket.at = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - bucket.tokens) / rate / 1000)));
}

}  // namespace jieli::http
