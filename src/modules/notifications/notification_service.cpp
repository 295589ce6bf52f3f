#include "modules/notifications/notification_service.hpp"

#include <algorithm>
#include <string>

#include "core/json.hpp"

namespace jieli::notifications {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, user_id, org_id, kind, subject_type, subject_id, params, created_at, read_at "
    "FROM notifications";

Notification FromRow(const store::Row& row) {
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

Status RequireUser(const auth::Actor& actor) {
  // The system actor has no inbox.
  if (actor.is_system()) return NotFoundError("notifications.not_found");
  return Ok();
}

}  // namespace

Result<std::vector<std::int64_t>> NotificationService::Send(
    store::Transaction& tx, const std::vector<std::int64_t>& user_ids,
    const NewNotification& notification) const {
  std::vector<std::int64_t> users = user_ids;
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  const EpochMs now = clock_.Now();
  std::vector<std::int64_t> sent;
  for (std::int64_t user : users) {
    // ON CONFLICT … DO NOTHING returns no row for a user who already has it.
    auto inserted = tx.Query(
        "INSERT INTO notifications (user_id, org_id, kind, subject_type, subject_id, params, "
        "dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id",
        {user, store::OrNull(notification.org_id), notification.kind, notification.subject_type,
         store::OrNull(notification.subject_id), notification.params,
         store::NullIfEmpty(notification.dedupe_key), now});
    if (!inserted) return inserted.error();
    if (!inserted->empty()) sent.push_back(user);
  }
  if (!sent.empty()) {
    Json data = {{"kind", notification.kind}};
    JIELI_RETURN_IF_ERROR(bus_.Publish(tx, {"notification", sent, data.dump()}));
  }
  return sent;
}

Result<NotificationPage> NotificationService::List(const auth::Actor& actor, bool unread_only,
                                                   std::int64_t offset, std::int64_t limit) const {
  NotificationPage page;
  if (actor.is_system()) return page;
  const std::string where =
      unread_only ? " WHERE user_id = ? AND read_at IS NULL" : " WHERE user_id = ?";
  auto counts = db_.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0) "
      "FROM notifications WHERE user_id = ?",
      {actor.user_id()});
  if (!counts) return counts.error();
  page.total = unread_only ? (*counts)->Int(1) : (*counts)->Int(0);
  page.unread = (*counts)->Int(1);
  if (limit <= 0 || page.total == 0) return page;
  auto rows = db_.Query(
      std::string(kSelect) + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
      {actor.user_id(), limit, offset});
  if (!rows) return rows.error();
  for (const auto& row : *rows) page.items.push_back(FromRow(row));
  return page;
}

Result<Notification> NotificationService::MarkRead(const auth::Actor& actor,
                                                   std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(RequireUser(actor));
  // Marking twice keeps the first time.
  auto marked = db_.Execute(
      "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
      {clock_.Now(), id, actor.user_id()});
  if (!marked) return marked.error();
  auto row =
      db_.QueryOne(std::string(kSelect) + " WHERE id = ? AND user_id = ?", {id, actor.user_id()});
  if (!row) return row.error();
  if (!*row) return NotFoundError("notifications.not_found");
  return FromRow(**row);
}

Result<std::int64_t> NotificationService::MarkAllRead(const auth::Actor& actor) const {
  JIELI_RETURN_IF_ERROR(RequireUser(actor));
  return db_.Execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                     {clock_.Now(), actor.user_id()});
}

}  // namespace jieli::notifications
