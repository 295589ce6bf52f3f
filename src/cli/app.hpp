// App: one running Jieli — configuration, the opened and migrated store, the
// field-encryption key, the module services and the route table. The CLI's
// serve command and the API tests build the same App, so tests exercise
// exactly what production runs.
// Owns everything it holds; not copyable. Thread-safe once built.
#pragma once

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "modules/services.hpp"
#include "store/db.hpp"

namespace jieli::app {

struct AppConfig {
  std::string db_url = "sqlite:var/jieli.db";  // JIELI_DB
  std::string listen = "127.0.0.1:8080";       // JIELI_LISTEN
  std::string key_file = "var/jieli.key";      // JIELI_KEY_FILE
  std::string web_root;                        // JIELI_WEB_ROOT
  int idle_timeout_minutes = 30;               // JIELI_IDLE_TIMEOUT_MINUTES
  int session_lifetime_hours = 12;             // JIELI_SESSION_LIFETIME_HOURS
  int threads = 8;                             // JIELI_THREADS
  int db_pool_size = 8;                        // JIELI_DB_POOL
  bool access_log = true;
  bool secure_cookies = false;  // JIELI_SECURE_COOKIES=1 behind HTTPS (also HSTS)
  int job_workers = 2;          // JIELI_JOB_WORKERS; 0: this node runs no jobs
  int job_lease_seconds = 60;   // JIELI_JOB_LEASE_SECONDS
  std::string node_name;        // JIELI_NODE_NAME; "" = host:pid:random
  std::string trusted_proxies;  // JIELI_TRUSTED_PROXIES: "127.0.0.1,10.0.0.5"
  // The public pages' submissions a minute per client address (0: no limit),
  // and addresses never limited ("10.1.,192.0.2.5": a prefix ends in . or :).
  int public_rate_per_minute = 30;  // JIELI_PUBLIC_RATE_PER_MINUTE
  std::string public_rate_exempt;   // JIELI_PUBLIC_RATE_EXEMPT
};

// Defaults overridden by the JIELI_* environment variables. Error
// "config.invalid" (param name) for a malformed number.
Result<AppConfig> ConfigFromEnvironment();

// Splits "host:port". Error "config.invalid".
Result<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen);

class App {
 public:
  // Opens the store and applies pending migrations. create_key: create the
  // key file when absent (jieli init); otherwise a missing key is an error.
  static Result<std::unique_ptr<App>> Open(const AppConfig& config, const Clock& clock,
                                           bool create_key);

  App(const App&) = delete;
  App& operator=(const App&) = delete;
  ~App();

  const AppConfig& config() const { return config_; }
  store::Db& db() { return *db_; }
  modules::Services& services() { return *services_; }
  const http::Router& router() const { return router_; }
  jobs::JobRunner& jobs() { return *runner_; }

  // Starts what runs beside the requests: the live-event listener and, unless
  // job_workers is 0, this node's job workers. Error "store.unavailable".
  Status StartBackground();
  // Lets running jobs finish and stops listening; idempotent.
  void StopBackground();
  // Server options from the configuration (host, port, threads, web root,
  // trusted proxies; HSTS with secure cookies).
  Result<http::ServerOptions> ServerOptions() const;

 private:
  App(AppConfig config, std::unique_ptr<store::Db> db, const crypto::FieldCipher& cipher,
      const Clock& clock);

  AppConfig config_;
  std::unique_ptr<store::Db> db_;
  crypto::FieldCipher cipher_;
  std::unique_ptr<modules::Services> services_;
  http::Router router_;
  // After services_: stopped and destroyed before the services it calls.
  std::unique_ptr<jobs::JobRunner> runner_;
};

}  // namespace jieli::app
