// The client profile and opening a case with its team, over HTTP on both
// backends (issue 13): the profile gathers a client's cases, their files and
// one timeline across them, scoped as the client detail is; every case opens
// with a supervisor, the unit's when none is named, and an organisation with
// nobody to supervise cannot open one.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class ClientProfileApiTest : public CaseworkApiTest {
 protected:
  static std::string ProfilePath(std::int64_t client_id) {
    return "/api/v1/clients/" + std::to_string(client_id) + "/profile";
  }

  std::int64_t ClientOf(TestClient& as, std::int64_t case_id) {
    json c = as.Get(CasePath(case_id)).Json();
    return c.is_object() ? c.value("client_id", std::int64_t{0}) : 0;
  }
};

TEST_P(ClientProfileApiTest, TheProfileGathersEveryCaseItsFilesAndOneTimelineNewestFirst) {
  auto worker = SignIn("worker");
  const std::int64_t first = NewCase(*worker, "档案甲");
  const std::int64_t client_id = ClientOf(*worker, first);
  ASSERT_GT(client_id, 0);
  // The first case closes at intake (referred out); a second one is opened for the client.
  json refer = Intake();
  refer["decision"] = "refer_out";
  refer["refer_out_to"] = "江城市精神卫生中心";
  ASSERT_EQ(Save(*worker, first, "intake", refer).status, 200);
  TestResponse file = worker->Post(CasePath(first, "/attachments?name=note.txt"), "家访记录");
  ASSERT_EQ(file.status, 201) << file.body;
  ASSERT_EQ(MoveTo(*worker, first, "closed").status, 200);
  TestResponse opened = worker->Post("/api/v1/cases", json{{"client_id", client_id}}.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::int64_t second = opened.Json()["id"].get<std::int64_t>();

  TestResponse profile = worker->Get(ProfilePath(client_id));
  ASSERT_EQ(profile.status, 200) << profile.body;
  json p = profile.Json();
  EXPECT_EQ(p["client"]["id"], client_id);
  EXPECT_EQ(p["client"]["name"], "档案甲");
  std::vector<std::int64_t> cases;
  for (const auto& c : p["cases"]) cases.push_back(c["id"].get<std::int64_t>());
  EXPECT_EQ(cases, (std::vector<std::int64_t>{second, first}));  // newest first
  ASSERT_EQ(p["attachments"].size(), 1u);
  EXPECT_EQ(p["attachments"][0]["case_id"], first);
  EXPECT_EQ(p["attachments"][0]["file_name"], "note.txt");
  // One timeline across the cases, newest first, each event with its case.
  std::set<std::int64_t> seen;
  std::string previous = "9999";
  for (const auto& e : p["timeline"]) {
    seen.insert(e["case_id"].get<std::int64_t>());
    EXPECT_LE(e["at"].get<std::string>(), previous);
    previous = e["at"].get<std::string>();
  }
  EXPECT_TRUE(seen.contains(first));
  EXPECT_TRUE(seen.contains(second));
  EXPECT_EQ(p["timeline_truncated"], false);
  // Reading the profile is a read, as the client detail is: nothing is audited.
  EXPECT_EQ(AuditCount("clients.reveal"), 0);
}

TEST_P(ClientProfileApiTest, AnotherAgencysUserFindsNoProfileAsNoClient) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker, "档案乙");
  const std::int64_t client_id = ClientOf(*worker, id);
  auto worker_b = SignIn("worker_b");
  TestResponse detail = worker_b->Get("/api/v1/clients/" + std::to_string(client_id));
  TestResponse profile = worker_b->Get(ProfilePath(client_id));
  EXPECT_EQ(profile.status, detail.status);
  EXPECT_EQ(profile.status, 404);
  EXPECT_EQ(Code(profile), "clients.not_found");
  EXPECT_EQ(Code(SignIn("supervisor_b")->Get(ProfilePath(client_id))), "clients.not_found");
  EXPECT_EQ(worker->Get(ProfilePath(999999)).status, 404);
  // The leader above the worker sees it, with the case.
  TestResponse leader = SignIn("leader")->Get(ProfilePath(client_id));
  ASSERT_EQ(leader.status, 200) << leader.body;
  EXPECT_EQ(leader.Json()["cases"].size(), 1u);
}

TEST_P(ClientProfileApiTest, ACaseOpenedWithoutASupervisorGetsTheUnitsOwn) {
  auto worker = SignIn("worker");
  const std::int64_t client_id = NewClient(*worker, "档案丙");
  TestResponse opened = worker->Post("/api/v1/cases", json{{"client_id", client_id}}.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  json c = opened.Json();
  ASSERT_TRUE(c["supervisor"].is_object());
  EXPECT_EQ(c["supervisor"]["id"], UserId("supervisor"));
  // Audited and on the timeline with the rest of the team.
  auto row = app_->db().QueryOne(
      "SELECT changes FROM audit_log WHERE action = 'cases.open' ORDER BY id DESC LIMIT 1", {});
  ASSERT_TRUE(row && *row);
  EXPECT_NE((*row)->Text(0).find("supervisor_id"), std::string::npos);
  // 启航 has its own supervisor.
  auto worker_b = SignIn("worker_b");
  json client_b = {{"org_id", OrgId("西山区启航社会工作服务社")}, {"name", "档案丁"}};
  TestResponse created = worker_b->Post("/api/v1/clients", client_b.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  TestResponse opened_b =
      worker_b->Post("/api/v1/cases", json{{"client_id", created.Json()["id"]}}.dump());
  ASSERT_EQ(opened_b.status, 201) << opened_b.body;
  EXPECT_EQ(opened_b.Json()["supervisor"]["id"], UserId("supervisor_b"));
}

TEST_P(ClientProfileApiTest, AnOrganisationWithNobodyToSuperviseCannotOpenACase) {
  auto admin = SignIn("admin");
  json org = {{"parent_id", OrgId("江城市民政局")},
              {"kind", "agency"},
              {"agency_type", "comprehensive"},
              {"name", "无督导社工站"}};
  TestResponse made = admin->Post("/api/v1/orgs", org.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::int64_t org_id = made.Json()["id"].get<std::int64_t>();
  auto alone = SignInNewUser("alone_worker", "worker", org_id);
  TestResponse client =
      alone->Post("/api/v1/clients", json{{"org_id", org_id}, {"name", "档案戊"}}.dump());
  ASSERT_EQ(client.status, 201) << client.body;
  const std::int64_t cases_before = Count("cases");
  TestResponse refused =
      alone->Post("/api/v1/cases", json{{"client_id", client.Json()["id"]}}.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Code(refused), "validation.failed");
  ASSERT_EQ(DetailFields(refused), std::vector<std::string>{"supervisor_id"});
  EXPECT_EQ(refused.Json()["error"]["details"][0]["code"], "no_supervisor");
  EXPECT_EQ(Count("cases"), cases_before);
  // A supervisor named from elsewhere is no supervisor there either.
  TestResponse named = alone->Post(
      "/api/v1/cases",
      json{{"client_id", client.Json()["id"]}, {"supervisor_id", UserId("supervisor")}}.dump());
  EXPECT_EQ(named.status, 400) << named.body;
  EXPECT_EQ(Count("cases"), cases_before);
}

JIELI_INSTANTIATE_API_TEST(ClientProfileApiTest);

}  // namespace
}  // namespace jieli::test
