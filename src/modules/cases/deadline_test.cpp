#include "modules/cases/deadline.hpp"

#include <string>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

LocalDate D(const char* text) { return ParseDate(text).value(); }

// The instant hh:mm on day in Asia/Shanghai.
EpochMs At(const char* day, int hour, int minute) {
  return StartOfLocalDay(D(day)) + (hour * 60 + minute) * 60'000LL;
}

// The last millisecond of day in Asia/Shanghai.
EpochMs EndOf(const char* day) { return StartOfLocalDay(AddDays(D(day), 1)) - 1; }

TEST(CaseDeadline, PolicyRanges) {
  EXPECT_TRUE(ValidateDeadlinePolicy(DeadlinePolicy{}).ok());
  EXPECT_TRUE(ValidateDeadlinePolicy({1, 365, 1, 168}).ok());
  struct Case {
    DeadlinePolicy policy;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {{0, 10, 14, 24}, {"assessment_days"}},
      {{7, 366, 14, 24}, {"planning_days"}},
      {{7, 10, -1, 24}, {"closure_days"}},
      {{7, 10, 14, 0}, {"crisis_first_contact_hours"}},
      {{7, 10, 14, 169}, {"crisis_first_contact_hours"}},
      {{0, 0, 0, 0},
       {"assessment_days", "planning_days", "closure_days", "crisis_first_contact_hours"}},
  };
  for (const auto& c : cases) {
    Status status = ValidateDeadlinePolicy(c.policy);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code(), "validation.failed");
    ASSERT_EQ(status.error().details().size(), c.fields.size());
    for (std::size_t i = 0; i < c.fields.size(); ++i) {
      EXPECT_EQ(status.error().details()[i].field, c.fields[i]);
      EXPECT_EQ(status.error().details()[i].code, "out_of_range");
    }
  }
  Status hours = ValidateDeadlinePolicy({7, 10, 14, 200});
  EXPECT_EQ(hours.error().details()[0].params.at("max"), "168");
}

TEST(CaseDeadline, EndOfTheNthLocalDay) {
  const DeadlinePolicy policy;
  struct Case {
    const char* name;
    Stage stage;
    DeadlineFacts facts;
    std::optional<EpochMs> want;
  };
  auto opened = [](EpochMs t) {
    DeadlineFacts f;
    f.opened_at = t;
    return f;
  };
  auto assessed = [](EpochMs t) {
    DeadlineFacts f;
    f.opened_at = t;
    f.assessment_at = t;
    return f;
  };
  auto evaluated = [](EpochMs t) {
    DeadlineFacts f;
    f.evaluation_at = t;
    return f;
  };
  auto plan_ends = [](const char* day) {
    DeadlineFacts f;
    f.plan_end = D(day);
    return f;
  };
  const Case cases[] = {
      // 23:30 and 00:30 local are on the same UTC day (15:30Z and 16:30Z on
      // 03-10) but on different local days: the local day counts.
      {"intake 23:30 local", Stage::kAssessment, opened(At("2026-03-10", 23, 30)),
       EndOf("2026-03-17")},
      {"intake 00:30 local next day", Stage::kAssessment, opened(At("2026-03-11", 0, 30)),
       EndOf("2026-03-18")},
      {"intake at local midnight", Stage::kAssessment, opened(At("2026-03-11", 0, 0)),
       EndOf("2026-03-18")},
      {"assessment across a month end", Stage::kAssessment, opened(At("2026-01-28", 10, 0)),
       EndOf("2026-02-04")},
      {"assessment across February", Stage::kAssessment, opened(At("2027-02-25", 9, 0)),
       EndOf("2027-03-04")},
      {"assessment in a leap February", Stage::kAssessment, opened(At("2028-02-25", 9, 0)),
       EndOf("2028-03-03")},
      {"plan across the year end", Stage::kPlanning, assessed(At("2026-12-25", 9, 0)),
       EndOf("2027-01-04")},
      {"evaluation at the plan's end date", Stage::kEvaluation, plan_ends("2026-06-30"),
       EndOf("2026-06-30")},
      {"closure across the year end", Stage::kClosed, evaluated(At("2026-12-20", 16, 0)),
       EndOf("2027-01-03")},
      {"no plan end yet", Stage::kEvaluation, opened(0), std::nullopt},
      {"not yet assessed", Stage::kPlanning, opened(0), std::nullopt},
      {"not yet evaluated", Stage::kClosed, opened(0), std::nullopt},
      {"intervention has none of its own", Stage::kIntervention, plan_ends("2026-06-30"),
       std::nullopt},
      {"ordinary intake has none", Stage::kIntake, opened(At("2026-03-10", 9, 0)), std::nullopt},
  };
  for (const auto& c : cases) {
    auto got = StageDeadline(c.stage, c.facts, policy);
    ASSERT_EQ(got.has_value(), c.want.has_value()) << c.name;
    if (got) {
      EXPECT_EQ(*got, *c.want) << c.name << ": " << FormatIsoLocal(*got);
    }
  }
  // The exact wall-clock time, to leave no doubt about the rule.
  auto due = StageDeadline(Stage::kAssessment, opened(At("2026-03-10", 23, 30)), policy);
  EXPECT_EQ(FormatIsoLocal(*due), "2026-03-17T23:59:59+08:00");
  EXPECT_EQ((*due + 1) % 1000, 0);
}

TEST(CaseDeadline, AgencyPolicyChangesTheDays) {
  DeadlinePolicy policy;
  policy.assessment_days = 3;
  policy.planning_days = 1;
  policy.closure_days = 30;
  DeadlineFacts facts;
  facts.opened_at = At("2026-04-29", 18, 0);
  facts.assessment_at = At("2026-04-30", 23, 59);
  facts.evaluation_at = At("2026-11-15", 8, 0);
  EXPECT_EQ(StageDeadline(Stage::kAssessment, facts, policy), EndOf("2026-05-02"));
  EXPECT_EQ(StageDeadline(Stage::kPlanning, facts, policy), EndOf("2026-05-01"));
  EXPECT_EQ(StageDeadline(Stage::kClosed, facts, policy), EndOf("2026-12-15"));
}

TEST(CaseDeadline, CrisisCountsHoursNotDays) {
  DeadlineFacts facts;
  facts.crisis = true;
  facts.opened_at = At("2026-03-10", 23, 30);
  const DeadlinePolicy policy;
  // 24 hours from 23:30, not the end of a local day.
  EXPECT_EQ(StageDeadline(Stage::kIntake, facts, policy), At("2026-03-11", 23, 30));
  DeadlinePolicy six_hours;
  six_hours.crisis_first_contact_hours = 6;
  EXPECT_EQ(StageDeadline(Stage::kIntake, facts, six_hours), At("2026-03-11", 5, 30));
  // Across the year end.
  facts.opened_at = At("2026-12-31", 20, 15);
  EXPECT_EQ(StageDeadline(Stage::kIntake, facts, policy), At("2027-01-01", 20, 15));
  // The deadline stays after first contact (for "on time" indicators) ...
  facts.first_contact_at = At("2027-01-01", 9, 0);
  EXPECT_EQ(StageDeadline(Stage::kIntake, facts, policy), At("2027-01-01", 20, 15));
  // ... but the worklist moves on to the assessment.
  EXPECT_EQ(CurrentDeadline(Stage::kIntake, facts, policy), EndOf("2027-01-07"));
  facts.first_contact_at.reset();
  EXPECT_EQ(CurrentDeadline(Stage::kIntake, facts, policy), At("2027-01-01", 20, 15));
}

TEST(CaseDeadline, CurrentDeadlineByStage) {
  const DeadlinePolicy policy;
  DeadlineFacts facts;
  facts.opened_at = At("2026-03-02", 10, 0);
  facts.assessment_at = At("2026-03-03", 10, 0);
  facts.planning_at = At("2026-03-09", 10, 0);
  facts.intervention_at = At("2026-03-12", 10, 0);
  facts.plan_end = D("2026-05-31");
  facts.evaluation_at = At("2026-05-29", 10, 0);
  struct Case {
    Stage stage;
    std::optional<EpochMs> want;
  };
  const Case cases[] = {
      {Stage::kIntake, EndOf("2026-03-09")},     {Stage::kAssessment, EndOf("2026-03-09")},
      {Stage::kPlanning, EndOf("2026-03-13")},   {Stage::kIntervention, EndOf("2026-05-31")},
      {Stage::kEvaluation, EndOf("2026-06-12")}, {Stage::kClosed, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CurrentDeadline(c.stage, facts, policy), c.want) << ToString(c.stage);
  }
}

TEST(CaseDeadline, OverdueInLocalDays) {
  const EpochMs due = EndOf("2026-03-17");
  const EpochMs crisis_due = At("2026-03-11", 23, 30);
  struct Case {
    const char* name;
    EpochMs deadline;
    EpochMs now;
    bool overdue;
    int days;
  };
  const Case cases[] = {
      {"well before", due, At("2026-03-12", 9, 0), false, 0},
      {"the last millisecond is on time", due, due, false, 0},
      {"local midnight after", due, due + 1, true, 1},
      {"three days later", due, At("2026-03-20", 10, 0), true, 3},
      {"across the month end", EndOf("2026-03-30"), At("2026-04-02", 8, 0), true, 3},
      {"across the year end", EndOf("2026-12-30"), At("2027-01-02", 23, 59), true, 3},
      {"crisis missed the same evening", crisis_due, At("2026-03-11", 23, 45), true, 0},
      {"crisis missed, next local day", crisis_due, At("2026-03-12", 0, 10), true, 1},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsOverdue(c.deadline, c.now), c.overdue) << c.name;
    EXPECT_EQ(DaysOverdue(c.deadline, c.now), c.days) << c.name;
  }
}

TEST(CaseDeadline, ASteppedBackPlanGetsAFreshDeadline) {
  DeadlineFacts facts;
  facts.opened_at = At("2026-03-01", 9, 0);
  facts.assessment_at = At("2026-03-02", 9, 0);
  const DeadlinePolicy policy;
  EXPECT_EQ(StageDeadline(Stage::kPlanning, facts, policy), EndOf("2026-03-12"));
  facts.replanned_at = At("2026-05-20", 15, 0);  // back from evaluation to planning
  EXPECT_EQ(StageDeadline(Stage::kPlanning, facts, policy), EndOf("2026-05-30"));
  EXPECT_EQ(CurrentDeadline(Stage::kPlanning, facts, policy), EndOf("2026-05-30"));
}

}  // namespace
}  // namespace jieli::cases
