// Db: the store interface that every module's repository talks to.
//
// Two backends implement it over their native C APIs: SQLite (store/sqlite) and
// PostgreSQL (store/postgres). SQL is written once with `?` placeholders; the
// PostgreSQL backend rewrites them to $1, $2, …. Values are bound, never spliced.
//
// Ownership and threads: a Db is thread-safe and owns a pool of connections;
// Db::Query/Execute borrow a connection for one statement. A Transaction holds one
// connection until it is committed or destroyed (destroying it uncommitted rolls
// back) and must be used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace jieli::store {

enum class Backend { kSqlite, kPostgres };

// Bytes stored as BLOB (SQLite) / BYTEA (PostgreSQL).
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

// A bound parameter or a result cell. Booleans are stored as 0/1 integers.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

inline Value Null() { return std::monostate{}; }

// An optional integer as a parameter: the number, or NULL when absent.
inline Value OrNull(const std::optional<std::int64_t>& value) {
  return value ? Value(*value) : Null();
}

// A text as a parameter, NULL when it is empty.
inline Value NullIfEmpty(const std::string& text) { return text.empty() ? Null() : Value(text); }

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t i) const;
  // Accessors convert where sensible (integer text -> int, int -> text) and
  // return 0 / "" for NULL; use IsNull or the Opt* forms when NULL matters.
  std::int64_t Int(std::size_t i) const;
  double Double(std::size_t i) const;
  std::string Text(std::size_t i) const;
  std::string Bytes(std::size_t i) const;
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const;
  const Value& at(std::size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;

  bool empty() const { return rows.empty(); }
  std::size_t size() const { return rows.size(); }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
  const Row& operator[](std::size_t i) const { return rows[i]; }
};

// Failure codes: "store.unavailable" (kUnavailable) when the server cannot be
// reached; "store.conflict" (kConflict) for a unique or foreign-key violation;
// "store.busy" (kUnavailable) when SQLite stays locked past the busy timeout;
// "internal" (kInternal) for anything else — the SQL error goes to log_detail.
class Executor {
 public:
  virtual ~Executor() = default;
  virtual Backend backend() const = 0;

  // Runs a statement that returns rows (SELECT, or INSERT … RETURNING).
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs a statement; returns the number of rows changed.
  virtual Result<std::int64_t> Execute(std::string_view sql,
                                       const std::vector<Value>& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // The first row, or nullopt when there is none.
  Result<std::optional<Row>> QueryOne(std::string_view sql, const std::vector<Value>& params = {});
};

class Transaction : public Executor {
 public:
  // Makes the changes durable. After Commit (successful or not) the transaction
  // is finished and must not be used again.
  virtual Status Commit() = 0;
  // Sends payload to every listener of channel (Db::Listen) once, and only if,
  // this transaction commits. PostgreSQL: NOTIFY, so listeners on every node
  // over the same database hear it. SQLite: the listeners of this Db object,
  // called on the committing thread after the commit. channel: letters,
  // digits and '_'; payload: at most 7,000 bytes. Error "internal" otherwise.
  virtual Status Notify(std::string_view channel, std::string_view payload) = 0;
};

// A standing Db::Listen; destroying it stops the delivery (and waits for a
// callback under way to return).
class Subscription {
 public:
  virtual ~Subscription() = default;
};

struct DbOptions {
  // Connections in the pool. SQLite: readers run in parallel under WAL; writers
  // queue on the busy timeout. PostgreSQL: server connections held open.
  int pool_size = 8;
  // SQLite only: how long a writer waits for the lock, in milliseconds.
  int busy_timeout_ms = 5000;
};

class Db : public Executor {
 public:
  // url: "sqlite:PATH" (the file is created if absent) or "postgresql://…".
  static Result<std::unique_ptr<Db>> Open(std::string_view url, const DbOptions& options = {});

  // Starts a transaction on a connection of its own. SQLite takes the write
  // lock at once (BEGIN IMMEDIATE) so that two writers never deadlock.
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;
  // Whether the store answers a trivial query (readiness).
  virtual Status Ping() = 0;
  // Calls on_payload with the payload of every notification on channel (see
  // Transaction::Notify) until the Subscription is destroyed. on_payload runs
  // on a thread of the store's and must be quick and must not throw.
  // PostgreSQL: a connection of its own runs LISTEN; when it is lost it is
  // opened again (with a growing pause) and on_payload is called with "" to
  // say that notifications may have been missed meanwhile. SQLite: in-process.
  // Error "store.unavailable" when PostgreSQL cannot be reached at the start.
  virtual Result<std::unique_ptr<Subscription>> Listen(
      std::string channel, std::function<void(const std::string&)> on_payload) = 0;
  // SQLite: copies the live database to path with the online backup API and
  // verifies the copy (integrity_check). PostgreSQL: error "store.backup_unsupported".
  virtual Status Backup(const std::string& path) = 0;
};

}  // namespace jieli::store
