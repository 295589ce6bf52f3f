// QualityService: quality management (全面质量管理) in the store — indicators
// computed from the records, their control charts and funnel plots, quality
// objectives, supervision (督导), training, and improvement cycles (PDCA).
// Formulas, limits and state machines are the plain-C++ rules beside this
// file (spc.hpp, period.hpp, audit_sample.hpp, improvement.hpp, indicator
// rules); this class checks the caller's scope and writes the audit log.
//
// Who may do what, on an organisation:
//   see indicators, charts, objectives, supervision,   quality.read — a worker their own
//   training and cycles                                numbers, a supervisor their team's,
//                                                      a leader the agency's, the bureau
//                                                      aggregates of its region (no client)
//   set objectives, record supervision and training,   quality.manage (leaders, supervisors)
//   open and move improvement cycles
// Outside the scope a record is "quality.not_found".
//
// The case data behind the indicators is read through CaseService (the
// quality module's SQL names only its own tables).
// Thread-safe: holds references only; each call uses its own transaction.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/quality/indicator.hpp"
#include "store/db.hpp"

namespace jieli::quality {

class QualityService {
 public:
  QualityService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
                 const cases::CaseService& cases,
                 const notifications::NotificationService& notifications)
      : db_(db), clock_(clock), audit_(audit), cases_(cases), notifications_(notifications) {}

  // --- indicators, series, funnel plots, objectives (quality_indicators.cpp) ---

  // Every indicator over the window, by query.by (and per period with a
  // granularity), over the cases the caller may see: a worker their own, a
  // supervisor those they supervise and their own, a leader and the bureau
  // every case of the organisations where they hold the role. Errors:
  // "quality.not_found" for an org_id outside the scope, validation.failed.
  Result<ValuesTable> Values(const auth::Actor& actor, const IndicatorQuery& query) const;
  // One indicator per period with its control chart from the baseline (the
  // whole range by default). No limits when the baseline has too little data.
  Result<IndicatorSeries> Series(const auth::Actor& actor, std::string_view id,
                                 const IndicatorQuery& query) const;
  // The units (query.by: org, worker or district) of one indicator over the
  // window against the overall value, with the funnel's limits.
  Result<IndicatorFunnel> Funnel(const auth::Actor& actor, std::string_view id,
                                 const IndicatorQuery& query) const;

  // --- supervision, training, improvement cycles (quality_supervision.cpp,
  //     quality_training.cpp, quality_improvements.cpp) ---

 private:
  // The facts of the cases the caller may see among those of query.org_id
  // (and below) active in [from, to).
  Result<std::vector<cases::CaseQualityFacts>> VisibleFacts(const auth::Actor& actor,
                                                            const IndicatorQuery& query,
                                                            EpochMs from, EpochMs to) const;
  // The display names of units (organisations, workers, regions) by key.
  Result<std::map<std::string, std::string>> UnitNames(UnitBy by,
                                                       const std::set<std::string>& keys) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const cases::CaseService& cases_;
  const notifications::NotificationService& notifications_;
};

}  // namespace jieli::quality
