// EventBus: live events for signed-in users, on whichever node they are
// connected to (PostgreSQL NOTIFY between nodes, in-process on SQLite).
//
// A service publishes an event inside its transaction; it goes out when the
// transaction commits. Each node listens once and hands every event to the
// sink given to Start() — the node's open event streams (http::EventStreams,
// wired in modules/services.hpp); this module knows no transport. Nothing is
// kept: an event is a nudge ("you have a new notification"), and what it
// points to is read from the database.
//
// Thread-safe. Start() once before serving; Stop() (or the destructor) ends the
// listening.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/db.hpp"

namespace jieli::events {

// The notification channel events travel on.
inline constexpr std::string_view kChannel = "jieli_events";
// The topic that asks every node to check its streams' credentials at once;
// never written to a stream.
inline constexpr std::string_view kCredentialsTopic = "credentials_ended";
// Handed to the sink, naming no user, when this node's listener was away and
// may have missed events: every stream should read its state again.
inline constexpr std::string_view kResyncTopic = "resync";

struct Event {
  std::string topic;                   // "notification", "resync", …
  std::vector<std::int64_t> user_ids;  // who hears it
  std::string data = "{}";             // JSON text for the client
};

// The event's payload on the channel (JSON), and back. nullopt for a payload
// that is not an event (ignored).
std::string EncodeEvent(const Event& event);
std::optional<Event> DecodeEvent(const std::string& payload);

class EventBus {
 public:
  // Receives every event published on any node (kCredentialsTopic and
  // kResyncTopic included), on the listener's thread: it must not block.
  using Sink = std::function<void(const Event&)>;

  explicit EventBus(store::Db& db);
  ~EventBus();
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // Starts listening. Error "store.unavailable".
  Status Start(Sink sink);
  void Stop();

  // Sends event to its users once tx commits. Errors as Transaction::Notify;
  // an event naming more users than fit in one payload is split.
  Status Publish(store::Transaction& tx, const Event& event) const;

  // Tells every node that some credentials of these users have ended (a
  // sign-out, a password change, a revoked token, a deactivated account):
  // their streams are checked now, not at the next heartbeat. A nudge in a
  // transaction of its own, sent after the change committed; should it fail,
  // the heartbeat still ends them.
  void CredentialsEnded(std::vector<std::int64_t> user_ids) const;

 private:
  void Deliver(const std::string& payload) const;

  store::Db& db_;
  Sink sink_;
  std::unique_ptr<store::Subscription> subscription_;
};

}  // namespace jieli::events
