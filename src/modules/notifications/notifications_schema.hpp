// Tables of the notifications module.
// A notification belongs to one user; dedupe_key makes a reminder that a job
// may compute twice (a retry, two nodes' schedules) arrive once per user.
#pragma once

#include "store/migration.hpp"

namespace jieli::notifications {

inline constexpr store::Migration kNotificationsMigration = {10, "notifications", R"sql(
CREATE TABLE notifications (
  id {{pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT REFERENCES organizations(id),
  kind TEXT NOT NULL,
  subject_type TEXT NOT NULL DEFAULT '',
  subject_id BIGINT,
  params TEXT NOT NULL DEFAULT '{}',
  dedupe_key TEXT,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications(user_id, dedupe_key);
CREATE INDEX notifications_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id, read_at);
)sql"};

}  // namespace jieli::notifications
