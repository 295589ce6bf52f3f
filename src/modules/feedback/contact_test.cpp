#include "modules/feedback/contact.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/local_time.hpp"

namespace jieli::feedback {
namespace {

EpochMs At(const char* text) { return *ParseIsoDateTime(text); }

std::vector<std::string> Codes(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> codes;
  for (const auto& issue : issues) codes.push_back(issue.field + ":" + issue.code);
  return codes;
}

TEST(Contact, DirectionNames) {
  EXPECT_EQ(ToString(Direction::kIn), "in");
  EXPECT_EQ(ParseDirection("out"), Direction::kOut);
  EXPECT_FALSE(ParseDirection("inbound").has_value());
  EXPECT_EQ(DirectionNames(), (std::vector<std::string>{"in", "out"}));
}

TEST(Contact, Checks) {
  const EpochMs now = At("2026-12-07T10:00:00+08:00");
  auto contact = [&](const char* at, std::string summary) {
    ContactInput input;
    input.client_id = 1;
    input.at = At(at);
    input.summary = std::move(summary);
    return input;
  };
  auto with_follow_up = [&](const char* at, const char* due, std::string note = "") {
    ContactInput input = contact(at, "电话回访，约定下周家访");
    input.follow_up = FollowUpInput{due, std::move(note)};
    return input;
  };
  struct Row {
    const char* why;
    ContactInput input;
    std::vector<std::string> issues;
  };
  const std::vector<Row> rows = {
      {"a call this morning", contact("2026-12-07T09:15:00+08:00", "案主来电询问补贴进度"), {}},
      {"a phone clock five minutes ahead", contact("2026-12-07T10:05:00+08:00", "家访"), {}},
      {"an hour ahead", contact("2026-12-07T11:00:00+08:00", "家访"), {"at:date_in_future"}},
      {"typed up from last month's notes", contact("2026-11-03T15:00:00+08:00", "来访"), {}},
      {"two years back", contact("2024-12-01T15:00:00+08:00", "来访"), {"at:too_old"}},
      {"nothing said", contact("2026-12-07T09:00:00+08:00", " \u3000 "), {"summary:required"}},
      {"follow up on the day", with_follow_up("2026-12-07T09:00:00+08:00", "2026-12-07"), {}},
      {"follow up next week",
       with_follow_up("2026-12-07T09:00:00+08:00", "2026-12-14", "确认"),
       {}},
      {"due before the contact",
       with_follow_up("2026-12-07T09:00:00+08:00", "2026-12-06"),
       {"follow_up.due:before_contact"}},
      {"due in two years",
       with_follow_up("2026-12-07T09:00:00+08:00", "2028-12-07"),
       {"follow_up.due:too_far"}},
      {"not a date",
       with_follow_up("2026-12-07T09:00:00+08:00", "12/14"),
       {"follow_up.due:invalid_date"}},
      {"a note too long",
       with_follow_up("2026-12-07T09:00:00+08:00", "2026-12-08", std::string(501, 'x')),
       {"follow_up.note:too_long"}},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(Codes(CheckContact(row.input, now)), row.issues) << row.why;
  }
  // Characters, not bytes: 2,000 Chinese characters pass, 2,001 do not.
  std::string two_thousand;
  for (int i = 0; i < 2000; ++i) two_thousand += "访";
  EXPECT_TRUE(CheckContact(contact("2026-12-07T09:00:00+08:00", two_thousand), now).empty());
  EXPECT_EQ(Codes(CheckContact(contact("2026-12-07T09:00:00+08:00", two_thousand + "访"), now)),
            std::vector<std::string>{"summary:too_long"});
}

}  // namespace
}  // namespace jieli::feedback
