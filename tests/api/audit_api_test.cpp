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
  ASSERT_EQ(
      admin->Patch("/api/v1/orgs/" + std::to_string(dept), json{{"name", "社区营造部"}}.dump())
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

// The log is read by admins, who may not read clients: a client's personal data
// never appears in it in clear, only keyed digests (and the masks the list shows).
TEST_P(AuditApiTest, AnAdminReadsNoClientDataInTheLog) {
  auto worker = SignIn("worker");
  const json client = {
      {"org_id", OrgId("个案服务部")},
      {"name", "欧阳秀兰"},
      {"birth_date", "1990-03-07"},
      {"id_number", "110105199003071239"},
      {"phone", "13912345678"},
      {"address", "东湖区东亭路 1 号"},
      {"household", {{{"name", "欧阳大山"}, {"relation", "父亲"}, {"contact", "13800001111"}}}},
      {"risk_flags", {"独居老人"}},
      {"notes", "案主情绪低落"}};
  TestResponse created = worker->Post("/api/v1/clients", client.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json()["id"].get<std::int64_t>());
  const std::string path = "/api/v1/clients/" + id;
  const json update = {
      {"name", "欧阳秀英"},
      {"birth_date", "1990-03-07"},
      {"phone", "13712345678"},
      {"address", "东湖区东亭路 9 号"},
      {"household", {{{"name", "欧阳小河"}, {"relation", "兄弟"}, {"contact", "13600002222"}}}},
      {"risk_flags", {"自伤风险"}},
      {"notes", "已转介心理咨询"}};
  ASSERT_EQ(worker->Patch(path, update.dump()).status, 200);

  TestResponse page =
      SignIn("admin")->Get("/api/v1/audit?entity_type=client&entity_id=" + id + "&page_size=200");
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.Json()["total"], 2) << page.body;
  for (const char* clear : {"欧阳秀兰", "欧阳秀英", "13912345678", "13712345678", "13800001111",
                            "13600002222", "110105199003071239", "东亭路", "欧阳大山", "欧阳小河",
                            "独居老人", "自伤风险", "情绪低落", "心理咨询", "1990-03-07"}) {
    EXPECT_EQ(page.body.find(clear), std::string::npos) << clear;
  }
  const auto& cipher = app_->services().cipher;
  json changes;
  const json items = page.Json()["items"];
  for (const auto& entry : items) {
    if (entry["action"] == "clients.update") changes = entry["changes"];
  }
  ASSERT_TRUE(changes.is_object()) << page.body;
  // Which fields changed, each with a digest that proves the old and new values.
  EXPECT_EQ(changes["name"]["before"], "欧***");
  EXPECT_EQ(changes["name"]["after"], "欧***");
  EXPECT_EQ(changes["name"]["before_hash"], cipher.AuditDigest("name", "欧阳秀兰"));
  EXPECT_EQ(changes["name"]["after_hash"], cipher.AuditDigest("name", "欧阳秀英"));
  EXPECT_EQ(changes["phone"]["after"], "137****5678");
  EXPECT_EQ(changes["address"]["after_hash"], cipher.AuditDigest("address", "东湖区东亭路 9 号"));
  EXPECT_EQ(changes["notes"]["before_hash"], cipher.AuditDigest("notes", "案主情绪低落"));
  EXPECT_TRUE(changes["household"]["after_hash"].is_string());
  EXPECT_TRUE(changes["risk_flags"]["after_hash"].is_string());
  EXPECT_FALSE(changes.contains("birth_date"));  // unchanged
  // The chain holds over the new entries.
  auto report = app_->services().audit.Verify(app_->db());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact);
}

JIELI_INSTANTIATE_API_TEST(AuditApiTest);

}  // namespace
}  // namespace jieli::test
