#include "modules/feedback/feedback_sql.hpp"

namespace jieli::feedback {

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
