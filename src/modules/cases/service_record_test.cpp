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
  input.participants = {Participant::kClient};
  return input;
}

const std::vector<std::string> kPlanGoals = {"减少跌倒", "增加社会交往"};

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
    EXPECT_EQ(Codes(CheckService(input, opened, now, kPlanGoals)), c.want) << c.name;
  }
}

TEST(ServiceRecord, LimitsCountCharactersNotBytes) {
  ServiceInput input = Valid();
  input.content.clear();
  for (int i = 0; i < 2000; ++i) input.content += "服";  // 6000 bytes, 2000 characters
  EXPECT_TRUE(CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12), kPlanGoals).empty());
  input.content += "务";
  EXPECT_EQ(Codes(CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12), kPlanGoals)),
            std::vector<std::string>{"content:too_long"});
}

TEST(ServiceRecord, RangeParamsNameTheDays) {
  ServiceInput input = Valid();
  input.date = "2026-03-01";
  auto issues = CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12), kPlanGoals);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].params.at("min"), "2026-03-10");
  EXPECT_EQ(issues[0].params.at("max"), "2026-03-20");
  input.date = "2026-03-15";
  input.minutes = 0;
  issues = CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12), kPlanGoals);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].params.at("min"), "1");
  EXPECT_EQ(issues[0].params.at("max"), "1440");
}

TEST(ServiceRecord, PlaceParticipantsGoalsAndNotes) {
  const EpochMs opened = At("2026-03-10", 10);
  const EpochMs now = At("2026-03-20", 12);
  struct Case {
    const char* name;
    void (*change)(ServiceInput&);
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"everything filled in",
       [](ServiceInput& in) {
         in.mode = ServiceMode::kCrisis;
         in.place = "案主家中";
         in.participants = {Participant::kClient, Participant::kFamily, Participant::kOther};
         in.participants_note = "社区民警";
         in.goals_addressed = {"减少跌倒", "增加社会交往"};
         in.client_response = "情绪逐渐平复";
         in.next_steps = "明日电话回访";
       },
       {}},
      {"nobody took part",
       [](ServiceInput& in) { in.participants.clear(); },
       {"participants:required"}},
      {"the family alone", [](ServiceInput& in) { in.participants = {Participant::kFamily}; }, {}},
      {"a participant twice",
       [](ServiceInput& in) {
         in.participants = {Participant::kFamily, Participant::kFamily};
       },
       {"participants:duplicate_value"}},
      {"place at the limit", [](ServiceInput& in) { in.place = std::string(200, 'a'); }, {}},
      {"place too long",
       [](ServiceInput& in) { in.place = std::string(201, 'a'); },
       {"place:too_long"}},
      {"who else too long",
       [](ServiceInput& in) { in.participants_note = std::string(201, 'a'); },
       {"participants_note:too_long"}},
      {"response at the limit",
       [](ServiceInput& in) { in.client_response = std::string(2000, 'a'); },
       {}},
      {"response too long",
       [](ServiceInput& in) { in.client_response = std::string(2001, 'a'); },
       {"client_response:too_long"}},
      {"next steps at the limit",
       [](ServiceInput& in) { in.next_steps = std::string(1000, 'a'); },
       {}},
      {"next steps too long",
       [](ServiceInput& in) { in.next_steps = std::string(1001, 'a'); },
       {"next_steps:too_long"}},
      {"a goal of the plan", [](ServiceInput& in) { in.goals_addressed = {"增加社会交往"}; }, {}},
      {"a goal not in the plan",
       [](ServiceInput& in) {
         in.goals_addressed = {"减少跌倒", "找到工作"};
       },
       {"goals_addressed[1]:invalid_choice"}},
      {"a goal twice",
       [](ServiceInput& in) {
         in.goals_addressed = {"减少跌倒", "减少跌倒"};
       },
       {"goals_addressed[1]:duplicate_value"}},
      {"more goals than allowed",
       [](ServiceInput& in) { in.goals_addressed.assign(21, "减少跌倒"); },
       {"goals_addressed:too_long"}},
  };
  for (const auto& c : cases) {
    ServiceInput input = Valid();
    c.change(input);
    EXPECT_EQ(Codes(CheckService(input, opened, now, kPlanGoals)), c.want) << c.name;
  }
}

TEST(ServiceRecord, WithoutAPlanNoGoalIsAllowed) {
  ServiceInput input = Valid();
  EXPECT_TRUE(CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12), {}).empty());
  input.goals_addressed = {"减少跌倒"};
  auto issues = CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12), {});
  ASSERT_EQ(Codes(issues), std::vector<std::string>{"goals_addressed[0]:invalid_choice"});
  EXPECT_EQ(issues[0].params.at("allowed"), "");
  issues = CheckService(input, At("2026-03-10", 10), At("2026-03-20", 12), kPlanGoals);
  EXPECT_TRUE(issues.empty());
}

TEST(ServiceRecord, Comment) {
  EXPECT_TRUE(CheckServiceComment("记录清楚，下次可多关注家属的支持").empty());
  EXPECT_EQ(Codes(CheckServiceComment(" \n")), std::vector<std::string>{"comment:required"});
  EXPECT_TRUE(CheckServiceComment(std::string(2000, 'a')).empty());
  EXPECT_EQ(Codes(CheckServiceComment(std::string(2001, 'a'))),
            std::vector<std::string>{"comment:too_long"});
}

TEST(ServiceRecord, WhoMayComment) {
  constexpr std::int64_t kWorker = 1, kCoWorker = 2, kSupervisor = 3, kLeader = 4;
  const CaseTeam team{kWorker, kCoWorker, kSupervisor};
  struct Case {
    const char* name;
    std::int64_t user;
    std::int64_t author;
    bool allowed;
  };
  const Case cases[] = {
      {"the case's supervisor", kSupervisor, kWorker, true},
      {"someone not on the team", kLeader, kWorker, true},
      {"the primary worker", kWorker, kCoWorker, false},
      {"the co-worker", kCoWorker, kWorker, false},
      {"the supervisor on a record of their own", kSupervisor, kSupervisor, false},
      {"a leader on a record of their own", kLeader, kLeader, false},
  };
  for (const auto& c : cases) {
    Status checked = CheckCommenter(c.user, team, c.author);
    EXPECT_EQ(checked.ok(), c.allowed) << c.name;
    if (!c.allowed) {
      EXPECT_EQ(checked.error().code(), "cases.comment_not_allowed") << c.name;
    }
  }
}

TEST(ServiceRecord, WhoMayCorrectAndUntilWhen) {
  constexpr std::int64_t kAuthor = 1, kOther = 2;
  const EpochMs written = At("2026-03-10", 10);
  constexpr EpochMs kWeek = kServiceCorrectionWindowMs;
  struct Case {
    const char* name;
    std::int64_t user;
    EpochMs now;
    bool withdrawn;
    const char* error;  // "" when allowed
  };
  const Case cases[] = {
      {"the author at once", kAuthor, written, false, ""},
      {"the author six days on", kAuthor, written + 6 * 24 * kHour, false, ""},
      {"the author at exactly seven days", kAuthor, written + kWeek, false, ""},
      {"the author a minute after seven days", kAuthor, written + kWeek + 60 * 1000, false,
       "cases.service_fixed"},
      {"the author a month on", kAuthor, written + 30 * 24 * kHour, false, "cases.service_fixed"},
      {"someone else within the week", kOther, written + kHour, false, "cases.service_not_author"},
      {"someone else after the week", kOther, written + 2 * kWeek, false,
       "cases.service_not_author"},
      {"a withdrawn record", kAuthor, written + kHour, true, "cases.service_withdrawn"},
  };
  for (const auto& c : cases) {
    Status checked = CheckCorrector(c.user, kAuthor, written, c.now, c.withdrawn);
    EXPECT_EQ(checked.ok(), std::string(c.error).empty()) << c.name;
    if (!checked.ok()) {
      EXPECT_EQ(checked.error().code(), c.error) << c.name;
    }
  }
}

TEST(ServiceRecord, WhoMayWithdraw) {
  constexpr std::int64_t kWorker = 1, kCoWorker = 2, kSupervisor = 3, kLeader = 4;
  const CaseTeam team{kWorker, kCoWorker, kSupervisor};
  struct Case {
    const char* name;
    std::int64_t user;
    std::int64_t author;
    bool withdrawn;
    const char* error;
  };
  const Case cases[] = {
      {"the author", kWorker, kWorker, false, ""},
      {"the co-worker on their own record", kCoWorker, kCoWorker, false, ""},
      {"the case's supervisor", kSupervisor, kWorker, false, ""},
      {"the co-worker on the worker's record", kCoWorker, kWorker, false,
       "cases.withdraw_not_allowed"},
      {"a leader not on the team", kLeader, kWorker, false, "cases.withdraw_not_allowed"},
      {"a record already withdrawn", kWorker, kWorker, true, "cases.service_withdrawn"},
  };
  for (const auto& c : cases) {
    Status checked = CheckWithdrawer(c.user, team, c.author, c.withdrawn);
    EXPECT_EQ(checked.ok(), std::string(c.error).empty()) << c.name;
    if (!checked.ok()) {
      EXPECT_EQ(checked.error().code(), c.error) << c.name;
    }
  }
}

TEST(ServiceRecord, WithdrawReason) {
  EXPECT_TRUE(CheckWithdrawReason("记错了个案").empty());
  EXPECT_EQ(Codes(CheckWithdrawReason(" \n")), std::vector<std::string>{"reason:required"});
  EXPECT_TRUE(CheckWithdrawReason(std::string(500, 'a')).empty());
  EXPECT_EQ(Codes(CheckWithdrawReason(std::string(501, 'a'))),
            std::vector<std::string>{"reason:too_long"});
}

TEST(ServiceRecord, ChangedFields) {
  const ServiceInput before = Valid();
  struct Case {
    const char* name;
    void (*change)(ServiceInput&);
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"nothing", [](ServiceInput&) {}, {}},
      {"minutes", [](ServiceInput& in) { in.minutes = 45; }, {"minutes"}},
      {"mode and content",
       [](ServiceInput& in) {
         in.mode = ServiceMode::kHomeVisit;
         in.content = "改";
       },
       {"mode", "content"}},
      {"a note", [](ServiceInput& in) { in.progress_note = "新"; }, {"progress_note"}},
      {"who took part",
       [](ServiceInput& in) { in.participants.push_back(Participant::kFamily); },
       {"participants"}},
  };
  for (const auto& c : cases) {
    ServiceInput after = before;
    c.change(after);
    EXPECT_EQ(ChangedServiceFields(before, after), c.want) << c.name;
  }
}

TEST(ServiceRecord, ACorrectionKeepsWhatItDoesNotSend) {
  ServiceChange change;
  change.minutes = 45;
  change.content = "情绪较上周平稳";
  const ServiceInput after = change.ApplyTo(Valid());
  EXPECT_EQ(after.minutes, 45);
  EXPECT_EQ(after.content, "情绪较上周平稳");
  EXPECT_EQ(after.date, Valid().date);
  EXPECT_EQ(after.participants, Valid().participants);
  EXPECT_EQ(ChangedServiceFields(Valid(), after), (std::vector<std::string>{"minutes", "content"}));
  EXPECT_TRUE(ChangedServiceFields(Valid(), ServiceChange{}.ApplyTo(Valid())).empty());
}

TEST(ServiceRecord, Excerpt) {
  EXPECT_EQ(ServiceExcerpt("情绪较上周平稳"), "情绪较上周平稳");
  EXPECT_EQ(ServiceExcerpt("第一行\n第二行"), "第一行 第二行");
  EXPECT_EQ(ServiceExcerpt("一二三四五六", 4), "一二三四…");
  EXPECT_EQ(ServiceExcerpt("一二三四", 4), "一二三四");
  EXPECT_EQ(ServiceExcerpt(""), "");
}

}  // namespace
}  // namespace jieli::cases
