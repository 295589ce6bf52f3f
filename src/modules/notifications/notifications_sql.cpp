#include "modules/notifications/notifications_sql.hpp"

namespace jieli::notifications {

const std::string_view kNotificationSelect =
    "SELECT id, user_id, org_id, kind, subject_type, subject_id, params, created_at, read_at "
    "FROM notifications";

const std::string_view kNotificationInsertSql =
    "INSERT INTO notifications (user_id, org_id, kind, subject_type, subject_id, params, "
    "dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id";

const std::string_view kCountsOfUserSql =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0) "
    "FROM notifications WHERE user_id = ?";

// Marking twice keeps the first time.
const std::string_view kMarkReadSql =
    "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL";

const std::string_view kMarkAllReadSql =
    "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";

const std::string_view kMarkAllReadAsSentSql =
    "UPDATE notifications SET read_at = created_at WHERE read_at IS NULL";

const std::string_view kMarkReadAsSentExceptSql =
    "UPDATE notifications SET read_at = created_at WHERE read_at IS NULL AND (dedupe_key IS NULL "
    "OR dedupe_key NOT ";

Notification NotificationFromRow(const store::Row& row) {
  Notification n;
  n.id = row.Int(0);
  n.user_id = row.Int(1);
  n.org_id = row.OptInt(2);
  n.kind = row.Text(3);
  n.subject_type = row.Text(4);
  n.subject_id = row.OptInt(5);
  n.params = row.Text(6);
  n.created_at = row.Int(7);
  n.read_at = row.OptInt(8);
  return n;
}

}  // namespace jieli::notifications
