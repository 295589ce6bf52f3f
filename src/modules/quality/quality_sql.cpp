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

}  // namespace jieli::quality
