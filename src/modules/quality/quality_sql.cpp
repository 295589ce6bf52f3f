#include "modules/quality/quality_sql.hpp"

namespace jieli::quality {

std::string DumpJson(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// --- supervision, training, improvement cycles (migration 23) ---

const char* const kSessionSelect =
    "SELECT s.id, s.org_id, s.supervisor_id, s.kind, s.session_date, s.minutes, s.topics, "
    "s.notes, s.created_by, s.created_at, s.updated_at FROM quality_supervision_sessions s";
const char* const kSessionCountFrom = "SELECT COUNT(*) FROM quality_supervision_sessions s";
const char* const kSessionInsertSql =
    "INSERT INTO quality_supervision_sessions (org_id, supervisor_id, kind, session_date, minutes, "
    "topics, notes, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "RETURNING id";
const char* const kSessionUpdateSql =
    "UPDATE quality_supervision_sessions SET kind = ?, session_date = ?, minutes = ?, topics = ?, "
    "notes = ?, updated_at = ? WHERE id = ? AND updated_at = ?";
const char* const kSuperviseesOfSql =
    "SELECT session_id, user_id FROM quality_supervisees WHERE session_id ";
const char* const kCasesOfSql =
    "SELECT session_id, case_id FROM quality_supervision_cases WHERE session_id ";
const char* const kSuperviseeInsertSql =
    "INSERT INTO quality_supervisees (session_id, user_id, org_id, session_date, minutes) "
    "VALUES (?, ?, ?, ?, ?)";
const char* const kSuperviseesDeleteSql = "DELETE FROM quality_supervisees WHERE session_id = ?";
const char* const kSessionCaseInsertSql =
    "INSERT INTO quality_supervision_cases (session_id, case_id) VALUES (?, ?)";
const char* const kSessionCasesDeleteSql =
    "DELETE FROM quality_supervision_cases WHERE session_id = ?";
const char* const kSessionMineCondition =
    "(s.supervisor_id = ? OR s.created_by = ? OR EXISTS (SELECT 1 FROM quality_supervisees v "
    "WHERE v.session_id = s.id AND v.user_id = ?))";

const char* const kLastSupervisionOfSql =
    "SELECT user_id, MAX(session_date) FROM quality_supervisees WHERE user_id ";

const char* const kActionSelect =
    "SELECT a.id, a.org_id, a.session_id, a.improvement_id, a.text, a.owner_id, a.due_on, "
    "a.progress, a.done_at, a.done_by, COALESCE(s.topics, i.title, '') FROM quality_actions a "
    "LEFT JOIN quality_supervision_sessions s ON s.id = a.session_id "
    "LEFT JOIN quality_improvements i ON i.id = a.improvement_id";
const char* const kActionInsertSql =
    "INSERT INTO quality_actions (org_id, session_id, improvement_id, text, owner_id, due_on, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
const char* const kActionDoneSql =
    "UPDATE quality_actions SET done_at = ?, done_by = ?, progress = ? WHERE id = ? AND done_at "
    "IS NULL";
const char* const kActionProgressSql =
    "UPDATE quality_actions SET progress = ? WHERE id = ? AND progress = ?";

const char* const kTrainingSelect =
    "SELECT t.id, t.org_id, t.title, t.kind, t.session_date, t.minutes, t.trainer, t.created_by, "
    "t.created_at FROM quality_trainings t";
const char* const kTrainingCountFrom = "SELECT COUNT(*) FROM quality_trainings t";
const char* const kTrainingInsertSql =
    "INSERT INTO quality_trainings (org_id, title, kind, session_date, minutes, trainer, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
const char* const kAttendanceOfSql =
    "SELECT training_id, user_id, minutes FROM quality_training_attendance WHERE training_id ";
const char* const kAttendanceInsertSql =
    "INSERT INTO quality_training_attendance (training_id, user_id, org_id, session_date, "
    "minutes) VALUES (?, ?, ?, ?, ?)";
const char* const kAttendanceDeleteSql =
    "DELETE FROM quality_training_attendance WHERE training_id = ?";
const char* const kHoursPerPersonSql =
    "SELECT user_id, COUNT(*), SUM(minutes) FROM quality_training_attendance WHERE org_id ";
const char* const kHoursPerPersonTail =
    " AND session_date >= ? AND session_date <= ? GROUP BY user_id ORDER BY user_id";
const char* const kOwnHoursSql =
    "SELECT user_id, COUNT(*), SUM(minutes) FROM quality_training_attendance WHERE user_id = ?";
const char* const kDutiesOfOrgsSql =
    "SELECT org_id, role, duties FROM quality_duties WHERE org_id ";
const char* const kDutiesUpsertSql =
    "INSERT INTO quality_duties (org_id, role, duties, updated_by, updated_at) VALUES (?, ?, ?, ?, "
    "?) ON CONFLICT (org_id, role) DO UPDATE SET duties = excluded.duties, updated_by = "
    "excluded.updated_by, updated_at = excluded.updated_at";

const char* const kImprovementSelect =
    "SELECT i.id, i.org_id, i.title, i.phase, i.source_kind, i.source_ref, i.problem, "
    "i.root_cause, i.indicator, i.before_value, i.after_value, i.check_note, i.standard_kind, "
    "i.standard_ref, i.owner_id, i.created_by, i.created_at, i.updated_at, i.version FROM "
    "quality_improvements i";
const char* const kImprovementCountFrom = "SELECT COUNT(*) FROM quality_improvements i";
const char* const kImprovementInsertSql =
    "INSERT INTO quality_improvements (org_id, title, phase, source_kind, source_ref, problem, "
    "root_cause, indicator, owner_id, created_by, created_at, updated_at) VALUES (?, ?, 'plan', ?, "
    "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
const char* const kImprovementUpdateSql =
    "UPDATE quality_improvements SET title = ?, problem = ?, root_cause = ?, indicator = ?, "
    "before_value = ?, after_value = ?, check_note = ?, standard_kind = ?, standard_ref = ?, "
    "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";
const char* const kImprovementMoveSql =
    "UPDATE quality_improvements SET phase = ?, updated_at = ?, version = version + 1 "
    "WHERE id = ? AND version = ?";
const char* const kHistoryInsertSql =
    "INSERT INTO quality_improvement_history (improvement_id, from_phase, to_phase, by_user, at, "
    "note) VALUES (?, ?, ?, ?, ?, ?)";
const char* const kHistoryOfSql =
    "SELECT from_phase, to_phase, by_user, at, note FROM quality_improvement_history "
    "WHERE improvement_id = ? ORDER BY at, id";

// --- objectives and policy (migration 24) ---

const char* const kObjectivesOfOrgsSql =
    "SELECT id, org_id, indicator, target, granularity, owner_id, note, updated_at "
    "FROM quality_objectives WHERE org_id ";
const char* const kObjectiveByIdSql =
    "SELECT id, org_id, indicator, target, granularity, owner_id, note, updated_at "
    "FROM quality_objectives WHERE id = ?";
const char* const kObjectiveExistsSql =
    "SELECT id FROM quality_objectives WHERE org_id = ? AND indicator = ?";
const char* const kObjectiveInsertSql =
    "INSERT INTO quality_objectives (org_id, indicator, target, granularity, owner_id, note, "
    "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
const char* const kObjectiveUpdateSql =
    "UPDATE quality_objectives SET target = ?, granularity = ?, owner_id = ?, note = ?, "
    "updated_at = ? WHERE id = ?";
const char* const kObjectiveDeleteSql = "DELETE FROM quality_objectives WHERE id = ?";
const char* const kPoliciesOfOrgsSql =
    "SELECT org_id, text, updated_by, updated_at FROM quality_policies WHERE org_id ";
const char* const kPolicyUpsertSql =
    "INSERT INTO quality_policies (org_id, text, updated_by, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (org_id) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
const char* const kPolicyDeleteSql = "DELETE FROM quality_policies WHERE org_id = ?";

// --- indicator signals (migration 25) ---

const char* const kSignalSelect =
    "SELECT g.id, g.org_id, g.indicator, g.period, g.rules, g.value, g.centre, g.lower_limit, "
    "g.upper_limit, g.detected_at, g.state, g.note, g.handled_by, g.handled_at, g.improvement_id "
    "FROM quality_signals g";
const char* const kSignalCountFrom = "SELECT COUNT(*) FROM quality_signals g";
const char* const kSignalPeriodsSql =
    "SELECT indicator, period FROM quality_signals WHERE org_id = ?";
const char* const kSignalInsertSql =
    "INSERT INTO quality_signals (org_id, indicator, period, rules, value, centre, lower_limit, "
    "upper_limit, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (org_id, indicator, period) DO NOTHING RETURNING id";
const char* const kSignalHandleSql =
    "UPDATE quality_signals SET state = ?, note = ?, handled_by = ?, handled_at = ?, "
    "improvement_id = ? WHERE id = ? AND state = 'open'";

// --- staff hours (the supervision and training indicators) ---

const char* const kSupervisionHoursSql =
    "SELECT user_id, session_date, minutes FROM quality_supervisees WHERE session_date >= ? AND "
    "session_date <= ? AND user_id ";
const char* const kTrainingHoursSql =
    "SELECT user_id, session_date, minutes FROM quality_training_attendance WHERE session_date >= "
    "? AND session_date <= ? AND user_id ";

// --- case-file audits (migration 26) ---

const char* const kChecklistOfOrgSql =
    "SELECT item_key, stage, text_zh, text_en, weight, retired, builtin FROM "
    "quality_checklist_items WHERE org_id = ? ORDER BY position";
const char* const kChecklistDeleteSql = "DELETE FROM quality_checklist_items WHERE org_id = ?";
const char* const kChecklistInsertSql =
    "INSERT INTO quality_checklist_items (org_id, item_key, position, stage, text_zh, text_en, "
    "weight, retired, builtin, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char* const kRoundSelect =
    "SELECT r.id, r.org_id, r.title, r.period_from, r.period_to, r.basis, r.stage, r.worker_id, "
    "r.sample_size, r.seed, r.population, r.state, r.checklist, r.created_by, r.created_at, "
    "r.finished_at FROM quality_audit_rounds r";
const char* const kRoundCountFrom = "SELECT COUNT(*) FROM quality_audit_rounds r";
const char* const kRoundInsertSql =
    "INSERT INTO quality_audit_rounds (org_id, title, period_from, period_to, basis, stage, "
    "worker_id, sample_size, seed, population, state, checklist, created_by, created_at) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id";
const char* const kRoundFinishSql =
    "UPDATE quality_audit_rounds SET state = 'finished', finished_at = ? WHERE id = ? AND state = "
    "'open'";
const char* const kAuditorsOfSql =
    "SELECT user_id FROM quality_audit_auditors WHERE round_id = ? ORDER BY position";
const char* const kAuditorInsertSql =
    "INSERT INTO quality_audit_auditors (round_id, user_id, position) VALUES (?, ?, ?)";
const char* const kAuditCasesSql =
    "SELECT case_id, position, org_id, worker_id, co_worker_id, auditor_id, excluded, stages, "
    "done, comment FROM quality_audit_cases WHERE round_id = ? ORDER BY position";
const char* const kAuditCaseInsertSql =
    "INSERT INTO quality_audit_cases (round_id, case_id, position, org_id, worker_id, "
    "co_worker_id, auditor_id, excluded, stages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
const char* const kAuditCaseScoredSql =
    "UPDATE quality_audit_cases SET done = ?, comment = ?, scored_at = ? WHERE round_id = ? AND "
    "case_id = ?";
const char* const kAuditScoresSql =
    "SELECT case_id, item_key, score, comment FROM quality_audit_scores WHERE round_id = ? ORDER "
    "BY case_id, item_key";
const char* const kAuditScoresOfCaseDeleteSql =
    "DELETE FROM quality_audit_scores WHERE round_id = ? AND case_id = ?";
const char* const kAuditScoreInsertSql =
    "INSERT INTO quality_audit_scores (round_id, case_id, item_key, score, comment) VALUES (?, ?, "
    "?, ?, ?)";
const char* const kRoundMineCondition =
    "(EXISTS (SELECT 1 FROM quality_audit_auditors x WHERE x.round_id = r.id AND x.user_id = ?) "
    "OR EXISTS (SELECT 1 FROM quality_audit_cases y WHERE y.round_id = r.id AND y.worker_id = ? "
    "AND y.excluded = ''))";

const char* const kFindingSelect =
    "SELECT f.id, f.round_id, f.org_id, f.case_id, f.item_key, f.severity, f.text, f.due_on, "
    "f.state, f.owner_id, f.auditor_id, f.correction_note, f.corrected_at, f.verify_note, "
    "f.closed_at, f.improvement_id, f.created_at, r.title FROM quality_audit_findings f JOIN "
    "quality_audit_rounds r ON r.id = f.round_id";
const char* const kFindingInsertSql =
    "INSERT INTO quality_audit_findings (round_id, org_id, case_id, item_key, severity, text, "
    "due_on, state, owner_id, auditor_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
    "'open', ?, ?, ?, ?) RETURNING id";
const char* const kFindingMoveSql =
    "UPDATE quality_audit_findings SET state = ?, correction_note = ?, corrected_at = ?, "
    "verify_note = ?, closed_at = ?, updated_at = ? WHERE id = ? AND state = ?";
const char* const kFindingImprovementSql =
    "UPDATE quality_audit_findings SET improvement_id = ?, updated_at = ? WHERE id = ? AND "
    "improvement_id IS NULL";

}  // namespace jieli::quality
