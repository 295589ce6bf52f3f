// The case rollup: moving a case's counts, counting service records, rebuilding.
#include "modules/cases/rollup.hpp"

#include <array>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "modules/cases/rollup_schema.hpp"
#include "modules/cases/stage.hpp"
#include "modules/orgs/org_tree.hpp"

namespace jieli::cases {
namespace {

constexpr EpochMs kLocalOffsetMs = 8LL * 3600 * 1000;  // Asia/Shanghai, UTC+8 since 1991
constexpr EpochMs kDayMs = 24LL * 3600 * 1000;

const char* const kStateUpsertSql =
    "INSERT INTO case_rollup_state (org_id, worker_id, stage, risk, cases) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (org_id, worker_id, stage, risk) "
    "DO UPDATE SET cases = case_rollup_state.cases + excluded.cases";

const char* const kDaysUpsertSql =
    "INSERT INTO case_rollup_days (org_id, day, worker_id, opened, entered_assessment, "
    "entered_planning, entered_intervention, entered_evaluation, closed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, day, worker_id) DO UPDATE SET "
    "opened = case_rollup_days.opened + excluded.opened, "
    "entered_assessment = case_rollup_days.entered_assessment + excluded.entered_assessment, "
    "entered_planning = case_rollup_days.entered_planning + excluded.entered_planning, "
    "entered_intervention = case_rollup_days.entered_intervention + "
    "excluded.entered_intervention, "
    "entered_evaluation = case_rollup_days.entered_evaluation + excluded.entered_evaluation, "
    "closed = case_rollup_days.closed + excluded.closed";

const char* const kMonthsUpsertSql =
    "INSERT INTO case_rollup_months (org_id, month, opened, entered_assessment, "
    "entered_planning, entered_intervention, entered_evaluation, closed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, month) DO UPDATE SET "
    "opened = case_rollup_months.opened + excluded.opened, "
    "entered_assessment = case_rollup_months.entered_assessment + excluded.entered_assessment, "
    "entered_planning = case_rollup_months.entered_planning + excluded.entered_planning, "
    "entered_intervention = case_rollup_months.entered_intervention + "
    "excluded.entered_intervention, "
    "entered_evaluation = case_rollup_months.entered_evaluation + excluded.entered_evaluation, "
    "closed = case_rollup_months.closed + excluded.closed";

const char* const kServicesUpsertSql =
    "INSERT INTO case_rollup_services (org_id, service_date, author_id, records, minutes) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, service_date, author_id) DO UPDATE SET "
    "records = case_rollup_services.records + excluded.records, "
    "minutes = case_rollup_services.minutes + excluded.minutes";

const char* const kVersionBumpSql =
    "INSERT INTO case_rollup_versions (org_id, version) VALUES (?, 1) ON CONFLICT (org_id) "
    "DO UPDATE SET version = case_rollup_versions.version + 1";

const char* const kRollupClearSql =
    "DELETE FROM case_rollup_state; DELETE FROM case_rollup_days; "
    "DELETE FROM case_rollup_months; DELETE FROM case_rollup_services;";

// The columns of case_rollup_days in order: opened, then the stages entered.
using DayCounts = std::array<std::int64_t, 6>;
using DayKey = std::tuple<std::int64_t, std::int64_t, std::int64_t>;  // org, day, worker
using MonthKey = std::pair<std::int64_t, std::int64_t>;               // org, YYYYMM
using StateKey = std::tuple<std::int64_t, std::int64_t, std::string, std::string>;

void AddFacts(const RollupFacts& facts, int sign, std::map<StateKey, std::int64_t>& state,
              std::map<DayKey, DayCounts>& days, std::map<MonthKey, DayCounts>& months) {
  state[{facts.org_id, facts.worker_id, facts.stage, facts.risk}] += sign;
  const std::array<std::optional<EpochMs>, 6> times = {facts.opened_at,     facts.assessment_at,
                                                       facts.planning_at,   facts.intervention_at,
                                                       facts.evaluation_at, facts.closed_at};
  for (std::size_t column = 0; column < times.size(); ++column) {
    if (!times[column]) continue;
    const std::int64_t day = RollupDay(*times[column]);
    days[{facts.org_id, day, facts.worker_id}][column] += sign;
    months[{facts.org_id, RollupMonth(day)}][column] += sign;
  }
}

}  // namespace

const char* const kRollupFactsOfCaseSql =
    "SELECT org_id, primary_worker_id, stage, risk, opened_at, assessment_at, planning_at, "
    "intervention_at, evaluation_at, closed_at FROM cases WHERE id = ? AND version = ?";

RollupFacts RollupFactsFromRow(const store::Row& row) {
  RollupFacts facts;
  facts.org_id = row.Int(0);
  facts.worker_id = row.Int(1);
  facts.stage = row.Text(2);
  facts.risk = row.Text(3);
  facts.opened_at = row.Int(4);
  facts.assessment_at = row.OptInt(5);
  facts.planning_at = row.OptInt(6);
  facts.intervention_at = row.OptInt(7);
  facts.evaluation_at = row.OptInt(8);
  facts.closed_at = row.OptInt(9);
  return facts;
}

RollupFacts RollupFactsOf(const Case& c, const CaseTeam& team) {
  RollupFacts facts;
  facts.org_id = c.org_id;
  facts.worker_id = team.primary_worker;
  facts.stage = std::string(ToString(c.stage));
  facts.risk = std::string(ToString(c.risk));
  facts.opened_at = c.opened_at;
  facts.assessment_at = c.assessment_at;
  facts.planning_at = c.planning_at;
  facts.intervention_at = c.intervention_at;
  facts.evaluation_at = c.evaluation_at;
  facts.closed_at = c.closed_at;
  return facts;
}

std::int64_t RollupDay(EpochMs t) {
  // Floor division, though no case predates 1970.
  const EpochMs local = t + kLocalOffsetMs;
  return local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
}

LocalDate RollupDate(std::int64_t day) { return LocalDate{date::sys_days{date::days{day}}}; }

std::int64_t RollupMonth(std::int64_t day) {
  const LocalDate date = RollupDate(day);
  return static_cast<int>(date.year()) * 100 + static_cast<unsigned>(date.month());
}

Status MoveCaseInRollup(store::Executor& tx, const std::optional<RollupFacts>& before,
                        const std::optional<RollupFacts>& after) {
  std::map<StateKey, std::int64_t> state;
  std::map<DayKey, DayCounts> days;
  std::map<MonthKey, DayCounts> months;
  if (before) AddFacts(*before, -1, state, days, months);
  if (after) AddFacts(*after, +1, state, days, months);
  std::set<std::int64_t> moved_orgs;
  for (const auto& [key, delta] : state) {
    if (delta == 0) continue;
    const auto& [org, worker, stage, risk] = key;
    moved_orgs.insert(org);
    JIELI_RETURN_IF_ERROR(tx.Execute(kStateUpsertSql, {org, worker, stage, risk, delta}));
  }
  for (const auto& [key, delta] : days) {
    if (delta == DayCounts{}) continue;
    const auto& [org, day, worker] = key;
    moved_orgs.insert(org);
    JIELI_RETURN_IF_ERROR(tx.Execute(kDaysUpsertSql, {org, day, worker, delta[0], delta[1],
                                                      delta[2], delta[3], delta[4], delta[5]}));
  }
  for (const auto& [key, delta] : months) {
    if (delta == DayCounts{}) continue;
    const auto& [org, month] = key;
    moved_orgs.insert(org);
    JIELI_RETURN_IF_ERROR(tx.Execute(kMonthsUpsertSql, {org, month, delta[0], delta[1], delta[2],
                                                        delta[3], delta[4], delta[5]}));
  }
  for (std::int64_t org : moved_orgs) JIELI_RETURN_IF_ERROR(tx.Execute(kVersionBumpSql, {org}));
  return Ok();
}

Status CountServiceInRollup(store::Executor& tx, std::int64_t org_id, const std::string& date,
                            std::int64_t author_id, std::int64_t minutes, int sign) {
  JIELI_RETURN_IF_ERROR(tx.Execute(kServicesUpsertSql,
                                   {org_id, date, author_id, std::int64_t{sign}, sign * minutes}));
  return Ok();
}

Result<RollupRebuilt> RebuildRollup(store::Db& db) {
  JIELI_ASSIGN_OR_RETURN(auto tx, db.Begin());
  JIELI_RETURN_IF_ERROR(tx->ExecuteScript(kRollupClearSql));
  JIELI_RETURN_IF_ERROR(tx->ExecuteScript(kCaseRollupFillSql));
  // Every organisation's counts may have moved (the orgs module's ids, not its table).
  JIELI_ASSIGN_OR_RETURN(auto all_orgs, orgs::OrgTree(*tx).AllIds());
  for (std::int64_t org : all_orgs) JIELI_RETURN_IF_ERROR(tx->Execute(kVersionBumpSql, {org}));
  RollupRebuilt rebuilt;
  JIELI_ASSIGN_OR_RETURN(
      auto counts, tx->QueryOne("SELECT (SELECT COUNT(*) FROM case_rollup_state), "
                                "(SELECT COUNT(*) FROM case_rollup_days) + "
                                "(SELECT COUNT(*) FROM case_rollup_months), "
                                "(SELECT COUNT(*) FROM case_rollup_services), "
                                "(SELECT COALESCE(SUM(cases), 0) FROM case_rollup_state), "
                                "(SELECT COALESCE(SUM(records), 0) FROM case_rollup_services)"));
  if (counts) {
    rebuilt.state_rows = counts->Int(0);
    rebuilt.day_rows = counts->Int(1);
    rebuilt.service_rows = counts->Int(2);
    rebuilt.cases = counts->Int(3);
    rebuilt.service_records = counts->Int(4);
  }
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return rebuilt;
}

}  // namespace jieli::cases
