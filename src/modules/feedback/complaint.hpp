// Complaints, suggestions and praise (投诉建议) and their clocks: the kinds,
// the states a complaint moves through, the deadlines to acknowledge and to
// resolve it in working days (per agency; 1 and 7 by default), the colour of
// its clock on the board, and how far a missed deadline has escalated —
// first to the handler's supervisor, then to the agency's leader.
// Plain values; no SQL, no HTTP, no permissions. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/feedback/working_days.hpp"

namespace jieli::feedback {

enum class FeedbackKind { kComplaint, kSuggestion, kPraise };  // 投诉 建议 表扬
std::string_view ToString(FeedbackKind kind);
std::optional<FeedbackKind> ParseFeedbackKind(std::string_view text);
const std::vector<std::string>& FeedbackKindNames();

// The way a client reached the agency (联系渠道), for complaints and the contact log.
enum class Channel {
  kPhone,      // 电话
  kWechat,     // 微信
  kSms,        // 短信
  kEmail,      // 电子邮件
  kChat,       // 在线咨询
  kWalkIn,     // 来访
  kHomeVisit,  // 家访
  kLetter,     // 信函
  kWeb,        // 公开页面
};
std::string_view ToString(Channel channel);
std::optional<Channel> ParseChannel(std::string_view text);
const std::vector<std::string>& ChannelNames();

enum class Severity { kLow, kNormal, kHigh, kCritical };  // 轻微 一般 严重 重大
std::string_view ToString(Severity severity);
std::optional<Severity> ParseSeverity(std::string_view text);
const std::vector<std::string>& SeverityNames();

// received → acknowledged → resolved → closed; resolved goes back to
// acknowledged when the complainant is not satisfied with the handling
// (reopened); received or acknowledged may be withdrawn by the complainant.
enum class ComplaintState { kReceived, kAcknowledged, kResolved, kClosed, kWithdrawn };
std::string_view ToString(ComplaintState state);
std::optional<ComplaintState> ParseComplaintState(std::string_view text);
const std::vector<std::string>& ComplaintStateNames();

enum class ComplaintAction { kAcknowledge, kResolve, kReopen, kClose, kWithdraw };
std::string_view ToString(ComplaintAction action);
std::optional<ComplaintAction> ParseComplaintAction(std::string_view text);
const std::vector<std::string>& ComplaintActionNames();

// What a complaint is about (投诉类别).
enum class ComplaintCategory {
  kServiceQuality,  // 服务质量
  kAttitude,        // 服务态度
  kTimeliness,      // 响应及时性
  kPrivacy,         // 隐私保护
  kFees,            // 收费
  kEnvironment,     // 服务环境
  kOther,           // 其他
};
std::string_view ToString(ComplaintCategory category);
std::optional<ComplaintCategory> ParseComplaintCategory(std::string_view text);
const std::vector<std::string>& ComplaintCategoryNames();

// The complainant's satisfaction with the handling, asked at closing (回访).
enum class HandlingSatisfaction { kSatisfied, kNeutral, kDissatisfied };
std::string_view ToString(HandlingSatisfaction satisfaction);
std::optional<HandlingSatisfaction> ParseHandlingSatisfaction(std::string_view text);
const std::vector<std::string>& HandlingSatisfactionNames();

inline constexpr std::size_t kMaxComplaintSubjectChars = 200;
inline constexpr std::size_t kMaxComplaintDetailsChars = 4000;
inline constexpr std::size_t kMaxComplaintNoteChars = 2000;

// What an action on a complaint carries besides itself.
struct ComplaintActionInput {
  ComplaintAction action = ComplaintAction::kAcknowledge;
  std::string note;
  std::string resolution;                            // resolve
  std::string cause;                                 // resolve
  std::optional<HandlingSatisfaction> satisfaction;  // close
};

// Issues with an action's fields for a complaint of `kind`: resolving needs
// the resolution, and for a complaint its cause (what went wrong is what an
// improvement cycle starts from); closing a complaint or suggestion needs the
// complainant's satisfaction with the handling; reopening and withdrawing
// need a note saying why.
std::vector<FieldIssue> CheckAction(FeedbackKind kind, const ComplaintActionInput& input);

// The state an action leads to from `from`, or 409 "feedback.transition_invalid".
Result<ComplaintState> NextState(ComplaintState from, ComplaintAction action);

// An agency's deadlines, in working days from the day a complaint came in.
struct ComplaintPolicy {
  int acknowledge_days = 1;
  int resolve_days = 7;
  // Working days past a missed deadline after which the leader is told too.
  int leader_after_days = 2;
};
inline constexpr int kMaxPolicyDays = 60;
// Issues with a policy's numbers (each 1 … kMaxPolicyDays, acknowledge ≤ resolve).
std::vector<FieldIssue> CheckPolicy(const ComplaintPolicy& policy);

struct ComplaintClock {
  std::optional<EpochMs> acknowledge_due;  // none for praise
  std::optional<EpochMs> resolve_due;      // none for praise
};

// The deadlines of a complaint or suggestion received at `received`; praise
// is thanked, not handled against a clock.
ComplaintClock ClockOf(FeedbackKind kind, EpochMs received, const ComplaintPolicy& policy,
                       const WorkingCalendar& calendar);

// What the board shows: green with time to spare, yellow when the next
// deadline falls within a day, red when it has passed; none once resolved.
enum class ClockColour { kNone, kGreen, kYellow, kRed };
std::string_view ToString(ClockColour colour);

// Who has been told of a missed deadline: nobody, the handler's supervisor,
// then also the leader.
enum class EscalationLevel { kNone = 0, kSupervisor = 1, kLeader = 2 };
std::string_view ToString(EscalationLevel level);

// A complaint's state and times, as the clock rules need them.
struct ComplaintTimes {
  FeedbackKind kind = FeedbackKind::kComplaint;
  ComplaintState state = ComplaintState::kReceived;
  EpochMs received_at = 0;
  ComplaintClock clock;
};

// The deadline still running at `now` (acknowledge until acknowledged, then
// resolve), or none.
std::optional<EpochMs> RunningDeadline(const ComplaintTimes& complaint);
ClockColour ColourAt(const ComplaintTimes& complaint, EpochMs now);
// How far the complaint has escalated at `now`: the supervisor as soon as
// the running deadline passes, the leader policy.leader_after_days working
// days after that.
EscalationLevel EscalationAt(const ComplaintTimes& complaint, EpochMs now,
                             const ComplaintPolicy& policy, const WorkingCalendar& calendar);

// A worker never handles a complaint about themself.
bool MayHandle(std::int64_t handler_id, std::optional<std::int64_t> worker_concerned);

}  // namespace jieli::feedback
