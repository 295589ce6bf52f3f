#include "modules/cases/risk_review.hpp"

#include "modules/cases/deadline.hpp"

namespace jieli::cases {

bool NeedsRiskReview(RiskLevel before, RiskLevel after) {
  return static_cast<int>(after) >= static_cast<int>(RiskLevel::kHigh) &&
         static_cast<int>(after) > static_cast<int>(before);
}

EpochMs RiskReviewDue(EpochMs requested_at) {
  return EndOfLocalDayAfter(requested_at, kRiskReviewDays);
}

}  // namespace jieli::cases
