// The SQL of the notifications module as named constants, and the mapping of
// its rows. Internal to src/modules/notifications.
#pragma once

#include <string_view>

#include "modules/notifications/notification.hpp"
#include "store/db.hpp"

namespace jieli::notifications {

// SELECT of every column FromRow reads; append WHERE, ORDER BY.
extern const std::string_view kNotificationSelect;
// user, org, kind, subject type, subject id, params, dedupe key, sent at;
// RETURNING id, no row when the user already has the dedupe key.
extern const std::string_view kNotificationInsertSql;
// Param 1: a user. Row: (all, unread).
extern const std::string_view kCountsOfUserSql;
// read at, id, user.
extern const std::string_view kMarkReadSql;
// read at, user.
extern const std::string_view kMarkAllReadSql;
// Every unread one read as of when it was sent.
extern const std::string_view kMarkAllReadAsSentSql;
// Append auth::InList(n) and n dedupe keys to keep unread, then ")".
extern const std::string_view kMarkReadAsSentExceptSql;

Notification NotificationFromRow(const store::Row& row);

}  // namespace jieli::notifications
