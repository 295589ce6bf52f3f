#include "modules/events/event_bus.hpp"

#include <chrono>
#include <utility>

#include "http/json.hpp"

namespace jieli::events {
namespace {

// Users per payload: keeps one NOTIFY well under PostgreSQL's 8,000 bytes.
constexpr std::size_t kUsersPerPayload = 200;

}  // namespace

std::string EncodeEvent(const Event& event) {
  http::Json json = {{"t", event.topic}, {"u", event.user_ids}, {"d", event.data}};
  return json.dump();
}

std::optional<Event> DecodeEvent(const std::string& payload) {
  http::Json json = http::Json::parse(payload, nullptr, false);
  if (!json.is_object() || !json.contains("t") || !json["t"].is_string() || !json.contains("u") ||
      !json["u"].is_array()) {
    return std::nullopt;
  }
  Event event;
  event.topic = json["t"].get<std::string>();
  for (const auto& id : json["u"]) {
    if (id.is_number_integer()) event.user_ids.push_back(id.get<std::int64_t>());
  }
  if (json.contains("d") && json["d"].is_string()) event.data = json["d"].get<std::string>();
  return event;
}

std::string SseMessage(const Event& event) {
  // Topic and data come from the server itself, but a line break in either
  // would end the message early: keep each on its one line.
  std::string message = "event: ";
  for (char c : event.topic) message += (c == '\n' || c == '\r') ? ' ' : c;
  message += "\ndata: ";
  for (char c : event.data) message += (c == '\n' || c == '\r') ? ' ' : c;
  message += "\n\n";
  return message;
}

EventBus::EventBus(store::Db& db) : db_(db) {}

EventBus::~EventBus() { Stop(); }

Status EventBus::Start() {
  if (subscription_) return Ok();
  auto subscribed =
      db_.Listen(std::string(kChannel), [this](const std::string& payload) { Deliver(payload); });
  if (!subscribed) return std::move(subscribed).error();
  subscription_ = std::move(subscribed).value();
  heartbeat_ = std::jthread([this](const std::stop_token& stop) { Heartbeat(stop); });
  return Ok();
}

void EventBus::Stop() {
  if (heartbeat_.joinable()) {
    heartbeat_.request_stop();
    heartbeat_.join();
  }
  subscription_.reset();
}

Status EventBus::Publish(store::Transaction& tx, const Event& event) const {
  if (event.user_ids.empty()) return Ok();
  for (std::size_t from = 0; from < event.user_ids.size(); from += kUsersPerPayload) {
    Event part = event;
    const std::size_t to = std::min(event.user_ids.size(), from + kUsersPerPayload);
    part.user_ids.assign(event.user_ids.begin() + static_cast<std::ptrdiff_t>(from),
                         event.user_ids.begin() + static_cast<std::ptrdiff_t>(to));
    JIELI_RETURN_IF_ERROR(tx.Notify(kChannel, EncodeEvent(part)));
  }
  return Ok();
}

void EventBus::CredentialsEnded(std::vector<std::int64_t> user_ids) const {
  auto tx = db_.Begin();
  if (!tx) return;
  if (!Publish(**tx, {std::string(kCredentialsTopic), std::move(user_ids), "{}"})) return;
  (void)(*tx)->Commit();
}

Status EventBus::CheckRoomFor(std::int64_t user_id) const {
  std::lock_guard lock(mutex_);
  Prune();
  if (streams_.count(user_id) >= kMaxStreamsPerUser) {
    return Error(ErrorKind::kRateLimited, "events.too_many_streams")
        .WithParam("max", std::to_string(kMaxStreamsPerUser));
  }
  return Ok();
}

void EventBus::AddStream(std::int64_t user_id, std::string credential,
                         std::shared_ptr<http::StreamWriter> stream) {
  std::lock_guard lock(mutex_);
  streams_.emplace(user_id, Stream{std::move(credential), std::move(stream)});
}

std::size_t EventBus::StreamCount() const {
  std::lock_guard lock(mutex_);
  std::size_t open = 0;
  for (const auto& [user, stream] : streams_) open += stream.writer->Closed() ? 0 : 1;
  return open;
}

void EventBus::Deliver(const std::string& payload) {
  std::lock_guard lock(mutex_);
  if (payload.empty()) {
    // The listener was away: tell every stream to read its state again.
    const std::string message = SseMessage({"resync", {}, "{}"});
    for (const auto& [user, stream] : streams_) stream.writer->Write(message);
    return;
  }
  std::optional<Event> event = DecodeEvent(payload);
  if (!event) return;
  if (event->topic == kCredentialsTopic) {
    // Checked on the heartbeat's thread: this one must not wait for the database.
    {
      std::lock_guard wake_lock(wake_mutex_);
      check_now_ = true;
    }
    wake_.notify_all();
    return;
  }
  const std::string message = SseMessage(*event);
  for (std::int64_t user : event->user_ids) {
    auto [first, last] = streams_.equal_range(user);
    for (auto it = first; it != last; ++it) it->second.writer->Write(message);
  }
}

void EventBus::Heartbeat(const std::stop_token& stop) {
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

void EventBus::EndStale() {
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
  std::lock_guard lock(mutex_);
  for (const auto& [user, stream] : streams_) {
    if (!live->contains(stream.credential)) {
      stream.writer->Write(SseMessage({"signed_out", {}, "{}"}));
      stream.writer->Close();
    }
  }
}

void EventBus::Prune() const {
  for (auto it = streams_.begin(); it != streams_.end();) {
    it = it->second.writer->Closed() ? streams_.erase(it) : std::next(it);
  }
}

}  // namespace jieli::events
