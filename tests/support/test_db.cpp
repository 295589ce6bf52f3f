#include "support/test_db.hpp"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

namespace jieli::test {
namespace {

std::string ServerUrl() {
  const char* url = std::getenv("JIELI_TEST_PG");
  return url == nullptr ? "" : url;
}

// `url` with its database name replaced by `name`, keeping user, host, port
// and any ?parameters.
std::string WithDatabase(const std::string& url, const std::string& name) {
  auto authority = url.find("://");
  authority = authority == std::string::npos ? 0 : authority + 3;
  auto query = url.find('?', authority);
  auto path = url.find('/', authority);
  if (path == std::string::npos || (query != std::string::npos && path > query)) {
    std::string out = url;
    out.insert(query == std::string::npos ? out.size() : query, "/" + name);
    return out;
  }
  auto end = query == std::string::npos ? url.size() : query;
  return url.substr(0, path + 1) + name + url.substr(end);
}

// What the test process created, removed when it exits so that repeated runs
// against a long-lived server or /tmp leave nothing behind.
class Created {
 public:
  static Created& Get() {
    static Created created;
    return created;
  }

  void AddDirectory(std::string dir) {
    std::lock_guard lock(mu_);
    directories_.push_back(std::move(dir));
  }
  void AddDatabase(std::string name) {
    std::lock_guard lock(mu_);
    databases_.push_back(std::move(name));
  }

  ~Created() {
    for (const std::string& dir : directories_) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
    if (databases_.empty()) return;
    auto server = store::Db::Open(ServerUrl(), {.pool_size = 1});
    if (!server) return;
    for (const std::string& name : databases_) {
      // FORCE ends sessions still open, such as a server a test left running.
      (void)(*server)->ExecuteScript("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

 private:
  std::mutex mu_;
  std::vector<std::string> directories_;  // guarded by mu_
  std::vector<std::string> databases_;    // guarded by mu_
};

std::string FreshSqliteUrl() {
  std::string dir = "/tmp/jieli_test_XXXXXX";
  if (mkdtemp(dir.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed: " << std::strerror(errno);
    return "";
  }
  Created::Get().AddDirectory(dir);
  return "sqlite:" + dir + "/jieli.db";
}

std::string FreshPostgresUrl() {
  std::string server_url = ServerUrl();
  if (server_url.empty()) return "";
  static std::atomic<int> counter{0};
  thread_local std::mt19937 random{std::random_device{}()};
  // pid and counter keep names apart within a run; the random part keeps them
  // apart from leftovers of an earlier run against the same server.
  std::string name = "jieli_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
                     std::to_string(random() % 1000000);
  auto server = store::Db::Open(server_url, {.pool_size = 1});
  if (!server) {
    ADD_FAILURE() << "cannot open JIELI_TEST_PG: " << server.error().code();
    return "";
  }
  // CREATE DATABASE cannot run inside a transaction block; a lone statement
  // through the simple protocol does not open one.
  Status created = (*server)->ExecuteScript("CREATE DATABASE " + name);
  if (!created) {
    ADD_FAILURE() << "CREATE DATABASE " << name << " failed: " << created.error().log_detail();
    return "";
  }
  Created::Get().AddDatabase(name);
  return WithDatabase(server_url, name);
}

}  // namespace

bool PostgresAvailable() { return !ServerUrl().empty(); }

std::string FreshDbUrl(store::Backend backend) {
  return backend == store::Backend::kSqlite ? FreshSqliteUrl() : FreshPostgresUrl();
}

std::string BackendName(store::Backend backend) {
  return backend == store::Backend::kSqlite ? "sqlite" : "postgres";
}

}  // namespace jieli::test
