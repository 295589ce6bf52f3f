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

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/notifications/notification_service.hpp"
#include "store/db.hpp"

namespace jieli::quality {

class QualityService {
 public:
  QualityService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
                 const cases::CaseService& cases,
                 const notifications::NotificationService& notifications)
      : db_(db), clock_(clock), audit_(audit), cases_(cases), notifications_(notifications) {}

  // --- indicators, series, funnel plots, objectives (quality_indicators.cpp) ---

  // --- supervision, training, improvement cycles (quality_supervision.cpp,
  //     quality_training.cpp, quality_improvements.cpp) ---

 private:
  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const cases::CaseService& cases_;
  const notifications::NotificationService& notifications_;
};

}  // namespace jieli::quality
