// CaseService::Stats: the counts behind the home pages' charts, read from the
// case rollup (rollup_schema.hpp) and kept while it stands still
// (stats_cache.hpp), and, for what depends on the time of asking (the overdue
// cases), from an index alone.
#include <algorithm>
#include <map>
#include <set>

#include "core/local_time.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/stats_cache.hpp"
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
  const std::vector<store::Value> orgs(readable.orgs.begin(), readable.orgs.end());
  const std::string in_orgs = auth::InList(orgs.size());
  // Twelve local months back from this one.
  const LocalDate today = LocalDateOf(now);
  const LocalDate first = date::year_month_day{today.year() / today.month() / 1} - date::months{11};
  const std::int64_t first_month =
      static_cast<int>(first.year()) * 100 + static_cast<unsigned>(first.month());

  // The counts the rollup holds, kept while it stands still (stats_cache.hpp);
  // the version is read before the counts, so a change in between is seen.
  JIELI_ASSIGN_OR_RETURN(auto version,
                         db_.QueryOne(std::string(kRollupVersionOfOrgsSql) + in_orgs, orgs));
  const std::int64_t signature = version ? version->Int(0) : 0;
  const std::string key = StatsCache::KeyOf(readable.orgs, first_month);
  std::optional<CaseStats> kept = stats_cache_->Find(key, signature, now);
  if (!kept) {
    JIELI_ASSIGN_OR_RETURN(auto counted, RollupStats(orgs, in_orgs, first, first_month));
    stats_cache_->Keep(key, signature, now, counted);
    kept = std::move(counted);
  }
  CaseStats stats = std::move(*kept);

  // The overdue cases depend on the time of asking: counted every time, from an index.
  std::vector<store::Value> params = orgs;
  params.emplace_back(now);
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kOverduePerWorkerOfOrgsSql) + in_orgs +
                                                  kOverduePerWorkerCondition,
                                              params));
  std::map<std::int64_t, std::int64_t> overdue_of_worker;
  for (const auto& row : rows) {
    overdue_of_worker[row.Int(0)] = row.Int(1);
    stats.overdue += row.Int(1);
  }
  for (auto& worker : stats.by_worker) {
    auto found = overdue_of_worker.find(worker.worker.id);
    worker.overdue = found == overdue_of_worker.end() ? 0 : found->second;
  }
  return stats;
}

Result<CaseStats> CaseService::RollupStats(const std::vector<store::Value>& orgs,
                                           const std::string& in_orgs, LocalDate first_month_day,
                                           std::int64_t first_month) const {
  CaseStats stats;
  // Open cases per primary worker, in the order of the busiest.
  std::map<std::int64_t, std::int64_t> open_of_worker;
  {
    JIELI_ASSIGN_OR_RETURN(auto rows,
                           db_.Query(std::string(kRollupStateOfOrgsSql) + in_orgs, orgs));
    std::map<std::string, std::int64_t> stages, risks;
    for (const auto& row : rows) {
      const std::string stage = row.Text(1);
      const std::int64_t cases = row.Int(3);
      stages[stage] += cases;
      if (stage == ToString(Stage::kClosed)) continue;
      risks[row.Text(2)] += cases;
      open_of_worker[row.Int(0)] += cases;
    }
    for (Stage stage : AllStages())
      stats.by_stage.emplace_back(stage, stages[std::string(ToString(stage))]);
    for (const auto& name : RiskLevelNames())
      stats.by_risk.emplace_back(*ParseRiskLevel(name), risks[name]);
  }
  {
    std::vector<std::pair<std::int64_t, std::int64_t>> busiest;  // (open, worker)
    for (const auto& [worker, open] : open_of_worker) {
      if (open > 0) busiest.emplace_back(open, worker);
    }
    std::sort(busiest.begin(), busiest.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (busiest.size() > 100) busiest.resize(100);
    // At most 100 workers: their names in one call to the orgs module.
    std::set<std::int64_t> workers;
    for (const auto& [open, worker] : busiest) workers.insert(worker);
    JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db_).DisplayNames(workers));
    for (const auto& [open, worker] : busiest) {
      stats.by_worker.push_back({{worker, names[worker]}, open, 0});
    }
  }
  {
    std::map<std::int64_t, std::size_t> index;  // YYYYMM → its place
    for (int i = 0; i < 12; ++i) {
      LocalDate month = first_month_day + date::months{i};
      index[static_cast<int>(month.year()) * 100 + static_cast<unsigned>(month.month())] =
          stats.per_month.size();
      stats.per_month.push_back({MonthOf(month), 0, 0});
    }
    std::vector<store::Value> params = orgs;
    params.emplace_back(first_month);
    JIELI_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query(std::string(kRollupMonthsOfOrgsSql) + in_orgs + kRollupSinceMonth, params));
    for (const auto& row : rows) {
      auto found = index.find(row.Int(0));
      if (found == index.end()) continue;
      stats.per_month[found->second].opened += row.Int(1);
      stats.per_month[found->second].closed += row.Int(2);
    }
  }
  return stats;
}

}  // namespace jieli::cases
