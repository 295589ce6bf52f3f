// Transaction::Notify and Db::Listen on both backends: a notification reaches
// the listeners once its transaction commits, never when it rolls back, and on
// PostgreSQL it reaches a second Db over the same database (another node).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/db.hpp"
#include "store/store_fixture.hpp"
#include "support/test_db.hpp"

namespace jieli::store {
namespace {

using namespace std::chrono_literals;

// Collects what a listener hears and lets the test wait for it.
class Inbox {
 public:
  std::function<void(const std::string&)> Callback() {
    return [this](const std::string& payload) {
      std::lock_guard lock(mutex_);
      payloads_.push_back(payload);
      arrived_.notify_all();
    };
  }

  // Waits (up to a generous limit: the machine may be busy) for n payloads.
  std::vector<std::string> WaitFor(std::size_t n) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, 10s, [&] { return payloads_.size() >= n; });
    return payloads_;
  }

  // What arrived within a short while: for asserting that nothing did.
  std::vector<std::string> Settle() {
    std::this_thread::sleep_for(300ms);
    std::lock_guard lock(mutex_);
    return payloads_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::string> payloads_;
};

class NotifyTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !test::PostgresAvailable()) {
      GTEST_SKIP() << test::kNoPostgresMessage;
    }
    url_ = test::FreshDbUrl(GetParam());
    ASSERT_FALSE(url_.empty());
    auto db = Db::Open(url_);
    ASSERT_TRUE(db) << Describe(db.error());
    db_ = std::move(db).value();
  }

  void Send(const std::string& payload, bool commit = true) {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx) << Describe(tx.error());
    Status sent = (*tx)->Notify("jieli_test", payload);
    ASSERT_TRUE(sent.ok()) << Describe(sent.error());
    if (commit) {
      Status committed = (*tx)->Commit();
      ASSERT_TRUE(committed.ok()) << Describe(committed.error());
    }
  }

  std::string url_;
  std::unique_ptr<Db> db_;
};

TEST_P(NotifyTest, CommittedNotificationsArriveInOrder) {
  Inbox inbox;
  auto listening = db_->Listen("jieli_test", inbox.Callback());
  ASSERT_TRUE(listening) << Describe(listening.error());
  Send("一");
  Send(R"({"topic":"notification","user_ids":[1,2]})");
  EXPECT_EQ(inbox.WaitFor(2),
            (std::vector<std::string>{"一", R"({"topic":"notification","user_ids":[1,2]})"}));
}

TEST_P(NotifyTest, RolledBackNotificationIsNeverSent) {
  Inbox inbox;
  auto listening = db_->Listen("jieli_test", inbox.Callback());
  ASSERT_TRUE(listening) << Describe(listening.error());
  Send("rolled back", /*commit=*/false);
  Send("kept");
  EXPECT_EQ(inbox.WaitFor(1), std::vector<std::string>{"kept"});
  EXPECT_EQ(inbox.Settle(), std::vector<std::string>{"kept"});
}

TEST_P(NotifyTest, OtherChannelsAndEndedSubscriptionsHearNothing) {
  Inbox other;
  Inbox ended;
  auto other_listening = db_->Listen("jieli_other", other.Callback());
  ASSERT_TRUE(other_listening) << Describe(other_listening.error());
  {
    auto listening = db_->Listen("jieli_test", ended.Callback());
    ASSERT_TRUE(listening) << Describe(listening.error());
  }
  Send("nobody");
  EXPECT_TRUE(other.Settle().empty());
  EXPECT_TRUE(ended.Settle().empty());
}

TEST_P(NotifyTest, BadChannelOrOversizedPayloadIsRefused) {
  auto tx = db_->Begin();
  ASSERT_TRUE(tx) << Describe(tx.error());
  EXPECT_FALSE((*tx)->Notify("drop table; --", "x").ok());
  EXPECT_FALSE((*tx)->Notify("jieli_test", std::string(8000, 'x')).ok());
  EXPECT_FALSE(db_->Listen("", [](const std::string&) {}).ok());
}

TEST_P(NotifyTest, AnotherNodeOnPostgresHearsIt) {
  if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "SQLite notifications are in-process";
  auto second = Db::Open(url_);
  ASSERT_TRUE(second) << Describe(second.error());
  Inbox here;
  Inbox there;
  auto listening_here = db_->Listen("jieli_test", here.Callback());
  auto listening_there = (*second)->Listen("jieli_test", there.Callback());
  ASSERT_TRUE(listening_here && listening_there);
  Send("到处");
  EXPECT_EQ(here.WaitFor(1), std::vector<std::string>{"到处"});
  EXPECT_EQ(there.WaitFor(1), std::vector<std::string>{"到处"});
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendParamName);

}  // namespace
}  // namespace jieli::store
