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
    "c.follow_up_done_note, c.created_by, c.created_at, c.followup_id FROM contacts c";
const char* const kContactCount = "SELECT COUNT(*) FROM contacts c";
const char* const kContactInsertSql =
    "INSERT INTO contacts (org_id, client_id, case_id, channel, direction, contact_at, summary, "
    "follow_up_due, follow_up_note, created_by, created_at, followup_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
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
    "c.satisfaction, c.escalation_level, c.improvement_id, c.version, c.public_reference "
    "FROM complaints c";
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

namespace jieli::feedback {

namespace {
const std::string kSurveyColumns =
    "SELECT s.id, s.org_id, s.title_zh, s.title_en, s.built_in, s.named, s.questionnaire, "
    "s.anonymous_token, s.state, s.created_by, s.created_at, s.version, ";
}  // namespace

const std::string kSurveyBareSelect = kSurveyColumns + "0, 0, 0 FROM surveys s";
const std::string kSurveySelect =
    kSurveyColumns +
    "(SELECT COUNT(*) FROM survey_links l WHERE l.survey_id = s.id AND "
    "l.superseded_at IS NULL), "
    "(SELECT COUNT(*) FROM survey_links l WHERE l.survey_id = s.id AND "
    "l.answered_at IS NOT NULL), "
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) FROM surveys s";
const char* const kSurveyCount = "SELECT COUNT(*) FROM surveys s";
const char* const kSurveyInsertSql =
    "INSERT INTO surveys (org_id, title_zh, title_en, built_in, named, questionnaire, "
    "anonymous_token, state, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id";
const char* const kSurveyCloseSql =
    "UPDATE surveys SET state = 'closed', version = version + 1 "
    "WHERE id = ? AND version = ? AND state = 'open'";
const char* const kLinksSupersedeSql =
    "UPDATE survey_links SET superseded_at = ? WHERE survey_id = ? AND client_id = ? AND "
    "answered_at IS NULL AND superseded_at IS NULL";
const char* const kLinkInsertSql =
    "INSERT INTO survey_links (survey_id, org_id, client_id, case_id, worker_id, token_hash, "
    "expires_on, sent_by, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
const char* const kLinkSelect =
    "SELECT l.id, l.client_id, l.case_id, l.sent_by, l.sent_at, l.expires_on, l.answered_at, "
    "l.superseded_at FROM survey_links l";
const char* const kLinkCount = "SELECT COUNT(*) FROM survey_links l";
const char* const kLinkRateSelect = "SELECT COUNT(*), COUNT(l.answered_at) FROM survey_links l";
const char* const kLinkByTokenSql =
    "SELECT id, survey_id, org_id, client_id, case_id, worker_id, expires_on, answered_at, "
    "superseded_at FROM survey_links WHERE token_hash = ?";
const char* const kSurveyByAnonymousTokenSql =
    "SELECT id, org_id FROM surveys WHERE anonymous_token = ?";
const char* const kLinkAnsweredSql =
    "UPDATE survey_links SET answered_at = ? WHERE id = ? AND answered_at IS NULL AND "
    "superseded_at IS NULL";
const char* const kDeviceAnsweredSql =
    "SELECT 1 FROM survey_responses WHERE survey_id = ? AND device_hash = ?";
const char* const kResponseInsertSql =
    "INSERT INTO survey_responses (survey_id, link_id, device_hash, org_id, client_id, "
    "worker_id, answers, total, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
const char* const kCaseScoresSql =
    "SELECT r.survey_id, l.case_id, r.total FROM survey_responses r "
    "JOIN survey_links l ON l.id = r.link_id "
    "WHERE l.case_id IS NOT NULL AND r.total IS NOT NULL AND r.org_id ";
// Complaints for the indicators (withdrawn ones do not count); append the IN list.
const char* const kComplaintFactsSql =
    "SELECT org_id, case_id, worker_concerned_id, received_at, acknowledged_at FROM complaints "
    "WHERE kind = 'complaint' AND state <> 'withdrawn' AND received_at >= ? AND received_at < ? "
    "AND org_id ";
const char* const kResponseSelect =
    "SELECT r.id, r.org_id, r.client_id, r.answers, r.total, r.submitted_at "
    "FROM survey_responses r";

}  // namespace jieli::feedback

namespace jieli::feedback {

const char* const kIntakeSelect =
    "SELECT r.id, r.reference, r.org_id, r.channel, r.name, r.phone_masked, r.phone_index, "
    "r.need_category, r.need, r.preferred_date, r.preferred_slot, r.state, r.received_at, "
    "r.handled_by, r.handled_at, r.case_id, r.client_id, r.decline_reason, r.decline_note, "
    "r.version FROM intake_requests r";
const char* const kIntakeCount = "SELECT COUNT(*) FROM intake_requests r";
const char* const kIntakeInsertSql =
    "INSERT INTO intake_requests (reference, org_id, channel, name, phone_enc, phone_masked, "
    "phone_index, need_category, need, preferred_date, preferred_slot, state, received_at) "
    "VALUES (?, ?, 'web', ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?) RETURNING id";
const char* const kIntakePhoneSql = "SELECT phone_enc, org_id FROM intake_requests WHERE id = ?";
const char* const kNewRequestsByPhoneSql =
    "SELECT phone_index, COUNT(*) FROM intake_requests WHERE state = 'new' AND phone_index ";

const char* const kComplainantContactSql =
    "SELECT complainant_contact_enc FROM complaints WHERE id = ?";

}  // namespace jieli::feedback
