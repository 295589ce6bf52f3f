#include "core/result.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace jieli {
namespace {

Result<std::unique_ptr<int>> Make(bool ok, int value) {
  if (!ok) return InvalidError("test.refused");
  return std::make_unique<int>(value);
}

// Doubles what Make gives; a move-only value passes through the macro.
Result<int> Doubled(bool ok, int value) {
  JIELI_ASSIGN_OR_RETURN(auto made, Make(ok, value));
  JIELI_ASSIGN_OR_RETURN(std::unique_ptr<int> again, Make(ok, *made));
  return *again * 2;
}

Status Checked(bool ok) {
  JIELI_RETURN_IF_ERROR(Make(ok, 1));
  return Ok();
}

TEST(Result, AssignOrReturnGivesTheValueOrReturnsTheError) {
  struct Case {
    bool ok;
    int value;
    bool expect_ok;
    int expect;
  };
  for (const Case& c : {Case{true, 21, true, 42}, Case{false, 21, false, 0}}) {
    Result<int> result = Doubled(c.ok, c.value);
    ASSERT_EQ(result.ok(), c.expect_ok);
    if (c.expect_ok) {
      EXPECT_EQ(*result, c.expect);
    } else {
      EXPECT_EQ(result.error().code(), "test.refused");
    }
  }
}

TEST(Result, ReturnIfErrorPassesAnErrorOnAndOkThrough) {
  EXPECT_TRUE(Checked(true));
  Status refused = Checked(false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), "test.refused");
}

}  // namespace
}  // namespace jieli
