// Goal Attainment Scaling (GAS, 目标达成量表): each goal of a plan is scored at
// evaluation on five levels, −2 (much less than expected) … 0 (expected) … +2
// (much more than expected), and the goals are summarised in one T-score by
// the Kiresuk–Sherman formula
//   T = 50 + 10·Σ(wᵢxᵢ) / sqrt((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²)
// where wᵢ is a goal's weight, xᵢ its attained level and ρ the assumed
// correlation between goals (0.3 by convention). T = 50 means "as expected".
// Pure and thread-safe.
#pragma once

#include <vector>

#include "core/result.hpp"

namespace jieli::cases {

struct GasGoal {
  double weight = 1;  // > 0
  int attained = 0;   // −2 … +2
};

// The T-score of goals. Error "cases.gas_invalid" (kInvalid) when there are no
// goals, a weight is not > 0 (or not finite), a level is outside −2…+2, or ρ is
// outside [0, 1).
Result<double> GasTScore(const std::vector<GasGoal>& goals, double rho = 0.3);

// The T-score as stored and shown: rounded to two decimals (62.403473 → 62.4,
// 25.193053 → 25.19), half away from zero.
double RoundTScore(double t);

}  // namespace jieli::cases
