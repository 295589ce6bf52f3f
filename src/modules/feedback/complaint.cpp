#include "modules/feedback/complaint.hpp"

#include <map>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::feedback {
namespace {

constexpr EpochMs kDayMs = 24LL * 3600 * 1000;

constexpr EnumNames<FeedbackKind, 3> kKinds = {{
    {FeedbackKind::kComplaint, "complaint"},
    {FeedbackKind::kSuggestion, "suggestion"},
    {FeedbackKind::kPraise, "praise"},
}};

constexpr EnumNames<Channel, 9> kChannels = {{
    {Channel::kPhone, "phone"},
    {Channel::kWechat, "wechat"},
    {Channel::kSms, "sms"},
    {Channel::kEmail, "email"},
    {Channel::kChat, "chat"},
    {Channel::kWalkIn, "walk_in"},
    {Channel::kHomeVisit, "home_visit"},
    {Channel::kLetter, "letter"},
    {Channel::kWeb, "web"},
}};

constexpr EnumNames<Severity, 4> kSeverities = {{
    {Severity::kLow, "low"},
    {Severity::kNormal, "normal"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

constexpr EnumNames<ComplaintState, 5> kStates = {{
    {ComplaintState::kReceived, "received"},
    {ComplaintState::kAcknowledged, "acknowledged"},
    {ComplaintState::kResolved, "resolved"},
    {ComplaintState::kClosed, "closed"},
    {ComplaintState::kWithdrawn, "withdrawn"},
}};

constexpr EnumNames<ComplaintAction, 5> kActions = {{
    {ComplaintAction::kAcknowledge, "acknowledge"},
    {ComplaintAction::kResolve, "resolve"},
    {ComplaintAction::kReopen, "reopen"},
    {ComplaintAction::kClose, "close"},
    {ComplaintAction::kWithdraw, "withdraw"},
}};

constexpr EnumNames<ClockColour, 4> kColours = {{
    {ClockColour::kNone, "none"},
    {ClockColour::kGreen, "green"},
    {ClockColour::kYellow, "yellow"},
    {ClockColour::kRed, "red"},
}};

constexpr EnumNames<EscalationLevel, 3> kLevels = {{
    {EscalationLevel::kNone, "none"},
    {EscalationLevel::kSupervisor, "supervisor"},
    {EscalationLevel::kLeader, "leader"},
}};

constexpr EnumNames<ComplaintCategory, 7> kCategories = {{
    {ComplaintCategory::kServiceQuality, "service_quality"},
    {ComplaintCategory::kAttitude, "attitude"},
    {ComplaintCategory::kTimeliness, "timeliness"},
    {ComplaintCategory::kPrivacy, "privacy"},
    {ComplaintCategory::kFees, "fees"},
    {ComplaintCategory::kEnvironment, "environment"},
    {ComplaintCategory::kOther, "other"},
}};

constexpr EnumNames<HandlingSatisfaction, 3> kSatisfactions = {{
    {HandlingSatisfaction::kSatisfied, "satisfied"},
    {HandlingSatisfaction::kNeutral, "neutral"},
    {HandlingSatisfaction::kDissatisfied, "dissatisfied"},
}};

}  // namespace

std::optional<ComplaintAction> ParseComplaintAction(std::string_view text) {
  return ParseEnum(kActions, text);
}
const std::vector<std::string>& ComplaintActionNames() {
  static const std::vector<std::string> kNames = EnumNameList(kActions);
  return kNames;
}

std::string_view ToString(ComplaintCategory category) { return EnumName(kCategories, category); }
std::optional<ComplaintCategory> ParseComplaintCategory(std::string_view text) {
  return ParseEnum(kCategories, text);
}
const std::vector<std::string>& ComplaintCategoryNames() {
  static const std::vector<std::string> kNames = EnumNameList(kCategories);
  return kNames;
}

std::string_view ToString(HandlingSatisfaction satisfaction) {
  return EnumName(kSatisfactions, satisfaction);
}
std::optional<HandlingSatisfaction> ParseHandlingSatisfaction(std::string_view text) {
  return ParseEnum(kSatisfactions, text);
}
const std::vector<std::string>& HandlingSatisfactionNames() {
  static const std::vector<std::string> kNames = EnumNameList(kSatisfactions);
  return kNames;
}

std::vector<FieldIssue> CheckAction(FeedbackKind kind, const ComplaintActionInput& input) {
  std::vector<FieldIssue> issues;
  switch (input.action) {
    case ComplaintAction::kResolve:
      if (IsBlank(input.resolution)) issues.push_back({"resolution", "required"});
      if (kind == FeedbackKind::kComplaint && IsBlank(input.cause)) {
        issues.push_back({"cause", "required"});
      }
      break;
    case ComplaintAction::kClose:
      if (kind != FeedbackKind::kPraise && !input.satisfaction) {
        issues.push_back({"satisfaction", "required"});
      }
      break;
    case ComplaintAction::kReopen:
    case ComplaintAction::kWithdraw:
      if (IsBlank(input.note)) issues.push_back({"note", "required"});
      break;
    case ComplaintAction::kAcknowledge:
      break;
  }
  return issues;
}

std::string_view ToString(FeedbackKind kind) { return EnumName(kKinds, kind); }
std::optional<FeedbackKind> ParseFeedbackKind(std::string_view text) {
  return ParseEnum(kKinds, text);
}
const std::vector<std::string>& FeedbackKindNames() {
  static const std::vector<std::string> kNames = EnumNameList(kKinds);
  return kNames;
}

std::string_view ToString(Channel channel) { return EnumName(kChannels, channel); }
std::optional<Channel> ParseChannel(std::string_view text) { return ParseEnum(kChannels, text); }
const std::vector<std::string>& ChannelNames() {
  static const std::vector<std::string> kNames = EnumNameList(kChannels);
  return kNames;
}

std::string_view ToString(Severity severity) { return EnumName(kSeverities, severity); }
std::optional<Severity> ParseSeverity(std::string_view text) {
  return ParseEnum(kSeverities, text);
}
const std::vector<std::string>& SeverityNames() {
  static const std::vector<std::string> kNames = EnumNameList(kSeverities);
  return kNames;
}

std::string_view ToString(ComplaintState state) { return EnumName(kStates, state); }
std::optional<ComplaintState> ParseComplaintState(std::string_view text) {
  return ParseEnum(kStates, text);
}
const std::vector<std::string>& ComplaintStateNames() {
  static const std::vector<std::string> kNames = EnumNameList(kStates);
  return kNames;
}

std::string_view ToString(ComplaintAction action) { return EnumName(kActions, action); }
std::string_view ToString(ClockColour colour) { return EnumName(kColours, colour); }
std::string_view ToString(EscalationLevel level) { return EnumName(kLevels, level); }

Result<ComplaintState> NextState(ComplaintState from, ComplaintAction action) {
  using S = ComplaintState;
  switch (action) {
    case ComplaintAction::kAcknowledge:
      if (from == S::kReceived) return S::kAcknowledged;
      break;
    case ComplaintAction::kResolve:
      // Handled at once (a suggestion taken up on the phone): acknowledged too.
      if (from == S::kReceived || from == S::kAcknowledged) return S::kResolved;
      break;
    case ComplaintAction::kReopen:
      if (from == S::kResolved) return S::kAcknowledged;
      break;
    case ComplaintAction::kClose:
      if (from == S::kResolved) return S::kClosed;
      break;
    case ComplaintAction::kWithdraw:
      if (from == S::kReceived || from == S::kAcknowledged) return S::kWithdrawn;
      break;
  }
  return ConflictError("feedback.transition_invalid");
}

std::vector<FieldIssue> CheckPolicy(const ComplaintPolicy& policy) {
  std::vector<FieldIssue> issues;
  const std::map<std::string, std::string> range = {{"min", "1"},
                                                    {"max", std::to_string(kMaxPolicyDays)}};
  auto check = [&](const char* field, int days) {
    if (days < 1 || days > kMaxPolicyDays) issues.push_back({field, "out_of_range", range});
  };
  check("acknowledge_days", policy.acknowledge_days);
  check("resolve_days", policy.resolve_days);
  check("leader_after_days", policy.leader_after_days);
  if (issues.empty() && policy.resolve_days < policy.acknowledge_days) {
    issues.push_back({"resolve_days", "before_acknowledge"});
  }
  return issues;
}

ComplaintClock ClockOf(FeedbackKind kind, EpochMs received, const ComplaintPolicy& policy,
                       const WorkingCalendar& calendar) {
  if (kind == FeedbackKind::kPraise) return {};
  return {WorkingDeadline(calendar, received, policy.acknowledge_days),
          WorkingDeadline(calendar, received, policy.resolve_days)};
}

std::optional<EpochMs> RunningDeadline(const ComplaintTimes& complaint) {
  switch (complaint.state) {
    case ComplaintState::kReceived:
      return complaint.clock.acknowledge_due;
    case ComplaintState::kAcknowledged:
      return complaint.clock.resolve_due;
    case ComplaintState::kResolved:
    case ComplaintState::kClosed:
    case ComplaintState::kWithdrawn:
      return std::nullopt;
  }
  return std::nullopt;
}

ClockColour ColourAt(const ComplaintTimes& complaint, EpochMs now) {
  auto due = RunningDeadline(complaint);
  if (!due) return ClockColour::kNone;
  if (now >= *due) return ClockColour::kRed;
  if (*due - now <= kDayMs) return ClockColour::kYellow;
  return ClockColour::kGreen;
}

EscalationLevel EscalationAt(const ComplaintTimes& complaint, EpochMs now,
                             const ComplaintPolicy& policy, const WorkingCalendar& calendar) {
  auto due = RunningDeadline(complaint);
  if (!due || now < *due) return EscalationLevel::kNone;
  // The deadline is the end of a day, so the day it missed is the one before.
  const LocalDate missed_on = LocalDateOf(*due - 1);
  const LocalDate leader_on = calendar.AddWorkingDays(missed_on, policy.leader_after_days);
  return now >= StartOfLocalDay(AddDays(leader_on, 1)) ? EscalationLevel::kLeader
                                                       : EscalationLevel::kSupervisor;
}

bool MayHandle(std::int64_t handler_id, std::optional<std::int64_t> worker_concerned) {
  return !worker_concerned || *worker_concerned != handler_id;
}

}  // namespace jieli::feedback
