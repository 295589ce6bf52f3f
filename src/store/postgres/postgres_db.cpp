#include "store/postgres/postgres_db.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

#include <libpq-fe.h>
#include <poll.h>

#include "store/connection_pool.hpp"
#include "store/local_listeners.hpp"
#include "store/postgres/placeholders.hpp"

namespace jieli::store {
namespace {

// Type OIDs from pg_type.h; stable across PostgreSQL versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// How long a caller waits for a pooled connection before "store.busy".
constexpr std::chrono::milliseconds kPoolWait{30000};
// Used unless the URL says otherwise: without it libpq waits for the OS TCP
// timeout (minutes) on a host that drops packets.
constexpr const char* kConnectTimeoutSeconds = "10";
// Beyond this many distinct SQL texts the placeholder cache starts over.
constexpr std::size_t kPlaceholderCacheLimit = 1024;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

std::string_view Trimmed(const char* message) {
  std::string_view text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

// Maps a failed statement to Jieli's error codes; the server's message and
// the SQL go to the log only.
Error PgError(PGconn* conn, const PGresult* result, std::string_view sql) {
  std::string detail = "postgres: ";
  const char* sqlstate = nullptr;
  if (result != nullptr) {
    sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    detail += Trimmed(PQresultErrorMessage(result));
  } else {
    detail += Trimmed(PQerrorMessage(conn));
  }
  if (sqlstate != nullptr) {
    detail += " (SQLSTATE ";
    detail += sqlstate;
    detail += ")";
  }
  if (!sql.empty()) {
    detail += " [";
    detail += sql;
    detail += "]";
  }
  std::string_view state = sqlstate == nullptr ? "" : sqlstate;
  if (PQstatus(conn) != CONNECTION_OK || state.starts_with("08") || state == "57P01" ||
      state == "57P02" || state == "57P03") {
    // Connection exceptions, and a server shutting down or starting up.
    return Error(ErrorKind::kUnavailable, "store.unavailable", std::move(detail));
  }
  if (state.starts_with("23")) {
    return Error(ErrorKind::kConflict, "store.conflict", std::move(detail));
  }
  if (state == "40001" || state == "40P01") {
    // Serialization failure and deadlock: the server rolled back; a retry may pass.
    return Error(ErrorKind::kUnavailable, "store.busy", std::move(detail));
  }
  return Error(ErrorKind::kInternal, "internal", std::move(detail));
}

std::string DoubleParam(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  std::array<char, 64> buf;
  auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  return {buf.data(), ec == std::errc() ? ptr : buf.data()};
}

Value CellValue(const PGresult* result, int row, int col) {
  if (PQgetisnull(result, row, col) != 0) return Null();
  const char* text = PQgetvalue(result, row, col);
  auto length = static_cast<std::size_t>(PQgetlength(result, row, col));
  switch (PQftype(result, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      std::int64_t n = 0;
      std::from_chars(text, text + length, n);
      return n;
    }
    case kBoolOid:
      return static_cast<std::int64_t>(length > 0 && text[0] == 't' ? 1 : 0);
    case kNumericOid: {
      // SUM(bigint) and COUNT-like arithmetic come back as NUMERIC; a whole
      // number stays an integer, as SQLite's NUMERIC affinity would keep it.
      std::int64_t n = 0;
      auto [end, ec] = std::from_chars(text, text + length, n);
      if (ec == std::errc() && end == text + length) return n;
      [[fallthrough]];
    }
    case kFloat4Oid:
    case kFloat8Oid: {
      // from_chars also reads the server's "Infinity", "-Infinity" and "NaN".
      double d = 0;
      std::from_chars(text, text + length, d);
      return d;
    }
    case kByteaOid: {
      std::size_t size = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
      if (bytes == nullptr) return Blob{};
      Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
      PQfreemem(bytes);
      return blob;
    }
    default:
      return std::string(text, length);
  }
}

// One server connection. Used by one thread at a time.
class PgConnection {
 public:
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url) {
    // Keywords before "dbname" are defaults the URL may override; those after
    // it are forced. Text must be UTF-8 whatever the server's default.
    const std::array<const char*, 5> keywords = {"connect_timeout", "application_name", "dbname",
                                                 "client_encoding", nullptr};
    const std::array<const char*, 5> values = {kConnectTimeoutSeconds, "jieli", url.c_str(), "UTF8",
                                               nullptr};
    auto conn = std::make_unique<PgConnection>(
        PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1));
    if (conn->conn_ == nullptr) {
      return Error(ErrorKind::kUnavailable, "store.unavailable", "libpq: out of memory");
    }
    if (PQstatus(conn->conn_) != CONNECTION_OK) {
      return Error(
          ErrorKind::kUnavailable, "store.unavailable",
          "cannot connect to postgres: " + std::string(Trimmed(PQerrorMessage(conn->conn_))));
    }
    // By default libpq prints NOTICEs ("relation already exists, skipping")
    // to stderr; they carry nothing the caller needs.
    PQsetNoticeProcessor(
        conn->conn_, [](void*, const char*) {}, nullptr);
    return conn;
  }

  // Takes ownership of a libpq connection (which may have failed to connect).
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  PGconn* handle() const { return conn_; }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() { PQfinish(conn_); }

  // Lost, or left inside a transaction: not fit to hand to the next user.
  bool Broken() const {
    return PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) != PQTRANS_IDLE;
  }
  bool InTransaction() const {
    PGTransactionStatusType status = PQtransactionStatus(conn_);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
  }

  Result<Rows> Query(const NumberedSql& numbered, const std::vector<Value>& params,
                     std::string_view sql) {
    Result<PgResult> result = Run(numbered, params, sql);
    if (!result) return std::move(result).error();
    const PGresult* res = result->get();
    Rows rows;
    int columns = PQnfields(res);
    int count = PQntuples(res);
    for (int c = 0; c < columns; ++c) rows.columns.emplace_back(PQfname(res, c));
    rows.rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) values.push_back(CellValue(res, r, c));
      rows.rows.emplace_back(std::move(values));
    }
    return rows;
  }

  Result<std::int64_t> Execute(const NumberedSql& numbered, const std::vector<Value>& params,
                               std::string_view sql) {
    Result<PgResult> result = Run(numbered, params, sql);
    if (!result) return std::move(result).error();
    // Empty for statements that report no row count (DDL).
    const char* tuples = PQcmdTuples(result->get());
    std::int64_t changed = 0;
    std::from_chars(tuples, tuples + std::strlen(tuples), changed);
    return changed;
  }

  // Runs several statements through the simple query protocol, which stops at
  // the first failing one and reports it.
  Status ExecuteScript(std::string_view sql) {
    std::string text(sql);
    PgResult result(PQexec(conn_, text.c_str()));
    ExecStatusType status = PQresultStatus(result.get());
    if (result == nullptr ||
        (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)) {
      return PgError(conn_, result.get(), sql);
    }
    return Ok();
  }

  Status Commit() {
    PgResult result(PQexec(conn_, "COMMIT"));
    if (result == nullptr || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      return PgError(conn_, result.get(), "COMMIT");
    }
    // COMMIT of a transaction that already failed succeeds as a ROLLBACK.
    if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
      return InternalError("postgres: COMMIT after a failed statement rolled the transaction back");
    }
    return Ok();
  }

 private:
  Result<PgResult> Run(const NumberedSql& numbered, const std::vector<Value>& params,
                       std::string_view sql) {
    if (numbered.param_count != static_cast<int>(params.size())) {
      return InternalError("statement takes " + std::to_string(numbered.param_count) +
                           " parameters, got " + std::to_string(params.size()) + ": " +
                           std::string(sql));
    }
    std::size_t n = params.size();
    std::vector<std::string> text(n);
    std::vector<const char*> values(n, nullptr);
    std::vector<int> lengths(n, 0);
    std::vector<int> formats(n, 0);
    // Integers, doubles and blobs carry their type so that `SELECT ?` and
    // `? + 1` see the real type. Strings and NULLs stay untyped (0) and take
    // the type their context asks for, as SQLite would.
    std::vector<Oid> types(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Value& value = params[i];
      if (const auto* v = std::get_if<std::int64_t>(&value)) {
        text[i] = std::to_string(*v);
        values[i] = text[i].c_str();
        types[i] = kInt8Oid;
      } else if (const auto* d = std::get_if<double>(&value)) {
        text[i] = DoubleParam(*d);
        values[i] = text[i].c_str();
        types[i] = kFloat8Oid;
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        // libpq reads a C string: a NUL would silently cut the text short.
        if (s->find('\0') != std::string::npos)
          return Error(ErrorKind::kInvalid, "store.nul_in_text");
        values[i] = s->c_str();
      } else if (const auto* b = std::get_if<Blob>(&value)) {
        values[i] = b->bytes.data();
        lengths[i] = static_cast<int>(b->bytes.size());
        formats[i] = 1;  // binary: the raw bytes, no escaping
        types[i] = kByteaOid;
      }
    }
    PgResult result(PQexecParams(conn_, numbered.sql.c_str(), static_cast<int>(n), types.data(),
                                 values.data(), lengths.data(), formats.data(),
                                 /*resultFormat=*/0));
    ExecStatusType status = PQresultStatus(result.get());
    if (result == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)) {
      return PgError(conn_, result.get(), sql);
    }
    return result;
  }

  PGconn* conn_;
};

using PgPool = ConnectionPool<PgConnection>;

// `?` → `$n` translations, remembered per SQL text since repositories send
// the same constant statements over and over. Thread-safe.
class PlaceholderCache {
 public:
  NumberedSql Get(std::string_view sql) {
    std::lock_guard lock(mu_);
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= kPlaceholderCacheLimit) cache_.clear();
    NumberedSql numbered = NumberPlaceholders(sql);
    cache_.emplace(std::string(sql), numbered);
    return numbered;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, NumberedSql> cache_;  // guarded by mu_
};

Error FinishedError() { return InternalError("transaction already committed"); }

class PgTransaction final : public Transaction {
 public:
  PgTransaction(PlaceholderCache* placeholders, PgPool::Lease lease)
      : placeholders_(placeholders), lease_(std::move(lease)) {}
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  ~PgTransaction() override {
    // If ROLLBACK fails the connection is lost or still in a transaction;
    // either way the pool sees it as Broken and closes it.
    if (lease_ && lease_->InTransaction()) (void)lease_->ExecuteScript("ROLLBACK");
  }

  Backend backend() const override { return Backend::kPostgres; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    if (!lease_) return FinishedError();
    return lease_->Query(placeholders_->Get(sql), params, sql);
  }
  Result<std::int64_t> Execute(std::string_view sql, const std::vector<Value>& params) override {
    if (!lease_) return FinishedError();
    return lease_->Execute(placeholders_->Get(sql), params, sql);
  }
  Status ExecuteScript(std::string_view sql) override {
    if (!lease_) return FinishedError();
    return lease_->ExecuteScript(sql);
  }

  Status Commit() override {
    if (!lease_) return FinishedError();
    Status status = lease_->Commit();
    lease_.Reset();
    return status;
  }

  // The server holds the notification until COMMIT and drops it on ROLLBACK.
  Status Notify(std::string_view channel, std::string_view payload) override {
    if (!lease_) return FinishedError();
    JIELI_RETURN_IF_ERROR(CheckNotification(channel, payload));
    constexpr std::string_view kNotify = "SELECT pg_notify(?, ?)";
    Result<Rows> sent = lease_->Query(placeholders_->Get(kNotify),
                                      {std::string(channel), std::string(payload)}, kNotify);
    if (!sent) return std::move(sent).error();
    return Ok();
  }

 private:
  PlaceholderCache* placeholders_;
  PgPool::Lease lease_;
};

// LISTEN on a connection of its own, in a thread of its own. The thread waits
// on the connection's socket (waking every kListenPoll to see whether it
// should stop), and opens the connection again when it is lost.
class PgListener final : public Subscription {
 public:
  using Callback = std::function<void(const std::string&)>;

  static Result<std::unique_ptr<Subscription>> Start(const std::string& url, std::string channel,
                                                     Callback callback) {
    JIELI_RETURN_IF_ERROR(CheckNotification(channel, ""));
    auto conn = Connect(url, channel);
    if (!conn) return std::move(conn).error();
    return std::unique_ptr<Subscription>(std::make_unique<PgListener>(
        url, std::move(channel), std::move(callback), std::move(conn).value()));
  }

  PgListener(std::string url, std::string channel, Callback callback,
             std::unique_ptr<PgConnection> conn)
      : url_(std::move(url)),
        channel_(std::move(channel)),
        callback_(std::move(callback)),
        thread_([this, first = std::move(conn)](const std::stop_token& stop) mutable {
          Run(stop, std::move(first));
        }) {}
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;
  ~PgListener() override {
    thread_.request_stop();
    thread_.join();
  }

 private:
  static constexpr std::chrono::milliseconds kListenPoll{200};
  static constexpr std::chrono::milliseconds kFirstRetry{100};
  static constexpr std::chrono::milliseconds kLongestRetry{5000};

  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& url,
                                                       const std::string& channel) {
    auto conn = PgConnection::Open(url);
    if (!conn) return std::move(conn).error();
    // The channel is a checked plain name, so it needs no quoting.
    JIELI_RETURN_IF_ERROR((*conn)->ExecuteScript("LISTEN " + channel));
    return conn;
  }

  void Run(const std::stop_token& stop, std::unique_ptr<PgConnection> conn) {
    std::chrono::milliseconds retry = kFirstRetry;
    while (!stop.stop_requested()) {
      if (!conn) {
        std::this_thread::sleep_for(retry);
        auto again = Connect(url_, channel_);
        if (!again) {
          retry = std::min(retry * 2, kLongestRetry);
          continue;
        }
        conn = std::move(again).value();
        retry = kFirstRetry;
        callback_("");  // what was sent while we were away is lost
      }
      if (!Wait(*conn)) conn.reset();
    }
  }

  // Waits up to kListenPoll for notifications and delivers them. False when
  // the connection is lost.
  bool Wait(PgConnection& conn) {
    PGconn* pg = conn.handle();
    pollfd fd{PQsocket(pg), POLLIN, 0};
    if (fd.fd < 0) return false;
    int ready = ::poll(&fd, 1, static_cast<int>(kListenPoll.count()));
    if (ready < 0) return errno == EINTR;
    if (ready == 0) return true;
    if (PQconsumeInput(pg) == 0) return false;
    while (PGnotify* notify = PQnotifies(pg)) {
      std::string payload = notify->extra == nullptr ? "" : notify->extra;
      PQfreemem(notify);
      callback_(payload);
    }
    return PQstatus(pg) == CONNECTION_OK;
  }

  std::string url_;
  std::string channel_;
  Callback callback_;
  // Last: started once everything it uses is there.
  std::jthread thread_;
};

class PostgresDb final : public Db {
 public:
  PostgresDb(std::string url, const DbOptions& options)
      : url_(std::move(url)),
        pool_(options.pool_size, kPoolWait, [this] { return PgConnection::Open(url_); }) {}

  Backend backend() const override { return Backend::kPostgres; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    NumberedSql numbered = placeholders_.Get(sql);
    Result<PgPool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    return (*lease)->Query(numbered, params, sql);
  }

  Result<std::int64_t> Execute(std::string_view sql, const std::vector<Value>& params) override {
    NumberedSql numbered = placeholders_.Get(sql);
    Result<PgPool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    return (*lease)->Execute(numbered, params, sql);
  }

  Status ExecuteScript(std::string_view sql) override {
    Result<PgPool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    return (*lease)->ExecuteScript(sql);
  }

  Result<std::unique_ptr<Transaction>> Begin() override {
    Result<PgPool::Lease> lease = pool_.Acquire();
    if (!lease) return std::move(lease).error();
    JIELI_RETURN_IF_ERROR((*lease)->ExecuteScript("BEGIN"));
    return std::unique_ptr<Transaction>(
        std::make_unique<PgTransaction>(&placeholders_, std::move(lease).value()));
  }

  Status Ping() override {
    Result<Rows> rows = Query("SELECT 1", {});
    if (!rows) return std::move(rows).error();
    return Ok();
  }

  Status Backup(const std::string&) override {
    return Error(ErrorKind::kInvalid, "store.backup_unsupported");
  }

  Result<std::unique_ptr<Subscription>> Listen(
      std::string channel, std::function<void(const std::string&)> on_payload) override {
    return PgListener::Start(url_, std::move(channel), std::move(on_payload));
  }

 private:
  std::string url_;
  PlaceholderCache placeholders_;
  PgPool pool_;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenPostgresDb(std::string url, const DbOptions& options) {
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error);
  if (parsed == nullptr) {
    // libpq's message may quote the URL, password included; keep it out of the log.
    if (parse_error != nullptr) PQfreemem(parse_error);
    return Error(ErrorKind::kInvalid, "store.invalid_url", "libpq cannot parse the postgres URL");
  }
  PQconninfoFree(parsed);
  return std::unique_ptr<Db>(std::make_unique<PostgresDb>(std::move(url), options));
}

}  // namespace jieli::store
