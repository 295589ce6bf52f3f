// AddressRateLimiter: at most N requests a minute from one client address (a
// token bucket per address, refilled continuously), for the routes anyone may
// call without signing in (the public pages' submissions). Addresses listed
// as exempt (exact, or a prefix ending in '.' or ':', e.g. "10.1.") are never
// limited — a load test's range. Per node: behind several nodes an address
// gets N a minute from each. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"

namespace jieli::http {

class AddressRateLimiter {
 public:
  struct Options {
    int per_minute = 30;  // 0: no limit
    std::vector<std::string> exempt;
  };

  AddressRateLimiter() = default;
  explicit AddressRateLimiter(Options options) : options_(std::move(options)) {}

  void Configure(Options options);

  // 0 when the request may go ahead (and is counted); else the whole seconds
  // to wait before the next one would (Retry-After).
  int Take(const std::string& address, EpochMs now);

 private:
  struct Bucket {
    double tokens = 0;
    EpochMs at = 0;
  };
  bool Exempt(const std::string& address) const;
  void Prune(EpochMs now);

  std::mutex mutex_;
  Options options_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace jieli::http
