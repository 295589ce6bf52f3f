#include "store/local_listeners.hpp"

#include <utility>
#include <vector>

namespace jieli::store {

bool IsValidChannel(std::string_view channel) {
  if (channel.empty() || channel.size() > 63) return false;
  for (char c : channel) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status CheckNotification(std::string_view channel, std::string_view payload) {
  if (!IsValidChannel(channel)) {
    return InternalError("notification channel '" + std::string(channel) + "' is not a plain name");
  }
  if (payload.size() > kMaxNotifyPayload) {
    return InternalError("notification payload of " + std::to_string(payload.size()) +
                         " bytes is over the limit of " + std::to_string(kMaxNotifyPayload));
  }
  return Ok();
}

class LocalListeners::Handle final : public Subscription {
 public:
  Handle(LocalListeners* owner, int id) : owner_(owner), id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() override { owner_->Remove(id_); }

 private:
  LocalListeners* owner_;
  int id_;
};

std::unique_ptr<Subscription> LocalListeners::Add(std::string channel, Callback callback) {
  auto entry = std::make_shared<Entry>();
  entry->channel = std::move(channel);
  entry->callback = std::move(callback);
  std::lock_guard lock(mutex_);
  const int id = next_id_++;
  entries_.emplace(id, std::move(entry));
  return std::make_unique<Handle>(this, id);
}

void LocalListeners::Deliver(const std::string& channel, const std::string& payload) {
  // Callbacks run outside mutex_, so that one may add or end subscriptions.
  std::vector<std::shared_ptr<Entry>> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, entry] : entries_) {
      if (entry->channel == channel) targets.push_back(entry);
    }
  }
  for (const auto& entry : targets) {
    std::lock_guard running(entry->running);
    if (entry->active) entry->callback(payload);
  }
}

void LocalListeners::Remove(int id) {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(id);
    if (found == entries_.end()) return;
    entry = found->second;
    entries_.erase(found);
  }
  std::lock_guard running(entry->running);
  entry->active = false;
}

}  // namespace jieli::store
