#include "http/event_streams.hpp"

#include <utility>

namespace jieli::http {

std::string SseMessage(std::string_view topic, std::string_view data) {
  // Topic and data come from the server itself, but a line break in either
  // would end the message early: keep each on its one line.
  std::string message = "event: ";
  for (char c : topic) message += (c == '\n' || c == '\r') ? ' ' : c;
  message += "\ndata: ";
  for (char c : data) message += (c == '\n' || c == '\r') ? ' ' : c;
  message += "\n\n";
  return message;
}

EventStreams::~EventStreams() { Stop(); }

void EventStreams::Start() {
  if (heartbeat_.joinable()) return;
  heartbeat_ = std::jthread([this](const std::stop_token& stop) { Heartbeat(stop); });
}

void EventStreams::Stop() {
  if (!heartbeat_.joinable()) return;
  heartbeat_.request_stop();
  heartbeat_.join();
}

Status EventStreams::CheckRoomFor(std::int64_t user_id) const {
  std::lock_guard lock(mutex_);
  Prune();
  if (streams_.count(user_id) >= kMaxStreamsPerUser) {
    return Error(ErrorKind::kRateLimited, "events.too_many_streams")
        .WithParam("max", std::to_string(kMaxStreamsPerUser));
  }
  return Ok();
}

void EventStreams::Add(std::int64_t user_id, std::string credential,
                       std::shared_ptr<StreamWriter> stream) {
  std::lock_guard lock(mutex_);
  streams_.emplace(user_id, Stream{std::move(credential), std::move(stream)});
}

std::size_t EventStreams::Count() const {
  std::lock_guard lock(mutex_);
  std::size_t open = 0;
  for (const auto& [user, stream] : streams_) open += stream.writer->Closed() ? 0 : 1;
  return open;
}

void EventStreams::Send(std::string_view topic, const std::vector<std::int64_t>& user_ids,
                        std::string_view data) {
  const std::string message = SseMessage(topic, data);
  std::lock_guard lock(mutex_);
  for (std::int64_t user : user_ids) {
    auto [first, last] = streams_.equal_range(user);
    for (auto it = first; it != last; ++it) it->second.writer->Write(message);
  }
}

void EventStreams::SendToAll(std::string_view topic, std::string_view data) {
  const std::string message = SseMessage(topic, data);
  std::lock_guard lock(mutex_);
  for (const auto& [user, stream] : streams_) stream.writer->Write(message);
}

void EventStreams::CheckCredentialsNow() {
  {
    std::lock_guard wake_lock(wake_mutex_);
    check_now_ = true;
  }
  wake_.notify_all();
}

void EventStreams::Heartbeat(const std::stop_token& stop) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point next_beat = Clock::now() + heartbeat_every_;
  while (true) {
    bool woken = false;
    {
      std::unique_lock wake_lock(wake_mutex_);
      wake_.wait_until(wake_lock, stop, next_beat, [this] { return check_now_; });
      woken = std::exchange(check_now_, false);
    }
    if (stop.stop_requested()) return;
    EndStale();
    if (woken && Clock::now() < next_beat) continue;
    next_beat = Clock::now() + heartbeat_every_;
    std::lock_guard lock(mutex_);
    Prune();
    // A comment line: EventSource ignores it, proxies see traffic.
    for (const auto& [user, stream] : streams_) stream.writer->Write(": ping\n\n");
  }
}

void EventStreams::EndStale() {
  if (!credential_check_) return;
  std::vector<std::string> credentials;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [user, stream] : streams_) credentials.push_back(stream.credential);
  }
  if (credentials.empty()) return;
  // Asked outside the lock: it queries the database.
  auto live = credential_check_(credentials);
  if (!live) return;  // the store is away: keep them until the next round
  const std::string signed_out = SseMessage("signed_out");
  std::lock_guard lock(mutex_);
  for (const auto& [user, stream] : streams_) {
    if (!live->contains(stream.credential)) {
      stream.writer->Write(signed_out);
      stream.writer->Close();
    }
  }
}

void EventStreams::Prune() const {
  for (auto it = streams_.begin(); it != streams_.end();) {
    it = it->second.writer->Closed() ? streams_.erase(it) : std::next(it);
  }
}

}  // namespace jieli::http
