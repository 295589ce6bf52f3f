#include "modules/sort_order.hpp"

#include <gtest/gtest.h>

namespace jieli::modules {
namespace {

const SortOrders kSorts({{"name", "name ASC, id ASC"}, {"-name", "name DESC, id DESC"}});

TEST(SortOrders, AKnownSortGivesItsClause) {
  auto order = kSorts.OrderBy("-name");
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(*order, "name DESC, id DESC");
}

TEST(SortOrders, AnotherIsRefusedNamingTheAllowedOnes) {
  for (const std::string sort : {"", "garbage", "Name", "name;DROP TABLE users"}) {
    auto order = kSorts.OrderBy(sort);
    ASSERT_FALSE(order.ok()) << sort;
    EXPECT_EQ(order.error().code(), "validation.failed");
    ASSERT_EQ(order.error().details().size(), 1u);
    const FieldIssue& issue = order.error().details()[0];
    EXPECT_EQ(issue.field, "sort");
    EXPECT_EQ(issue.code, "invalid_choice");
    EXPECT_EQ(issue.params.at("allowed"), "name, -name");
  }
}

}  // namespace
}  // namespace jieli::modules
