#include "modules/quality/objective.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/enum_names.hpp"

namespace jieli::quality {
namespace {

// Values are sums and ratios of doubles: a value that equals its target up
// to rounding meets it.
constexpr double kTolerance = 1e-9;

std::string NumberText(double v) {
  std::string text = std::to_string(v);
  // 100.000000 -> 100, 2.500000 -> 2.5
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::string_view ToString(ObjectiveStatus status) {
  switch (status) {
    case ObjectiveStatus::kOnTrack:
      return "on_track";
    case ObjectiveStatus::kOffTrack:
      return "off_track";
    case ObjectiveStatus::kNoData:
      return "no_data";
  }
  return "no_data";
}

const std::vector<std::string>& ObjectiveGranularityNames() {
  static const std::vector<std::string> kNames = {"month", "quarter", "year"};
  return kNames;
}

std::vector<Objective> InForce(std::span<const Objective> objectives,
                               std::span<const std::int64_t> above) {
  std::map<std::int64_t, std::size_t> distance;  // org -> steps up from the one asked about
  for (std::size_t i = 0; i < above.size(); ++i) distance.emplace(above[i], i);
  std::map<std::string, const Objective*> nearest;
  for (const Objective& o : objectives) {
    auto d = distance.find(o.org_id);
    if (d == distance.end()) continue;
    auto [it, fresh] = nearest.emplace(o.indicator, &o);
    if (!fresh && d->second < distance.at(it->second->org_id)) it->second = &o;
  }
  std::vector<Objective> out;
  for (const IndicatorDef& def : Catalogue()) {
    auto found = nearest.find(std::string(def.id));
    if (found != nearest.end()) out.push_back(*found->second);
  }
  return out;
}

ObjectiveStatus StatusOf(const IndicatorDef& def, double target, std::optional<double> actual) {
  if (!actual) return ObjectiveStatus::kNoData;
  const bool met = def.direction == Direction::kHigher ? *actual >= target - kTolerance
                                                       : *actual <= target + kTolerance;
  return met ? ObjectiveStatus::kOnTrack : ObjectiveStatus::kOffTrack;
}

TargetRange TargetRangeOf(IndicatorUnit unit) {
  switch (unit) {
    case IndicatorUnit::kPercent:
    case IndicatorUnit::kScore:
      return {0, 100};
    case IndicatorUnit::kPer100:
    case IndicatorUnit::kHours:
    case IndicatorUnit::kCount:
      return {0, 10000};
    case IndicatorUnit::kDays:
      return {0, 3660};
  }
  return {0, 100};
}

std::vector<FieldIssue> CheckObjective(std::string_view indicator, double target) {
  std::vector<FieldIssue> issues;
  const IndicatorDef* def = FindIndicator(indicator);
  if (def == nullptr) {
    std::vector<std::string> measured;
    for (const auto& d : Catalogue()) {
      if (d.measured) measured.emplace_back(d.id);
    }
    issues.push_back({"indicator", "invalid_choice", {{"allowed", JoinNames(measured)}}});
    return issues;
  }
  if (!def->measured) issues.push_back({"indicator", "not_measured", {}});
  const TargetRange range = TargetRangeOf(def->unit);
  if (!std::isfinite(target) || target < range.min || target > range.max) {
    issues.push_back({"target",
                      "out_of_range",
                      {{"min", NumberText(range.min)}, {"max", NumberText(range.max)}}});
  }
  return issues;
}

LocalDate ReferenceDay(const std::optional<Period>& asked, LocalDate today) {
  if (!asked) return today;
  if (today < asked->first) return asked->first;
  if (today > asked->last) return asked->last;
  return today;
}

}  // namespace jieli::quality
