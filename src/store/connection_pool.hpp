// ConnectionPool: a bounded set of backend connections shared by one Db.
//
// Connections are opened lazily by a factory, up to `size` at once, and handed
// out as a Lease (one user at a time) that returns the connection on destruction.
// A connection that reports Broken() when it comes back (lost server, still
// inside a transaction after a failed rollback) is closed instead of reused, so
// the next Acquire opens a fresh one. Conn must provide `bool Broken() const`.
//
// Ownership and threads: the pool owns idle connections; a Lease owns its
// connection until it ends. Acquire/Release are thread-safe. Every Lease must end
// before the pool is destroyed (a Transaction must not outlive its Db).
// Internal to src/store.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace jieli::store {

template <class Conn>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Conn>>()>;

  class Lease {
   public:
    Lease() = default;
    Lease(ConnectionPool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        Reset();
        pool_ = std::exchange(other.pool_, nullptr);
        conn_ = std::move(other.conn_);
      }
      return *this;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { Reset(); }

    explicit operator bool() const { return conn_ != nullptr; }
    Conn* operator->() const { return conn_.get(); }
    Conn& operator*() const { return *conn_; }

    // Gives the connection back to the pool now.
    void Reset() {
      if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_));
      pool_ = nullptr;
      conn_.reset();
    }

   private:
    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<Conn> conn_;
  };

  // size: at most this many connections open (at least one). wait: how long
  // Acquire waits for a connection to come back before giving up.
  ConnectionPool(int size, std::chrono::milliseconds wait, Factory factory)
      : size_(size < 1 ? 1 : size), wait_(wait), factory_(std::move(factory)) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A connection for the caller's exclusive use: an idle one, or a new one while
  // fewer than `size` are open. Errors: the factory's error when opening fails;
  // "store.busy" (kUnavailable) when none came back within `wait`.
  Result<Lease> Acquire() {
    std::unique_lock lock(mu_);
    bool ready = cv_.wait_for(lock, wait_, [this] { return !idle_.empty() || open_ < size_; });
    if (!ready) {
      return Error(ErrorKind::kUnavailable, "store.busy",
                   "no database connection came back to the pool in time");
    }
    if (!idle_.empty()) {
      // Last in, first out: the most recently used connection has warm caches.
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;
    lock.unlock();
    // Opening may take a network round trip; do it outside the lock.
    Result<std::unique_ptr<Conn>> conn = factory_();
    if (!conn) {
      lock.lock();
      --open_;
      lock.unlock();
      cv_.notify_one();
      return std::move(conn).error();
    }
    return Lease(this, std::move(conn).value());
  }

 private:
  void Release(std::unique_ptr<Conn> conn) {
    bool keep = !conn->Broken();
    {
      std::lock_guard lock(mu_);
      if (keep) {
        idle_.push_back(std::move(conn));
      } else {
        --open_;
      }
    }
    // A dropped connection is closed here, outside the lock.
    conn.reset();
    cv_.notify_one();
  }

  int size_;
  std::chrono::milliseconds wait_;
  Factory factory_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;  // guarded by mu_
  int open_ = 0;                             // guarded by mu_; idle + leased
};

}  // namespace jieli::store
