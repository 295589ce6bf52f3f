// Stage deadlines (时限) of a case. Each stage's work is due a number of local
// calendar days after a stage began, set per agency (DeadlinePolicy) with the
// defaults below; a crisis case (危机) must first be contacted within hours.
//
// "Within N days of X" means by the end (23:59:59.999 Asia/Shanghai) of the Nth
// local calendar day after the local date of X: an intake at 2026-03-10 23:30
// local has its assessment due at 2026-03-17 23:59:59.999 local, the same as
// one at 00:30 that day; an intake at 00:30 the next day gets one day more.
// Pure and thread-safe.
#pragma once

#include <optional>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/result.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

// An agency's deadlines. Days are 1–365, hours 1–168.
struct DeadlinePolicy {
  int assessment_days = 7;              // assessment done within N days of intake (case opened)
  int planning_days = 10;               // plan done within N days of the start of assessment
  int closure_days = 14;                // closed within N days of the start of evaluation
  int crisis_first_contact_hours = 24;  // crisis: first contact within N hours of opening
  // A high-risk assessment's review by the supervisor holds the case's forward
  // moves until done (risk_review.hpp); otherwise it is a review only.
  bool risk_review_gate = false;
};

// A deadline this many local days past is escalated to the case's supervisor
// (升级督办), once per deadline.
inline constexpr int kEscalateAfterDays = 3;

// Error "validation.failed" (kInvalid) with one {field, "out_of_range"} issue
// (params min, max) per setting outside its range; fields are the member names.
Status ValidateDeadlinePolicy(const DeadlinePolicy& policy);

// When the case entered each stage (intake = opened), and the facts the
// deadlines depend on. Absent times mean "not reached".
struct DeadlineFacts {
  EpochMs opened_at = 0;
  std::optional<EpochMs> assessment_at;
  std::optional<EpochMs> planning_at;
  std::optional<EpochMs> replanned_at;  // the last step back to planning
  std::optional<EpochMs> intervention_at;
  std::optional<EpochMs> evaluation_at;
  std::optional<LocalDate> plan_end;  // the planning form's schedule.end_date
  bool crisis = false;                // intake urgency "crisis"
  std::optional<EpochMs> first_contact_at;
};

// The deadline of the work of stage (the deadline "of" that stage):
//   intake       crisis only: first contact by opened_at + crisis hours (an
//                exact instant, not a day); none for other cases
//   assessment   assessment done by the end of local day opened_at + assessment_days
//   planning     plan done by the end of local day assessment_at + planning_days,
//                or replanned_at + planning_days after a step back to planning
//   intervention none (it runs until the plan ends, which is the evaluation's deadline)
//   evaluation   evaluation done by the end of the local day plan_end
//   closed       case closed by the end of local day evaluation_at + closure_days
// None when the anchor it needs is absent. Whether a deadline was met is the
// caller's comparison (e.g. first_contact_at against the intake deadline).
std::optional<EpochMs> StageDeadline(Stage stage, const DeadlineFacts& facts,
                                     const DeadlinePolicy& policy);

// The deadline a case currently in `current` works towards, for worklists:
// intake → the first-contact deadline while a crisis case is not yet contacted,
// else the assessment deadline; assessment → assessment; planning → planning;
// intervention → evaluation (the plan's end); evaluation → closure; closed → none.
std::optional<EpochMs> CurrentDeadline(Stage current, const DeadlineFacts& facts,
                                       const DeadlinePolicy& policy);

// 23:59:59.999 Asia/Shanghai of the local day `days` after the local date of t.
EpochMs EndOfLocalDayAfter(EpochMs t, int days);

// Whether now is past the deadline (the deadline instant itself is on time).
bool IsOverdue(EpochMs deadline, EpochMs now);

// Local calendar days from the deadline's day to now's day when overdue, else
// 0. A missed hour deadline (crisis) on the same local day counts 0 days while
// IsOverdue is already true.
int DaysOverdue(EpochMs deadline, EpochMs now);

}  // namespace jieli::cases
