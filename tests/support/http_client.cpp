#include "support/http_client.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace jieli::test {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kResponseLimit = 64 * 1024 * 1024;

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Runs one asynchronous operation to completion on a private io_context: the
// stream's own expiry turns a hang into beast::error::timeout.
template <class Start>
beast::error_code RunOp(net::io_context& io_context, Start start) {
  beast::error_code result;
  bool done = false;
  start([&](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  io_context.restart();
  io_context.run();
  if (!done) result = net::error::operation_aborted;
  return result;
}

}  // namespace

std::string TestResponse::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

nlohmann::json TestResponse::Json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

struct TestClient::Impl {
  std::string host;
  std::uint16_t port = 0;
  net::io_context io_context;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  std::chrono::milliseconds timeout{30000};
  int connections_opened = 0;
  bool used = false;  // whether the open connection already carried a request
  HeaderMap default_headers;
  std::map<std::string, std::string> cookies;

  void Disconnect() {
    if (stream) {
      beast::error_code ec;
      stream->socket().shutdown(tcp::socket::shutdown_both, ec);
      stream->close();
    }
    stream.reset();
    buffer.clear();
    used = false;
  }

  beast::error_code Connect() {
    Disconnect();
    beast::error_code ec;
    tcp::resolver resolver(io_context);
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return ec;
    stream.emplace(io_context);
    stream->expires_after(timeout);
    ec = RunOp(io_context, [&](auto handler) { stream->async_connect(endpoints, handler); });
    if (ec) {
      stream.reset();
      return ec;
    }
    stream->socket().set_option(tcp::no_delay(true), ec);
    ++connections_opened;
    return {};
  }

  void StoreCookie(std::string_view set_cookie) {
    auto semicolon = set_cookie.find(';');
    std::string_view pair = set_cookie.substr(0, semicolon);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) return;
    std::string name(Trim(pair.substr(0, eq)));
    std::string value(Trim(pair.substr(eq + 1)));
    bool expired = value.empty();
    std::string attributes = Lower(
        semicolon == std::string_view::npos ? std::string_view() : set_cookie.substr(semicolon));
    if (attributes.find("max-age=0") != std::string::npos ||
        attributes.find("max-age=-") != std::string::npos ||
        attributes.find("1970") != std::string::npos) {
      expired = true;
    }
    if (expired) {
      cookies.erase(name);
    } else {
      cookies[name] = value;
    }
  }

  TestResponse Send(const std::string& method, const std::string& path, const std::string& body,
                    const HeaderMap& headers) {
    bhttp::request<bhttp::string_body> request;
    request.version(11);
    bhttp::verb verb = bhttp::string_to_verb(method);
    if (verb == bhttp::verb::unknown) {
      request.method_string(method);
    } else {
      request.method(verb);
    }
    request.target(path);
    request.set(bhttp::field::host, host + ":" + std::to_string(port));
    request.set(bhttp::field::user_agent, "jieli-test-client");
    for (const auto& [name, value] : default_headers) request.set(name, value);
    if (!cookies.empty()) {
      std::string cookie_header;
      for (const auto& [name, value] : cookies) {
        if (!cookie_header.empty()) cookie_header += "; ";
        cookie_header += name + "=" + value;
      }
      request.set(bhttp::field::cookie, cookie_header);
    }
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() && request.find(bhttp::field::content_type) == request.end()) {
      request.set(bhttp::field::content_type, "application/json");
    }
    request.body() = body;
    request.prepare_payload();

    TestResponse result;
    // A reused connection may have been closed by the server while idle; then
    // (and only then) the request is sent again on a fresh connection.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!stream) {
        beast::error_code ec = Connect();
        if (ec) {
          result.body = "connect failed: " + ec.message();
          return result;
        }
      }
      bool reused = used;
      used = true;
      stream->expires_after(timeout);
      beast::error_code ec =
          RunOp(io_context, [&](auto handler) { bhttp::async_write(*stream, request, handler); });
      if (ec) {
        Disconnect();
        if (reused) continue;
        result.body = "write failed: " + ec.message();
        return result;
      }
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(kResponseLimit);
      parser.skip(verb == bhttp::verb::head);
      stream->expires_after(timeout);
      ec = RunOp(io_context,
                 [&](auto handler) { bhttp::async_read_header(*stream, buffer, parser, handler); });
      // A stream (Server-Sent Events) never ends: take its head and the first
      // piece of its body, then hang up.
      const bool event_stream =
          !ec &&
          std::string(parser.get()[bhttp::field::content_type]).starts_with("text/event-stream");
      if (event_stream && !parser.is_done()) {
        stream->expires_after(
            std::min<std::chrono::milliseconds>(timeout, std::chrono::seconds(2)));
        (void)RunOp(io_context, [&](auto handler) {
          bhttp::async_read_some(*stream, buffer, parser, handler);
        });
      } else if (!ec && !parser.is_done()) {
        ec = RunOp(io_context,
                   [&](auto handler) { bhttp::async_read(*stream, buffer, parser, handler); });
      }
      if (ec) {
        bool nothing_read = !parser.got_some();
        Disconnect();
        if (reused && nothing_read && ec != beast::error::timeout) continue;
        result.body = "read failed: " + ec.message();
        return result;
      }
      auto& response = parser.get();
      result.status = static_cast<int>(response.result_int());
      for (const auto& field : response) {
        std::string name(field.name_string());
        std::string value(field.value());
        if (field.name() == bhttp::field::set_cookie) {
          result.set_cookies.push_back(value);
          StoreCookie(value);
          auto& joined = result.headers[name];
          joined += joined.empty() ? value : "\n" + value;
          continue;
        }
        auto [it, inserted] = result.headers.emplace(name, value);
        if (!inserted) it->second += ", " + value;
      }
      result.body = std::move(response.body());
      if (event_stream || !response.keep_alive()) Disconnect();
      return result;
    }
    result.body = "the server closed the connection twice";
    return result;
  }
};

TestClient::TestClient(std::string host, std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

TestClient::~TestClient() { impl_->Disconnect(); }

TestResponse TestClient::Get(const std::string& path, const HeaderMap& headers) {
  return Request("GET", path, "", headers);
}
TestResponse TestClient::Post(const std::string& path, const std::string& body,
                              const HeaderMap& headers) {
  return Request("POST", path, body, headers);
}
TestResponse TestClient::Put(const std::string& path, const std::string& body,
                             const HeaderMap& headers) {
  return Request("PUT", path, body, headers);
}
TestResponse TestClient::Patch(const std::string& path, const std::string& body,
                               const HeaderMap& headers) {
  return Request("PATCH", path, body, headers);
}
TestResponse TestClient::Delete(const std::string& path, const HeaderMap& headers) {
  return Request("DELETE", path, "", headers);
}
TestResponse TestClient::Request(const std::string& method, const std::string& path,
                                 const std::string& body, const HeaderMap& headers) {
  return impl_->Send(method, path, body, headers);
}

void TestClient::SetHeader(const std::string& name, const std::string& value) {
  impl_->default_headers[name] = value;
}
void TestClient::ClearHeader(const std::string& name) { impl_->default_headers.erase(name); }

std::optional<std::string> TestClient::Cookie(const std::string& name) const {
  auto it = impl_->cookies.find(name);
  if (it == impl_->cookies.end()) return std::nullopt;
  return it->second;
}
void TestClient::SetCookie(const std::string& name, const std::string& value) {
  impl_->cookies[name] = value;
}
void TestClient::ClearCookies() { impl_->cookies.clear(); }

void TestClient::Disconnect() { impl_->Disconnect(); }
int TestClient::connections_opened() const { return impl_->connections_opened; }
void TestClient::set_timeout(std::chrono::milliseconds timeout) { impl_->timeout = timeout; }

std::string SendRaw(const std::string& host, std::uint16_t port, const std::string& bytes,
                    std::chrono::milliseconds wait) {
  net::io_context io_context;
  beast::error_code ec;
  tcp::resolver resolver(io_context);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) return {};
  beast::tcp_stream stream(io_context);
  stream.expires_after(wait);
  ec = RunOp(io_context, [&](auto handler) { stream.async_connect(endpoints, handler); });
  if (ec) return {};
  auto deadline = std::chrono::steady_clock::now() + wait;
  stream.expires_at(deadline);
  ec = RunOp(io_context,
             [&](auto handler) { net::async_write(stream, net::buffer(bytes), handler); });
  // A server that refuses part of the input may close early; what it answered
  // before that still counts, so read on regardless.
  std::string received;
  std::array<char, 4096> chunk{};
  for (;;) {
    stream.expires_at(deadline);
    std::size_t got = 0;
    beast::error_code read_ec;
    bool done = false;
    stream.async_read_some(net::buffer(chunk), [&](beast::error_code e, std::size_t n) {
      read_ec = e;
      got = n;
      done = true;
    });
    io_context.restart();
    io_context.run();
    received.append(chunk.data(), got);
    if (!done || read_ec) break;
  }
  return received;
}

}  // namespace jieli::test
