// QualityService: indicators — values by unit, series with control charts,
// funnel plots. The case facts come from CaseService::QualityFacts, the staff
// on the roll from the organisation tree and their hours from quality's own
// supervision and training records; the rules (indicator_rules.hpp, spc.hpp,
// period.hpp) turn them into numbers.
#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <span>

#include "modules/orgs/org_tree.hpp"
#include "modules/quality/quality_service.hpp"
#include "modules/quality/quality_sql.hpp"

namespace jieli::quality {
namespace {

using cases::CaseQualityFacts;

constexpr EpochMs kDayMs = 24LL * 60 * 60 * 1000;
// Facts are read from this long before the window: a deadline or closure in
// the window may belong to a case closed just before it.
constexpr EpochMs kFactsMargin = 31 * kDayMs;
constexpr int kFunnelSteps = 60;

// What a role lets its holder see of an organisation's cases: kCity is the
// bureau's — every case, in aggregate (kept a minute: values_cache.hpp).
enum class Reach { kNone, kOwn, kTeam, kAll, kCity };

using ReachByOrg = std::map<std::int64_t, Reach>;

Reach ReachOf(const std::set<orgs::Role>& roles) {
  if (roles.contains(orgs::Role::kLeader)) return Reach::kAll;
  if (roles.contains(orgs::Role::kBureauOfficer)) return Reach::kCity;
  if (roles.contains(orgs::Role::kSupervisor)) return Reach::kTeam;
  if (roles.contains(orgs::Role::kWorker)) return Reach::kOwn;
  return Reach::kNone;
}

bool OnTeam(const CaseQualityFacts& f, std::int64_t user) {
  return f.primary_worker_id == user || f.co_worker_id == user;
}

Status CheckWindow(const IndicatorQuery& query) {
  if (query.from > query.to) {
    return ValidationFailed({{"to", "out_of_range"}});
  }
  if ((date::sys_days(query.to) - date::sys_days(query.from)).count() > kMaxWindowDays) {
    return ValidationFailed({{"to", "out_of_range", {{"max", std::to_string(kMaxWindowDays)}}}});
  }
  return Ok();
}

Interval WindowOf(const IndicatorQuery& query) {
  return {StartOfLocalDay(query.from),
          StartOfLocalDay(LocalDate(date::sys_days(query.to) + date::days{1}))};
}

std::vector<Interval> IntervalsOf(const std::vector<Period>& periods) {
  std::vector<Interval> out;
  out.reserve(periods.size());
  for (const auto& p : periods) out.push_back({PeriodStart(p), PeriodEnd(p)});
  return out;
}

std::int64_t UnitId(UnitBy by, const std::string& key) {
  if (by == UnitBy::kCategory || key.empty()) return 0;
  return std::stoll(key);
}

// What each organisation's cases (or staff) count under in a funnel by
// organisation: the child of the asked organisation it sits under (the bureau
// compares agencies, not their departments); without one, the child of the
// highest readable.
Result<OrgUnits> OrgUnitsFor(store::Executor& db, const auth::Actor& actor,
                             const IndicatorQuery& query, const std::set<std::int64_t>& orgs) {
  std::set<std::int64_t> readable;
  if (!query.org_id) {
    JIELI_ASSIGN_OR_RETURN(auto ids, actor.OrgsWhere(auth::Permission::kQualityRead));
    readable.insert(ids.begin(), ids.end());
  }
  orgs::OrgTree tree(db);
  OrgUnits units;
  for (std::int64_t org : orgs) {
    JIELI_ASSIGN_OR_RETURN(auto chain, tree.Above(org));
    auto asked = query.org_id ? query.org_id : HighestIn(chain, readable);
    units[org] = asked ? OrgUnitUnder(chain, *asked) : org;
  }
  return units;
}

// The units of a table or funnel by organisation (empty for other units):
// those of the cases' organisations and of the staff's.
Result<OrgUnits> OrgUnitsOf(store::Executor& db, const auth::Actor& actor,
                            const IndicatorQuery& query, std::span<const CaseQualityFacts> facts,
                            std::span<const StaffMember> roll) {
  if (query.by != UnitBy::kOrg) return OrgUnits{};
  std::set<std::int64_t> orgs;
  for (const auto& f : facts) orgs.insert(f.org_id);
  for (const auto& m : roll) orgs.insert(m.org_id);
  return OrgUnitsFor(db, actor, query, orgs);
}

// The roll with each member counted under their organisation's unit.
std::vector<StaffMember> RollUnder(std::vector<StaffMember> roll, const OrgUnits& units) {
  for (auto& m : roll) {
    if (auto unit = units.find(m.org_id); unit != units.end()) m.org_id = unit->second;
  }
  return roll;
}

using Cells = std::map<std::pair<std::string, std::size_t>, Cell>;

// One indicator per period from its cells, with its control chart from the
// baseline [begin, end) of periods.
IndicatorSeries ChartedSeries(const IndicatorDef& def, const Cells& cells,
                              const std::vector<Period>& periods, std::size_t begin,
                              std::size_t end) {
  IndicatorSeries series;
  series.def = &def;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    SeriesPoint point;
    point.period = periods[i];
    auto found = cells.find({"", i});
    if (found != cells.end()) point.cell = ValueOf(def, found->second);
    point.baseline = i >= begin && i < end;
    series.points.push_back(std::move(point));
  }
  // The chart over the points shown (a suppressed one is a period without data).
  Result<ControlChart> chart = InvalidError("quality.baseline_empty");
  if (def.chart == ChartKind::kP) {
    std::vector<Proportion> data;
    for (const auto& p : series.points) {
      data.push_back({std::llround(p.cell.numerator), std::llround(p.cell.denominator)});
    }
    chart = PChart(data, begin, end);
  } else {
    std::vector<std::optional<double>> data;
    for (const auto& p : series.points) data.push_back(p.cell.value);
    chart = XmRChart(data, begin, end);
  }
  // Too little data in the baseline for limits: the points without a chart.
  if (!chart) return series;
  const double scale = def.chart == ChartKind::kP ? def.scale : 1;
  series.centre = chart->centre * scale;
  for (std::size_t i = 0; i < series.points.size(); ++i) {
    const ChartPoint& c = chart->points[i];
    auto& p = series.points[i];
    p.centre = c.centre * scale;
    if (c.lower) p.lower = *c.lower * scale;
    if (c.upper) p.upper = *c.upper * scale;
    p.rules = c.rules;
  }
  return series;
}

const std::vector<StaffHours>& HoursOf(const IndicatorDef& def, const StaffRecords& staff) {
  return def.source == Source::kSupervision ? staff.supervision : staff.training;
}

// The organisations among query.org_id's (and below) whose quality numbers
// the caller may see, with how much of each.
Result<ReachByOrg> VisibleReach(store::Executor& db, const auth::Actor& actor,
                                const IndicatorQuery& query) {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kQualityRead));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(auth::Permission::kQualityRead));
  std::vector<std::int64_t> orgs = readable;
  if (query.org_id) {
    JIELI_RETURN_IF_ERROR(
        actor.Require(auth::Permission::kQualityRead, *query.org_id, "quality.not_found"));
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db).Below(*query.org_id));
    std::set<std::int64_t> wanted(below.begin(), below.end());
    std::erase_if(orgs, [&](std::int64_t id) { return !wanted.contains(id); });
  }
  std::map<std::int64_t, Reach> reach;
  for (std::int64_t org : orgs) {
    if (actor.is_system()) {
      reach[org] = Reach::kAll;
      continue;
    }
    JIELI_ASSIGN_OR_RETURN(auto roles, orgs::OrgTree(db).RolesAt(actor.user_id(), org));
    reach[org] = ReachOf(roles);
  }
  std::erase_if(reach, [](const auto& entry) { return entry.second == Reach::kNone; });
  return reach;
}

std::vector<std::int64_t> OrgsOf(const ReachByOrg& reach) {
  std::vector<std::int64_t> orgs;
  orgs.reserve(reach.size());
  for (const auto& [org, how] : reach) orgs.push_back(org);
  return orgs;
}

// Adds the clients' survey scores to the facts of the closed cases.
Status AddSurveyScores(const ClientVoice* voice, const ReachByOrg& reach,
                       std::vector<CaseQualityFacts>& facts) {
  if (voice == nullptr || facts.empty()) return Ok();
  JIELI_ASSIGN_OR_RETURN(auto scores, voice->CaseSurveyScores(OrgsOf(reach)));
  if (scores.empty()) return Ok();
  std::map<std::int64_t, std::vector<double>> by_case;
  for (const auto& s : scores) by_case[s.case_id].push_back(s.score);
  for (auto& f : facts) {
    auto found = by_case.find(f.case_id);
    if (found != by_case.end()) f.survey_scores = found->second;
  }
  return Ok();
}

// Adds the complaints received in [from, to): to the fact of the case one
// names, else as a fact of its own (see CaseQualityFacts::complaints).
Status AddComplaints(const ClientVoice* voice, const ReachByOrg& reach, EpochMs from, EpochMs to,
                     std::vector<CaseQualityFacts>& facts) {
  if (voice == nullptr) return Ok();
  JIELI_ASSIGN_OR_RETURN(auto complaints, voice->Complaints(OrgsOf(reach), from, to));
  if (complaints.empty()) return Ok();
  std::map<std::int64_t, std::size_t> by_case;
  for (std::size_t i = 0; i < facts.size(); ++i) by_case[facts[i].case_id] = i;
  for (const auto& c : complaints) {
    const cases::ComplaintFact fact{c.received_at, c.responded_at};
    auto named = c.case_id ? by_case.find(*c.case_id) : by_case.end();
    if (named != by_case.end()) {
      facts[named->second].complaints.push_back(fact);
      continue;
    }
    CaseQualityFacts alone;
    alone.org_id = c.org_id;
    alone.primary_worker_id = c.worker_concerned_id.value_or(0);
    alone.complaints.push_back(fact);
    facts.push_back(std::move(alone));
  }
  return Ok();
}

// The facts of the cases active in [from, to) that reach lets the caller see,
// with the clients' survey scores and complaints.
Result<std::vector<CaseQualityFacts>> FactsWithin(const cases::CaseService& cases,
                                                  const ClientVoice* voice, const ReachByOrg& reach,
                                                  const auth::Actor& actor,
                                                  const IndicatorQuery& query, EpochMs from,
                                                  EpochMs to) {
  JIELI_ASSIGN_OR_RETURN(auto facts, cases.QualityFacts(OrgsOf(reach), from - kFactsMargin, to));
  JIELI_RETURN_IF_ERROR(AddSurveyScores(voice, reach, facts));
  JIELI_RETURN_IF_ERROR(AddComplaints(voice, reach, from, to, facts));
  const std::int64_t user = actor.user_id();
  std::erase_if(facts, [&](const CaseQualityFacts& f) {
    if (query.worker_id && f.primary_worker_id != *query.worker_id) return true;
    auto how = reach.find(f.org_id);
    switch (how == reach.end() ? Reach::kNone : how->second) {
      case Reach::kAll:
      case Reach::kCity:
        return false;
      case Reach::kTeam:
        return !(OnTeam(f, user) || f.supervisor_id == user);
      case Reach::kOwn:
        return !OnTeam(f, user);
      case Reach::kNone:
        return true;
    }
    return true;
  });
  return facts;
}

// The staff on the roll of the organisations reach covers — a worker only
// themself — and their supervision and training hours on local days [from, to].
Result<StaffRecords> StaffWithin(store::Executor& db, const ReachByOrg& reach,
                                 const auth::Actor& actor, const IndicatorQuery& query,
                                 LocalDate from, LocalDate to) {
  JIELI_ASSIGN_OR_RETURN(auto members, orgs::OrgTree(db).ActiveMembers(OrgsOf(reach)));
  // Each person once per organisation; the bureau's officers and the IT
  // admins are not the agencies' staff; a worker sees only themself.
  std::map<std::pair<std::int64_t, std::int64_t>, bool> roll;  // (user, org) → a worker there
  for (const auto& m : members) {
    if (m.role == orgs::Role::kBureauOfficer || m.role == orgs::Role::kAdmin) continue;
    auto how = reach.find(m.org_id);
    if (how == reach.end()) continue;
    if (how->second == Reach::kOwn && m.user_id != actor.user_id()) continue;
    if (query.worker_id && m.user_id != *query.worker_id) continue;
    roll[{m.user_id, m.org_id}] |= m.role == orgs::Role::kWorker;
  }
  StaffRecords staff;
  std::set<std::int64_t> users;
  for (const auto& [key, worker] : roll) {
    staff.roll.push_back({key.first, key.second, worker});
    users.insert(key.first);
  }
  if (users.empty()) return staff;
  std::vector<store::Value> params = {FormatDate(from), FormatDate(to)};
  params.insert(params.end(), users.begin(), users.end());
  const std::string in = auth::InList(users.size());
  for (auto [sql, out] : {std::pair{kSupervisionHoursSql, &staff.supervision},
                          std::pair{kTrainingHoursSql, &staff.training}}) {
    JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(sql) + in, params));
    for (const auto& row : rows) {
      auto day = ParseDate(row.Text(1));
      if (!day) continue;
      out->push_back({row.Int(0), StartOfLocalDay(*day), static_cast<double>(row.Int(2)) / 60});
    }
  }
  return staff;
}

}  // namespace

Result<QualityService::VisibleRecords> QualityService::RecordsWithin(const auth::Actor& actor,
                                                                     const IndicatorQuery& query,
                                                                     EpochMs from,
                                                                     EpochMs to) const {
  JIELI_ASSIGN_OR_RETURN(auto reach, VisibleReach(db_, actor, query));
  VisibleRecords records;
  JIELI_ASSIGN_OR_RETURN(records.facts, FactsWithin(cases_, voice_, reach, actor, query, from, to));
  JIELI_ASSIGN_OR_RETURN(records.staff,
                         StaffWithin(db_, reach, actor, query, query.from, query.to));
  return records;
}

Result<std::map<std::string, std::string>> QualityService::UnitNames(
    UnitBy by, const std::set<std::string>& keys) const {
  std::map<std::string, std::string> names;
  std::set<std::int64_t> ids;
  for (const auto& key : keys) {
    if (by == UnitBy::kCategory || by == UnitBy::kAll) {
      names[key] = key;
    } else if (!key.empty()) {
      ids.insert(std::stoll(key));
    }
  }
  std::map<std::int64_t, std::string> found;
  orgs::OrgTree tree(db_);
  if (by == UnitBy::kOrg) {
    JIELI_ASSIGN_OR_RETURN(found, tree.OrgNames(ids));
  } else if (by == UnitBy::kWorker) {
    JIELI_ASSIGN_OR_RETURN(found, tree.DisplayNames(ids));
  } else if (by == UnitBy::kDistrict) {
    JIELI_ASSIGN_OR_RETURN(found, tree.RegionNames(ids));
  }
  for (const auto& [id, name] : found) names[std::to_string(id)] = name;
  return names;
}

Result<ValuesTable> QualityService::Values(const auth::Actor& actor,
                                           const IndicatorQuery& query) const {
  JIELI_RETURN_IF_ERROR(CheckWindow(query));
  ValuesTable table;
  const Interval window = WindowOf(query);
  std::vector<Interval> intervals = {window};
  if (query.granularity) {
    JIELI_ASSIGN_OR_RETURN(table.periods, PeriodsBetween(query.from, query.to, *query.granularity));
    intervals = IntervalsOf(table.periods);
    // The first and last periods may reach outside the window: clip them.
    intervals.front().start = std::max(intervals.front().start, window.start);
    intervals.back().end = std::min(intervals.back().end, window.end);
  }
  JIELI_ASSIGN_OR_RETURN(auto reach, VisibleReach(db_, actor, query));
  auto compute = [&]() -> Result<ValuesTable> {
    JIELI_ASSIGN_OR_RETURN(
        auto facts, FactsWithin(cases_, voice_, reach, actor, query, window.start, window.end));
    JIELI_ASSIGN_OR_RETURN(auto staff, StaffWithin(db_, reach, actor, query, query.from, query.to));
    // By organisation, the asked organisation's children (the bureau's agencies), not departments.
    JIELI_ASSIGN_OR_RETURN(auto org_units, OrgUnitsOf(db_, actor, query, facts, staff.roll));
    const auto roll_by_unit = RollUnder(staff.roll, org_units);
    const EpochMs now = clock_.Now();
    const std::vector<Interval> whole = {window};
    // Each fact's units once for every indicator.
    const FactUnits all_units(UnitBy::kAll, facts);
    const FactUnits units(query.by, facts, &org_units);
    std::set<std::string> keys;
    std::vector<Cells> all_cells;
    for (const auto& def : Catalogue()) {
      IndicatorValues values;
      values.def = &def;
      Cells total, cells;
      if (def.source != Source::kCases) {
        total = AggregateStaff(def, staff.roll, HoursOf(def, staff), whole, UnitBy::kAll);
        cells = AggregateStaff(def, roll_by_unit, HoursOf(def, staff), intervals, query.by);
      } else {
        auto total_obs = Observe(def, facts, whole, now);
        total = Aggregate(def, all_units, total_obs, whole);
        auto obs = query.granularity ? Observe(def, facts, intervals, now) : std::move(total_obs);
        cells = Aggregate(def, units, obs, intervals);
      }
      values.total = total.empty() ? CellValue{} : ValueOf(def, total.begin()->second);
      for (const auto& [key, cell] : cells) keys.insert(key.first);
      all_cells.push_back(std::move(cells));
      table.indicators.push_back(std::move(values));
    }
    JIELI_ASSIGN_OR_RETURN(auto names, UnitNames(query.by, keys));
    for (std::size_t i = 0; i < table.indicators.size(); ++i) {
      for (const auto& [key, cell] : all_cells[i]) {
        UnitCell out;
        out.unit_id = UnitId(query.by, key.first);
        out.unit_key = key.first;
        out.name = names[key.first];
        if (query.granularity) out.period = table.periods[key.second].key;
        out.cell = ValueOf(*table.indicators[i].def, cell);
        table.indicators[i].cells.push_back(std::move(out));
      }
    }
    table.computed_at = now;
    return table;
  };
  // The bureau's aggregate is the same for each of its officers: kept a minute.
  const bool city = !query.worker_id && !reach.empty() &&
                    std::all_of(reach.begin(), reach.end(),
                                [](const auto& entry) { return entry.second == Reach::kCity; });
  if (!city) return compute();
  std::string key = std::to_string(query.org_id.value_or(0)) + "|" + FormatDate(query.from) + "|" +
                    FormatDate(query.to) + "|" + std::to_string(static_cast<int>(query.by)) + "|" +
                    (query.granularity ? std::string(ToString(*query.granularity)) : "") + "|";
  for (const auto& [org, how] : reach) key += std::to_string(org) + ",";
  return values_cache_->Get(key, clock_.Now(), compute);
}

Result<IndicatorSeries> QualityService::Series(const auth::Actor& actor, std::string_view id,
                                               const IndicatorQuery& query) const {
  const IndicatorDef* def = FindIndicator(id);
  if (!def) return NotFoundError("quality.indicator_not_found");
  JIELI_RETURN_IF_ERROR(CheckWindow(query));
  IndicatorSeries series;
  series.def = def;
  series.granularity = query.granularity.value_or(Granularity::kMonth);
  JIELI_ASSIGN_OR_RETURN(auto periods, PeriodsBetween(query.from, query.to, series.granularity));
  // The baseline: the periods holding baseline_from … baseline_to, inside the series.
  std::size_t begin = 0, end = periods.size();
  if (query.baseline_from || query.baseline_to) {
    const LocalDate bf = query.baseline_from.value_or(periods.front().first);
    const LocalDate bt = query.baseline_to.value_or(periods.back().last);
    std::vector<FieldIssue> issues;
    if (bf < periods.front().first || bf > periods.back().last) {
      issues.push_back({"baseline_from", "out_of_range"});
    }
    if (bt < periods.front().first || bt > periods.back().last || bt < bf) {
      issues.push_back({"baseline_to", "out_of_range"});
    }
    if (!issues.empty()) return ValidationFailed(std::move(issues));
    begin = periods.size();
    end = 0;
    for (std::size_t i = 0; i < periods.size(); ++i) {
      if (periods[i].last >= bf && periods[i].first <= bt) {
        begin = std::min(begin, i);
        end = i + 1;
      }
    }
  }
  const auto intervals = IntervalsOf(periods);
  JIELI_ASSIGN_OR_RETURN(auto reach, VisibleReach(db_, actor, query));
  IndicatorSeries charted;
  if (def->source != Source::kCases) {
    JIELI_ASSIGN_OR_RETURN(auto staff, StaffWithin(db_, reach, actor, query, periods.front().first,
                                                   periods.back().last));
    charted = StaffSeriesOf(*def, staff, periods, begin, end);
  } else {
    JIELI_ASSIGN_OR_RETURN(auto facts, FactsWithin(cases_, voice_, reach, actor, query,
                                                   intervals.front().start, intervals.back().end));
    charted = SeriesOf(*def, facts, periods, begin, end, clock_.Now());
  }
  charted.granularity = series.granularity;
  return charted;
}

IndicatorSeries QualityService::SeriesOf(const IndicatorDef& def,
                                         const std::vector<cases::CaseQualityFacts>& facts,
                                         const std::vector<Period>& periods, std::size_t begin,
                                         std::size_t end, EpochMs now) {
  const auto intervals = IntervalsOf(periods);
  auto obs = Observe(def, facts, intervals, now);
  return ChartedSeries(def, Aggregate(def, facts, obs, intervals, UnitBy::kAll), periods, begin,
                       end);
}

IndicatorSeries QualityService::StaffSeriesOf(const IndicatorDef& def, const StaffRecords& staff,
                                              const std::vector<Period>& periods, std::size_t begin,
                                              std::size_t end) {
  return ChartedSeries(
      def, AggregateStaff(def, staff.roll, HoursOf(def, staff), IntervalsOf(periods), UnitBy::kAll),
      periods, begin, end);
}

Result<IndicatorFunnel> QualityService::Funnel(const auth::Actor& actor, std::string_view id,
                                               const IndicatorQuery& query) const {
  const IndicatorDef* def = FindIndicator(id);
  if (!def) return NotFoundError("quality.indicator_not_found");
  JIELI_RETURN_IF_ERROR(CheckWindow(query));
  IndicatorFunnel funnel;
  funnel.def = def;
  const std::vector<Interval> window = {WindowOf(query)};
  std::vector<Observation> obs;
  Cells overall, cells;
  JIELI_ASSIGN_OR_RETURN(auto reach, VisibleReach(db_, actor, query));
  if (def->source != Source::kCases) {
    JIELI_ASSIGN_OR_RETURN(auto staff, StaffWithin(db_, reach, actor, query, query.from, query.to));
    overall = AggregateStaff(*def, staff.roll, HoursOf(*def, staff), window, UnitBy::kAll);
    // Each member counted under the asked organisation's child they sit in.
    JIELI_ASSIGN_OR_RETURN(auto org_units, OrgUnitsOf(db_, actor, query, {}, staff.roll));
    cells = AggregateStaff(*def, RollUnder(staff.roll, org_units), HoursOf(*def, staff), window,
                           query.by);
  } else {
    JIELI_ASSIGN_OR_RETURN(auto facts, FactsWithin(cases_, voice_, reach, actor, query,
                                                   window.front().start, window.front().end));
    obs = Observe(*def, facts, window, clock_.Now());
    overall = Aggregate(*def, facts, obs, window, UnitBy::kAll);
    JIELI_ASSIGN_OR_RETURN(auto org_units, OrgUnitsOf(db_, actor, query, facts, {}));
    cells = Aggregate(*def, facts, obs, window, query.by, &org_units);
  }
  if (overall.empty() || overall.begin()->second.denominator <= 0) return funnel;
  const Cell& all = overall.begin()->second;
  // Per case, unscaled; a median's is the city's median.
  const double target =
      def->measure == Measure::kMedian ? Median(all.values) : all.numerator / all.denominator;
  funnel.target = target * def->scale;
  // The spread of a mean's single observations, for its limits.
  double sd = 0;
  const bool continuous = def->measure == Measure::kMean || def->measure == Measure::kMedian;
  if (continuous && obs.size() > 1) {
    double sum = 0;
    for (const auto& o : obs) sum += (o.numerator - target) * (o.numerator - target);
    sd = std::sqrt(sum / static_cast<double>(obs.size() - 1));
  }
  // A median of n varies √(π/2) times as much as a mean of n (normal data):
  // its limits are a mean's, that much wider.
  if (def->measure == Measure::kMedian) sd *= std::sqrt(std::numbers::pi / 2);
  std::set<std::string> keys;
  for (const auto& [key, cell] : cells) keys.insert(key.first);
  JIELI_ASSIGN_OR_RETURN(auto names, UnitNames(query.by, keys));
  double n_min = 0, n_max = 0;
  for (const auto& [key, cell] : cells) {
    FunnelUnit unit;
    unit.unit_id = UnitId(query.by, key.first);
    unit.name = names[key.first];
    unit.cell = ValueOf(*def, cell);
    if (!unit.cell.suppressed && cell.denominator > 0) {
      switch (def->measure) {
        case Measure::kProportion:
          unit.position =
              PositionOf(target, {std::llround(cell.numerator), std::llround(cell.denominator)});
          break;
        case Measure::kRate:
        case Measure::kRatio:
          unit.position = PositionOfRate(target, std::llround(cell.numerator), cell.denominator);
          break;
        case Measure::kMean:
          unit.position =
              PositionOfMean(target, sd, cell.numerator / cell.denominator, cell.denominator);
          break;
        case Measure::kMedian:
          unit.position = PositionOfMean(target, sd, Median(cell.values), cell.denominator);
          break;
      }
      n_min = n_min == 0 ? cell.denominator : std::min(n_min, cell.denominator);
      n_max = std::max(n_max, cell.denominator);
    }
    funnel.units.push_back(std::move(unit));
  }
  if (n_max > 0) {
    n_min = std::max(1.0, n_min / 2);
    n_max = n_max * 1.5;
    std::vector<FunnelLimits> curve;
    switch (def->measure) {
      case Measure::kProportion:
        curve = FunnelCurve(target, n_min, n_max, kFunnelSteps);
        break;
      case Measure::kRate:
      case Measure::kRatio:
        curve = FunnelCurveForRate(target, n_min, n_max, kFunnelSteps);
        break;
      case Measure::kMean:
      case Measure::kMedian:
        curve = FunnelCurveForMean(target, sd, n_min, n_max, kFunnelSteps);
        break;
    }
    for (auto& l : curve) {
      l.lower95 *= def->scale;
      l.upper95 *= def->scale;
      l.lower998 *= def->scale;
      l.upper998 *= def->scale;
    }
    funnel.curve = std::move(curve);
  }
  return funnel;
}

}  // namespace jieli::quality
