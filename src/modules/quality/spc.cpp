#include "modules/quality/spc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/enum_names.hpp"

namespace jieli::quality {
namespace {

constexpr EnumNames<ChartKind, 2> kChartKinds = {{
    {ChartKind::kP, "p"},
    {ChartKind::kXmR, "xmr"},
}};

constexpr EnumNames<FunnelPosition, 5> kFunnelPositions = {{
    {FunnelPosition::kWithin, "within"},
    {FunnelPosition::kAbove95, "above95"},
    {FunnelPosition::kAbove998, "above998"},
    {FunnelPosition::kBelow95, "below95"},
    {FunnelPosition::kBelow998, "below998"},
}};

constexpr double kInfinity = std::numeric_limits<double>::infinity();

Status CheckBaselineRange(std::size_t size, std::size_t begin, std::size_t end) {
  if (begin < end && end <= size) return Ok();
  return InvalidError("quality.baseline_outside")
      .WithParam("begin", std::to_string(begin))
      .WithParam("end", std::to_string(end))
      .WithParam("size", std::to_string(size));
}

Error BaselineShort(std::size_t actual) {
  return InvalidError("quality.baseline_short")
      .WithParam("minimum", std::to_string(kMinBaselinePoints))
      .WithParam("actual", std::to_string(actual));
}

// The point's distance from its centre in its own σ; ±∞ off a σ = 0 centre.
double ZScore(const RulePoint& point) {
  const double offset = *point.value - point.centre;
  if (point.sigma > 0) return offset / point.sigma;
  if (offset == 0) return 0;
  return offset > 0 ? kInfinity : -kInfinity;
}

int SideOf(double z) { return z > 0 ? 1 : (z < 0 ? -1 : 0); }

// How many of the last `window` z-scores up to and including `last` are beyond
// `zone` σ on `side`.
int CountBeyond(const std::vector<double>& z, std::size_t last, std::size_t window, int side,
                double zone) {
  const std::size_t first = last + 1 >= window ? last + 1 - window : 0;
  int count = 0;
  for (std::size_t k = first; k <= last; ++k) {
    if (z[k] * side > zone) ++count;
  }
  return count;
}

std::vector<double> LogSpaced(double n_min, double n_max, int steps) {
  std::vector<double> ns;
  n_min = std::max(n_min, 1.0);
  if (steps < 1 || !(n_max >= n_min)) return ns;
  if (steps == 1) return {n_max};
  ns.reserve(static_cast<std::size_t>(steps));
  const double log_min = std::log(n_min);
  const double step = (std::log(n_max) - log_min) / (steps - 1);
  for (int k = 0; k < steps - 1; ++k) ns.push_back(std::exp(log_min + step * k));
  ns.push_back(n_max);  // exact, whatever the rounding of exp(log(x))
  return ns;
}

// Limits target ± z·spread, each side clamped to [floor, ceiling].
FunnelLimits LimitsAround(double n, double target, double spread, double floor, double ceiling) {
  auto clamp = [&](double x) { return std::clamp(x, floor, ceiling); };
  return {n, clamp(target - kFunnelZ95 * spread), clamp(target + kFunnelZ95 * spread),
          clamp(target - kFunnelZ998 * spread), clamp(target + kFunnelZ998 * spread)};
}

FunnelPosition Classify(double value, const FunnelLimits& limits) {
  if (value > limits.upper998) return FunnelPosition::kAbove998;
  if (value > limits.upper95) return FunnelPosition::kAbove95;
  if (value < limits.lower998) return FunnelPosition::kBelow998;
  if (value < limits.lower95) return FunnelPosition::kBelow95;
  return FunnelPosition::kWithin;
}

// The rules of every point, written into the chart's points.
void MarkRules(ControlChart& chart, const std::vector<RulePoint>& rule_points) {
  auto rules = WesternElectricRules(rule_points);
  for (std::size_t i = 0; i < chart.points.size(); ++i) chart.points[i].rules = std::move(rules[i]);
}

}  // namespace

std::string_view ToString(ChartKind kind) { return EnumName(kChartKinds, kind); }
std::optional<ChartKind> ParseChartKind(std::string_view text) {
  return ParseEnum(kChartKinds, text);
}
std::string_view ToString(FunnelPosition position) { return EnumName(kFunnelPositions, position); }

Result<ControlChart> PChart(std::span<const Proportion> series, std::size_t baseline_begin,
                            std::size_t baseline_end) {
  JIELI_RETURN_IF_ERROR(CheckBaselineRange(series.size(), baseline_begin, baseline_end));
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Proportion& p = series[i];
    if (p.numerator < 0 || p.denominator < 0 || p.numerator > p.denominator) {
      return InvalidError("quality.proportion_invalid").WithParam("index", std::to_string(i));
    }
  }
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  std::size_t with_data = 0;
  for (std::size_t i = baseline_begin; i < baseline_end; ++i) {
    numerator += series[i].numerator;
    denominator += series[i].denominator;
    if (series[i].denominator > 0) ++with_data;
  }
  if (denominator == 0) return InvalidError("quality.baseline_empty");
  if (with_data < kMinBaselinePoints) return BaselineShort(with_data);

  const double centre = static_cast<double>(numerator) / static_cast<double>(denominator);
  ControlChart chart{ChartKind::kP, centre, std::nullopt, {}};
  std::vector<RulePoint> rule_points;
  chart.points.reserve(series.size());
  rule_points.reserve(series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    ChartPoint point;
    point.centre = centre;
    point.baseline = i >= baseline_begin && i < baseline_end;
    RulePoint rule_point{std::nullopt, centre, 0};
    if (series[i].denominator > 0) {
      const auto n = static_cast<double>(series[i].denominator);
      const double sigma = std::sqrt(centre * (1 - centre) / n);
      point.value = static_cast<double>(series[i].numerator) / n;
      point.lower = std::max(0.0, centre - 3 * sigma);
      point.upper = std::min(1.0, centre + 3 * sigma);
      rule_point = {point.value, centre, sigma};
    }
    chart.points.push_back(std::move(point));
    rule_points.push_back(rule_point);
  }
  MarkRules(chart, rule_points);
  return chart;
}

Result<ControlChart> XmRChart(std::span<const std::optional<double>> series,
                              std::size_t baseline_begin, std::size_t baseline_end) {
  JIELI_RETURN_IF_ERROR(CheckBaselineRange(series.size(), baseline_begin, baseline_end));
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i] && !std::isfinite(*series[i])) {
      return InvalidError("quality.value_invalid").WithParam("index", std::to_string(i));
    }
  }
  double sum = 0;
  std::size_t values = 0;
  double range_sum = 0;
  std::size_t ranges = 0;
  for (std::size_t i = baseline_begin; i < baseline_end; ++i) {
    if (!series[i]) continue;
    sum += *series[i];
    ++values;
    if (i > baseline_begin && series[i - 1]) {
      range_sum += std::fabs(*series[i] - *series[i - 1]);
      ++ranges;
    }
  }
  if (values == 0) return InvalidError("quality.baseline_empty");
  if (values < kMinBaselinePoints || ranges == 0) return BaselineShort(values);

  const double centre = sum / static_cast<double>(values);
  const double moving_range = range_sum / static_cast<double>(ranges);
  const double half_width = kXmRLimitFactor * moving_range;
  const double sigma = half_width / 3;
  ControlChart chart{ChartKind::kXmR, centre, moving_range, {}};
  std::vector<RulePoint> rule_points;
  chart.points.reserve(series.size());
  rule_points.reserve(series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    ChartPoint point;
    point.value = series[i];
    point.centre = centre;
    point.baseline = i >= baseline_begin && i < baseline_end;
    if (series[i]) {
      point.lower = centre - half_width;
      point.upper = centre + half_width;
    }
    chart.points.push_back(std::move(point));
    rule_points.push_back({series[i], centre, sigma});
  }
  MarkRules(chart, rule_points);
  return chart;
}

std::vector<std::vector<int>> WesternElectricRules(std::span<const RulePoint> points) {
  std::vector<std::vector<int>> rules(points.size());
  std::vector<double> z;  // z-scores of the points with a value, in order
  z.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!points[i].value) continue;
    z.push_back(ZScore(points[i]));
    const std::size_t last = z.size() - 1;
    const double here = z[last];
    const int side = SideOf(here);
    std::vector<int>& broken = rules[i];
    if (std::fabs(here) > 3) broken.push_back(1);
    if (std::fabs(here) > 2 && CountBeyond(z, last, 3, side, 2) >= 2) broken.push_back(2);
    if (std::fabs(here) > 1 && CountBeyond(z, last, 5, side, 1) >= 4) broken.push_back(3);
    if (side != 0 && z.size() >= 8 && CountBeyond(z, last, 8, side, 0) == 8) broken.push_back(4);
  }
  return rules;
}

FunnelLimits FunnelLimitsAt(double target, double n) {
  if (!(n > 0)) return {n, 0, 1, 0, 1};
  return LimitsAround(n, target, std::sqrt(target * (1 - target) / n), 0, 1);
}

std::vector<FunnelLimits> FunnelCurve(double target, double n_min, double n_max, int steps) {
  std::vector<FunnelLimits> curve;
  for (double n : LogSpaced(n_min, n_max, steps)) curve.push_back(FunnelLimitsAt(target, n));
  return curve;
}

FunnelPosition PositionOf(double target, Proportion unit) {
  if (unit.denominator <= 0) return FunnelPosition::kWithin;
  const auto n = static_cast<double>(unit.denominator);
  return Classify(static_cast<double>(unit.numerator) / n, FunnelLimitsAt(target, n));
}

FunnelLimits FunnelLimitsForRate(double target, double n) {
  if (!(n > 0)) return {n, 0, kInfinity, 0, kInfinity};
  return LimitsAround(n, target, std::sqrt(target / n), 0, kInfinity);
}

std::vector<FunnelLimits> FunnelCurveForRate(double target, double n_min, double n_max, int steps) {
  std::vector<FunnelLimits> curve;
  for (double n : LogSpaced(n_min, n_max, steps)) curve.push_back(FunnelLimitsForRate(target, n));
  return curve;
}

FunnelPosition PositionOfRate(double target, std::int64_t events, double n) {
  if (!(n > 0)) return FunnelPosition::kWithin;
  return Classify(static_cast<double>(events) / n, FunnelLimitsForRate(target, n));
}

FunnelLimits FunnelLimitsForMean(double target, double sd, double n) {
  if (!(n > 0)) return {n, -kInfinity, kInfinity, -kInfinity, kInfinity};
  return LimitsAround(n, target, sd / std::sqrt(n), -kInfinity, kInfinity);
}

std::vector<FunnelLimits> FunnelCurveForMean(double target, double sd, double n_min, double n_max,
                                             int steps) {
  std::vector<FunnelLimits> curve;
  for (double n : LogSpaced(n_min, n_max, steps)) {
    curve.push_back(FunnelLimitsForMean(target, sd, n));
  }
  return curve;
}

FunnelPosition PositionOfMean(double target, double sd, double mean, double n) {
  if (!(n > 0)) return FunnelPosition::kWithin;
  return Classify(mean, FunnelLimitsForMean(target, sd, n));
}

}  // namespace jieli::quality
