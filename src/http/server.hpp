// Server: the HTTP/1.1 server (Boost.Beast) in front of a Router.
//
// Keep-alive connections, a body limit (413 above it), read and idle timeouts,
// a request id (X-Request-Id, generated when absent) and one access-log line per
// request, static files from web_root with index.html for client routes (paths
// outside /api), and graceful shutdown: Stop() stops accepting, lets requests in
// flight finish, then closes idle connections.
// Handlers run on the server's worker threads and may block (store calls).
// Thread safety: Start/Stop/Wait from one controlling thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/router.hpp"

namespace jieli::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int threads = 8;            // worker threads running the io loop and handlers
  // bytes; 413 above. A route may declare its own (RouteDoc::body_limit).
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds read_timeout{30};  // to read one whole request
  std::chrono::seconds idle_timeout{60};  // keep-alive idle close
  std::string web_root;                   // built web app; "" = none
  // One line per request: to the spdlog logger "jieli.access" when the
  // application has registered one, else to stdout in buffered blocks flushed
  // at least once a second.
  bool access_log = true;
  // Addresses of the load balancers in front (nginx): for a request from one
  // of them, the client is the last address in X-Forwarded-For that is not
  // one of them. Anyone else's X-Forwarded-For is ignored (it can be forged).
  std::vector<std::string> trusted_proxies;
  // Strict-Transport-Security on every response: only behind HTTPS (the
  // application sets it with secure cookies), since browsers then refuse the
  // site over plain HTTP for a year.
  bool strict_transport_security = false;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the worker threads. Error "http.bind_failed".
  Status Start();
  // The bound port (after Start).
  std::uint16_t port() const;
  // Graceful stop; returns when every worker thread has ended.
  void Stop();
  // Blocks until Stop() has completed (e.g. from a signal handler thread).
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jieli::http
