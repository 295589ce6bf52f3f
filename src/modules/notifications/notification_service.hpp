// NotificationService: sends notifications inside the sender's transaction
// (with a live event to the recipients once it commits) and lets each user
// read and mark their own. A user only ever reaches their own notifications.
// Thread-safe: holds references only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/auth/actor.hpp"
#include "modules/events/event_bus.hpp"
#include "modules/notifications/notification.hpp"
#include "store/db.hpp"

namespace jieli::notifications {

struct NotificationPage {
  std::vector<Notification> items;
  std::int64_t total = 0;
  std::int64_t unread = 0;
};

class NotificationService {
 public:
  NotificationService(store::Db& db, const Clock& clock, const events::EventBus& bus)
      : db_(db), clock_(clock), bus_(bus) {}

  // Sends notification to each of user_ids (duplicates ignored) as part of
  // tx, skipping users who already have one with its dedupe_key. Returns the
  // users who got a new one; they hear a "notification" event on commit.
  Result<std::vector<std::int64_t>> Send(store::Transaction& tx,
                                         const std::vector<std::int64_t>& user_ids,
                                         const NewNotification& notification) const;

  // The caller's notifications, newest first (by when they were sent);
  // unread_only leaves out the read.
  Result<NotificationPage> List(const auth::Actor& actor, bool unread_only, std::int64_t offset,
                                std::int64_t limit) const;
  // Marks one as read. Error "notifications.not_found" (404) for another's or
  // an absent one.
  Result<Notification> MarkRead(const auth::Actor& actor, std::int64_t id) const;
  // Marks every unread one as read; returns how many.
  Result<std::int64_t> MarkAllRead(const auth::Actor& actor) const;
  // Marks every unread notification of every user read as of when it was
  // sent, but those with one of keep_unread as dedupe key; returns how many.
  // Unchecked: for demo data played through months of casework.
  Result<std::int64_t> MarkReadAsSent(const std::vector<std::string>& keep_unread) const;

 private:
  store::Db& db_;
  const Clock& clock_;
  const events::EventBus& bus_;
};

}  // namespace jieli::notifications
