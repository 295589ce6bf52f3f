#include "modules/cases/service_record.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/local_time.hpp"

namespace jieli::cases {
namespace {

constexpr EpochMs kHour = 3600 * 1000;

EpochMs At(const char* day, int hour) {
  return StartOfLocalDay(ParseDate(day).value()) + hour * kHour;
}

ServiceInput Valid() {
  ServiceInput input;
  input.date = "2026-03-15";
  input.minutes = 60;
  input.content = "家访，了解老人近况";
  return input;
}

// "field:code" of each issue, in order.
std::vector<std::string> Codes(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> codes;
  for (const auto& issue : issues) codes.push_back(issue.field + ":" + issue.code);
  return codes;
}

TEST(ServiceRecord, DateMinutesAndTexts) {
  // The case opened on 2026-03-10 at 10:00; it is now 2026-03-20 12:00 (local).
  const EpochMs opened = At("2026-03-10", 10);
  const EpochMs now = At("2026-03-20", 12);
  struct Case {
    const char* name;
    void (*change)(ServiceInput&);
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"valid", [](ServiceInput&) {}, {}},
      {"the day it opened", [](ServiceInput& in) { in.date = "2026-03-10"; }, {}},
      {"today", [](ServiceInput& in) { in.date = "2026-03-20"; }, {}},
      {"tomorrow", [](ServiceInput& in) { in.date = "2026-03-21"; }, {"date:date_in_future"}},
      {"before it opened", [](ServiceInput& in) { in.date = "2026-03-09"; }, {"date:out_of_range"}},
      {"not a date", [](ServiceInput& in) { in.date = "2026-02-30"; }, {"date:invalid_date"}},
      {"empty date", [](ServiceInput& in) { in.date = ""; }, {"date:invalid_date"}},
      {"one minute", [](ServiceInput& in) { in.minutes = 1; }, {}},
      {"a whole day", [](ServiceInput& in) { in.minutes = 1440; }, {}},
      {"no minutes", [](ServiceInput& in) { in.minutes = 0; }, {"minutes:out_of_range"}},
      {"over a day", [](ServiceInput& in) { in.minutes = 1441; }, {"minutes:out_of_range"}},
      {"blank content", [](ServiceInput& in) { in.content = " \t\r\n"; }, {"content:required"}},
      {"content at the limit", [](ServiceInput& in) { in.content = std::string(2000, 'a'); }, {}},
      {"content too long",
       [](ServiceInput& in) { in.content = std::string(2001, 'a'); },
       {"content:too_long"}},
      {"technique too long",
       [](ServiceInput& in) { in.technique = std::string(101, 'a'); },
       {"technique:too_long"}},
      {"note at the limit",
       [](ServiceInput& in) { in.progress_note = std::string(4000, 'a'); },
       {}},
      {"note too long",
       [](ServiceInput& in) { in.progress_note = std::string(4001, 'a'); },
       {"progress_note:too_long"}},
      {"everything wrong",
       [](ServiceInput& in) {
         in.date = "x";
         in.minutes = -5;
         in.content = "";
         in.technique = std::string(101, 'a');
         in.progress_note = std::string(4001, 'a');
       },
       {"date:invalid_date", "minutes:out_of_range", "content:required", "technique:too_long",
        "progress_note:too_long"}},
  };
  for (const auto& c : cases) {
    ServiceInput input = Valid();
    c.change(input);
    EXPECT_EQ(Codes(CheckService(input, opened, now)), c.want) << c.name;
  }
}

TEST(ServiceRecord, LimitsCountCharactersNotBytes) {
  ServiceInput input = Valid();
  input.content.clear();
  for (int i = 0; i < 2000; ++i) input.content += "服";  // 6000 bytes, 2000 characters
  EXPECT_TRUE(CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12)).empty());
  input.content += "务";
  EXPECT_EQ(Codes(CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12))),
            std::vector<std::string>{"content:too_long"});
}

TEST(ServiceRecord, RangeParamsNameTheDays) {
  ServiceInput input = Valid();
  input.date = "2026-03-01";
  auto issues = CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].params.at("min"), "2026-03-10");
  EXPECT_EQ(issues[0].params.at("max"), "2026-03-20");
  input.date = "2026-03-15";
  input.minutes = 0;
  issues = CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].params.at("min"), "1");
  EXPECT_EQ(issues[0].params.at("max"), "1440");
}

}  // namespace
}  // namespace jieli::cases
