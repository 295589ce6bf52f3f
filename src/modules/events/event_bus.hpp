// EventBus: live events for signed-in users, on whichever node they are
// connected to (PostgreSQL NOTIFY between nodes, in-process on SQLite).
//
// A service publishes an event inside its transaction; it goes out when the
// transaction commits. Each node listens once and hands every event to the
// open event streams (Server-Sent Events, GET /api/v1/events) of the users it
// names. Nothing is kept: an event is a nudge ("you have a new notification"),
// and what it points to is read from the database.
//
// Thread-safe. Start() once before serving; Stop() (or the destructor) ends the
// listening and the heartbeat and closes nothing (the server owns connections).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"
#include "store/db.hpp"

namespace jieli::events {

// The notification channel events travel on.
inline constexpr std::string_view kChannel = "jieli_events";
// The topic that asks every node to check its streams' credentials at once;
// never written to a stream.
inline constexpr std::string_view kCredentialsTopic = "credentials_ended";

struct Event {
  std::string topic;                   // "notification", "resync", …
  std::vector<std::int64_t> user_ids;  // who hears it
  std::string data = "{}";             // JSON text for the client
};

// The event's payload on the channel (JSON), and back. nullopt for a payload
// that is not an event (ignored).
std::string EncodeEvent(const Event& event);
std::optional<Event> DecodeEvent(const std::string& payload);
// One Server-Sent Events message: "event: TOPIC\ndata: DATA\n\n".
std::string SseMessage(const Event& event);

class EventBus {
 public:
  // At most this many open streams per user (browser tabs); one more is refused.
  static constexpr std::size_t kMaxStreamsPerUser = 8;

  explicit EventBus(store::Db& db);
  ~EventBus();
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // Starts listening and the heartbeat. Error "store.unavailable".
  Status Start();
  void Stop();

  // Sends event to its users once tx commits. Errors as Transaction::Notify;
  // an event naming more users than fit in one payload is split.
  Status Publish(store::Transaction& tx, const Event& event) const;

  // Ok when user may open one more stream here; error
  // "events.too_many_streams" (429) at kMaxStreamsPerUser.
  Status CheckRoomFor(std::int64_t user_id) const;
  // Adds an open stream of user, opened with credential (auth::Credential);
  // it receives their events until it closes, or until the credential is
  // found no longer good (sign-out, idle timeout, a revoked token).
  void AddStream(std::int64_t user_id, std::string credential,
                 std::shared_ptr<http::StreamWriter> stream);
  // Of credentials, those still good; checked with each heartbeat. Set before
  // Start(); without it streams live until their connection ends.
  using CredentialCheck =
      std::function<Result<std::set<std::string>>(const std::vector<std::string>&)>;
  void SetCredentialCheck(CredentialCheck check) { credential_check_ = std::move(check); }
  // Tells every node that some credentials of these users have ended (a
  // sign-out, a password change, a revoked token, a deactivated account):
  // their streams are checked now, not at the next heartbeat. A nudge in a
  // transaction of its own, sent after the change committed; should it fail,
  // the heartbeat still ends them.
  void CredentialsEnded(std::vector<std::int64_t> user_ids) const;
  // How often streams get a keep-alive comment and credentials are checked
  // (default 20 s: nginx's default read timeout is 60 s). Before Start().
  void SetHeartbeat(std::chrono::milliseconds every) { heartbeat_every_ = every; }
  // Open streams on this node (for /readyz and tests).
  std::size_t StreamCount() const;

 private:
  void Deliver(const std::string& payload);
  void Heartbeat(const std::stop_token& stop);
  // Drops the streams that have closed. Caller holds mutex_.
  void Prune() const;

  store::Db& db_;
  mutable std::mutex mutex_;
  struct Stream {
    std::string credential;
    std::shared_ptr<http::StreamWriter> writer;
  };
  // Ends the streams whose credential is no longer good.
  void EndStale();

  CredentialCheck credential_check_;
  std::chrono::milliseconds heartbeat_every_{20'000};
  // By user; closed ones are pruned lazily.
  mutable std::multimap<std::int64_t, Stream> streams_;
  std::unique_ptr<store::Subscription> subscription_;
  // Wakes the heartbeat early to check credentials (kCredentialsTopic).
  std::mutex wake_mutex_;
  std::condition_variable_any wake_;
  bool check_now_ = false;
  std::jthread heartbeat_;
};

}  // namespace jieli::events
