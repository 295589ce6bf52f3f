#include "modules/feedback/feedback_sql.hpp"

namespace jieli::feedback {

std::string DumpJson(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* const kCalendarBetweenSql =
    "SELECT day, kind, name, updated_by, updated_at FROM feedback_calendar "
    "WHERE day >= ? AND day <= ? ORDER BY day";
const char* const kCalendarDeleteBetweenSql =
    "DELETE FROM feedback_calendar WHERE day >= ? AND day <= ?";
const char* const kCalendarInsertSql =
    "INSERT INTO feedback_calendar (day, kind, name, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?)";

const char* const kContactSelect =
    "SELECT c.id, c.org_id, c.client_id, c.case_id, c.channel, c.direction, c.contact_at, "
    "c.summary, c.follow_up_due, c.follow_up_note, c.follow_up_done_at, c.follow_up_done_by, "
    "c.follow_up_done_note, c.created_by, c.created_at FROM contacts c";
const char* const kContactCount = "SELECT COUNT(*) FROM contacts c";
const char* const kContactInsertSql =
    "INSERT INTO contacts (org_id, client_id, case_id, channel, direction, contact_at, summary, "
    "follow_up_due, follow_up_note, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
const char* const kFollowUpDoneSql =
    "UPDATE contacts SET follow_up_done_at = ?, follow_up_done_by = ?, follow_up_done_note = ? "
    "WHERE id = ? AND follow_up_due IS NOT NULL AND follow_up_done_at IS NULL";

}  // namespace jieli::feedback

namespace jieli::feedback {

const char* const kComplaintSelect =
    "SELECT c.id, c.org_id, c.kind, c.category, c.channel, c.severity, c.state, c.subject, "
    "c.details, c.complainant_name, c.complainant_contact_masked, c.client_id, c.case_id, "
    "c.worker_concerned_id, c.handler_id, c.received_by, c.received_at, c.acknowledge_due, "
    "c.resolve_due, c.acknowledged_at, c.resolved_at, c.closed_at, c.resolution, c.cause, "
    "c.satisfaction, c.escalation_level, c.improvement_id, c.version FROM complaints c";
const char* const kComplaintCount = "SELECT COUNT(*) FROM complaints c";
const char* const kComplaintInsertSql =
    "INSERT INTO complaints (org_id, kind, category, channel, severity, state, subject, details, "
    "complainant_name, complainant_contact_enc, complainant_contact_masked, client_id, case_id, "
    "worker_concerned_id, handler_id, received_by, received_at, acknowledge_due, resolve_due) "
    "VALUES (?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
const char* const kComplaintEventInsertSql =
    "INSERT INTO complaint_events (complaint_id, action, at, by_id, note) VALUES (?, ?, ?, ?, ?)";
const char* const kComplaintEventsOfSql =
    "SELECT complaint_id, action, at, by_id, note FROM complaint_events WHERE complaint_id ";
const char* const kPoliciesOfSql =
    "SELECT org_id, acknowledge_days, resolve_days, leader_after_days FROM complaint_policies "
    "WHERE org_id ";
const char* const kPolicyUpsertSql =
    "INSERT INTO complaint_policies (org_id, acknowledge_days, resolve_days, leader_after_days, "
    "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET "
    "acknowledge_days = excluded.acknowledge_days, resolve_days = excluded.resolve_days, "
    "leader_after_days = excluded.leader_after_days, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
const char* const kOverdueComplaintsSql =
    " WHERE c.escalation_level < 2 AND ((c.state = 'received' AND c.acknowledge_due < ?) OR "
    "(c.state = 'acknowledged' AND c.resolve_due < ?)) ORDER BY c.id";

}  // namespace jieli::feedback
