// ApiTest: a real Jieli — the same App the CLI serves — on a fresh database of
// the backend under test, seeded with the demo city, behind a real HTTP server
// on an ephemeral 127.0.0.1 port. Time comes from a ManualClock the test moves.
// PostgreSQL instances skip when JIELI_TEST_PG is unset (scripts/test sets it).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "cli/app.hpp"
#include "cli/seed.hpp"
#include "core/crypto.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"
#include "support/test_db.hpp"

namespace jieli::test {

inline constexpr const char* kDemoPassword = "Jieli@2026";
// 2026-11-25 09:00 in Shanghai.
inline constexpr EpochMs kStartTime = 1795568400000;
inline constexpr EpochMs kMinute = 60 * 1000;

class ApiTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Backend::kPostgres && !PostgresAvailable()) {
      GTEST_SKIP() << kNoPostgresMessage;
    }
    crypto::SetPasswordHashCost(crypto::PasswordHashCost::kMinimum);
    char dir_template[] = "/tmp/jieli_api_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    app::AppConfig config;
    config.db_url = FreshDbUrl(GetParam());
    ASSERT_FALSE(config.db_url.empty());
    config.key_file = dir_ + "/jieli.key";
    config.threads = 4;
    config.access_log = false;
    ConfigureApp(config);
    auto app = app::App::Open(config, clock_, true);
    ASSERT_TRUE(app) << app.error().code() << " " << app.error().log_detail();
    app_ = std::move(app).value();
    // The demo city and clients; the demo cases take seconds, so only the
    // test of them seeds them.
    auto seeded = app::SeedDemo(app_->services(), kDemoPassword, {.clients = 300, .cases = 0});
    ASSERT_TRUE(seeded) << seeded.error().code() << " " << seeded.error().log_detail();
    // The server options the app derives from its configuration (trusted
    // proxies, HSTS), on an ephemeral loopback port.
    auto options = app_->ServerOptions();
    ASSERT_TRUE(options) << options.error().code();
    options->host = "127.0.0.1";
    options->port = 0;
    options->threads = 4;
    options->access_log = false;
    server_ = std::make_unique<http::Server>(*options, app_->router());
    auto started = server_->Start();
    ASSERT_TRUE(started) << started.error().code();
  }

  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    app_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Lets a test change the configuration before the app opens.
  virtual void ConfigureApp(app::AppConfig&) {}

  std::unique_ptr<TestClient> Client() {
    return std::make_unique<TestClient>("127.0.0.1", server_->port());
  }

  // A client signed in as username, with its CSRF token set as a default header.
  std::unique_ptr<TestClient> SignIn(const std::string& username,
                                     const std::string& password = kDemoPassword) {
    auto client = Client();
    nlohmann::json body = {{"username", username}, {"password", password}};
    TestResponse response = client->Post("/api/v1/auth/login", body.dump());
    EXPECT_EQ(response.status, 200) << response.body;
    auto json = response.Json();
    if (json.is_object() && json.contains("csrf_token")) {
      client->SetHeader("X-CSRF-Token", json["csrf_token"].get<std::string>());
    }
    return client;
  }

  std::int64_t OrgId(const std::string& name) {
    auto row = app_->db().QueryOne("SELECT id FROM organizations WHERE name = ?", {name});
    EXPECT_TRUE(row && *row) << "no organisation " << name;
    return row && *row ? (*row)->Int(0) : 0;
  }

  std::int64_t UserId(const std::string& username) {
    auto row = app_->db().QueryOne("SELECT id FROM users WHERE username = ?", {username});
    EXPECT_TRUE(row && *row) << "no user " << username;
    return row && *row ? (*row)->Int(0) : 0;
  }

  std::int64_t Count(const std::string& table) {
    auto row = app_->db().QueryOne("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(row && *row);
    return row && *row ? (*row)->Int(0) : -1;
  }

  ManualClock clock_{kStartTime};
  std::string dir_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<http::Server> server_;
};

inline std::string BackendParamName(const ::testing::TestParamInfo<store::Backend>& info) {
  return BackendName(info.param);
}

#define JIELI_INSTANTIATE_API_TEST(Suite)                                                         \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                       \
                           ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres), \
                           BackendParamName)

}  // namespace jieli::test
