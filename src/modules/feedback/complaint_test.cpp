#include "modules/feedback/complaint.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::feedback {
namespace {

EpochMs At(const char* text) { return *ParseIsoDateTime(text); }

// The 2025 National Day holiday (1–8 October off; 28 September and
// 11 October worked).
WorkingCalendar NationalDay2025() {
  std::vector<CalendarDay> days;
  for (int d = 1; d <= 8; ++d) {
    days.push_back({LocalDate(date::year{2025}, date::October, date::day(d)),
                    CalendarDayKind::kHoliday, "国庆节"});
  }
  days.push_back({*ParseDate("2025-09-28"), CalendarDayKind::kWorkday, "调休"});
  days.push_back({*ParseDate("2025-10-11"), CalendarDayKind::kWorkday, "调休"});
  return WorkingCalendar(days);
}

TEST(Complaint, Names) {
  EXPECT_EQ(FeedbackKindNames(), std::vector<std::string>({"complaint", "suggestion", "praise"}));
  EXPECT_EQ(ParseChannel("walk_in"), Channel::kWalkIn);
  EXPECT_EQ(ChannelNames().size(), 9U);
  EXPECT_EQ(ParseSeverity("critical"), Severity::kCritical);
  EXPECT_FALSE(ParseComplaintState("open").has_value());
  EXPECT_EQ(ToString(ClockColour::kYellow), "yellow");
  EXPECT_EQ(ToString(EscalationLevel::kLeader), "leader");
}

TEST(Complaint, Transitions) {
  using S = ComplaintState;
  using A = ComplaintAction;
  struct Case {
    S from;
    A action;
    std::optional<S> to;  // none: refused
  };
  const Case cases[] = {
      {S::kReceived, A::kAcknowledge, S::kAcknowledged},
      {S::kReceived, A::kResolve, S::kResolved},
      {S::kAcknowledged, A::kResolve, S::kResolved},
      {S::kResolved, A::kClose, S::kClosed},
      {S::kResolved, A::kReopen, S::kAcknowledged},
      {S::kReceived, A::kWithdraw, S::kWithdrawn},
      {S::kAcknowledged, A::kWithdraw, S::kWithdrawn},
      {S::kAcknowledged, A::kAcknowledge, std::nullopt},
      {S::kReceived, A::kClose, std::nullopt},
      {S::kReceived, A::kReopen, std::nullopt},
      {S::kResolved, A::kWithdraw, std::nullopt},
      {S::kClosed, A::kReopen, std::nullopt},
      {S::kClosed, A::kResolve, std::nullopt},
      {S::kWithdrawn, A::kAcknowledge, std::nullopt},
  };
  for (const auto& c : cases) {
    auto next = NextState(c.from, c.action);
    const std::string what =
        std::string(ToString(c.from)) + " + " + std::string(ToString(c.action));
    if (c.to) {
      ASSERT_TRUE(next.ok()) << what;
      EXPECT_EQ(*next, *c.to) << what;
    } else {
      ASSERT_FALSE(next.ok()) << what;
      EXPECT_EQ(next.error().code(), "feedback.transition_invalid");
    }
  }
}

TEST(Complaint, PolicyChecks) {
  EXPECT_TRUE(CheckPolicy({}).empty());
  struct Case {
    ComplaintPolicy policy;
    std::string field, code;
  };
  const Case cases[] = {
      {{0, 7, 2}, "acknowledge_days", "out_of_range"},
      {{1, 61, 2}, "resolve_days", "out_of_range"},
      {{1, 7, 0}, "leader_after_days", "out_of_range"},
      {{5, 3, 2}, "resolve_days", "before_acknowledge"},
  };
  for (const auto& c : cases) {
    auto issues = CheckPolicy(c.policy);
    ASSERT_EQ(issues.size(), 1U) << c.field;
    EXPECT_EQ(issues[0].field, c.field);
    EXPECT_EQ(issues[0].code, c.code);
  }
}

TEST(Complaint, ClockOverTheNationalDayHoliday) {
  const auto calendar = NationalDay2025();
  const EpochMs received = At("2025-09-30T10:00:00+08:00");
  const ComplaintClock clock = ClockOf(FeedbackKind::kComplaint, received, {}, calendar);
  EXPECT_EQ(clock.acknowledge_due, At("2025-10-10T00:00:00+08:00"));  // end of 9 October
  EXPECT_EQ(clock.resolve_due, At("2025-10-17T00:00:00+08:00"));      // end of 16 October
  EXPECT_EQ(ClockOf(FeedbackKind::kSuggestion, received, {}, calendar).resolve_due,
            clock.resolve_due);
  const ComplaintClock praise = ClockOf(FeedbackKind::kPraise, received, {}, calendar);
  EXPECT_FALSE(praise.acknowledge_due.has_value());
  EXPECT_FALSE(praise.resolve_due.has_value());
}

TEST(Complaint, ColourOfTheRunningClock) {
  const auto calendar = NationalDay2025();
  ComplaintTimes c;
  c.received_at = At("2025-09-30T10:00:00+08:00");
  c.clock = ClockOf(c.kind, c.received_at, {}, calendar);
  struct Case {
    ComplaintState state;
    const char* now;
    ClockColour colour;
  };
  const Case cases[] = {
      {ComplaintState::kReceived, "2025-09-30T10:00:00+08:00", ClockColour::kGreen},
      {ComplaintState::kReceived, "2025-10-08T23:59:59+08:00", ClockColour::kGreen},
      {ComplaintState::kReceived, "2025-10-09T00:00:00+08:00", ClockColour::kYellow},
      {ComplaintState::kReceived, "2025-10-10T00:00:00+08:00", ClockColour::kRed},
      // Acknowledged: the resolve clock runs (due at the end of 16 October).
      {ComplaintState::kAcknowledged, "2025-10-10T00:00:00+08:00", ClockColour::kGreen},
      {ComplaintState::kAcknowledged, "2025-10-16T12:00:00+08:00", ClockColour::kYellow},
      {ComplaintState::kAcknowledged, "2025-10-20T09:00:00+08:00", ClockColour::kRed},
      {ComplaintState::kResolved, "2025-10-20T09:00:00+08:00", ClockColour::kNone},
      {ComplaintState::kClosed, "2025-10-20T09:00:00+08:00", ClockColour::kNone},
      {ComplaintState::kWithdrawn, "2025-10-20T09:00:00+08:00", ClockColour::kNone},
  };
  for (const auto& k : cases) {
    c.state = k.state;
    EXPECT_EQ(ColourAt(c, At(k.now)), k.colour) << ToString(k.state) << " at " << k.now;
  }
  ComplaintTimes praise;
  praise.kind = FeedbackKind::kPraise;
  EXPECT_EQ(ColourAt(praise, At("2030-01-01T00:00:00Z")), ClockColour::kNone);
}

TEST(Complaint, EscalationToTheSupervisorThenTheLeader) {
  const auto calendar = NationalDay2025();
  const ComplaintPolicy policy;  // 1, 7, leader 2 working days later
  ComplaintTimes c;
  c.received_at = At("2025-09-30T10:00:00+08:00");
  c.clock = ClockOf(c.kind, c.received_at, policy, calendar);
  struct Case {
    ComplaintState state;
    const char* now;
    EscalationLevel level;
  };
  const Case cases[] = {
      {ComplaintState::kReceived, "2025-10-09T23:59:59+08:00", EscalationLevel::kNone},
      // Not acknowledged by the end of 9 October: the supervisor.
      {ComplaintState::kReceived, "2025-10-10T00:00:00+08:00", EscalationLevel::kSupervisor},
      // Two working days later (10 October, Saturday 11 October worked): the leader.
      {ComplaintState::kReceived, "2025-10-11T23:59:59+08:00", EscalationLevel::kSupervisor},
      {ComplaintState::kReceived, "2025-10-12T00:00:00+08:00", EscalationLevel::kLeader},
      // Acknowledged in time: nothing until the resolve deadline (end of 16 October) …
      {ComplaintState::kAcknowledged, "2025-10-16T23:00:00+08:00", EscalationLevel::kNone},
      {ComplaintState::kAcknowledged, "2025-10-17T08:00:00+08:00", EscalationLevel::kSupervisor},
      // … then the leader after the 17th and the 20th (the weekend does not count).
      {ComplaintState::kAcknowledged, "2025-10-20T23:00:00+08:00", EscalationLevel::kSupervisor},
      {ComplaintState::kAcknowledged, "2025-10-21T00:00:00+08:00", EscalationLevel::kLeader},
      {ComplaintState::kResolved, "2025-12-01T00:00:00+08:00", EscalationLevel::kNone},
  };
  for (const auto& k : cases) {
    c.state = k.state;
    EXPECT_EQ(EscalationAt(c, At(k.now), policy, calendar), k.level)
        << ToString(k.state) << " at " << k.now;
  }
}

TEST(Complaint, NobodyHandlesAComplaintAboutThemself) {
  EXPECT_FALSE(MayHandle(7, 7));
  EXPECT_TRUE(MayHandle(7, 8));
  EXPECT_TRUE(MayHandle(7, std::nullopt));
}

}  // namespace
}  // namespace jieli::feedback

namespace jieli::feedback {
namespace {

TEST(Complaint, CategoryAndSatisfactionNames) {
  EXPECT_EQ(ComplaintCategoryNames().size(), 7U);
  EXPECT_EQ(ParseComplaintCategory("privacy"), ComplaintCategory::kPrivacy);
  EXPECT_FALSE(ParseComplaintCategory("rude").has_value());
  EXPECT_EQ(ToString(HandlingSatisfaction::kDissatisfied), "dissatisfied");
  EXPECT_EQ(ParseComplaintAction("close"), ComplaintAction::kClose);
  EXPECT_FALSE(ParseComplaintAction("escalate").has_value());
}

TEST(Complaint, WhatAnActionNeeds) {
  using A = ComplaintAction;
  using K = FeedbackKind;
  auto act = [](A action, std::string note = "", std::string resolution = "",
                std::string cause = "", std::optional<HandlingSatisfaction> satisfaction = {}) {
    ComplaintActionInput input;
    input.action = action;
    input.note = std::move(note);
    input.resolution = std::move(resolution);
    input.cause = std::move(cause);
    input.satisfaction = satisfaction;
    return input;
  };
  struct Row {
    const char* why;
    K kind;
    ComplaintActionInput input;
    std::vector<std::string> issues;
  };
  const std::vector<Row> rows = {
      {"acknowledging needs nothing", K::kComplaint, act(A::kAcknowledge), {}},
      {"a complaint resolved says how and why",
       K::kComplaint,
       act(A::kResolve, "", "已向案主道歉并调整探访时间", "排班冲突未提前告知"),
       {}},
      {"a complaint resolved without its cause",
       K::kComplaint,
       act(A::kResolve, "", "已向案主道歉", " "),
       {"cause:required"}},
      {"a suggestion resolved needs no cause",
       K::kSuggestion,
       act(A::kResolve, "", "已采纳", ""),
       {}},
      {"resolved with nothing said", K::kSuggestion, act(A::kResolve), {"resolution:required"}},
      {"a complaint closed without asking",
       K::kComplaint,
       act(A::kClose),
       {"satisfaction:required"}},
      {"a complaint closed, the complainant satisfied",
       K::kComplaint,
       act(A::kClose, "", "", "", HandlingSatisfaction::kSatisfied),
       {}},
      {"praise closed: nobody to ask", K::kPraise, act(A::kClose), {}},
      {"reopened without why", K::kComplaint, act(A::kReopen), {"note:required"}},
      {"withdrawn with why", K::kComplaint, act(A::kWithdraw, "投诉人来电撤回"), {}},
  };
  for (const auto& row : rows) {
    std::vector<std::string> codes;
    for (const auto& issue : CheckAction(row.kind, row.input)) {
      codes.push_back(issue.field + ":" + issue.code);
    }
    EXPECT_EQ(codes, row.issues) << row.why;
  }
}

}  // namespace
}  // namespace jieli::feedback
