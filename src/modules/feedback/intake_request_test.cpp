#include "modules/feedback/intake_request.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::feedback {
namespace {

std::vector<std::string> Codes(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> codes;
  for (const auto& issue : issues) codes.push_back(issue.field + ":" + issue.code);
  return codes;
}

BookingInput GoodBooking() {
  BookingInput input;
  input.name = "刘桂兰";
  input.phone = "13912345678";
  input.org_id = 2;
  input.need_category = "elderly";
  input.need = "母亲独居，想请社工上门看看。";
  input.preferred_slot = DaySlot::kMorning;
  input.agree = true;
  return input;
}

TEST(IntakeRequest, Names) {
  EXPECT_EQ(DaySlotNames(), (std::vector<std::string>{"morning", "afternoon", "evening", "any"}));
  EXPECT_EQ(ParseDaySlot("evening"), DaySlot::kEvening);
  EXPECT_FALSE(ParseDaySlot("night").has_value());
  EXPECT_EQ(IntakeStateNames(), (std::vector<std::string>{"new", "accepted", "declined"}));
  EXPECT_EQ(ToString(DeclineReason::kNotOurService), "not_our_service");
  EXPECT_EQ(ParseDeclineReason("spam"), DeclineReason::kSpam);
  EXPECT_EQ(DeclineReasonNames().size(), 7u);
  EXPECT_EQ(ToString(IntakeAction::kReveal), "reveal");
}

TEST(IntakeRequest, CheckBooking) {
  const LocalDate today = *ParseDate("2026-12-07");
  struct Row {
    const char* name;
    std::function<void(BookingInput&)> change;
    std::vector<std::string> issues;
  };
  const std::vector<Row> rows = {
      {"a good booking", [](BookingInput&) {}, {}},
      {"the city chooses", [](BookingInput& b) { b.org_id.reset(); }, {}},
      {"a landline", [](BookingInput& b) { b.phone = "027-87651234"; }, {}},
      {"no name", [](BookingInput& b) { b.name = " "; }, {"name:required"}},
      {"a name too long",
       [](BookingInput& b) { b.name = std::string(51, 'a'); },
       {"name:too_long"}},
      {"no phone", [](BookingInput& b) { b.phone = ""; }, {"phone:required"}},
      {"not a phone", [](BookingInput& b) { b.phone = "12345"; }, {"phone:phone_invalid"}},
      {"an unknown category",
       [](BookingInput& b) { b.need_category = "aliens"; },
       {"need_category:invalid_choice"}},
      {"the other category", [](BookingInput& b) { b.need_category = "other"; }, {}},
      {"no need", [](BookingInput& b) { b.need = ""; }, {"need:required"}},
      {"a need too long",
       [](BookingInput& b) { b.need = std::string(1001, 'a'); },
       {"need:too_long"}},
      {"today", [](BookingInput& b) { b.preferred_date = "2026-12-07"; }, {}},
      {"60 days ahead", [](BookingInput& b) { b.preferred_date = "2027-02-05"; }, {}},
      {"61 days ahead",
       [](BookingInput& b) { b.preferred_date = "2027-02-06"; },
       {"preferred_date:too_far_ahead"}},
      {"yesterday",
       [](BookingInput& b) { b.preferred_date = "2026-12-06"; },
       {"preferred_date:date_in_past"}},
      {"not a date",
       [](BookingInput& b) { b.preferred_date = "2026-02-30"; },
       {"preferred_date:invalid_date"}},
      {"not agreed", [](BookingInput& b) { b.agree = false; }, {"agree:must_agree"}},
  };
  for (const auto& row : rows) {
    BookingInput input = GoodBooking();
    row.change(input);
    EXPECT_EQ(Codes(CheckBooking(input, today)), row.issues) << row.name;
  }
}

TEST(IntakeRequest, CheckDecline) {
  EXPECT_TRUE(CheckDecline(DeclineReason::kOutOfArea, "").empty());
  EXPECT_EQ(Codes(CheckDecline(DeclineReason::kOther, "  ")),
            (std::vector<std::string>{"note:required"}));
  EXPECT_TRUE(CheckDecline(DeclineReason::kOther, "已转介至区残联").empty());
  EXPECT_EQ(Codes(CheckDecline(DeclineReason::kSpam, std::string(501, 'a'))),
            (std::vector<std::string>{"note:too_long"}));
}

TEST(IntakeRequest, References) {
  // Each byte picks a character; no look-alikes ever.
  EXPECT_EQ(ReferenceFrom(std::string(8, '\0')), "22222222");
  EXPECT_EQ(ReferenceFrom(std::string("\x01\x02\x1e\x1f\xff\x08\x09\x0a", 8)), "34Z29ABC");
  std::set<std::string> seen;
  for (int i = 0; i < 256; ++i) {
    const std::string reference = ReferenceFrom(std::string(8, static_cast<char>(i)));
    EXPECT_EQ(reference.size(), kReferenceLength);
    EXPECT_EQ(reference.find_first_of("01ILO"), std::string::npos) << reference;
    seen.insert(reference);
  }
  EXPECT_EQ(seen.size(), 31u);  // every character of the alphabet comes up
}

}  // namespace
}  // namespace jieli::feedback
