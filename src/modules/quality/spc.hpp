// Statistical process control (统计过程控制) for the quality indicators: the
// control charts that tell a signal from noise over time, the Western Electric
// rules that name the signals, and the funnel plot that compares units (agencies,
// workers, districts) at one time without flagging a small one for noise.
//
// - p-chart: an indicator that is a proportion (numerator / denominator, e.g.
//   "assessments done on time"); its limits vary with each period's denominator.
// - XmR chart (individuals and moving range): an indicator that is a continuous
//   value per period (hours, a mean score, cases per worker).
// Both take their centre line and limits from a baseline the user picks
// (half-open index range [baseline_begin, baseline_end) of the series), and
// mark on every point (inside the baseline and after it) the rules it breaks.
//
// Plain values in, values or jieli::Error out; no SQL, no HTTP. All functions
// are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jieli::quality {

// One period's proportion: numerator of denominator (both ≥ 0, numerator ≤
// denominator). A zero denominator is a period without data.
struct Proportion {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
};

enum class ChartKind { kP, kXmR };
std::string_view ToString(ChartKind kind);  // "p", "xmr"
std::optional<ChartKind> ParseChartKind(std::string_view text);

struct ChartPoint {
  // Empty when the period has no data (a p-chart's denominator is 0, an XmR
  // value is missing); such a point has no limits either and breaks no rule.
  std::optional<double> value;
  double centre = 0;
  // p-chart: centre ± 3·sqrt(p̄(1−p̄)/nᵢ), lower clamped at 0 and upper at 1.
  // XmR: centre ± 2.66·MR̄, not clamped.
  std::optional<double> lower;
  std::optional<double> upper;
  std::vector<int> rules;  // the Western Electric rules (1–4) the point breaks, ascending
  bool baseline = false;   // whether the point is inside the baseline
};

struct ControlChart {
  ChartKind kind = ChartKind::kP;
  double centre = 0;
  std::optional<double> moving_range_centre;  // MR̄ of an XmR chart; empty for a p-chart
  std::vector<ChartPoint> points;             // one per input period, in order
};

// The fewest periods *with data* a baseline must hold. Fewer than 8 gives
// limits too unsteady to judge by (Wheeler suggests 20–25 for firm limits, but
// useful limits from as few as 6–8); 8 is also the length of rule 4's run.
inline constexpr std::size_t kMinBaselinePoints = 8;

// Wheeler's scaling constant of an XmR chart: limits x̄ ± 2.66·MR̄, which is
// 3/d₂ with d₂ = 1.128 for moving ranges of two successive values. The chart's
// σ is taken as 2.66·MR̄/3, so the drawn limits are exactly its 3σ lines.
inline constexpr double kXmRLimitFactor = 2.66;

// A p-chart over series with centre p̄ = Σnumerator / Σdenominator over the
// baseline and per-point limits p̄ ± 3·sqrt(p̄(1−p̄)/nᵢ). When p̄ is 0 or 1 the
// limits collapse onto the centre (σ = 0): every point then sits on the centre
// line or breaks rule 1.
// Errors (kInvalid): "quality.baseline_outside" when the range is empty or
// ends past the series; "quality.proportion_invalid" (param "index") for a
// negative count or a numerator above its denominator; "quality.baseline_empty"
// when the baseline's denominators sum to 0; "quality.baseline_short" (params
// "minimum", "actual") when fewer than kMinBaselinePoints of its periods have data.
Result<ControlChart> PChart(std::span<const Proportion> series, std::size_t baseline_begin,
                            std::size_t baseline_end);

// An XmR chart over series: centre x̄ = the mean of the baseline's values, MR̄ =
// the mean of its moving ranges |xᵢ − xᵢ₋₁|, limits x̄ ± 2.66·MR̄ for every point.
// A moving range is taken only between two adjacent periods that both have a
// value: across a gap the two values are not successive observations.
// Errors (kInvalid): "quality.baseline_outside"; "quality.value_invalid" (param
// "index") for a value that is not finite; "quality.baseline_empty" when no
// baseline period has a value; "quality.baseline_short" when fewer than
// kMinBaselinePoints have one, or no two adjacent ones do (no moving range).
Result<ControlChart> XmRChart(std::span<const std::optional<double>> series,
                              std::size_t baseline_begin, std::size_t baseline_end);

// One point as the Western Electric rules see it: its value (empty: no data),
// the centre line and the σ of its zones (a p-chart's σ varies with n).
struct RulePoint {
  std::optional<double> value;
  double centre = 0;
  double sigma = 0;
};

// The Western Electric rules (Western Electric Statistical Quality Control
// Handbook, 1956) each point breaks, ascending; one entry per point:
//   1. the point is beyond 3σ from the centre;
//   2. two of three consecutive points beyond 2σ on the same side;
//   3. four of five consecutive points beyond 1σ on the same side;
//   4. eight consecutive points on the same side of the centre.
// "Beyond" is strict: a point exactly on a limit or zone line is inside it, and
// a point exactly on the centre is on neither side (it ends a rule-4 run).
// A rule is marked on the point that completes its pattern, and only if that
// point itself is beyond the zone (rules 2, 3) or on the side (rule 4): so in
// a run of ten points above the centre, the 8th, 9th and 10th break rule 4.
// Zones use each point's own centre and σ. A point with σ = 0 is beyond every
// zone unless it sits on the centre.
// Points without a value break nothing and are skipped, not counted: the
// windows ("of three", "of five", "eight consecutive") run over the points
// that have values, so a period without data neither ends a run nor adds to
// it. A period with no records is no evidence the process changed; ending runs
// there would hide a shift in a sparse indicator (a small agency's crisis
// cases), extending them would invent evidence.
std::vector<std::vector<int>> WesternElectricRules(std::span<const RulePoint> points);

// ---- Funnel plots (Spiegelhalter, "Funnel plots for comparing institutional
// performance", Statistics in Medicine 24:1185–1202, 2005).
//
// Limits around a target (the city's rate) as a function of a unit's
// denominator n, at 95 % (z = 1.959964, two-sided) and 99.8 % (z = 3.090232).
// Proportions use the normal approximation to the binomial,
//   target ± z·sqrt(target(1−target)/n), clamped to [0, 1],
// which is Spiegelhalter's own approximation (his appendix A.1.1). The exact
// binomial limits with his interpolation differ from it mainly when n·target
// or n·(1−target) is small (below ~5–10): there the approximate lower limit
// is clamped at 0 and a unit just past a limit may be classed differently.
// Cells whose denominator is under 5 are not shown at all (the service
// suppresses them), and the service's units are mostly far larger, so the
// approximation is kept for its simplicity and its smooth curve.
struct FunnelLimits {
  double n = 0;
  double lower95 = 0;
  double upper95 = 0;
  double lower998 = 0;
  double upper998 = 0;
};

inline constexpr double kFunnelZ95 = 1.959964;   // Φ⁻¹(0.975)
inline constexpr double kFunnelZ998 = 3.090232;  // Φ⁻¹(0.999)

// The proportion limits at denominator n around target (in [0, 1]). n ≤ 0 (no
// data) gives the whole range [0, 1].
FunnelLimits FunnelLimitsAt(double target, double n);

// steps points of the proportion funnel from n_min to n_max (both included),
// spaced evenly on a log scale: the funnel narrows fastest at small n, where an
// even spacing would draw it with a few straight segments. n_min is raised to 1;
// steps < 1 or n_max < n_min gives none; steps == 1 gives the point at n_max.
std::vector<FunnelLimits> FunnelCurve(double target, double n_min, double n_max, int steps);

enum class FunnelPosition { kWithin, kAbove95, kAbove998, kBelow95, kBelow998 };
// "within", "above95", "above998", "below95", "below998".
std::string_view ToString(FunnelPosition position);

// Where a unit's proportion lies against the funnel around target: beyond the
// 99.8 % limit, else beyond the 95 % one, else within. Strict: on a limit is
// inside. A unit with no denominator is within (it has nothing to say).
FunnelPosition PositionOf(double target, Proportion unit);

// Rates of events per unit of exposure ("complaints per 100 closed cases":
// target and limits per one case, the caller multiplies by 100 to show them),
// by the normal approximation to the Poisson: target ± z·sqrt(target/n), the
// lower clamped at 0, the upper not clamped. n ≤ 0 gives [0, +∞).
FunnelLimits FunnelLimitsForRate(double target, double n);
std::vector<FunnelLimits> FunnelCurveForRate(double target, double n_min, double n_max, int steps);
// events over exposure n against the rate funnel; n ≤ 0 is within.
FunnelPosition PositionOfRate(double target, std::int64_t events, double n);

// Means of a continuous measure over n observations (response hours, GAS T):
// target ± z·sd/sqrt(n), with sd the measure's standard deviation over the
// whole population (the caller computes it), not clamped. n ≤ 0 gives (−∞, +∞).
FunnelLimits FunnelLimitsForMean(double target, double sd, double n);
std::vector<FunnelLimits> FunnelCurveForMean(double target, double sd, double n_min, double n_max,
                                             int steps);
FunnelPosition PositionOfMean(double target, double sd, double mean, double n);

}  // namespace jieli::quality
