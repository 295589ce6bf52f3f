// Notification (通知): something a user should know of — an approval waiting
// for them, a decision on their request, a deadline coming or passed, an
// escalation, a follow-up due, a case handed to them. The words are the web
// app's (from kind and params, in the user's language); the server keeps the
// facts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace jieli::notifications {

// The kinds in use (the web app has a message for each).
inline constexpr std::string_view kApprovalRequested = "approval_requested";
inline constexpr std::string_view kApprovalDecided = "approval_decided";
inline constexpr std::string_view kCaseTransferred = "case_transferred";
inline constexpr std::string_view kSupervisorAssigned = "supervisor_assigned";
inline constexpr std::string_view kDeadlineSoon = "deadline_soon";
inline constexpr std::string_view kDeadlineOverdue = "deadline_overdue";
inline constexpr std::string_view kCaseEscalated = "case_escalated";
inline constexpr std::string_view kFollowUpDue = "followup_due";
inline constexpr std::string_view kRiskReviewRequested = "risk_review_requested";
inline constexpr std::string_view kRiskReviewed = "risk_reviewed";
inline constexpr std::string_view kServiceCommented = "service_commented";
// An indicator broke a control-chart rule (quality signals): params indicator,
// indicator_name_zh, indicator_name_en, org, org_id, period, rules ("1, 4").
inline constexpr std::string_view kQualitySignal = "quality_signal";

struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::optional<std::int64_t> org_id;
  std::string kind;
  std::string subject_type;  // "case", … ("" when about nothing in particular)
  std::optional<std::int64_t> subject_id;
  std::string params = "{}";  // JSON object text: names, stage, days …
  EpochMs created_at = 0;
  std::optional<EpochMs> read_at;
};

// What a service sends; the same to every recipient.
struct NewNotification {
  std::string kind;
  std::optional<std::int64_t> org_id;
  std::string subject_type;
  std::optional<std::int64_t> subject_id;
  std::string params = "{}";
  // Non-empty: at most one notification with this key per user, ever.
  std::string dedupe_key;
};

}  // namespace jieli::notifications
