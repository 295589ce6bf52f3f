#include "cli/app.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <vector>

#include "modules/schema.hpp"
#include "store/migration.hpp"

namespace jieli::app {
namespace {

Status ReadInt(const char* name, int min, int max, int& out) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return Ok();
  char* end = nullptr;
  long parsed = std::strtol(value, &end, 10);
  if (*end != '\0' || parsed < min || parsed > max) {
    return InvalidError("config.invalid").WithParam("name", name);
  }
  out = static_cast<int>(parsed);
  return Ok();
}

void ReadString(const char* name, std::string& out) {
  const char* value = std::getenv(name);
  if (value != nullptr && *value != '\0') out = value;
}

// SQLite creates the file but not its folder; make "var/" on first start.
void EnsureParentDirectory(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  std::error_code ignored;
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
}

// "a, b,c" → {"a", "b", "c"} (blanks dropped).
std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view one = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
    if (!one.empty()) items.emplace_back(one);
  }
  return items;
}

}  // namespace

Result<AppConfig> ConfigFromEnvironment() {
  AppConfig config;
  ReadString("JIELI_DB", config.db_url);
  ReadString("JIELI_LISTEN", config.listen);
  ReadString("JIELI_KEY_FILE", config.key_file);
  ReadString("JIELI_WEB_ROOT", config.web_root);
  JIELI_RETURN_IF_ERROR(
      ReadInt("JIELI_IDLE_TIMEOUT_MINUTES", 1, 24 * 60, config.idle_timeout_minutes));
  JIELI_RETURN_IF_ERROR(
      ReadInt("JIELI_SESSION_LIFETIME_HOURS", 1, 30 * 24, config.session_lifetime_hours));
  JIELI_RETURN_IF_ERROR(ReadInt("JIELI_THREADS", 1, 256, config.threads));
  JIELI_RETURN_IF_ERROR(ReadInt("JIELI_DB_POOL", 1, 256, config.db_pool_size));
  JIELI_RETURN_IF_ERROR(ReadInt("JIELI_JOB_WORKERS", 0, 64, config.job_workers));
  JIELI_RETURN_IF_ERROR(
      ReadInt("JIELI_JOB_LEASE_SECONDS", 1, 24 * 60 * 60, config.job_lease_seconds));
  ReadString("JIELI_NODE_NAME", config.node_name);
  ReadString("JIELI_TRUSTED_PROXIES", config.trusted_proxies);
  JIELI_RETURN_IF_ERROR(
      ReadInt("JIELI_PUBLIC_RATE_PER_MINUTE", 0, 100000, config.public_rate_per_minute));
  ReadString("JIELI_PUBLIC_RATE_EXEMPT", config.public_rate_exempt);
  const char* secure = std::getenv("JIELI_SECURE_COOKIES");
  config.secure_cookies = secure != nullptr && std::string(secure) == "1";
  return config;
}

Result<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidError("config.invalid").WithParam("name", "JIELI_LISTEN");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::string port_text = listen.substr(colon + 1);
  char* end = nullptr;
  long port = std::strtol(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port < 0 || port > 65535) {
    return InvalidError("config.invalid").WithParam("name", "JIELI_LISTEN");
  }
  return std::make_pair(host, static_cast<std::uint16_t>(port));
}

App::App(AppConfig config, std::unique_ptr<store::Db> db, const crypto::FieldCipher& cipher,
         const Clock& clock)
    : config_(std::move(config)), db_(std::move(db)), cipher_(cipher) {
  auth::AuthOptions auth_options;
  auth_options.idle_timeout_ms = static_cast<EpochMs>(config_.idle_timeout_minutes) * 60 * 1000;
  auth_options.session_lifetime_ms =
      static_cast<EpochMs>(config_.session_lifetime_hours) * 60 * 60 * 1000;
  services_ = std::make_unique<modules::Services>(*db_, clock, cipher_, auth_options);
  services_->secure_cookies = config_.secure_cookies;
  http::AddressRateLimiter::Options limits{.per_minute = config_.public_rate_per_minute,
                                           .exempt = SplitList(config_.public_rate_exempt)};
  services_->public_submissions.Configure(std::move(limits));
  modules::RegisterRoutes(router_, *services_);
  jobs::RunnerOptions runner_options;
  runner_options.workers = std::max(1, config_.job_workers);
  runner_options.lease_ms = static_cast<EpochMs>(config_.job_lease_seconds) * 1000;
  runner_ = std::make_unique<jobs::JobRunner>(
      *db_, clock,
      config_.node_name.empty() ? jobs::JobRunner::DefaultNodeName() : config_.node_name,
      runner_options);
  modules::RegisterJobs(*runner_, *services_);
}

App::~App() { StopBackground(); }

Status App::StartBackground() {
  JIELI_RETURN_IF_ERROR(services_->StartLiveEvents());
  if (config_.job_workers > 0) JIELI_RETURN_IF_ERROR(runner_->Start());
  return Ok();
}

void App::StopBackground() {
  runner_->Stop();
  services_->StopLiveEvents();
}

Result<std::unique_ptr<App>> App::Open(const AppConfig& config, const Clock& clock,
                                       bool create_key) {
  JIELI_RETURN_IF_ERROR(crypto::InitCrypto());
  if (create_key && !std::filesystem::exists(config.key_file)) {
    EnsureParentDirectory(config.key_file);
    JIELI_RETURN_IF_ERROR(crypto::FieldCipher::CreateKeyFile(config.key_file));
  }
  auto cipher = crypto::FieldCipher::LoadKeyFile(config.key_file);
  if (!cipher) return cipher.error();
  if (config.db_url.starts_with("sqlite:")) EnsureParentDirectory(config.db_url.substr(7));
  store::DbOptions options;
  options.pool_size = config.db_pool_size;
  auto db = store::Db::Open(config.db_url, options);
  if (!db) return db.error();
  auto applied = store::Migrate(**db, modules::AllMigrations());
  if (!applied) return applied.error();
  auto app = std::unique_ptr<App>(new App(config, std::move(*db), *cipher, clock));
  // The data half of migration 15, which SQL cannot do: households stored in clear are encrypted.
  auto encrypted = app->services().clients.EncryptStoredHouseholds();
  if (!encrypted) return encrypted.error();
  return app;
}

Result<http::ServerOptions> App::ServerOptions() const {
  auto listen = ParseListen(config_.listen);
  if (!listen) return listen.error();
  http::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  options.threads = config_.threads;
  options.web_root = config_.web_root;
  options.access_log = config_.access_log;
  options.strict_transport_security = config_.secure_cookies;
  options.trusted_proxies = SplitList(config_.trusted_proxies);
  return options;
}

}  // namespace jieli::app
