// The indicators as the service hands them out: a window's values by unit, a
// series with its control chart, a funnel plot. Plain data; values are in the
// indicator's unit (percent 0–100, per 100, hours, score, count).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/local_time.hpp"
#include "modules/quality/indicator_rules.hpp"
#include "modules/quality/period.hpp"
#include "modules/quality/spc.hpp"

namespace jieli::quality {

struct IndicatorQuery {
  std::optional<std::int64_t> org_id;     // that organisation and those below it
  std::optional<std::int64_t> worker_id;  // cases whose primary worker this is
  LocalDate from, to;                     // local days, both included
  std::optional<Granularity> granularity;
  UnitBy by = UnitBy::kAll;
  std::optional<LocalDate> baseline_from, baseline_to;
};

// The longest window a request may cover (five years of days).
inline constexpr int kMaxWindowDays = 5 * 366;

struct UnitCell {
  std::int64_t unit_id = 0;  // organisation, worker or region id; 0 for a category or none
  std::string unit_key;      // the id as text, or the category code ("" for none)
  std::string name;
  std::optional<std::string> period;  // the period key, when by granularity
  CellValue cell;
};

struct IndicatorValues {
  const IndicatorDef* def = nullptr;
  CellValue total;  // the whole window over every unit in scope
  std::vector<UnitCell> cells;
};

struct ValuesTable {
  std::vector<Period> periods;  // empty without a granularity
  std::vector<IndicatorValues> indicators;
  EpochMs computed_at = 0;  // when the numbers were worked out (values_cache.hpp)
};

struct SeriesPoint {
  Period period;
  CellValue cell;
  std::optional<double> centre, lower, upper;
  std::vector<int> rules;
  bool baseline = false;
};

struct IndicatorSeries {
  const IndicatorDef* def = nullptr;
  Granularity granularity = Granularity::kMonth;
  std::optional<double> centre;
  std::vector<SeriesPoint> points;
};

struct FunnelUnit {
  std::int64_t unit_id = 0;
  std::string name;
  CellValue cell;
  FunnelPosition position = FunnelPosition::kWithin;
};

struct IndicatorFunnel {
  const IndicatorDef* def = nullptr;
  std::optional<double> target;
  std::vector<FunnelUnit> units;
  std::vector<FunnelLimits> curve;
};

}  // namespace jieli::quality
