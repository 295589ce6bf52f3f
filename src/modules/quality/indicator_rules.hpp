// Quality indicators (质量指标) computed from the records: the catalogue (what
// each indicator means, its formula, direction, unit and chart), and for each
// indicator that the records can measure now, the rule that turns the cases'
// facts (cases::CaseQualityFacts) into observations — each a numerator and a
// denominator at an instant — which Aggregate sums per unit (organisation,
// worker, district, client category) and period.
// Plain values in, values out; no SQL, no HTTP. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "modules/cases/case_quality_facts.hpp"
#include "modules/quality/spc.hpp"

namespace jieli::quality {

enum class IndicatorUnit { kPercent, kHours, kPer100, kCount, kDays, kScore };
std::string_view ToString(IndicatorUnit unit);  // "percent", "hours", "per100", …

enum class Direction { kHigher, kLower };  // which way is better
std::string_view ToString(Direction direction);

// How a cell's value is made of its numerator and denominator:
//   kProportion  numerator events of denominator cases (value ×100: percent)
//   kRate        events per 100 of the denominator (value ×100)
//   kMean        the sum of a measure over denominator observations
//   kRatio       numerator over the number of distinct denominator keys
//                (open cases per worker)
//   kMedian      the median of the observations' measures (numerator: their
//                sum, denominator: their number)
enum class Measure { kProportion, kRate, kMean, kRatio, kMedian };

// Where an indicator's numbers come from: the cases' facts, or the hours the
// staff spent in supervision (as supervisees) or in training — quality's own
// records, spread over the staff on the roll (AggregateStaff).
enum class Source { kCases, kSupervision, kTraining };

struct IndicatorDef {
  std::string_view id;
  std::string_view name_zh, name_en;
  std::string_view definition_zh, definition_en;
  std::string_view formula;  // e.g. "on_time / due × 100 %"
  std::string_view numerator_zh, numerator_en, denominator_zh, denominator_en;
  Direction direction = Direction::kHigher;
  IndicatorUnit unit = IndicatorUnit::kPercent;
  ChartKind chart = ChartKind::kP;
  Measure measure = Measure::kProportion;
  Source source = Source::kCases;
  // Shown value = numerator / denominator × scale (100 for percent and per 100).
  double scale = 100;
  // Computed from the records now; false: declared, "not yet measured" (its
  // facts live in a module that does not exist yet, or is merged later).
  bool measured = true;
  // A cell whose denominator counts cases (or closures, follow-ups) below
  // kMinCellDenominator is suppressed; one that counts workers is not (a
  // worker's own caseload identifies no client).
  bool suppress_small = true;
};

// Cells with fewer cases behind them show "<5": no rate, no counts.
inline constexpr double kMinCellDenominator = 5;

// Every indicator of the issue, in the order of the dashboards.
const std::vector<IndicatorDef>& Catalogue();
const IndicatorDef* FindIndicator(std::string_view id);

// Days after a closure within which a reopening counts against it.
inline constexpr int kReopenWindowDays = 90;

// One case's contribution to an indicator at an instant: numerator and
// denominator to add, or (kRatio, and kRate's exposure) a key whose distinct
// count makes the denominator (0: none).
struct Observation {
  std::size_t fact = 0;  // index into the facts
  EpochMs at = 0;
  double numerator = 0;
  double denominator = 0;
  std::int64_t distinct = 0;
};

// A half-open time interval [start, end): a period of a series, or the whole
// window of a table.
struct Interval {
  EpochMs start = 0;
  EpochMs end = 0;
};

// The observations of def over facts whose instants fall in one of the
// intervals (sorted, disjoint); now bounds what can have happened (a deadline
// not yet passed is not yet missed; a closure is judged after 90 days).
// An indicator not measured gives none.
std::vector<Observation> Observe(const IndicatorDef& def,
                                 std::span<const cases::CaseQualityFacts> facts,
                                 std::span<const Interval> intervals, EpochMs now);

enum class UnitBy { kAll, kOrg, kWorker, kDistrict, kCategory };
std::optional<UnitBy> ParseUnitBy(
    std::string_view text);  // "org", "worker", "district", "category"

// Organisation -> the organisation its cases count under when units are
// organisations (see OrgUnitUnder); an organisation absent counts as itself.
using OrgUnits = std::map<std::int64_t, std::int64_t>;

// The unit a case of chain.front() counts in when units are the organisations
// right below `asked` (the bureau's agencies, an agency's departments): the
// child of `asked` on the way up the chain, `asked` itself for its own cases,
// and the case's own organisation when it is not below `asked`. chain is the
// organisation and its ancestors, nearest first.
std::int64_t OrgUnitUnder(std::span<const std::int64_t> chain, std::int64_t asked);
// The highest organisation of chain that `candidates` holds (nullopt: none):
// without an asked organisation, units sit below the highest one readable.
std::optional<std::int64_t> HighestIn(std::span<const std::int64_t> chain,
                                      const std::set<std::int64_t>& candidates);

// The units each fact counts in — its organisation (or what org_units maps
// it to), its primary worker, its client's district ("" when the client has
// none), each of its client's categories; kAll: the one unit "" — worked out
// once for every indicator of a request: each distinct unit key is held once, as a small integer,
// so that aggregating an observation costs no string and no ordered-map look-up. Immutable once
// built; read from one thread (the request's).
class FactUnits {
 public:
  FactUnits(UnitBy by, std::span<const cases::CaseQualityFacts> facts,
            const OrgUnits* org_units = nullptr);

  // How many facts it was built over.
  std::size_t facts() const { return facts_; }
  // The units of fact i (i < facts()), as indexes of Key.
  std::span<const std::uint32_t> Of(std::size_t i) const;
  // The key of a unit: "" for kAll, "17" for an id, the category's code.
  const std::string& Key(std::uint32_t unit) const { return keys_[unit]; }

 private:
  std::size_t facts_ = 0;
  bool all_ = false;                   // kAll: every fact in the one unit 0
  std::vector<std::string> keys_;      // unit index -> key
  std::vector<std::uint32_t> starts_;  // fact i's units: units_[starts_[i] … starts_[i + 1])
  std::vector<std::uint32_t> units_;
};

struct Cell {
  double numerator = 0;
  double denominator = 0;
  std::set<std::int64_t> distinct;
  std::vector<double> values;  // kMedian: each observation's measure
};

struct CellValue {
  double numerator = 0;
  double denominator = 0;
  std::optional<double> value;  // empty without data or when suppressed
  bool suppressed = false;      // numerator and denominator are then 0 too
};

// Sums observations into (unit, interval index) cells.
std::map<std::pair<std::string, std::size_t>, Cell> Aggregate(
    const IndicatorDef& def, std::span<const cases::CaseQualityFacts> facts,
    std::span<const Observation> observations, std::span<const Interval> intervals, UnitBy by,
    const OrgUnits* org_units = nullptr);
// The same with the facts' units worked out beforehand (FactUnits over the
// facts the observations index): for several indicators over one set of facts.
std::map<std::pair<std::string, std::size_t>, Cell> Aggregate(
    const IndicatorDef& def, const FactUnits& units, std::span<const Observation> observations,
    std::span<const Interval> intervals);

// A cell's numerator, denominator (the distinct count for kRatio and kRate
// exposure) and value; suppressed (all hidden) when def.suppress_small and
// 0 < denominator < kMinCellDenominator.
CellValue ValueOf(const IndicatorDef& def, const Cell& cell);
// The middle value (the mean of the two middle ones for an even count); 0 for none.
double Median(std::vector<double> values);

// A member of an organisation's staff now: the roll the hours are spread over
// (workers for supervision, everyone for training).
struct StaffMember {
  std::int64_t user_id = 0;
  std::int64_t org_id = 0;
  bool worker = false;  // holds the worker role there
};

// Hours a staff member spent in supervision (as a supervisee) or in training,
// on a day (its start).
struct StaffHours {
  std::int64_t user_id = 0;
  EpochMs at = 0;
  double hours = 0;
};

// What the staff indicators are computed from: the roll, and the hours of its
// members in supervision and in training.
struct StaffRecords {
  std::vector<StaffMember> roll;
  std::vector<StaffHours> supervision;
  std::vector<StaffHours> training;
};

// The cells of a staff indicator (def.source not kCases): per unit — the
// member's organisations, the member (kWorker), "" (kAll); none by district or
// client category — and interval, the hours of the members on the roll as the
// numerator and, as distinct keys, the members (training: hours per staff
// member) or the member-months (supervision: per worker per month, each local
// month an interval touches). A member without hours still counts; hours of
// someone not on the roll count for nobody.
std::map<std::pair<std::string, std::size_t>, Cell> AggregateStaff(
    const IndicatorDef& def, std::span<const StaffMember> roll, std::span<const StaffHours> hours,
    std::span<const Interval> intervals, UnitBy by);

// The index of the interval holding t, or nullopt.
std::optional<std::size_t> IntervalOf(std::span<const Interval> intervals, EpochMs t);

}  // namespace jieli::quality
