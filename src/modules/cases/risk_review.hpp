// The supervisor's review of a high-risk assessment (高风险预估督导审阅). An
// assessment that raises a case's risk to high or critical asks the case's
// supervisor to look at it: a review, not an approval — the case goes on, the
// review is on the supervisor's worklist and overdue after kRiskReviewDays.
// An agency may make it a gate (DeadlinePolicy::risk_review_gate): then the
// case does not move forward until it is reviewed. Pure and thread-safe.
#pragma once

#include "core/clock.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

inline constexpr int kRiskReviewDays = 2;

// Whether saving an assessment that takes the case's risk from `before` to
// `after` asks for a review: after is high or critical and above before. (A
// case already at high that an assessment keeps at high was reviewed, or is
// waiting for it.)
bool NeedsRiskReview(RiskLevel before, RiskLevel after);

// When a review asked for at requested_at is due: the end of the local day
// kRiskReviewDays later.
EpochMs RiskReviewDue(EpochMs requested_at);

}  // namespace jieli::cases
