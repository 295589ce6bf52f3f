#include "store/sqlite/sqlite_db.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include "store/connection_pool.hpp"
#include "store/local_listeners.hpp"

namespace jieli::store {
namespace {

// Beyond this many distinct statements a connection drops its cache and starts
// over; repositories use constant SQL, so only generated SQL (IN lists) gets here.
constexpr std::size_t kStatementCacheLimit = 256;
// How long a caller waits for a pooled connection before "store.busy".
constexpr std::chrono::milliseconds kPoolWait{30000};
// How often the WAL is copied back into the database file.
constexpr std::chrono::milliseconds kCheckpointEvery{250};
// Frames (pages) in the WAL beyond which it is started over: 64 MB.
constexpr std::int64_t kRestartFrames = 16384;
// At most this long are writers held back while the WAL is started over.
constexpr std::chrono::milliseconds kRestartHold{20};

Error SqliteError(int rc, sqlite3* db, std::string_view sql) {
  std::string detail = "sqlite error " + std::to_string(rc) + ": " +
                       (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (!sql.empty()) {
    detail += " [";
    detail += sql;
    detail += "]";
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error(ErrorKind::kConflict, "store.conflict", std::move(detail));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(ErrorKind::kUnavailable, "store.busy", std::move(detail));
    default:
      return Error(ErrorKind::kInternal, "internal", std::move(detail));
  }
}

bool OnlySeparators(const char* tail) {
  for (; tail != nullptr && *tail != '\0'; ++tail) {
    if (*tail != ';' && *tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != '\r') {
      return false;
    }
  }
  return true;
}

// Resets a statement (releasing its read snapshot) and clears its bindings
// (which may point into the caller's parameters) when a run ends, however it ends.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;
  ~StatementReset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

// One open connection and its statement cache. Used by one thread at a time.
class SqliteConnection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        const DbOptions& options) {
    sqlite3* handle = nullptr;
    // NOMUTEX: the pool gives a connection to one thread at a time.
    int rc =
        sqlite3_open_v2(path.c_str(), &handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    auto conn = std::make_unique<SqliteConnection>(handle);
    if (rc != SQLITE_OK) {
      return Error(ErrorKind::kUnavailable, "store.unavailable",
                   "cannot open sqlite database " + path + ": " +
                       (handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc)));
    }
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, options.busy_timeout_ms);
    // WAL: readers see a snapshot and never block the one writer. The mode is
    // stored in the file, so setting it again on later connections is a no-op.
    // synchronous=NORMAL under WAL: a commit is in the WAL file (the OS page
    // cache) before it is acknowledged, so it survives a crash or kill -9 of
    // the process; only an OS crash or power loss can lose the last commits
    // since the previous checkpoint. FULL closes that gap with an fsync per
    // commit, which measured ~20x slower per write transaction here.
    // foreign_keys is per connection and off by default in SQLite.
    // mmap: pages are read from the OS page cache without a copy per read,
    // which measured 2-3x the throughput of list reads on a 3 GB city data
    // set (bench/city); SQLite caps it at its compile-time maximum.
    // wal_autocheckpoint=0: SqliteDb checkpoints in a thread of its own, not
    // inside the COMMIT of whichever request crosses the WAL's page limit;
    // journal_size_limit trims the WAL file back after it has been reset.
    constexpr const char* kSetup =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA mmap_size=8589934592; PRAGMA wal_autocheckpoint=0; "
        "PRAGMA journal_size_limit=67108864;";
    rc = sqlite3_exec(handle, kSetup, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      Error error = SqliteError(rc, handle, "");
      // Not a database file, or unreadable: the store as configured is not there.
      if (error.kind() == ErrorKind::kInternal) {
        return Error(ErrorKind::kUnavailable, "store.unavailable",
                     "cannot set up sqlite database " + path + ": " + sqlite3_errmsg(handle));
      }
      return error;
    }
    return conn;
  }

  // Takes ownership of an opened handle.
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() {
    ClearCache();
    // Closing rolls back a transaction left open.
    sqlite3_close_v2(db_);
  }

  sqlite3* handle() const { return db_; }
  // Still inside a transaction: the pool must not hand it to someone else.
  bool Broken() const { return sqlite3_get_autocommit(db_) == 0; }
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) {
    Rows rows;
    Result<std::int64_t> changed = Run(sql, params, &rows);
    if (!changed) return std::move(changed).error();
    return rows;
  }

  Result<std::int64_t> Execute(std::string_view sql, const std::vector<Value>& params) {
    return Run(sql, params, nullptr);
  }

  Status ExecuteScript(std::string_view sql) {
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqliteError(rc, db_, sql);
    return Ok();
  }

 private:
  void ClearCache() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    if (statements_.size() >= kStatementCacheLimit) ClearCache();
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size() + 1),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return SqliteError(rc, db_, sql);
    if (stmt == nullptr || !OnlySeparators(tail)) {
      sqlite3_finalize(stmt);
      return InternalError("expected exactly one SQL statement (use ExecuteScript for several): " +
                           key);
    }
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* stmt, const std::vector<Value>& params, std::string_view sql) {
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return InternalError("statement takes " + std::to_string(expected) + " parameters, got " +
                           std::to_string(params.size()) + ": " + std::string(sql));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i + 1);
      const Value& value = params[i];
      int rc = SQLITE_OK;
      // SQLITE_STATIC: the parameters outlive the run, and StatementReset
      // clears the bindings before the caller's vector can go away.
      if (const auto* n = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        // Refused as PostgreSQL must refuse it, so both stores keep the same texts.
        if (s->find('\0') != std::string::npos)
          return Error(ErrorKind::kInvalid, "store.nul_in_text");
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Blob>(&value)) {
        // A null data pointer would bind NULL, so an empty blob is a zero blob.
        rc = b->bytes.empty() ? sqlite3_bind_zeroblob(stmt, index, 0)
                              : sqlite3_bind_blob64(stmt, index, b->bytes.data(), b->bytes.size(),
                                                    SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return SqliteError(rc, db_, sql);
    }
    return Ok();
  }

  static Value ColumnValue(sqlite3_stmt* stmt, int col) {
    switch (sqlite3_column_type(stmt, col)) {
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(stmt, col));
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, col);
      case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)));
      }
      case SQLITE_BLOB: {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, col));
        auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, col));
        return Blob{data == nullptr ? std::string() : std::string(data, size)};
      }
      default:
        return Null();
    }
  }

  // Runs one statement; collects its rows into `rows` when given. Returns the
  // number of rows the statement changed (0 for reads and DDL).
  Result<std::int64_t> Run(std::string_view sql, const std::vector<Value>& params, Rows* rows) {
    Result<sqlite3_stmt*> prepared = Prepare(sql);
    if (!prepared) return std::move(prepared).error();
    sqlite3_stmt* stmt = *prepared;
    StatementReset reset(stmt);
    JIELI_RETURN_IF_ERROR(Bind(stmt, params, sql));

    int columns = sqlite3_column_count(stmt);
    if (rows != nullptr) {
      rows->columns.clear();
      for (int c = 0; c < columns; ++c) rows->columns.emplace_back(sqlite3_column_name(stmt, c));
    }
    sqlite3_int64 total_before = sqlite3_total_changes64(db_);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (rows == nullptr) continue;
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) values.push_back(ColumnValue(stmt, c));
      rows->rows.emplace_back(std::move(values));
    }
    if (rc != SQLITE_DONE) return SqliteError(rc, db_, sql);
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so a
    // read or DDL statement would report a stale number without this guard.
    if (sqlite3_stmt_readonly(stmt) || sqlite3_total_changes64(db_) == total_before) return 0;
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

using SqlitePool = ConnectionPool<SqliteConnection>;

Error FinishedError() { return InternalError("transaction already committed"); }

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(std::unique_lock<std::timed_mutex> writer, SqlitePool::Lease lease,
                    LocalListeners* listeners)
      : writer_(std::move(writer)), lease_(std::move(lease)), listeners_(listeners) {}
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  ~SqliteTransaction() override {
    // An error such as SQLITE_FULL may already have rolled back; ROLLBACK
    // would then fail, so ask first. If it still fails, the pool drops the
    // connection (Broken) and closing it rolls back.
    if (lease_ && lease_->InTransaction()) (void)lease_->ExecuteScript("ROLLBACK");
  }

  Backend backend() const override { return Backend::kSqlite; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    if (!lease_) return FinishedError();
    return lease_->Query(sql, params);
  }
  Result<std::int64_t> Execute(std::string_view sql, const std::vector<Value>& params) override {
    if (!lease_) return FinishedError();
    return lease_->Execute(sql, params);
  }
  Status ExecuteScript(std::string_view sql) override {
    if (!lease_) return FinishedError();
    return lease_->ExecuteScript(sql);
  }

  Status Commit() override {
    if (!lease_) return FinishedError();
    Status status = lease_->ExecuteScript("COMMIT");
    // A failed COMMIT (a deferred foreign key) leaves the transaction open;
    // the contract says it is finished either way, so roll it back.
    if (lease_->InTransaction()) (void)lease_->ExecuteScript("ROLLBACK");
    lease_.Reset();
    writer_.unlock();
    // After the lock is released: a listener may well start a transaction.
    if (status.ok()) {
      for (const auto& [channel, payload] : notifications_) listeners_->Deliver(channel, payload);
    }
    notifications_.clear();
    return status;
  }

  Status Notify(std::string_view channel, std::string_view payload) override {
    if (!lease_) return FinishedError();
    JIELI_RETURN_IF_ERROR(CheckNotification(channel, payload));
    notifications_.emplace_back(std::string(channel), std::string(payload));
    return Ok();
  }

 private:
  // Declared first so that it is released last, after the connection.
  std::unique_lock<std::timed_mutex> writer_;
  SqlitePool::Lease lease_;
  LocalListeners* listeners_;
  std::vector<std::pair<std::string, std::string>> notifications_;  // sent on commit
};

class SqliteDb final : public Db {
 public:
  SqliteDb(std::string path, const DbOptions& options)
      : path_(std::move(path)), options_(options), pool_(options.pool_size, kPoolWait, [this] {
          return SqliteConnection::Open(path_, options_);
        }) {}

  Backend backend() const override { return Backend::kSqlite; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    Result<SqlitePool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    return (*lease)->Query(sql, params);
  }

  // A write outside a transaction queues with the transactions (see Begin).
  Result<std::int64_t> Execute(std::string_view sql, const std::vector<Value>& params) override {
    std::unique_lock writer(write_mutex_, std::chrono::milliseconds(options_.busy_timeout_ms));
    if (!writer.owns_lock()) return WriterTimeout();
    Result<SqlitePool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    return (*lease)->Execute(sql, params);
  }

  Status ExecuteScript(std::string_view sql) override {
    Result<SqlitePool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    return (*lease)->ExecuteScript(sql);
  }

  Result<std::unique_ptr<Transaction>> Begin() override {
    // SQLite has one writer at a time. This process's writers queue on a
    // mutex and go in the moment the last one commits; left to SQLite's busy
    // handler they would sleep and poll (1, 2, 5 … 100 ms), which cut the
    // write rate and stretched its p99 (bench/city). Taken before the
    // connection, so that no one waits for the lock while holding one.
    std::unique_lock writer(write_mutex_, std::chrono::milliseconds(options_.busy_timeout_ms));
    if (!writer.owns_lock()) return WriterTimeout();
    Result<SqlitePool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    // IMMEDIATE takes the write lock now (other processes, such as the CLI,
    // are waited for up to the busy timeout), so a transaction never fails
    // halfway when it first writes.
    JIELI_RETURN_IF_ERROR((*lease)->ExecuteScript("BEGIN IMMEDIATE"));
    return std::unique_ptr<Transaction>(std::make_unique<SqliteTransaction>(
        std::move(writer), std::move(lease).value(), &listeners_));
  }

  // In-process only: a second process on the same file (another node, the
  // CLI) does not hear these; several nodes need PostgreSQL.
  Result<std::unique_ptr<Subscription>> Listen(
      std::string channel, std::function<void(const std::string&)> on_payload) override {
    JIELI_RETURN_IF_ERROR(CheckNotification(channel, ""));
    return listeners_.Add(std::move(channel), std::move(on_payload));
  }

  Status Ping() override {
    Result<Rows> rows = Query("SELECT 1", {});
    if (!rows) return std::move(rows).error();
    return Ok();
  }

  Status Backup(const std::string& path) override {
    Result<SqlitePool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    JIELI_RETURN_IF_ERROR(CopyTo((*lease)->handle(), path));
    return Verify(path);
  }

 private:
  static Error WriterTimeout() {
    return Error(ErrorKind::kUnavailable, "store.busy", "timed out waiting for the writer");
  }

  static Error BackupError(const std::string& reason) {
    Error error(ErrorKind::kInternal, "store.backup_failed", "backup failed: " + reason);
    error.WithParam("reason", reason);
    return error;
  }

  // Copies every page of the live database into the file at path.
  Status CopyTo(sqlite3* source, const std::string& path) {
    sqlite3* dest = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> dest_guard(dest, sqlite3_close_v2);
    if (rc != SQLITE_OK) {
      return BackupError("cannot open " + path + ": " +
                         (dest != nullptr ? sqlite3_errmsg(dest) : sqlite3_errstr(rc)));
    }
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
    if (backup == nullptr) return BackupError(sqlite3_errmsg(dest));
    // Under WAL a reader is rarely refused; when it is, retry for as long as a
    // writer would wait.
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.busy_timeout_ms);
    do {
      rc = sqlite3_backup_step(backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    } while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
             std::chrono::steady_clock::now() < deadline);
    int finish = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return BackupError(std::string("copy stopped: ") + sqlite3_errstr(rc));
    if (finish != SQLITE_OK) return BackupError(sqlite3_errmsg(dest));
    return Ok();
  }

  // Opens the copy on its own and asks SQLite to check every page of it.
  static Status Verify(const std::string& path) {
    sqlite3* copy = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &copy, SQLITE_OPEN_READWRITE, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> copy_guard(copy, sqlite3_close_v2);
    if (rc != SQLITE_OK) {
      return BackupError("cannot reopen the copy: " + std::string(sqlite3_errstr(rc)));
    }
    sqlite3_stmt* stmt = nullptr;
    rc = sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &stmt, nullptr);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_guard(stmt, sqlite3_finalize);
    if (rc != SQLITE_OK) return BackupError(sqlite3_errmsg(copy));
    rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) return BackupError(sqlite3_errmsg(copy));
    const auto* answer = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    std::string verdict = answer == nullptr ? "" : answer;
    if (verdict != "ok") return BackupError("integrity check of the copy: " + verdict);
    return Ok();
  }

  // Copies committed pages from the WAL into the database file (PASSIVE: it
  // neither waits for nor blocks readers and writers) until the Db closes;
  // closing the last connection checkpoints what is left.
  void CheckpointUntilStopped(const std::stop_token& stop) {
    std::mutex idle;
    std::condition_variable_any wake;
    std::unique_lock lock(idle);
    while (
        !wake.wait_for(lock, stop, kCheckpointEvery, [&stop] { return stop.stop_requested(); })) {
      Result<SqlitePool::Lease> lease = pool_.Acquire();
      // Failing here only lets the WAL grow until the next round.
      if (!lease) continue;
      Result<Rows> done = (*lease)->Query("PRAGMA wal_checkpoint(PASSIVE)", {});
      if (!done || done->empty()) continue;
      const std::int64_t frames = (*done)[0].Int(1), copied = (*done)[0].Int(2);
      // A WAL in constant use is never started over by itself (some reader
      // is always on it), and every page read searches all of it. Once it is
      // long and nearly all copied, this process's writers are held back for
      // a moment: readers then move to the database file within milliseconds
      // and RESTART starts the WAL over. It is polled here rather than with
      // SQLite's busy handler, which sleeps up to 100 ms between tries.
      if (frames >= kRestartFrames && frames - copied < kRestartFrames / 4) {
        std::unique_lock writer(write_mutex_, kRestartHold);
        if (!writer.owns_lock()) continue;
        sqlite3* handle = (*lease)->handle();
        sqlite3_busy_timeout(handle, 0);
        const auto give_up = std::chrono::steady_clock::now() + kRestartHold;
        while (std::chrono::steady_clock::now() < give_up) {
          Result<Rows> restart = (*lease)->Query("PRAGMA wal_checkpoint(RESTART)", {});
          if (restart && !restart->empty() && (*restart)[0].Int(0) == 0) break;
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        sqlite3_busy_timeout(handle, options_.busy_timeout_ms);
      }
    }
  }

  std::string path_;
  DbOptions options_;
  SqlitePool pool_;
  std::timed_mutex write_mutex_;
  LocalListeners listeners_;
  // Last: stopped and joined first, while the pool is still there.
  std::jthread checkpointer_{[this](const std::stop_token& stop) { CheckpointUntilStopped(stop); }};
};

}  // namespace

Result<std::unique_ptr<Db>> OpenSqliteDb(std::string path, const DbOptions& options) {
  if (path.empty() || path == ":memory:" || path.starts_with("file::memory:")) {
    return Error(ErrorKind::kInvalid, "store.invalid_url",
                 "sqlite needs a file path (an in-memory database cannot be pooled)");
  }
  auto db = std::make_unique<SqliteDb>(std::move(path), options);
  // Open one connection now so that a bad path fails at start-up, not on the
  // first request; it goes back to the pool for reuse.
  JIELI_RETURN_IF_ERROR(db->Ping());
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace jieli::store
