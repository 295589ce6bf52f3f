// CaseService::Stats: the counts behind the home pages' charts.
#include <map>
#include <set>

#include "core/local_time.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/orgs/org_tree.hpp"

namespace jieli::cases {
namespace {

// "YYYY-MM" of a local date.
std::string MonthOf(LocalDate day) { return FormatDate(day).substr(0, 7); }

}  // namespace

Result<CaseStats> CaseService::Stats(const auth::Actor& actor,
                                     std::optional<std::int64_t> org_id) const {
  // Holding cases.read nowhere is a refusal, not a page of zeros.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kCasesRead));
  CaseFilter filter;
  filter.org_id = org_id;
  JIELI_ASSIGN_OR_RETURN(auto readable, ReadableFor(actor, filter));
  const EpochMs now = clock_.Now();
  std::vector<store::Value> scope_params;
  // Only the organisation filter applies, so the clients join is never needed.
  const std::string scope = CaseWhere(db_.backend(), readable, filter, now, scope_params);

  CaseStats stats;
  {
    auto rows = db_.Query(kByStageSql + scope + kByStageGroup, scope_params);
    if (!rows) return rows.error();
    std::map<std::string, std::int64_t> counts;
    for (const auto& row : *rows) counts[row.Text(0)] = row.Int(1);
    for (Stage stage : AllStages())
      stats.by_stage.emplace_back(stage, counts[std::string(ToString(stage))]);
  }
  {
    auto rows = db_.Query(kOpenByRiskSql + scope + kOpenByRiskGroup, scope_params);
    if (!rows) return rows.error();
    std::map<std::string, std::int64_t> counts;
    for (const auto& row : *rows) counts[row.Text(0)] = row.Int(1);
    for (const auto& name : RiskLevelNames()) {
      stats.by_risk.emplace_back(*ParseRiskLevel(name), counts[name]);
    }
  }
  {
    // The ? in the SELECT list comes before the scope's.
    std::vector<store::Value> params = {now};
    params.insert(params.end(), scope_params.begin(), scope_params.end());
    JIELI_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query(std::string(kOpenCasesPerWorkerSql) + scope + kOpenPerWorkerGroup, params));
    // At most 100 workers: their names in one call to the orgs module.
    std::set<std::int64_t> workers;
    for (const auto& row : rows) workers.insert(row.Int(0));
    JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db_).DisplayNames(workers));
    for (const auto& row : rows) {
      stats.by_worker.push_back({{row.Int(0), names[row.Int(0)]}, row.Int(1), row.Int(2)});
    }
  }
  {
    std::vector<store::Value> params = scope_params;
    params.emplace_back(now);
    auto row = db_.QueryOne(kOverdueCountSql + scope + kOverdueCondition, params);
    if (!row) return row.error();
    stats.overdue = (*row)->Int(0);
  }
  {
    // Twelve local months back from this one; the rows are bucketed here
    // because month arithmetic in SQL differs between the backends.
    LocalDate today = LocalDateOf(now);
    LocalDate first = date::year_month_day{today.year() / today.month() / 1} - date::months{11};
    const EpochMs since = StartOfLocalDay(first);
    std::map<std::string, std::size_t> index;
    for (int i = 0; i < 12; ++i) {
      LocalDate month = first + date::months{i};
      index[MonthOf(month)] = stats.per_month.size();
      stats.per_month.push_back({MonthOf(month), 0, 0});
    }
    std::vector<store::Value> params = scope_params;
    params.emplace_back(since);
    for (const std::string column : {"opened_at", "closed_at"}) {
      auto rows = db_.Query(
          "SELECT c." + column + " FROM cases c" + scope + " AND c." + column + " >= ?", params);
      if (!rows) return rows.error();
      for (const auto& row : *rows) {
        auto found = index.find(MonthOf(LocalDateOf(row.Int(0))));
        if (found == index.end()) continue;
        auto& month = stats.per_month[found->second];
        (column == "opened_at" ? month.opened : month.closed) += 1;
      }
    }
  }
  return stats;
}

}  // namespace jieli::cases
