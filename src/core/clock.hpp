// Clock: where "now" comes from, so that time-dependent rules (idle timeouts,
// lock-outs, deadlines) can be tested with a hand-driven clock.
// Times are Unix epoch milliseconds (UTC); local days are computed in core/local_time.
// SystemClock is thread-safe; ManualClock is thread-safe (atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace jieli {

using EpochMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual EpochMs Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  EpochMs Now() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told; for tests and the test-only clock endpoint.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(EpochMs start) : now_(start) {}
  EpochMs Now() const override { return now_.load(); }
  void Set(EpochMs t) { now_.store(t); }
  void Advance(EpochMs delta) { now_.fetch_add(delta); }

 private:
  std::atomic<EpochMs> now_;
};

}  // namespace jieli
