#include "modules/cases/followup.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

LocalDate D(const char* text) { return ParseDate(text).value(); }

TEST(FollowUp, DefaultOneThreeSixMonths) {
  struct Case {
    const char* closed;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"2026-03-15", {"2026-04-15", "2026-06-15", "2026-09-15"}},
      {"2026-01-31", {"2026-02-28", "2026-04-30", "2026-07-31"}},  // clamped to month ends
      {"2028-01-31", {"2028-02-29", "2028-04-30", "2028-07-31"}},  // leap year
      {"2026-08-31", {"2026-09-30", "2026-11-30", "2027-02-28"}},  // across the year end
      {"2026-12-15", {"2027-01-15", "2027-03-15", "2027-06-15"}},
      {"2027-11-30", {"2027-12-30", "2028-02-29", "2028-05-30"}},
  };
  for (const auto& c : cases) {
    auto dates = FollowUpDates(D(c.closed));
    ASSERT_EQ(dates.size(), c.want.size()) << c.closed;
    for (std::size_t i = 0; i < dates.size(); ++i) {
      EXPECT_EQ(FormatDate(dates[i]), c.want[i]) << c.closed << " #" << i;
    }
  }
}

TEST(FollowUp, CustomMonths) {
  auto dates = FollowUpDates(D("2026-05-31"), {2, 12, 0, -1, 24});
  ASSERT_EQ(dates.size(), 3u);  // 0 and −1 are skipped
  EXPECT_EQ(FormatDate(dates[0]), "2026-07-31");
  EXPECT_EQ(FormatDate(dates[1]), "2027-05-31");
  EXPECT_EQ(FormatDate(dates[2]), "2028-05-31");
  EXPECT_TRUE(FollowUpDates(D("2026-05-31"), {}).empty());
  EXPECT_EQ(FormatDate(AddMonthsClamped(D("2024-02-29"), 12)), "2025-02-28");
}

TEST(FollowUp, MonthsFromTheClosureForm) {
  using nlohmann::json;
  struct Case {
    const char* label;
    json closure;
    std::vector<int> want;
  };
  const std::vector<int> kDefault = {1, 3, 6};
  const Case cases[] = {
      {"no form", json(), kDefault},
      {"not an object", json::array({1, 2}), kDefault},
      {"no months", json{{"closure_reason", "goals_met"}}, kDefault},
      {"months not a list", json{{"follow_up_months", 3}}, kDefault},
      {"months as text", json{{"follow_up_months", "1,3,6"}}, kDefault},
      {"null months", json{{"follow_up_months", nullptr}}, kDefault},
      {"own months", json{{"follow_up_months", {2, 12}}}, {2, 12}},
      {"order kept", json{{"follow_up_months", {6, 1}}}, {6, 1}},
      {"empty list: none", json{{"follow_up_months", json::array()}}, {}},
      {"non-integers skipped", json{{"follow_up_months", {1, "3", 2.5, nullptr, 6}}}, {1, 6}},
      {"zero and negatives kept (FollowUpDates skips them)",
       json{{"follow_up_months", {0, -1, 3}}},
       {0, -1, 3}},
  };
  for (const auto& c : cases) EXPECT_EQ(FollowUpMonths(c.closure), c.want) << c.label;
}

TEST(FollowUp, TheRecordSaysWhatWasLearned) {
  std::string longest;
  for (int i = 0; i < 2000; ++i) longest += "访";  // characters, not bytes
  struct Case {
    const char* label;
    std::string note;
    std::string new_needs;
    std::vector<std::string> want;  // "field code" of each issue, in order
  };
  const Case cases[] = {
      {"a note", "老人身体好转，已恢复社区活动", "", {}},
      {"one character", "好", "", {}},
      {"note at the limit", longest, "", {}},
      {"needs at the limit", "电话回访", longest, {}},
      {"note too long", longest + "。", "", {"note too_long"}},
      {"needs too long", "电话回访", longest + "。", {"new_needs too_long"}},
      {"empty note", "", "", {"note required"}},
      {"blank note", " \t\r\n ", "", {"note required"}},
      {"both wrong", " ", longest + "需", {"note required", "new_needs too_long"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> got;
    for (const auto& issue : CheckFollowUpRecord({c.note, Situation::kBetter, c.new_needs}))
      got.push_back(issue.field + " " + issue.code);
    EXPECT_EQ(got, c.want) << c.label;
  }
  auto too_long = CheckFollowUpRecord({longest + "。", Situation::kSame, ""});
  ASSERT_EQ(too_long.size(), 1u);
  EXPECT_EQ(too_long[0].params.at("max"), "2000");
}

TEST(FollowUp, SituationNamesRoundTrip) {
  for (const auto& name : SituationNames()) {
    auto parsed = ParseSituation(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_EQ(ToString(*parsed), name);
  }
  EXPECT_EQ(SituationNames(), (std::vector<std::string>{"better", "same", "worse"}));
  EXPECT_FALSE(ParseSituation("Better"));
  EXPECT_FALSE(ParseSituation(""));
}

}  // namespace
}  // namespace jieli::cases
