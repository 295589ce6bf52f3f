// The case rollup (rollup_schema.hpp): counts per organisation, worker, stage,
// risk and local day that the home pages and the quality indicators read
// instead of scanning the cases. CaseService moves a case's counts in the
// transaction of every change to it; RebuildRollup recomputes them all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/result.hpp"
#include "modules/cases/case.hpp"
#include "store/db.hpp"

namespace jieli::cases {

// What of a case the rollup counts.
struct RollupFacts {
  std::int64_t org_id = 0;
  std::int64_t worker_id = 0;  // the primary worker
  std::string stage;
  std::string risk;
  EpochMs opened_at = 0;
  std::optional<EpochMs> assessment_at, planning_at, intervention_at, evaluation_at, closed_at;
};

RollupFacts RollupFactsOf(const Case& c, const CaseTeam& team);

// The local day (Asia/Shanghai) of t as days since 1970-01-01: the same
// integer arithmetic as the SQL that fills the rollup.
std::int64_t RollupDay(EpochMs t);
// The calendar day of a RollupDay, and its month as YYYYMM (202611).
LocalDate RollupDate(std::int64_t day);
std::int64_t RollupMonth(std::int64_t day);

// The facts of a case as stored at a version (params: id, version); none when
// the case changed meanwhile.
extern const char* const kRollupFactsOfCaseSql;
RollupFacts RollupFactsFromRow(const store::Row& row);

// Moves a case's counts from what it was (none: it did not exist) to what it is.
Status MoveCaseInRollup(store::Executor& tx, const std::optional<RollupFacts>& before,
                        const std::optional<RollupFacts>& after);

// Counts a service record (sign +1) or takes it off (-1).
Status CountServiceInRollup(store::Executor& tx, std::int64_t org_id, const std::string& date,
                            std::int64_t author_id, std::int64_t minutes, int sign);

// What a rebuild wrote.
struct RollupRebuilt {
  std::int64_t state_rows = 0, day_rows = 0, service_rows = 0;  // day_rows: days and months
  std::int64_t cases = 0, service_records = 0;
};

// Empties the rollup and recomputes it from the records, in one transaction.
Result<RollupRebuilt> RebuildRollup(store::Db& db);

}  // namespace jieli::cases
