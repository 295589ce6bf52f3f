// Every SQL statement of the quality module, as named constants (parameters
// always bound); quality_sql.cpp holds the text.
#pragma once

#include <string>

#include "core/json.hpp"

namespace jieli::quality {

// JSON for a TEXT column or the audit log (invalid UTF-8 replaced, never thrown).
std::string DumpJson(const Json& json);

// --- supervision, training, improvement cycles (migration 23) ---

// Sessions: kSessionSelect + " WHERE …"; columns id, org_id, supervisor_id,
// kind, session_date, minutes, topics, notes, created_by, created_at, updated_at.
extern const char* const kSessionSelect;
extern const char* const kSessionCountFrom;  // "SELECT COUNT(*) FROM … s"
extern const char* const kSessionInsertSql;
extern const char* const kSessionUpdateSql;
// Of sessions: + InList(n).
extern const char* const kSuperviseesOfSql;
extern const char* const kCasesOfSql;
extern const char* const kSuperviseeInsertSql;
extern const char* const kSuperviseesDeleteSql;
extern const char* const kSessionCaseInsertSql;
extern const char* const kSessionCasesDeleteSql;
// The visibility condition of sessions (alias s) for a caller who is not a
// leader there: supervisor, author or supervisee.
extern const char* const kSessionMineCondition;
// Append an auth::InList of users, then " GROUP BY user_id". Rows: (user_id,
// the date of their last supervision session).
extern const char* const kLastSupervisionOfSql;

// Actions: kActionSelect + " WHERE …"; columns id, org_id, session_id,
// improvement_id, text, owner_id, due_on, progress, done_at, done_by,
// context (the session's topics or the cycle's title).
extern const char* const kActionSelect;
extern const char* const kActionInsertSql;
extern const char* const kActionDoneSql;
extern const char* const kActionProgressSql;

// Training.
extern const char* const kTrainingSelect;
extern const char* const kTrainingCountFrom;
extern const char* const kTrainingInsertSql;
extern const char* const kAttendanceOfSql;  // + InList(n)
extern const char* const kAttendanceInsertSql;
extern const char* const kAttendanceDeleteSql;
// Minutes and sessions per person over org ids (+ InList) and a period (from, to).
extern const char* const kHoursPerPersonSql;
extern const char* const kHoursPerPersonTail;
extern const char* const kOwnHoursSql;      // + kHoursPerPersonTail; the caller's id
extern const char* const kDutiesOfOrgsSql;  // + InList(n)
extern const char* const kDutiesUpsertSql;

// Improvement cycles: kImprovementSelect + " WHERE …"; columns id, org_id,
// title, phase, source_kind, source_ref, problem, root_cause, indicator,
// before_value, after_value, check_note, standard_kind, standard_ref,
// owner_id, created_by, created_at, updated_at, version.
extern const char* const kImprovementSelect;
extern const char* const kImprovementCountFrom;
extern const char* const kImprovementInsertSql;
extern const char* const kImprovementUpdateSql;
extern const char* const kImprovementMoveSql;
extern const char* const kHistoryInsertSql;
extern const char* const kHistoryOfSql;

// --- objectives and policy (migration 24) ---

// Objectives, columns id, org_id, indicator, target, granularity, owner_id,
// note, updated_at: of org ids (+ InList(n)), or one by id.
extern const char* const kObjectivesOfOrgsSql;
extern const char* const kObjectiveByIdSql;
extern const char* const kObjectiveExistsSql;  // org_id, indicator
extern const char* const kObjectiveInsertSql;
extern const char* const kObjectiveUpdateSql;
extern const char* const kObjectiveDeleteSql;
// Policies: org_id, text, updated_by, updated_at of org ids (+ InList(n)).
extern const char* const kPoliciesOfOrgsSql;
extern const char* const kPolicyUpsertSql;
extern const char* const kPolicyDeleteSql;

// --- indicator signals (migration 25) ---

// Signals: kSignalSelect + " WHERE …"; columns id, org_id, indicator, period,
// rules, value, centre, lower_limit, upper_limit, detected_at, state, note,
// handled_by, handled_at, improvement_id.
extern const char* const kSignalSelect;
extern const char* const kSignalCountFrom;
// The (indicator, period) pairs recorded for an organisation (org_id).
extern const char* const kSignalPeriodsSql;
// Inserts one unless (org, indicator, period) is recorded; RETURNING id (no
// row when it was).
extern const char* const kSignalInsertSql;
// Moves an open signal (state, note, handled_by, handled_at, improvement_id;
// id): no row changed when it was handled meanwhile.
extern const char* const kSignalHandleSql;

// --- staff hours (the supervision and training indicators) ---

// Rows (user_id, session_date, minutes) of supervisees and of training
// attendance on local days from … to (both included, YYYY-MM-DD): bind the two
// dates, append auth::InList(n) and the user ids.
extern const char* const kSupervisionHoursSql;
extern const char* const kTrainingHoursSql;

// --- case-file audits (migration 26) ---

// An agency's checklist: columns item_key, stage, text_zh, text_en, weight,
// retired, builtin, in position order; org_id bound.
extern const char* const kChecklistOfOrgSql;
extern const char* const kChecklistDeleteSql;
extern const char* const kChecklistInsertSql;

// Rounds: kRoundSelect + " WHERE …"; columns id, org_id, title, period_from,
// period_to, basis, stage, worker_id, sample_size, seed, population, state,
// checklist, created_by, created_at, finished_at.
extern const char* const kRoundSelect;
extern const char* const kRoundCountFrom;
extern const char* const kRoundInsertSql;
extern const char* const kRoundFinishSql;
extern const char* const kAuditorsOfSql;  // round_id bound; user_id in position order
extern const char* const kAuditorInsertSql;
// The sample: columns case_id, position, org_id, worker_id, co_worker_id,
// auditor_id, excluded, stages, done, comment; round_id bound.
extern const char* const kAuditCasesSql;
extern const char* const kAuditCaseInsertSql;
extern const char* const kAuditCaseScoredSql;
// Scores: columns case_id, item_key, score, comment; round_id bound.
extern const char* const kAuditScoresSql;
extern const char* const kAuditScoresOfCaseDeleteSql;
extern const char* const kAuditScoreInsertSql;
// The visibility condition of rounds (alias r) for a caller without
// quality.manage there: an auditor of it, or the worker of a case in it.
extern const char* const kRoundMineCondition;

// Findings: kFindingSelect + " WHERE …"; columns id, round_id, org_id, case_id,
// item_key, severity, text, due_on, state, owner_id, auditor_id,
// correction_note, corrected_at, verify_note, closed_at, improvement_id,
// created_at, round title.
extern const char* const kFindingSelect;
extern const char* const kFindingInsertSql;
// state, correction_note, corrected_at, verify_note, closed_at, updated_at;
// id and the state before bound.
extern const char* const kFindingMoveSql;
extern const char* const kFindingImprovementSql;

}  // namespace jieli::quality
