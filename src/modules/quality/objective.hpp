// Quality objectives (质量目标) and the quality policy (质量方针): an
// organisation's measurable targets on the indicators of the catalogue, and
// the rules about them —
//   which objective is in force at an organisation: per indicator its own,
//     else the nearest organisation's above it (inherited down the tree);
//   whether an actual value is on track: at or past the target in the
//     indicator's better direction; no data when the value is suppressed or
//     has no denominator;
//   which targets an indicator admits: a measured indicator, a number in its
//     unit's range (percent and score 0–100, the others from 0);
//   which period an objective is judged over: the period of its granularity
//     holding the reference day (today, or a day of the period asked for).
// Plain values in, values out; no SQL, no HTTP. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/local_time.hpp"
#include "modules/quality/indicator_rules.hpp"
#include "modules/quality/period.hpp"
#include "modules/quality/supervision.hpp"

namespace jieli::quality {

inline constexpr std::size_t kMaxPolicyChars = 4000;
inline constexpr std::size_t kMaxObjectiveNoteChars = 500;

// One objective as stored: set at org_id, for one indicator.
struct Objective {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string indicator;
  double target = 0;
  Granularity granularity = Granularity::kMonth;
  Person owner;
  std::string note;
  EpochMs updated_at = 0;
};

// What a caller asks to set (POST) or change (PUT: org and indicator fixed).
struct ObjectiveInput {
  std::int64_t org_id = 0;
  std::string indicator;
  double target = 0;
  Granularity granularity = Granularity::kMonth;
  std::int64_t owner_id = 0;
  std::string note;
};

enum class ObjectiveStatus { kOnTrack, kOffTrack, kNoData };
std::string_view ToString(ObjectiveStatus status);  // "on_track", "off_track", "no_data"

// An objective in force at an organisation, with its actual value.
struct ObjectiveProgress {
  Objective objective;
  std::string set_at_name;  // the name of objective.org_id
  bool inherited = false;   // set at an organisation above the one asked about
  Period period;
  CellValue actual;
  ObjectiveStatus status = ObjectiveStatus::kNoData;
};

// The quality policy in force at an organisation: its own text or the nearest
// organisation's above it (from_org_id; none when nobody has set one).
struct QualityPolicy {
  std::int64_t org_id = 0;
  std::string text;
  std::optional<std::int64_t> from_org_id;
  std::string from_org_name;
  std::optional<Person> updated_by;
  std::optional<EpochMs> updated_at;
};

// The granularities an objective may have, in order: month, quarter, year.
const std::vector<std::string>& ObjectiveGranularityNames();

// The objectives in force at the organisation whose chain (itself, its
// parent, … up to the root; nearest first) is `above`: per indicator, the one
// set at the nearest organisation of the chain. Objectives set elsewhere are
// left out. In the catalogue's order.
std::vector<Objective> InForce(std::span<const Objective> objectives,
                               std::span<const std::int64_t> above);

// on_track when actual is at or past target in def's better direction
// (higher: ≥, lower: ≤), off_track otherwise, no_data without a value.
ObjectiveStatus StatusOf(const IndicatorDef& def, double target, std::optional<double> actual);

// The targets an indicator's unit admits, both included.
struct TargetRange {
  double min = 0;
  double max = 0;
};
TargetRange TargetRangeOf(IndicatorUnit unit);

// The problems with an objective's indicator and target: "indicator"
// invalid_choice (not in the catalogue) or not_measured (declared, not yet
// computed from the records); "target" out_of_range (min, max) when outside
// its unit's range or not a finite number.
std::vector<FieldIssue> CheckObjective(std::string_view indicator, double target);

// The day the objectives are judged at: today, or — when a period is asked
// for — today if it lies in that period, else the period's nearest day to it
// (its last day for a past period, its first for a future one).
LocalDate ReferenceDay(const std::optional<Period>& asked, LocalDate today);

}  // namespace jieli::quality
