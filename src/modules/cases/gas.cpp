#include "modules/cases/gas.hpp"

#include <cmath>
#include <string>

namespace jieli::cases {

Result<double> GasTScore(const std::vector<GasGoal>& goals, double rho) {
  if (goals.empty()) return InvalidError("cases.gas_invalid").WithParam("reason", "no_goals");
  if (!(rho >= 0 && rho < 1)) return InvalidError("cases.gas_invalid").WithParam("reason", "rho");
  double weighted = 0;
  double sum_w = 0;
  double sum_w2 = 0;
  for (const auto& goal : goals) {
    if (!std::isfinite(goal.weight) || goal.weight <= 0) {
      return InvalidError("cases.gas_invalid").WithParam("reason", "weight");
    }
    if (goal.attained < -2 || goal.attained > 2) {
      return InvalidError("cases.gas_invalid").WithParam("reason", "level");
    }
    weighted += goal.weight * goal.attained;
    sum_w += goal.weight;
    sum_w2 += goal.weight * goal.weight;
  }
  // Both terms are positive once every weight is, so the root is never zero.
  return 50.0 + 10.0 * weighted / std::sqrt((1 - rho) * sum_w2 + rho * sum_w * sum_w);
}

double RoundTScore(double t) { return std::round(t * 100) / 100; }

}  // namespace jieli::cases
