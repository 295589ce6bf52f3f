// Organisation scope and permissions: one agency cannot see another's data.
#include "api_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class ScopeApiTest : public ApiTest {
 protected:
  // A new user with one role, signed in.
  std::unique_ptr<TestClient> SignInNewUser(const std::string& username, const std::string& role,
                                            std::int64_t org_id) {
    json user = {{"username", username},
                 {"display_name", "新同事"},
                 {"password", kDemoPassword},
                 {"memberships", {{{"org_id", org_id}, {"role", role}}}}};
    TestResponse created = SignIn("admin")->Post("/api/v1/users", user.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return SignIn(username);
  }
};

std::set<std::string> Names(const json& items, const char* field = "name") {
  std::set<std::string> names;
  for (const auto& item : items) names.insert(item[field].get<std::string>());
  return names;
}

TEST_P(ScopeApiTest, AWorkerOfTheSecondAgencyCannotSeeTheFirst) {
  auto worker_b = SignIn("worker_b");
  std::int64_t sunshine = OrgId("江城市阳光社会工作服务中心");
  std::int64_t station = OrgId("水果湖街道社工站");

  TestResponse detail = worker_b->Get("/api/v1/orgs/" + std::to_string(sunshine));
  EXPECT_EQ(detail.status, 404);
  EXPECT_EQ(detail.Json()["error"]["code"], "orgs.not_found");
  EXPECT_EQ(worker_b->Get("/api/v1/orgs/" + std::to_string(station)).status, 404);

  TestResponse list = worker_b->Get("/api/v1/orgs?page_size=200");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Names(list.Json()["items"]), std::set<std::string>{"西山区启航社会工作服务社"});
  EXPECT_EQ(list.Json()["total"], 1);

  TestResponse users = worker_b->Get("/api/v1/users?page_size=200");
  ASSERT_EQ(users.status, 200);
  // 启航's own people: its worker and (issue 13: every case has a supervisor) its supervisor.
  EXPECT_EQ(Names(users.Json()["items"], "username"),
            (std::set<std::string>{"worker_b", "supervisor_b"}));
  EXPECT_EQ(worker_b->Get("/api/v1/users/" + std::to_string(UserId("worker"))).status, 404);

  // Writing outside the scope is "not found" too, and changes nothing: to an
  // admin of the second agency. worker_b holds orgs.manage nowhere, which is
  // a refusal before the organisation is looked up.
  auto admin_b = SignInNewUser("admin_b", "admin", OrgId("西山区启航社会工作服务社"));
  TestResponse patch =
      admin_b->Patch("/api/v1/orgs/" + std::to_string(sunshine), json{{"name", "改名"}}.dump());
  EXPECT_EQ(patch.status, 404);
  EXPECT_EQ(
      worker_b->Patch("/api/v1/orgs/" + std::to_string(sunshine), json{{"name", "改名"}}.dump())
          .status,
      403);
  auto name = app_->db().QueryOne("SELECT name FROM organizations WHERE id = ?", {sunshine});
  EXPECT_EQ((*name)->Text(0), "江城市阳光社会工作服务中心");
}

TEST_P(ScopeApiTest, AUserOfTwoAgenciesShowsEachAgencyOnlyItsOwnRole) {
  std::int64_t casework = OrgId("个案服务部");
  std::int64_t qihang = OrgId("西山区启航社会工作服务社");
  auto admin = SignIn("admin");
  json user = {
      {"username", "shared"},
      {"display_name", "两边兼职"},
      {"password", "Welcome#2026"},
      {"memberships",
       {{{"org_id", casework}, {"role", "worker"}}, {{"org_id", qihang}, {"role", "worker"}}}}};
  TestResponse created = admin->Post("/api/v1/users", user.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path =
      "/api/v1/users/" + std::to_string(created.Json()["id"].get<std::int64_t>());
  EXPECT_EQ(admin->Get(path).Json()["memberships"].size(), 2u);

  for (const auto& [username, own] : std::vector<std::pair<std::string, std::int64_t>>{
           {"worker", casework}, {"worker_b", qihang}}) {
    TestResponse shown = SignIn(username)->Get(path);
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(shown.Json()["memberships"], json::array({{{"org_id", own}, {"role", "worker"}}}))
        << username << " sees the other agency's role: " << shown.body;
  }
}

TEST_P(ScopeApiTest, MembersSeeTheirOrganisationAndEverythingBelowIt) {
  auto leader = SignIn("leader");
  TestResponse list = leader->Get("/api/v1/orgs?sort=name");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Names(list.Json()["items"]),
            (std::set<std::string>{"江城市阳光社会工作服务中心", "水果湖街道社工站", "个案服务部",
                                   "社区发展部"}));
  // Filters and paging.
  TestResponse departments = leader->Get("/api/v1/orgs?kind=department&page_size=1&page=2");
  ASSERT_EQ(departments.status, 200);
  EXPECT_EQ(departments.Json()["total"], 2);
  EXPECT_EQ(departments.Json()["items"].size(), 1u);
  TestResponse search = leader->Get("/api/v1/orgs?q=%E7%A4%BE%E5%B7%A5%E7%AB%99");  // 社工站
  EXPECT_EQ(Names(search.Json()["items"]), std::set<std::string>{"水果湖街道社工站"});
  EXPECT_EQ(leader->Get("/api/v1/orgs?kind=planet").status, 400);
  EXPECT_EQ(leader->Get("/api/v1/orgs?page=0").status, 400);
  EXPECT_EQ(leader->Get("/api/v1/orgs?sort=password").status, 400);

  TestResponse users = leader->Get("/api/v1/users?sort=-username&page_size=2");
  ASSERT_EQ(users.status, 200);
  EXPECT_EQ(users.Json()["items"][0]["username"], "worker2");
  EXPECT_EQ(users.Json()["total"], 4);  // leader, supervisor, worker, worker2
  EXPECT_EQ(leader->Get("/api/v1/users?sort=password_hash").status, 400);
  // The agency's own staff, or with below=true also its departments' (a supervisor picks
  // supervisees there).
  const std::string agency = std::to_string(OrgId("江城市阳光社会工作服务中心"));
  EXPECT_EQ(leader->Get("/api/v1/users?org_id=" + agency).Json()["total"], 2);
  TestResponse staff = leader->Get("/api/v1/users?below=true&org_id=" + agency);
  ASSERT_EQ(staff.status, 200);
  EXPECT_EQ(staff.Json()["total"], 4);
  EXPECT_EQ(leader->Get("/api/v1/users?below=perhaps&org_id=" + agency).status, 400);

  // worker2 belongs to the station only: not the agency above it.
  auto worker2 = SignIn("worker2");
  TestResponse own = worker2->Get("/api/v1/orgs");
  EXPECT_EQ(Names(own.Json()["items"]), std::set<std::string>{"水果湖街道社工站"});
  EXPECT_EQ(worker2->Get("/api/v1/orgs/" + std::to_string(OrgId("个案服务部"))).status, 404);

  // The admin at the bureau sees the whole tree.
  auto admin = SignIn("admin");
  EXPECT_EQ(admin->Get("/api/v1/orgs").Json()["total"], 6);
}

TEST_P(ScopeApiTest, OnlyAdminsManageOrganisationsAndUsers) {
  std::int64_t sunshine = OrgId("江城市阳光社会工作服务中心");
  auto worker = SignIn("worker");
  json department = {{"parent_id", sunshine}, {"kind", "department"}, {"name", "老年服务部"}};
  // In scope but not permitted: 403, not 404.
  TestResponse refused = SignIn("leader")->Post("/api/v1/orgs", department.dump());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Json()["error"]["code"], "auth.forbidden");
  // An admin of a department does not even see the agency above it; a worker
  // holds orgs.manage nowhere, which is a refusal before the parent is looked up.
  auto department_admin = SignInNewUser("admin_dept", "admin", OrgId("个案服务部"));
  EXPECT_EQ(department_admin->Post("/api/v1/orgs", department.dump()).status, 404);
  EXPECT_EQ(worker->Post("/api/v1/orgs", department.dump()).status, 403);

  auto admin = SignIn("admin");
  TestResponse created = admin->Post("/api/v1/orgs", department.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t id = created.Json()["id"];

  json user = {{"username", "worker3"},
               {"display_name", "孙悦"},
               {"password", "Welcome#2026"},
               {"memberships", {{{"org_id", id}, {"role", "worker"}}}}};
  TestResponse new_user = admin->Post("/api/v1/users", user.dump());
  ASSERT_EQ(new_user.status, 201) << new_user.body;
  EXPECT_EQ(SignIn("worker3", "Welcome#2026")->Get("/api/v1/orgs").Json()["total"], 1);

  TestResponse duplicate = admin->Post("/api/v1/users", user.dump());
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.Json()["error"]["code"], "orgs.username_taken");

  // Structure rules: a station cannot sit under the bureau.
  json station = {
      {"parent_id", OrgId("江城市民政局")}, {"kind", "station"}, {"name", "无主社工站"}};
  TestResponse misplaced = admin->Post("/api/v1/orgs", station.dump());
  EXPECT_EQ(misplaced.status, 400);
  EXPECT_EQ(misplaced.Json()["error"]["code"], "orgs.parent_kind");

  // Deactivate.
  TestResponse off = admin->Post("/api/v1/orgs/" + std::to_string(id) + "/deactivate", "");
  ASSERT_EQ(off.status, 200);
  EXPECT_EQ(off.Json()["active"], false);
}

TEST_P(ScopeApiTest, ARejectedRequestChangesNothing) {
  auto admin = SignIn("admin");
  std::int64_t users = Count("users");
  std::int64_t memberships = Count("memberships");
  std::int64_t audit = Count("audit_log");
  // The second membership names an organisation that does not exist.
  json user = {{"username", "ghost"},
               {"display_name", "幽灵"},
               {"password", "Welcome#2026"},
               {"memberships",
                {{{"org_id", OrgId("个案服务部")}, {"role", "worker"}},
                 {{"org_id", 999999}, {"role", "worker"}}}}};
  EXPECT_EQ(admin->Post("/api/v1/users", user.dump()).status, 404);
  json weak = user;
  weak["password"] = "weakpass";
  weak["memberships"] = {{{"org_id", OrgId("个案服务部")}, {"role", "chief"}}};
  TestResponse invalid = admin->Post("/api/v1/users", weak.dump());
  EXPECT_EQ(invalid.status, 400);
  std::set<std::string> fields;
  json body = invalid.Json();  // range-for over a temporary's member would dangle
  for (const auto& d : body["error"]["details"]) fields.insert(d["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("password")) << invalid.body;
  EXPECT_TRUE(fields.contains("memberships[0].role")) << invalid.body;
  EXPECT_EQ(Count("users"), users);
  EXPECT_EQ(Count("memberships"), memberships);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_P(ScopeApiTest, RegionsFormACityTree) {
  auto admin = SignIn("admin");
  TestResponse regions = admin->Get("/api/v1/regions");
  ASSERT_EQ(regions.status, 200);
  EXPECT_EQ(regions.Json()["items"].size(), 7u);
  std::int64_t city = regions.Json()["items"][0]["id"];
  TestResponse wrong = admin->Post(
      "/api/v1/regions", json{{"parent_id", city}, {"level", "community"}, {"name", "x"}}.dump());
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.Json()["error"]["code"], "orgs.region_level");
  TestResponse ok =
      admin->Post("/api/v1/regions",
                  json{{"parent_id", city}, {"level", "district"}, {"name", "南湖区"}}.dump());
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(SignIn("worker")
                ->Post("/api/v1/regions",
                       json{{"parent_id", city}, {"level", "district"}, {"name", "北区"}}.dump())
                .status,
            403);
}

JIELI_INSTANTIATE_API_TEST(ScopeApiTest);

}  // namespace
}  // namespace jieli::test
