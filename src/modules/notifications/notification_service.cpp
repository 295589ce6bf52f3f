#include "modules/notifications/notification_service.hpp"

#include <algorithm>
#include <string>

#include "core/json.hpp"
#include "modules/notifications/notifications_sql.hpp"

namespace jieli::notifications {
namespace {

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
    auto inserted =
        tx.Query(kNotificationInsertSql,
                 {user, store::OrNull(notification.org_id), notification.kind,
                  notification.subject_type, store::OrNull(notification.subject_id),
                  notification.params, store::NullIfEmpty(notification.dedupe_key), now});
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
  auto counts = db_.QueryOne(kCountsOfUserSql, {actor.user_id()});
  if (!counts) return counts.error();
  page.total = unread_only ? (*counts)->Int(1) : (*counts)->Int(0);
  page.unread = (*counts)->Int(1);
  if (limit <= 0 || page.total == 0) return page;
  auto rows = db_.Query(std::string(kNotificationSelect) + where +
                            " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                        {actor.user_id(), limit, offset});
  if (!rows) return rows.error();
  for (const auto& row : *rows) page.items.push_back(NotificationFromRow(row));
  return page;
}

Result<Notification> NotificationService::MarkRead(const auth::Actor& actor,
                                                   std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(RequireUser(actor));
  auto marked = db_.Execute(kMarkReadSql, {clock_.Now(), id, actor.user_id()});
  if (!marked) return marked.error();
  auto row = db_.QueryOne(std::string(kNotificationSelect) + " WHERE id = ? AND user_id = ?",
                          {id, actor.user_id()});
  if (!row) return row.error();
  if (!*row) return NotFoundError("notifications.not_found");
  return NotificationFromRow(**row);
}

Result<std::int64_t> NotificationService::MarkAllRead(const auth::Actor& actor) const {
  JIELI_RETURN_IF_ERROR(RequireUser(actor));
  return db_.Execute(kMarkAllReadSql, {clock_.Now(), actor.user_id()});
}

Result<std::int64_t> NotificationService::MarkReadAsSent(
    const std::vector<std::string>& keep_unread) const {
  // NOT IN (NULL), what InList(0) gives, would match nothing.
  if (keep_unread.empty()) return db_.Execute(kMarkAllReadAsSentSql);
  std::vector<store::Value> params(keep_unread.begin(), keep_unread.end());
  return db_.Execute(std::string(kMarkReadAsSentExceptSql) + auth::InList(keep_unread.size()) + ")",
                     params);
}

}  // namespace jieli::notifications
