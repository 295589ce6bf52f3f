// LocalListeners: notifications delivered inside one process, for a backend
// without a server to carry them (SQLite). A Db keeps one; Listen adds to it
// and a committed transaction's notifications are delivered through it.
//
// Thread-safe. A callback may end its own subscription; ending a subscription
// from another thread waits for that subscription's callback under way.
// Internal to src/store.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/db.hpp"

namespace jieli::store {

// Whether a name may be a notification channel: 1–63 letters, digits or '_'
// (so that it can be spelled in a LISTEN statement without quoting).
bool IsValidChannel(std::string_view channel);

// The longest payload a notification may carry (PostgreSQL's limit is 8,000).
inline constexpr std::size_t kMaxNotifyPayload = 7000;

// Ok, or "internal" naming what is wrong with channel or payload.
Status CheckNotification(std::string_view channel, std::string_view payload);

class LocalListeners {
 public:
  using Callback = std::function<void(const std::string&)>;

  LocalListeners() = default;
  LocalListeners(const LocalListeners&) = delete;
  LocalListeners& operator=(const LocalListeners&) = delete;

  // Delivers every payload on channel to callback until the result is destroyed.
  std::unique_ptr<Subscription> Add(std::string channel, Callback callback);
  // Calls the callback of every subscription of channel, on this thread.
  void Deliver(const std::string& channel, const std::string& payload);

 private:
  struct Entry {
    std::string channel;
    Callback callback;
    std::recursive_mutex running;  // held while callback runs
    bool active = true;            // guarded by running
  };
  class Handle;

  void Remove(int id);

  std::mutex mutex_;
  int next_id_ = 1;                                // guarded by mutex_
  std::map<int, std::shared_ptr<Entry>> entries_;  // guarded by mutex_
};

}  // namespace jieli::store
