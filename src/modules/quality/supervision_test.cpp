#include "modules/quality/supervision.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::quality {
namespace {

TEST(SupervisionDue, DueAfterThirtyDaysOrWhenNeverSupervised) {
  const LocalDate today = *ParseDate("2026-12-07");
  struct Row {
    std::string last_date;
    std::optional<int> days_since;
    bool due;
  };
  const std::vector<Row> rows = {
      {"2026-12-07", 0, false},   // today
      {"2026-11-07", 30, false},  // thirty days ago: not yet due
      {"2026-11-06", 31, true},   // thirty-one: due
      {"2025-12-07", 365, true},  // a year ago
      {"", std::nullopt, true},   // never supervised
      {"not a date", std::nullopt, true},
  };
  for (const auto& row : rows) {
    SupervisionDue d = SupervisionDueOf({7, "王芳"}, row.last_date, today);
    EXPECT_EQ(d.days_since, row.days_since) << row.last_date;
    EXPECT_EQ(d.due, row.due) << row.last_date;
    EXPECT_EQ(d.person.id, 7);
    EXPECT_EQ(d.last_date, row.days_since ? row.last_date : "") << row.last_date;
  }
}

}  // namespace
}  // namespace jieli::quality
