#include "modules/events/event_bus.hpp"

#include <algorithm>
#include <utility>

#include "core/json.hpp"

namespace jieli::events {
namespace {

// Users per payload: keeps one NOTIFY well under PostgreSQL's 8,000 bytes.
constexpr std::size_t kUsersPerPayload = 200;

}  // namespace

std::string EncodeEvent(const Event& event) {
  Json json = {{"t", event.topic}, {"u", event.user_ids}, {"d", event.data}};
  return json.dump();
}

std::optional<Event> DecodeEvent(const std::string& payload) {
  Json json = Json::parse(payload, nullptr, false);
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

EventBus::EventBus(store::Db& db) : db_(db) {}

EventBus::~EventBus() { Stop(); }

Status EventBus::Start(Sink sink) {
  if (subscription_) return Ok();
  sink_ = std::move(sink);
  auto subscribed =
      db_.Listen(std::string(kChannel), [this](const std::string& payload) { Deliver(payload); });
  if (!subscribed) return std::move(subscribed).error();
  subscription_ = std::move(subscribed).value();
  return Ok();
}

void EventBus::Stop() { subscription_.reset(); }

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

void EventBus::Deliver(const std::string& payload) const {
  if (!sink_) return;
  if (payload.empty()) {  // the listener was away
    sink_({std::string(kResyncTopic), {}, "{}"});
    return;
  }
  if (std::optional<Event> event = DecodeEvent(payload)) sink_(*event);
}

}  // namespace jieli::events
