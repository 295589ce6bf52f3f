// EventStreams: the open Server-Sent Events streams of this node, by user.
//
// What travels on them is decided elsewhere (modules/events publishes events
// between nodes); this holds the connections: it writes each event to the
// streams of the users it names, keeps them alive with a comment every
// heartbeat, and ends a stream whose credential (the session or token that
// opened it) is no longer good — checked with each heartbeat, and at once when
// CheckCredentialsNow() is called.
//
// Thread-safe. Start() once before serving; Stop() (or the destructor) ends the
// heartbeat and closes nothing (the server owns connections).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace jieli::http {

// One Server-Sent Events message: "event: TOPIC\ndata: DATA\n\n".
std::string SseMessage(std::string_view topic, std::string_view data = "{}");

class EventStreams {
 public:
  // At most this many open streams per user (browser tabs); one more is refused.
  static constexpr std::size_t kMaxStreamsPerUser = 8;

  EventStreams() = default;
  ~EventStreams();
  EventStreams(const EventStreams&) = delete;
  EventStreams& operator=(const EventStreams&) = delete;

  // Starts the heartbeat; Stop() ends it.
  void Start();
  void Stop();

  // Ok when user may open one more stream here; error
  // "events.too_many_streams" (429) at kMaxStreamsPerUser.
  Status CheckRoomFor(std::int64_t user_id) const;
  // Adds an open stream of user, opened with credential (auth::Credential);
  // it receives their events until it closes, or until the credential is
  // found no longer good (sign-out, idle timeout, a revoked token).
  void Add(std::int64_t user_id, std::string credential, std::shared_ptr<StreamWriter> stream);

  // Writes one message to every open stream of these users.
  void Send(std::string_view topic, const std::vector<std::int64_t>& user_ids,
            std::string_view data);
  // Writes one message to every open stream (e.g. "resync" after the node
  // may have missed events).
  void SendToAll(std::string_view topic, std::string_view data = "{}");
  // Checks every stream's credential now on the heartbeat's thread (this
  // one must not wait for the database), not at the next heartbeat.
  void CheckCredentialsNow();

  // Of credentials, those still good; checked with each heartbeat. Set before
  // Start(); without it streams live until their connection ends.
  using CredentialCheck =
      std::function<Result<std::set<std::string>>(const std::vector<std::string>&)>;
  void SetCredentialCheck(CredentialCheck check) { credential_check_ = std::move(check); }
  // How often streams get a keep-alive comment and credentials are checked
  // (default 20 s: nginx's default read timeout is 60 s). Before Start().
  void SetHeartbeat(std::chrono::milliseconds every) { heartbeat_every_ = every; }
  // Open streams on this node (for /readyz and tests).
  std::size_t Count() const;

 private:
  struct Stream {
    std::string credential;
    std::shared_ptr<StreamWriter> writer;
  };

  void Heartbeat(const std::stop_token& stop);
  // Ends the streams whose credential is no longer good.
  void EndStale();
  // Drops the streams that have closed. Caller holds mutex_.
  void Prune() const;

  mutable std::mutex mutex_;
  // By user; closed ones are pruned lazily.
  mutable std::multimap<std::int64_t, Stream> streams_;
  CredentialCheck credential_check_;
  std::chrono::milliseconds heartbeat_every_{20'000};
  // Wakes the heartbeat early to check credentials.
  std::mutex wake_mutex_;
  std::condition_variable_any wake_;
  bool check_now_ = false;
  std::jthread heartbeat_;
};

}  // namespace jieli::http
