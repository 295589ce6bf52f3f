// TestClient: a small blocking HTTP/1.1 client for tests that talk to a real
// server on a loopback port.
//
// One keep-alive connection, reopened transparently when the server has closed
// it; a cookie jar fed by Set-Cookie and sent back as Cookie; default headers
// (X-CSRF-Token, Authorization, Accept-Language, …) added to every request.
// Network failures do not throw: they come back as status 0 with the error text
// in the body. An event stream (text/event-stream) is read as far as its head
// and the first piece of its body, then the connection is closed. Not thread-safe: one client per
// test thread. Test code only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace jieli::test {

using HeaderMap = std::map<std::string, std::string, http::CaseInsensitiveLess>;

struct TestResponse {
  int status = 0;  // 0: no response (connection failed); body holds the reason
  // Repeated headers are joined with ", ", except Set-Cookie (see set_cookies).
  HeaderMap headers;
  std::string body;
  std::vector<std::string> set_cookies;  // each Set-Cookie value as received

  // The header's value, or "" when absent.
  std::string Header(const std::string& name) const;
  // The body as JSON; a discarded value (is_discarded()) when it is not JSON.
  nlohmann::json Json() const;
};

class TestClient {
 public:
  TestClient(std::string host, std::uint16_t port);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  TestResponse Get(const std::string& path, const HeaderMap& headers = {});
  TestResponse Post(const std::string& path, const std::string& body,
                    const HeaderMap& headers = {});
  TestResponse Put(const std::string& path, const std::string& body, const HeaderMap& headers = {});
  TestResponse Patch(const std::string& path, const std::string& body,
                     const HeaderMap& headers = {});
  TestResponse Delete(const std::string& path, const HeaderMap& headers = {});
  // Any method. A non-empty body without a Content-Type header is sent as
  // application/json. headers override the defaults and the cookie jar.
  TestResponse Request(const std::string& method, const std::string& path, const std::string& body,
                       const HeaderMap& headers = {});

  // Default headers sent with every request.
  void SetHeader(const std::string& name, const std::string& value);
  void ClearHeader(const std::string& name);

  // The cookie jar (name -> value). Set-Cookie with Max-Age=0, an expiry in
  // 1970 or an empty value removes the cookie.
  std::optional<std::string> Cookie(const std::string& name) const;
  void SetCookie(const std::string& name, const std::string& value);
  void ClearCookies();

  // Closes the connection; the next request opens a new one.
  void Disconnect();
  // How many TCP connections this client has opened so far.
  int connections_opened() const;
  // Per-operation timeout (connect, write, read); default 30 s.
  void set_timeout(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Sends bytes as they are on a new connection and returns everything the
// server sent back before it closed the connection or wait elapsed. For
// malformed-input tests. "" when the connection cannot be opened.
std::string SendRaw(const std::string& host, std::uint16_t port, const std::string& bytes,
                    std::chrono::milliseconds wait);

}  // namespace jieli::test
