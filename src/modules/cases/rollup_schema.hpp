// Migration 22: the case rollup — counts that do not grow with the records, for
// the home pages' counts (/cases/stats) and the quality indicators.
//   case_rollup_state     cases now, per organisation, primary worker, stage
//                         and risk level
//   case_rollup_days      per organisation, local day and primary worker: the
//                         cases opened that day, that entered assessment,
//                         planning (assessment done), intervention (plan
//                         approved) and evaluation that day, and closed that day
//                         (closure approved) — as the cases' times stand now: a
//                         step back or a reopening that clears a stage's time
//                         takes its count off again
//   case_rollup_months    the same per organisation and local month (YYYYMM,
//                         202611): what a year of an agency's counts needs is
//                         twelve rows, not thousands of worker-days
//   case_rollup_services  per organisation, service date and author: the
//                         records not withdrawn and their minutes
// A case's counts follow its organisation and its primary worker now (a
// transfer moves them), as the counts that were scanned from the cases did.
// CaseService keeps them in the transaction of every change (rollup.hpp);
// `jieli rollup rebuild` recomputes them. A count that fell to zero keeps its
// row at 0.
//
// A local day is a day number: (ms + 8 h) / 1 day, days since 1970-01-01 in
// Asia/Shanghai (UTC+8 without summer time since 1991), the same integer
// arithmetic on both backends and in C++ (RollupDay). Its month is found with
// the same integer arithmetic too (the civil calendar from a day number, as
// date::civil_from_days does), so that the fill is portable SQL.
//
// On SQLite the tables are WITHOUT ROWID: an agency's rows (737 state rows in
// the benchmark agency) are read as one range of the primary key instead of a
// look-up in the table for each row of the key's index (docs/store.md).
//
// The migration fills the tables from the existing rows, so an upgraded
// database is right when it starts. It also widens cases(org_id, due_at,
// stage) by the primary worker: the overdue cases per worker, which depend on
// the time of asking and so stay out of the rollup, are counted from the index
// alone. And it orders a stage's cases by their opening: the case list's
// newest-first page of one stage (GET /cases?stage=intervention&sort=-opened_at)
// sorted every case of the stage in the scope (1,348 in the benchmark agency,
// 1.2 ms in SQLite) through cases(org_id, stage, risk, opened_at); with this
// index SQLite takes the newest of each organisation in order (52 µs).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "store/migration.hpp"

namespace jieli::cases {

// The statements that fill the empty rollup from the records; shared by the
// migration and RebuildRollup.
inline constexpr char kCaseRollupFillSql[] = R"sql(
INSERT INTO case_rollup_state (org_id, worker_id, stage, risk, cases)
SELECT org_id, primary_worker_id, stage, risk, COUNT(*) FROM cases
GROUP BY org_id, primary_worker_id, stage, risk;
INSERT INTO case_rollup_days (org_id, day, worker_id, opened, entered_assessment,
  entered_planning, entered_intervention, entered_evaluation, closed)
SELECT org_id, day, worker_id, SUM(opened), SUM(entered_assessment), SUM(entered_planning),
  SUM(entered_intervention), SUM(entered_evaluation), SUM(closed)
FROM (
  SELECT org_id, (opened_at + 28800000) / 86400000 AS day, primary_worker_id AS worker_id,
    1 AS opened, 0 AS entered_assessment, 0 AS entered_planning, 0 AS entered_intervention,
    0 AS entered_evaluation, 0 AS closed FROM cases
  UNION ALL SELECT org_id, (assessment_at + 28800000) / 86400000, primary_worker_id,
    0, 1, 0, 0, 0, 0 FROM cases WHERE assessment_at IS NOT NULL
  UNION ALL SELECT org_id, (planning_at + 28800000) / 86400000, primary_worker_id,
    0, 0, 1, 0, 0, 0 FROM cases WHERE planning_at IS NOT NULL
  UNION ALL SELECT org_id, (intervention_at + 28800000) / 86400000, primary_worker_id,
    0, 0, 0, 1, 0, 0 FROM cases WHERE intervention_at IS NOT NULL
  UNION ALL SELECT org_id, (evaluation_at + 28800000) / 86400000, primary_worker_id,
    0, 0, 0, 0, 1, 0 FROM cases WHERE evaluation_at IS NOT NULL
  UNION ALL SELECT org_id, (closed_at + 28800000) / 86400000, primary_worker_id,
    0, 0, 0, 0, 0, 1 FROM cases WHERE closed_at IS NOT NULL
) stage_times
GROUP BY org_id, day, worker_id;
INSERT INTO case_rollup_months (org_id, month, opened, entered_assessment, entered_planning,
  entered_intervention, entered_evaluation, closed)
SELECT org_id, (y + CASE WHEN mp < 10 THEN 0 ELSE 1 END) * 100
    + CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS month,
  SUM(opened), SUM(entered_assessment), SUM(entered_planning), SUM(entered_intervention),
  SUM(entered_evaluation), SUM(closed)
FROM (SELECT *, (5 * doy + 2) / 153 AS mp
  FROM (SELECT *, doe - (365 * yoe + yoe / 4 - yoe / 100) AS doy, yoe + era * 400 AS y
    FROM (SELECT *, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe
      FROM (SELECT *, z - era * 146097 AS doe
        FROM (SELECT *, z / 146097 AS era
          FROM (SELECT org_id, day + 719468 AS z, opened, entered_assessment, entered_planning,
                  entered_intervention, entered_evaluation, closed FROM case_rollup_days) d1
        ) d2) d3) d4) d5) d6
GROUP BY org_id, (y + CASE WHEN mp < 10 THEN 0 ELSE 1 END) * 100
    + CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END;
INSERT INTO case_rollup_services (org_id, service_date, author_id, records, minutes)
SELECT c.org_id, s.service_date, s.created_by, COUNT(*), SUM(s.minutes)
FROM case_services s JOIN cases c ON c.id = s.case_id
WHERE s.withdrawn_at IS NULL
GROUP BY c.org_id, s.service_date, s.created_by;
)sql";

inline constexpr char kCaseRollupTablesSql[] = R"sql(
CREATE TABLE case_rollup_state (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  worker_id BIGINT NOT NULL REFERENCES users(id),
  stage TEXT NOT NULL,
  risk TEXT NOT NULL,
  cases BIGINT NOT NULL,
  PRIMARY KEY (org_id, worker_id, stage, risk)
) {{without_rowid}};
CREATE TABLE case_rollup_days (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  day BIGINT NOT NULL,
  worker_id BIGINT NOT NULL REFERENCES users(id),
  opened BIGINT NOT NULL DEFAULT 0,
  entered_assessment BIGINT NOT NULL DEFAULT 0,
  entered_planning BIGINT NOT NULL DEFAULT 0,
  entered_intervention BIGINT NOT NULL DEFAULT 0,
  entered_evaluation BIGINT NOT NULL DEFAULT 0,
  closed BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, worker_id)
) {{without_rowid}};
CREATE TABLE case_rollup_months (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  month BIGINT NOT NULL,
  opened BIGINT NOT NULL DEFAULT 0,
  entered_assessment BIGINT NOT NULL DEFAULT 0,
  entered_planning BIGINT NOT NULL DEFAULT 0,
  entered_intervention BIGINT NOT NULL DEFAULT 0,
  entered_evaluation BIGINT NOT NULL DEFAULT 0,
  closed BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, month)
) {{without_rowid}};
CREATE TABLE case_rollup_services (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  service_date TEXT NOT NULL,
  author_id BIGINT NOT NULL REFERENCES users(id),
  records BIGINT NOT NULL DEFAULT 0,
  minutes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, service_date, author_id)
) {{without_rowid}};
DROP INDEX cases_org_due_stage;
CREATE INDEX cases_org_due_stage_worker ON cases(org_id, due_at, stage, primary_worker_id);
CREATE INDEX cases_org_stage_opened ON cases(org_id, stage, opened_at, id);
)sql";

namespace rollup_detail {
// a + b as one constant array, so that the migration's text is a constant.
template <std::size_t A, std::size_t B>
constexpr std::array<char, A + B - 1> Joined(const char (&a)[A], const char (&b)[B]) {
  std::array<char, A + B - 1> out{};
  for (std::size_t i = 0; i + 1 < A; ++i) out[i] = a[i];
  for (std::size_t i = 0; i < B; ++i) out[A - 1 + i] = b[i];
  return out;
}
inline constexpr auto kMigrationSql = Joined(kCaseRollupTablesSql, kCaseRollupFillSql);
}  // namespace rollup_detail

inline constexpr store::Migration kCaseRollupMigration = {
    22, "case_rollup",
    std::string_view(rollup_detail::kMigrationSql.data(), rollup_detail::kMigrationSql.size() - 1)};

// Migration 28: a version per organisation of its rollup. Every change that
// moves an organisation's counts adds one to its row in the same transaction
// (a missing row is version 0), so that a reader can keep counts until the
// versions of the organisations it read move (stats_cache.hpp).
inline constexpr store::Migration kRollupVersionsMigration = {28, "case_rollup_versions", R"sql(
CREATE TABLE case_rollup_versions (
  org_id BIGINT NOT NULL PRIMARY KEY REFERENCES organizations(id),
  version BIGINT NOT NULL
) {{without_rowid}};
)sql"};

}  // namespace jieli::cases
