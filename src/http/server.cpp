#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "http/content_coding.hpp"
#include "http/json.hpp"

namespace jieli::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kHeaderLimit = 8 * 1024;
// Long enough for a slow mobile client to take a large asset.
constexpr std::chrono::seconds kWriteTimeout{60};
// After an error response the unread rest of the request is drained for this
// long, so that closing does not reset the connection before the client has
// read the response.
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::chrono::seconds kShutdownGrace{10};
constexpr std::string_view kAccessLoggerName = "jieli.access";
constexpr std::chrono::seconds kAccessLogFlushInterval{1};

// Style sheets only from the app itself, no <style> elements; style
// attributes are allowed, because Element Plus writes some into the page at
// run time (docs/decisions/0006-csp-styles.md).
constexpr std::string_view kHtmlCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
// Behind HTTPS: browsers that have seen it come back only over HTTPS, for a year.
constexpr std::string_view kStrictTransportSecurity = "max-age=31536000";
// Anything else is never a document: forbid it from loading or framing anything.
constexpr std::string_view kStrictCsp = "default-src 'none'; frame-ancestors 'none'";
// A script's own policy binds only where it runs as a worker (the web app's service worker): it
// fetches from the app's origin (the app shell it precaches, the API reads it keeps offline).
constexpr std::string_view kScriptCsp =
    "default-src 'none'; connect-src 'self'; frame-ancestors 'none'";

// Beast 1.74 speaks boost::string_view; this converts at the boundary.
std::string_view Std(beast::string_view text) { return {text.data(), text.size()}; }

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string_view CspFor(std::string_view content_type) {
  if (StartsWith(content_type, "text/html")) return kHtmlCsp;
  if (StartsWith(content_type, "text/javascript")) return kScriptCsp;
  return kStrictCsp;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// A client's request id is echoed into headers and logs, so only short plain
// tokens are trusted; anything else is replaced.
bool IsSafeRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

// The Date header, formatted once per second per thread.
std::string_view HttpDate() {
  thread_local std::time_t cached_second = 0;
  thread_local std::array<char, 64> cached{};
  thread_local std::size_t cached_size = 0;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    cached_size = std::strftime(cached.data(), cached.size(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached_second = now;
  }
  return {cached.data(), cached_size};
}

std::string FormatBytes(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024;
  constexpr std::size_t kMiB = 1024 * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// A header from a handler must not smuggle a line break into the response.
bool IsSafeHeaderText(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string_view ContentTypeFor(std::string_view extension) {
  static const std::unordered_map<std::string_view, std::string_view> kTypes = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"json", "application/json; charset=utf-8"},
      {"webmanifest", "application/manifest+json"},
      {"map", "application/json; charset=utf-8"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"txt", "text/plain; charset=utf-8"},
  };
  std::string lower(extension);
  for (char& c : lower) c = AsciiLower(c);
  auto it = kTypes.find(lower);
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(out).str();
}

Response WithStatus(Response response, int status) {
  response.status = status;
  return response;
}

// Whether the request path belongs to the API (router, JSON errors, no-store)
// rather than to the web app's files.
bool IsApiPath(std::string_view path) {
  return StartsWith(path, "/api/") || path == "/api" || path == "/healthz" || path == "/readyz";
}

// The default access-log sink: lines collect in memory and reach stdout in
// blocks (when 64 KiB have gathered, and at least once a second via a flush
// timer), so a request pays for formatting one line, not for a write(2) or a
// wake-up of a logging thread.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BufferedStdoutSink() { buffer_.reserve(kBlock); }
  ~BufferedStdoutSink() override { WriteOut(); }
  BufferedStdoutSink(const BufferedStdoutSink&) = delete;
  BufferedStdoutSink& operator=(const BufferedStdoutSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= kBlock) WriteOut();
  }
  void flush_() override { WriteOut(); }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;

  void WriteOut() {
    std::size_t written = 0;
    while (written < buffer_.size()) {
      ssize_t n = ::write(STDOUT_FILENO, buffer_.data() + written, buffer_.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stdout closed or broken: the log is best effort
      written += static_cast<std::size_t>(n);
    }
    buffer_.clear();
  }

  std::string buffer_;
};

// What one request/response exchange needs to be answered and logged.
struct Exchange {
  std::string method = "-";
  std::string path = "-";  // raw path, never the query string
  std::string request_id;
  Lang lang = Lang::kZh;
  unsigned version = 11;
  bool head = false;
  bool keep_alive = false;
  bool api = true;
  Clock::time_point start = Clock::now();
  int status = 0;
  std::size_t body_bytes = 0;
};

class Session;

// Everything the server owns. Server::Impl is this plus nothing; it is a
// separate class only because Server::Impl is private to Server and sessions
// need a name for their owner.
class ServerCore {
 public:
  ServerCore(ServerOptions options, const Router& router)
      : options_(std::move(options)), router_(router) {}

  const ServerOptions& options() const { return options_; }
  bool Stopping() const { return stopping_.load(std::memory_order_acquire); }

  Status Start();
  std::uint16_t port() const { return port_; }
  void Stop();
  void Wait();

  // Registration lets Stop() reach every live connection. False once stopping:
  // the new connection is closed instead of served.
  bool Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);

  // Routes one well-formed request to a handler or to the web app's files.
  Response Dispatch(Request& request, std::string_view raw_path, bool head);

  // The largest body any route takes: the parser's limit until the header
  // says which route a request is for.
  std::size_t max_body_limit() const { return max_body_limit_; }
  // The body limit of the route that method and target (as received) name;
  // the server's for anything else (static files, unknown routes).
  std::size_t BodyLimitFor(std::string_view method, std::string_view target) const;

  void LogAccess(const Exchange& exchange, const std::string& client) const;

 private:
  void Accept();
  void ScheduleLogFlush();
  Response ServeStatic(const Request& request) const;
  std::string AllowedMethods(std::string_view raw_path) const;

  ServerOptions options_;
  const Router& router_;
  std::size_t max_body_limit_ = 0;  // set by Start
  std::filesystem::path web_root_;
  std::string web_root_prefix_;  // canonical root with a trailing '/'

  // Declared before io_context_: sessions destroyed with the io_context's
  // pending handlers still unregister themselves here.
  std::mutex mutex_;
  std::condition_variable sessions_done_;
  std::condition_variable stopped_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  enum class State { kNew, kRunning, kStopped } state_ = State::kNew;
  std::mutex stop_mutex_;  // serialises Stop() callers
  std::atomic<bool> stopping_{false};

  std::shared_ptr<spdlog::logger> access_log_;

  net::io_context io_context_;
  net::strand<net::io_context::executor_type> accept_strand_{net::make_strand(io_context_)};
  tcp::acceptor acceptor_{accept_strand_};
  net::steady_timer accept_retry_{accept_strand_};
  net::steady_timer log_flush_{accept_strand_};
  std::uint16_t port_ = 0;
  std::vector<std::thread> threads_;
};

// The writer a streamed response's handler keeps: it hands text to the
// connection's strand, and knows when the connection has ended. It holds the
// session weakly, so a writer kept by a module never keeps a connection alive.
class SessionStream final : public StreamWriter {
 public:
  SessionStream(std::weak_ptr<Session> session, net::any_io_executor executor)
      : session_(std::move(session)), executor_(std::move(executor)) {}

  bool Write(std::string text) override;
  bool Closed() const override { return closed_.load(std::memory_order_acquire); }
  void Close() override;
  void MarkClosed() { closed_.store(true, std::memory_order_release); }

 private:
  std::weak_ptr<Session> session_;
  net::any_io_executor executor_;
  std::atomic<bool> closed_{false};
};

// One TCP connection. Every operation runs on the connection's strand; the
// session keeps itself alive through the handlers of its pending operation.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ServerCore& core) : stream_(std::move(socket)), core_(core) {
    beast::error_code ec;
    tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    client_address_ = ec ? "-" : remote.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Session() {
    if (registered_) core_.Unregister(this);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->core_.Register(self)) return self->Close();
      self->registered_ = true;
      self->WaitForRequest();
    });
  }

  // Called on the strand when the server stops: an idle connection is closed
  // now; one with a request under way (being read, handled or answered) closes
  // after its response. The stop's grace period bounds the wait.
  void OnStop() {
    if (state_ == State::kWaiting || state_ == State::kLingering || state_ == State::kStreaming) {
      Close();
    }
  }

  // On the strand: ends a stream once what is queued has been written.
  void EndStream() {
    if (state_ != State::kStreaming) return;
    end_stream_ = true;
    if (!stream_writing_ && stream_queue_.empty()) Close();
  }

  // On the strand: sends text as the next piece of the streamed response.
  void QueueStreamText(std::string text) {
    if (state_ != State::kStreaming || text.empty()) return;
    exchange_.body_bytes += text.size();
    if (chunked_) {
      std::array<char, 20> size{};
      int n = std::snprintf(size.data(), size.size(), "%zx\r\n", text.size());
      text.insert(0, size.data(), static_cast<std::size_t>(n));
      text += "\r\n";
    }
    stream_queue_.push_back(std::move(text));
    if (!stream_writing_) WriteStreamQueue();
  }

  net::any_io_executor executor() { return stream_.get_executor(); }

 private:
  enum class State { kWaiting, kReading, kHandling, kWriting, kStreaming, kLingering, kClosed };

  void WaitForRequest() {
    if (core_.Stopping()) return Close();
    parser_.emplace();
    // The largest any route takes; narrowed to the route's own once the
    // header names it (OnHeader), before any body byte is parsed.
    parser_->body_limit(core_.max_body_limit());
    body_limit_ = core_.options().body_limit;
    parser_->header_limit(kHeaderLimit);
    exchange_ = Exchange{};
    if (buffer_.size() > 0) return ReadHeader();  // a pipelined request is already here
    // Idle phase: the idle timeout runs until the first byte; the read timeout
    // for the whole request starts only then.
    state_ = State::kWaiting;
    stream_.expires_after(core_.options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, std::size_t bytes) {
    if (ec) return Close();
    buffer_.commit(bytes);
    ReadHeader();
  }

  void ReadHeader() {
    state_ = State::kReading;
    exchange_.start = Clock::now();
    stream_.expires_after(core_.options().read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return FailRead(ec);
    if (parser_->is_done()) return Handle();
    const auto& request = parser_->get();
    body_limit_ = core_.BodyLimitFor(Std(request.method_string()), Std(request.target()));
    if (auto length = parser_->content_length(); length && *length > body_limit_)
      return FailRead(bhttp::error::body_limit);
    parser_->body_limit(body_limit_);
    if (request.version() >= 11 &&
        EqualsIgnoringCase(Std(request[bhttp::field::expect]), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       beast::bind_front_handler(&Session::OnContinueSent, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinueSent(beast::error_code ec, std::size_t) {
    if (ec) return Close();
    ReadBody();
  }

  void ReadBody() {
    // The expiry set in ReadHeader still runs: the whole request shares it.
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec) return FailRead(ec);
    Handle();
  }

  // A request that could not be read: answer in the error shape when the client
  // is still there to read it, then close.
  void FailRead(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      FillExchangeFromHeader();
      // Refused by the parser while reading the header (a Content-Length
      // above every route's limit): the limit to name is still the route's.
      const auto& request = parser_->get();
      if (!parser_->is_header_done())
        body_limit_ = core_.BodyLimitFor(Std(request.method_string()), Std(request.target()));
      Error error(ErrorKind::kTooLarge, "http.body_too_large");
      error.WithParam("limit", FormatBytes(body_limit_));
      return SendAndClose(ErrorResponse(error, exchange_.lang, exchange_.request_id));
    }
    if (ec == bhttp::error::header_limit) {
      exchange_.request_id = NewRequestId();
      Error error(ErrorKind::kInvalid, "http.header_too_large");
      error.WithParam("limit", FormatBytes(kHeaderLimit));
      return SendAndClose(
          WithStatus(ErrorResponse(error, exchange_.lang, exchange_.request_id), 431));
    }
    bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
    if (malformed && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
        ec != bhttp::error::short_read) {
      exchange_.request_id = NewRequestId();
      return SendAndClose(
          ErrorResponse(InvalidError("http.bad_request"), exchange_.lang, exchange_.request_id));
    }
    // End of stream, reset, timeout, shutdown: nobody to answer.
    Close();
  }

  // What the request header decides about the answer: id, language, version,
  // and the method and path for the log. Also used after a body-limit error,
  // when the header is complete but the body was refused.
  void FillExchangeFromHeader() {
    const auto& request = parser_->get();
    exchange_.method = std::string(Std(request.method_string()));
    std::string_view target = Std(request.target());
    exchange_.path = std::string(target.substr(0, target.find('?')));
    std::string_view id = Std(request["X-Request-Id"]);
    exchange_.request_id = IsSafeRequestId(id) ? std::string(id) : NewRequestId();
    exchange_.lang = LangFromAcceptLanguage(Std(request[bhttp::field::accept_language]));
    exchange_.version = request.version();
  }

  void SendAndClose(Response response) {
    linger_ = true;
    exchange_.keep_alive = false;
    Send(std::move(response));
  }

  void Handle() {
    state_ = State::kHandling;
    auto& message = parser_->get();
    FillExchangeFromHeader();
    exchange_.head = message.method() == bhttp::verb::head;
    exchange_.keep_alive = message.keep_alive();

    Request request;
    std::string_view raw_path;
    if (!BuildRequest(message, request, raw_path)) {
      exchange_.api = IsApiPath(exchange_.path);
      return SendAndClose(
          ErrorResponse(InvalidError("http.bad_request"), exchange_.lang, exchange_.request_id));
    }
    exchange_.api = IsApiPath(request.path);
    Response response;
    try {
      response = core_.Dispatch(request, raw_path, exchange_.head);
    } catch (const std::exception& e) {
      response = ErrorResponse(InternalError(std::string("dispatch threw: ") + e.what()),
                               exchange_.lang, exchange_.request_id);
    } catch (...) {
      response = ErrorResponse(InternalError("dispatch threw a non-exception"), exchange_.lang,
                               exchange_.request_id);
    }
    Send(std::move(response));
  }

  // Fills request from the parsed message; false when the target is not an
  // acceptable origin-form path (see ParseTarget).
  bool BuildRequest(bhttp::request<bhttp::string_body>& message, Request& request,
                    std::string_view& raw_path) {
    std::string_view target = Std(message.target());
    std::optional<RequestTarget> parsed = ParseTarget(target);
    if (!parsed) return false;
    raw_path = parsed->raw_path;
    request.method = exchange_.method;
    request.target = std::string(target);
    request.path = std::move(parsed->path);
    request.query = std::move(parsed->query);
    for (const auto& field : message) {
      std::string_view name = Std(field.name_string());
      auto [it, inserted] =
          request.headers.emplace(std::string(name), std::string(Std(field.value())));
      if (!inserted) {
        // Repeated fields mean one comma-joined list; cookies join with "; ".
        it->second += EqualsIgnoringCase(name, "Cookie") ? "; " : ", ";
        it->second += Std(field.value());
      }
    }
    request.body = std::move(message.body());
    request.request_id = exchange_.request_id;
    request.client_address = ClientAddress(request.Header("X-Forwarded-For"));
    request.lang = exchange_.lang;
    return true;
  }

  // The peer, or behind a trusted proxy the client it names.
  std::string ClientAddress(const std::string& forwarded_for) const {
    const auto& trusted = core_.options().trusted_proxies;
    auto is_trusted = [&](std::string_view address) {
      return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
    };
    if (forwarded_for.empty() || !is_trusted(client_address_)) return client_address_;
    std::string_view rest = forwarded_for;
    while (!rest.empty()) {
      auto comma = rest.rfind(',');
      std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
      while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
      while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
      beast::error_code ec;
      net::ip::address address = net::ip::make_address(std::string(hop), ec);
      if (ec) return client_address_;  // not an address: trust none of it
      std::string text = address.to_string();
      if (!is_trusted(text)) return text;
    }
    return client_address_;
  }

  // Serialises the response by hand into one header block plus the body and
  // writes both with one gather write: cheaper than Beast's serializer walking
  // a dozen small field buffers, and all we need is status, fields and body.
  void Send(Response response) {
    int status = response.status;
    if (status < 100 || status > 599) status = 500;
    bool bodiless = status < 200 || status == 204 || status == 304;
    if (bodiless) response.body.clear();
    bool keep_alive = exchange_.keep_alive && !linger_ && !core_.Stopping();
    close_after_write_ = !keep_alive;

    std::string& head = head_;
    head.clear();
    head += exchange_.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    head += std::to_string(status);
    head += ' ';
    head += Std(bhttp::obsolete_reason(static_cast<bhttp::status>(status)));
    head += "\r\n";
    auto field = [&head](std::string_view name, std::string_view value) {
      head += name;
      head += ": ";
      head += value;
      head += "\r\n";
    };
    bool has_cache_control = false;
    bool has_csp = false;
    for (const auto& [name, value] : response.headers) {
      if (name.empty() || !IsSafeHeaderText(name) || !IsSafeHeaderText(value) ||
          name.find(':') != std::string::npos || EqualsIgnoringCase(name, "Content-Length") ||
          EqualsIgnoringCase(name, "Connection") || EqualsIgnoringCase(name, "Transfer-Encoding")) {
        continue;
      }
      field(name, value);
      has_cache_control = has_cache_control || EqualsIgnoringCase(name, "Cache-Control");
      has_csp = has_csp || EqualsIgnoringCase(name, "Content-Security-Policy");
    }
    if (!bodiless && !response.content_type.empty() && IsSafeHeaderText(response.content_type)) {
      field("Content-Type", response.content_type);
    }
    field("Date", HttpDate());
    field("X-Request-Id", exchange_.request_id);
    field("X-Content-Type-Options", "nosniff");
    field("X-Frame-Options", "DENY");
    field("Referrer-Policy", "no-referrer");
    if (core_.options().strict_transport_security) {
      field("Strict-Transport-Security", kStrictTransportSecurity);
    }
    if (exchange_.api && !has_cache_control) field("Cache-Control", "no-store");
    if (!has_csp) {
      field("Content-Security-Policy", CspFor(response.content_type));
    }
    const bool streamed = response.open_stream && !bodiless && !exchange_.head;
    if (streamed) {
      // A stream has no length: chunks on HTTP/1.1, the end of the connection
      // on 1.0. Proxies (nginx) must pass it on as it comes.
      chunked_ = exchange_.version != 10;
      if (chunked_) field("Transfer-Encoding", "chunked");
      field("X-Accel-Buffering", "no");
      keep_alive = false;
      close_after_write_ = true;
      open_stream_ = std::move(response.open_stream);
    } else if (!bodiless) {
      // HEAD announces the length of the GET body but sends none.
      field("Content-Length", std::to_string(response.body.size()));
    }
    if (!keep_alive) {
      field("Connection", "close");
    } else if (exchange_.version == 10) {
      field("Connection", "keep-alive");
    }
    head += "\r\n";

    exchange_.status = status;
    exchange_.body_bytes = response.body.size();
    body_ = std::move(response.body);
    if (exchange_.head) body_.clear();
    if (streamed) {
      std::string first = std::move(body_);
      body_.clear();
      exchange_.body_bytes = 0;  // counted again as it is queued
      state_ = State::kStreaming;
      stream_.expires_after(kWriteTimeout);
      net::async_write(stream_, net::buffer(head_),
                       beast::bind_front_handler(&Session::OnStreamHead, shared_from_this()));
      QueueStreamText(std::move(first));
      return;
    }

    state_ = State::kWriting;
    stream_.expires_after(kWriteTimeout);
    std::array<net::const_buffer, 2> buffers = {net::buffer(head_), net::buffer(body_)};
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    core_.LogAccess(exchange_, client_address_);
    if (ec) return Close();
    if (close_after_write_) return linger_ ? Linger() : Close();
    WaitForRequest();
  }

  // The status and headers of a stream are out: give the handler its writer,
  // and watch the connection so that a client going away ends the stream.
  void OnStreamHead(beast::error_code ec, std::size_t) {
    if (ec) return Close();
    stream_.expires_never();
    stream_writer_ = std::make_shared<SessionStream>(weak_from_this(), stream_.get_executor());
    WatchStream();
    auto open = std::move(open_stream_);
    open_stream_ = nullptr;
    try {
      open(stream_writer_);
    } catch (const std::exception& e) {
      spdlog::error("http: opening a stream threw: {}", e.what());
      return Close();
    }
    if (!stream_queue_.empty() && !stream_writing_) WriteStreamQueue();
  }

  // A stream's client sends nothing more; any read completing means it went
  // away (or misbehaves), either way the stream ends.
  void WatchStream() {
    stream_.async_read_some(
        net::buffer(drain_),
        [self = shared_from_this()](beast::error_code, std::size_t) { self->Close(); });
  }

  void WriteStreamQueue() {
    // Pieces queued before the header went out wait for OnStreamHead.
    if (!stream_writer_ || state_ != State::kStreaming) return;
    if (stream_queue_.empty()) {
      if (end_stream_) Close();
      return;
    }
    stream_writing_ = true;
    stream_current_ = std::move(stream_queue_.front());
    stream_queue_.pop_front();
    stream_.expires_after(kWriteTimeout);
    net::async_write(stream_, net::buffer(stream_current_),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->stream_writing_ = false;
                       if (ec) return self->Close();
                       self->stream_.expires_never();
                       self->WriteStreamQueue();
                     });
  }

  // Half-close, then read and drop whatever the client still sends (the body
  // we refused) until it closes or the linger time is up.
  void Linger() {
    state_ = State::kLingering;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLingerTimeout);
    DrainSome();
  }

  void DrainSome() {
    stream_.async_read_some(net::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->Close();
                              self->DrainSome();
                            });
  }

  void Close() {
    if (state_ == State::kClosed) return;
    if (state_ == State::kStreaming) {
      if (stream_writer_) stream_writer_->MarkClosed();
      stream_queue_.clear();
      core_.LogAccess(exchange_, client_address_);
    }
    state_ = State::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  ServerCore& core_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_;  // status line and fields of the response being written
  std::string body_;  // its body
  std::array<char, 16 * 1024> drain_{};
  Exchange exchange_;
  std::string client_address_;
  State state_ = State::kWaiting;
  bool registered_ = false;
  bool close_after_write_ = false;
  bool linger_ = false;
  std::size_t body_limit_ = 0;  // the request's route's (OnHeader)
  // A streamed response (Response::open_stream).
  std::function<void(std::shared_ptr<StreamWriter>)> open_stream_;
  std::shared_ptr<SessionStream> stream_writer_;
  std::deque<std::string> stream_queue_;
  std::string stream_current_;  // the piece being written
  bool stream_writing_ = false;
  bool end_stream_ = false;  // close once the queue is written
  bool chunked_ = false;
};

void SessionStream::Close() {
  std::shared_ptr<Session> session = session_.lock();
  if (!session) return;
  net::post(executor_, [session] { session->EndStream(); });
}

bool SessionStream::Write(std::string text) {
  if (Closed()) return false;
  std::shared_ptr<Session> session = session_.lock();
  if (!session) return false;
  net::post(executor_, [session, text = std::move(text)]() mutable {
    session->QueueStreamText(std::move(text));
  });
  return true;
}

Status ServerCore::Start() {
  std::lock_guard stop_lock(stop_mutex_);
  if (state_ != State::kNew) return Ok();
  std::string address_text = options_.host + ":" + std::to_string(options_.port);
  auto bind_failed = [&](const std::string& detail) {
    Error error(ErrorKind::kUnavailable, "http.bind_failed", detail);
    error.WithParam("address", address_text);
    return error;
  };

  max_body_limit_ = options_.body_limit;
  for (const Route& route : router_.routes())
    max_body_limit_ = std::max(max_body_limit_, route.doc.body_limit);

  if (!options_.web_root.empty()) {
    std::error_code fs_ec;
    web_root_ = std::filesystem::weakly_canonical(options_.web_root, fs_ec);
    if (fs_ec) web_root_ = std::filesystem::absolute(options_.web_root).lexically_normal();
    web_root_prefix_ = web_root_.string();
    if (web_root_prefix_.empty() || web_root_prefix_.back() != '/') web_root_prefix_ += '/';
  }

  beast::error_code ec;
  tcp::endpoint endpoint;
  net::ip::address address = net::ip::make_address(options_.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, options_.port);
  } else {
    tcp::resolver resolver(io_context_);
    auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
    if (ec || results.empty()) return bind_failed(ec ? ec.message() : "no address");
    endpoint = results.begin()->endpoint();
  }
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    return bind_failed(ec.message());
  }
  port_ = acceptor_.local_endpoint(ec).port();

  if (options_.access_log) {
    // A logger registered under this name by the application wins (to send the
    // access log to a file); otherwise stdout through a buffered sink.
    access_log_ = spdlog::get(std::string(kAccessLoggerName));
    if (!access_log_) {
      access_log_ = std::make_shared<spdlog::logger>(std::string(kAccessLoggerName),
                                                     std::make_shared<BufferedStdoutSink>());
      access_log_->set_pattern("%Y-%m-%dT%H:%M:%S.%e access %v");
    }
    net::post(accept_strand_, [this] { ScheduleLogFlush(); });
  }

  state_ = State::kRunning;
  net::post(accept_strand_, [this] { Accept(); });
  int threads = std::max(1, options_.threads);
  threads_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      // A throwing completion handler must not take the thread down with it.
      for (;;) {
        try {
          io_context_.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("http: exception escaped an I/O handler: {}", e.what());
        } catch (...) {
          spdlog::error("http: unknown exception escaped an I/O handler");
        }
      }
    });
  }
  return Ok();
}

void ServerCore::Accept() {
  acceptor_.async_accept(net::make_strand(io_context_),
                         [this](beast::error_code ec, tcp::socket socket) {
                           if (!acceptor_.is_open() || Stopping()) return;
                           if (ec) {
                             // Typically EMFILE: back off briefly instead of spinning on the error.
                             spdlog::warn("http: accept failed: {}", ec.message());
                             accept_retry_.expires_after(std::chrono::milliseconds(50));
                             accept_retry_.async_wait([this](beast::error_code wait_ec) {
                               if (!wait_ec) Accept();
                             });
                             return;
                           }
                           std::make_shared<Session>(std::move(socket), *this)->Start();
                           Accept();
                         });
}

void ServerCore::ScheduleLogFlush() {
  log_flush_.expires_after(kAccessLogFlushInterval);
  log_flush_.async_wait([this](beast::error_code ec) {
    if (ec || Stopping()) return;
    access_log_->flush();
    ScheduleLogFlush();
  });
}

bool ServerCore::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  if (stopping_.load(std::memory_order_relaxed)) return false;
  sessions_.emplace(session.get(), session);
  return true;
}

void ServerCore::Unregister(Session* session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
  if (sessions_.empty()) sessions_done_.notify_all();
}

void ServerCore::Stop() {
  std::lock_guard stop_lock(stop_mutex_);
  if (state_ != State::kRunning) return;
  std::vector<std::weak_ptr<Session>> live;
  {
    std::lock_guard lock(mutex_);
    stopping_.store(true, std::memory_order_release);
    live.reserve(sessions_.size());
    for (const auto& [raw, weak] : sessions_) live.push_back(weak);
  }
  net::post(accept_strand_, [this] {
    beast::error_code ec;
    acceptor_.close(ec);
    accept_retry_.cancel();
    log_flush_.cancel();
  });
  for (const auto& weak : live) {
    if (auto session = weak.lock()) {
      net::post(session->executor(), [session] { session->OnStop(); });
    }
  }
  live.clear();

  bool drained = false;
  {
    std::unique_lock lock(mutex_);
    drained = sessions_done_.wait_for(lock, kShutdownGrace, [this] { return sessions_.empty(); });
  }
  if (!drained) {
    spdlog::warn("http: requests still running after {} s; stopping anyway",
                 kShutdownGrace.count());
    io_context_.stop();
  }
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
  if (access_log_) access_log_->flush();
  {
    std::lock_guard lock(mutex_);
    state_ = State::kStopped;
  }
  stopped_.notify_all();
}

void ServerCore::Wait() {
  std::unique_lock lock(mutex_);
  stopped_.wait(lock, [this] { return state_ != State::kRunning; });
}

std::string ServerCore::AllowedMethods(std::string_view raw_path) const {
  std::string allowed;
  for (std::string_view method : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}) {
    bool ok = router_.Find(method, raw_path).ok() ||
              (method == "HEAD" && router_.Find("GET", raw_path).ok());
    if (!ok) continue;
    if (!allowed.empty()) allowed += ", ";
    allowed += method;
  }
  return allowed;
}

std::size_t ServerCore::BodyLimitFor(std::string_view method, std::string_view target) const {
  std::optional<RequestTarget> parsed = ParseTarget(target);
  if (!parsed || !IsApiPath(parsed->path)) return options_.body_limit;
  Result<Router::Match> match = router_.Find(method, parsed->raw_path);
  if (!match || match->route->doc.body_limit == 0) return options_.body_limit;
  return match->route->doc.body_limit;
}

Response ServerCore::Dispatch(Request& request, std::string_view raw_path, bool head) {
  if (!IsApiPath(request.path)) {
    if (request.method == "GET" || request.method == "HEAD") return ServeStatic(request);
    Response response =
        ErrorResponse(Error(ErrorKind::kMethodNotAllowed, "http.method_not_allowed"), request.lang,
                      request.request_id);
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  Result<Router::Match> match = router_.Find(request.method, raw_path);
  if (!match && head && match.error().kind() == ErrorKind::kMethodNotAllowed) {
    match = router_.Find("GET", raw_path);
  }
  if (!match) {
    Response response = ErrorResponse(match.error(), request.lang, request.request_id);
    if (match.error().kind() == ErrorKind::kMethodNotAllowed) {
      response.headers.emplace_back("Allow", AllowedMethods(raw_path));
    }
    return response;
  }
  request.path_params = std::move(match->params);
  request.route = match->route;
  try {
    return match->route->handler(request);
  } catch (const std::exception& e) {
    return ErrorResponse(
        InternalError(request.method + " " + match->route->pattern + " threw: " + e.what()),
        request.lang, request.request_id);
  } catch (...) {
    return ErrorResponse(
        InternalError(request.method + " " + match->route->pattern + " threw a non-exception"),
        request.lang, request.request_id);
  }
}

Response ServerCore::ServeStatic(const Request& request) const {
  auto not_found = [&] {
    return ErrorResponse(NotFoundError("http.not_found"), request.lang, request.request_id);
  };
  if (web_root_.empty()) return not_found();

  // A file goes out as its precompressed copy (name.br, name.gz, written by the
  // web build) when the client takes one; the type stays the original's.
  std::vector<ContentCoding> codings = AcceptedCodings(request.Header("Accept-Encoding"));
  auto serve = [&](const std::filesystem::path& file,
                   std::string_view cache_control) -> std::optional<Response> {
    std::optional<std::string> body;
    std::string_view encoding;
    for (const ContentCoding& coding : codings) {
      std::filesystem::path copy = file;
      copy += std::string(coding.suffix);
      std::error_code ec;
      if (!std::filesystem::is_regular_file(copy, ec)) continue;
      body = ReadFile(copy);
      if (body) {
        encoding = coding.name;
        break;
      }
    }
    if (!body) body = ReadFile(file);
    if (!body) return std::nullopt;
    Response response;
    std::string extension = file.extension().string();
    if (!extension.empty()) extension.erase(0, 1);
    response.content_type = std::string(ContentTypeFor(extension));
    response.body = std::move(*body);
    response.headers.emplace_back("Cache-Control", std::string(cache_control));
    if (!encoding.empty()) response.headers.emplace_back("Content-Encoding", std::string(encoding));
    // Caches keep the compressed and plain answers apart.
    response.headers.emplace_back("Vary", "Accept-Encoding");
    return response;
  };

  std::string_view relative = request.path;
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  if (!relative.empty()) {
    std::error_code ec;
    std::filesystem::path candidate =
        std::filesystem::weakly_canonical(web_root_ / std::filesystem::path(relative), ec);
    // Canonical form resolves symlinks, so the prefix test also catches a link
    // that points out of the web root.
    if (!ec && StartsWith(candidate.native(), web_root_prefix_) &&
        std::filesystem::is_regular_file(candidate, ec)) {
      bool immutable_asset = StartsWith(request.path, "/assets/");
      std::optional<Response> response =
          serve(candidate, immutable_asset ? "public, max-age=31536000, immutable" : "no-cache");
      if (response) return std::move(*response);
    }
    // A path whose last segment has an extension asked for a file that is not
    // there; anything else is a client-side route of the web app.
    std::string_view last = relative.substr(
        relative.rfind('/') == std::string_view::npos ? 0 : relative.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) return not_found();
  }
  std::optional<Response> index = serve(web_root_ / "index.html", "no-cache");
  return index ? std::move(*index) : not_found();
}

void ServerCore::LogAccess(const Exchange& exchange, const std::string& client) const {
  if (!access_log_) return;
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - exchange.start).count();
  access_log_->info("{} {} {} {} {}B {:.1f}ms id={}", client, exchange.method, exchange.path,
                    exchange.status, exchange.body_bytes, ms, exchange.request_id);
}

}  // namespace

struct Server::Impl : ServerCore {
  using ServerCore::ServerCore;
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  // A destructor must not throw; stopping can only fail while closing sockets.
  try {
    impl_->Stop();
  } catch (const std::exception& e) {
    spdlog::error("http: stopping the server failed: {}", e.what());
  }
}

Status Server::Start() { return impl_->Start(); }

std::uint16_t Server::port() const { return impl_->port(); }

void Server::Stop() { impl_->Stop(); }

void Server::Wait() { impl_->Wait(); }

}  // namespace jieli::http
