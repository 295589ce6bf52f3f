#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

namespace jieli::http {
namespace {

TEST(AddressRateLimiter, AllowsTheBurstThenAsksToWaitUntilATokenIsBack) {
  AddressRateLimiter limiter({.per_minute = 3, .exempt = {}});
  EXPECT_EQ(limiter.Take("203.0.113.7", 0), 0);
  EXPECT_EQ(limiter.Take("203.0.113.7", 0), 0);
  EXPECT_EQ(limiter.Take("203.0.113.7", 0), 0);
  EXPECT_EQ(limiter.Take("203.0.113.7", 0), 20);  // one token every 20 s
  EXPECT_EQ(limiter.Take("203.0.113.7", 10'000), 10);
  EXPECT_EQ(limiter.Take("203.0.113.7", 20'000), 0);
  EXPECT_EQ(limiter.Take("203.0.113.7", 20'000), 20);
}

TEST(AddressRateLimiter, CountsEachAddressOnItsOwn) {
  AddressRateLimiter limiter({.per_minute = 1, .exempt = {}});
  EXPECT_EQ(limiter.Take("203.0.113.7", 0), 0);
  EXPECT_GT(limiter.Take("203.0.113.7", 0), 0);
  EXPECT_EQ(limiter.Take("203.0.113.8", 0), 0);
}

TEST(AddressRateLimiter, NeverLimitsExemptAddressesOrWhenOff) {
  AddressRateLimiter limiter({.per_minute = 1, .exempt = {"10.1.", "192.0.2.5"}});
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(limiter.Take("10.1.2.3", 0), 0);
    EXPECT_EQ(limiter.Take("192.0.2.5", 0), 0);
  }
  EXPECT_EQ(limiter.Take("192.0.2.50", 0), 0);
  EXPECT_GT(limiter.Take("192.0.2.50", 0), 0);  // "192.0.2.5" is exact, not a prefix
  limiter.Configure({.per_minute = 0, .exempt = {}});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.Take("203.0.113.7", 0), 0);
}

TEST(AddressRateLimiter, RefillsNoMoreThanTheBurst) {
  AddressRateLimiter limiter({.per_minute = 2, .exempt = {}});
  EXPECT_EQ(limiter.Take("a", 0), 0);
  EXPECT_EQ(limiter.Take("a", 3'600'000), 0);
  EXPECT_EQ(limiter.Take("a", 3'600'000), 0);
  EXPECT_GT(limiter.Take("a", 3'600'000), 0);
}

}  // namespace
}  // namespace jieli::http
