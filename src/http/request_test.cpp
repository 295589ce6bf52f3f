#include "http/request.hpp"

#include <gtest/gtest.h>

namespace jieli::http {
namespace {

TEST(ParseTarget, SplitsPathAndQuery) {
  std::optional<RequestTarget> target =
      ParseTarget("/api/v1/clients/%E5%BC%A0?q=%E6%9D%AD+%E5%B7%9E&a=1&a=2&flag&&=x");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->raw_path, "/api/v1/clients/%E5%BC%A0");
  EXPECT_EQ(target->path, "/api/v1/clients/张");
  EXPECT_EQ(target->query.at("q"), "杭 州");
  EXPECT_EQ(target->query.at("a"), "2");
  EXPECT_EQ(target->query.at("flag"), "");
  EXPECT_EQ(target->query.at(""), "x");
  EXPECT_EQ(target->query.size(), 4u);
}

TEST(ParseTarget, PathWithoutQuery) {
  std::optional<RequestTarget> target = ParseTarget("/healthz");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->raw_path, "/healthz");
  EXPECT_EQ(target->path, "/healthz");
  EXPECT_TRUE(target->query.empty());
  ASSERT_TRUE(ParseTarget("/?").has_value());
  EXPECT_TRUE(ParseTarget("/?")->query.empty());
}

TEST(ParseTarget, RefusesWhatIsNotAnOriginFormPath) {
  for (std::string_view bad :
       {"", "*", "http://example.com/", "api/v1", "/a/../b", "/..", "/a/%2E%2E/b", "/a%2F..%2Fb",
        "/a%00b", "/a%4", "/a%zz", "/a?q=%", "/a?%G1=1", "/a?q=1&r=%E6%9D%A"}) {
    EXPECT_FALSE(ParseTarget(bad).has_value()) << bad;
  }
  // Dots that are not a whole segment are ordinary names.
  EXPECT_TRUE(ParseTarget("/a/..b/c.../").has_value());
  // Only the path is checked for "..": a query value may hold anything decodable but NUL.
  EXPECT_TRUE(ParseTarget("/a?next=/../x&z=%01").has_value());
  EXPECT_FALSE(ParseTarget("/a?z=%00").has_value());
  EXPECT_FALSE(ParseTarget("/a?z%00=1").has_value());
}

}  // namespace
}  // namespace jieli::http
