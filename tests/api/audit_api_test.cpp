// The audit log: what is recorded, who may read it, and tamper detection.
#include <atomic>
#include <thread>

#include "api_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class AuditApiTest : public ApiTest {};

TEST_P(AuditApiTest, ChangesAreRecordedWithBeforeAndAfter) {
  auto admin = SignIn("admin");
  std::int64_t dept = OrgId("社区发展部");
  ASSERT_EQ(admin->Patch("/api/v1/orgs/" + std::to_string(dept), json{{"name", "社区营造部"}}.dump())
                .status,
            200);
  TestResponse page = admin->Get("/api/v1/audit?action=orgs.update&entity_type=organization");
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.Json()["total"], 1);
  json entry = page.Json()["items"][0];
  EXPECT_EQ(entry["actor_name"], "admin");
  EXPECT_EQ(entry["entity_id"], std::to_string(dept));
  EXPECT_EQ(entry["changes"]["name"]["before"], "社区发展部");
  EXPECT_EQ(entry["changes"]["name"]["after"], "社区营造部");
  EXPECT_FALSE(entry["request_id"].get<std::string>().empty());
  EXPECT_EQ(entry["client_address"], "127.0.0.1");
  EXPECT_EQ(entry["at"].get<std::string>().substr(0, 10), "2026-11-25");

  // A prefix filter and paging.
  TestResponse logins = admin->Get("/api/v1/audit?action=auth.&page_size=1");
  EXPECT_GE(logins.Json()["total"].get<int>(), 1);
  EXPECT_EQ(logins.Json()["items"].size(), 1u);
  EXPECT_EQ(admin->Get("/api/v1/audit?from=2026-13-01").status, 400);
}

TEST_P(AuditApiTest, OnlyAdminsReadTheLog) {
  EXPECT_EQ(SignIn("worker")->Get("/api/v1/audit").status, 403);
  EXPECT_EQ(SignIn("leader")->Get("/api/v1/audit/verify").status, 403);
  TestResponse verify = SignIn("admin")->Get("/api/v1/audit/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_EQ(verify.Json()["intact"], true);
  EXPECT_GT(verify.Json()["checked"].get<int>(), 10);
}

TEST_P(AuditApiTest, AnEditedEntryIsDetected) {
  auto& audit = app_->services().audit;
  auto report = audit.Verify(app_->db());
  ASSERT_TRUE(report && report->intact);
  ASSERT_GT(report->checked, 5);
  ASSERT_TRUE(app_->db().Execute("UPDATE audit_log SET actor_name = 'someone' WHERE id = 4"));
  report = audit.Verify(app_->db());
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->intact);
  EXPECT_EQ(report->first_bad_id, 4);
  EXPECT_EQ(report->problem, "altered");
}

TEST_P(AuditApiTest, ADeletedEntryIsDetected) {
  auto& audit = app_->services().audit;
  ASSERT_TRUE(app_->db().Execute("DELETE FROM audit_log WHERE id = 3"));
  auto report = audit.Verify(app_->db());
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->intact);
  EXPECT_EQ(report->first_bad_id, 4);  // the entry after the gap
  EXPECT_EQ(report->problem, "removed");
}

TEST_P(AuditApiTest, EntriesCutOffTheEndAreDetected) {
  auto& audit = app_->services().audit;
  auto last = app_->db().QueryOne("SELECT MAX(id) FROM audit_log");
  ASSERT_TRUE(last && *last);
  std::int64_t max_id = (*last)->Int(0);
  ASSERT_TRUE(app_->db().Execute("DELETE FROM audit_log WHERE id = ?", {max_id}));
  auto report = audit.Verify(app_->db());
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->intact);
  EXPECT_EQ(report->first_bad_id, max_id);
  EXPECT_EQ(report->problem, "truncated");
}

TEST_P(AuditApiTest, ConcurrentWritersKeepTheChainIntact) {
  std::int64_t bureau = OrgId("江城市民政局");
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto admin = SignIn("admin");
      for (int i = 0; i < 10; ++i) {
        json org = {{"parent_id", bureau},
                    {"kind", "partner"},
                    {"name", "合作单位 " + std::to_string(t) + "-" + std::to_string(i)}};
        if (admin->Post("/api/v1/orgs", org.dump()).status == 201) ++created;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 40);
  auto report = app_->services().audit.Verify(app_->db());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact) << report->problem << " at " << report->first_bad_id.value_or(0);
}

JIELI_INSTANTIATE_API_TEST(AuditApiTest);

}  // namespace
}  // namespace jieli::test
