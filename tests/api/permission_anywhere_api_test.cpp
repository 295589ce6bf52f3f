// A caller who holds a route's permission in no organisation: 403
// auth.forbidden naming the permission, on lists too (never an empty page),
// and before anything in the request is validated (modules::Bind). The
// services refuse such a caller's lists themselves as well.
// The authorisation matrix (authz_matrix_test.cpp) holds every route to this;
// here are the lists people meet first, with the exact words.
#include "api_fixture.hpp"
#include "modules/auth/actor.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class PermissionAnywhereApiTest : public ApiTest {
 protected:
  // The answer is 403 auth.forbidden with exactly `message`.
  static void ExpectRefusal(const TestResponse& response, const std::string& message,
                            const std::string& what) {
    EXPECT_EQ(response.status, 403) << what << ": " << response.body;
    json body = response.Json();
    ASSERT_TRUE(body.is_object() && body.contains("error")) << what << ": " << response.body;
    EXPECT_EQ(body["error"]["code"], "auth.forbidden") << what;
    EXPECT_EQ(body["error"]["message"], message) << what;
  }
};

TEST_P(PermissionAnywhereApiTest, AListTheCallerMayReadNowhereIsA403ThatNamesThePermission) {
  // The bureau officer sees aggregates, never case or client records; the
  // admin manages accounts, not casework; a worker does not read the audit log.
  auto bureau = SignIn("bureau");
  auto admin = SignIn("admin");
  auto worker = SignIn("worker");
  ExpectRefusal(bureau->Get("/api/v1/cases"), "您没有“查看个案”的权限。", "bureau: cases");
  ExpectRefusal(bureau->Get("/api/v1/approvals"), "您没有“查看个案”的权限。", "bureau: approvals");
  ExpectRefusal(admin->Get("/api/v1/approvals?mine=true"), "您没有“查看个案”的权限。",
                "admin: approvals");
  ExpectRefusal(bureau->Get("/api/v1/clients"), "您没有“查看服务对象”的权限。", "bureau: clients");
  ExpectRefusal(admin->Get("/api/v1/clients"), "您没有“查看服务对象”的权限。", "admin: clients");
  ExpectRefusal(worker->Get("/api/v1/audit"), "您没有“查看审计日志”的权限。", "worker: audit");
  ExpectRefusal(bureau->Get("/api/v1/audit", {{"Accept-Language", "en"}}),
                "You do not have permission to read the audit log.", "bureau: audit, English");
  ExpectRefusal(bureau->Get("/api/v1/cases", {{"Accept-Language", "en"}}),
                "You do not have permission to view cases.", "bureau: cases, English");

  // Whoever holds the permission somewhere still gets the list.
  auto leader = SignIn("leader");
  for (const char* path : {"/api/v1/cases", "/api/v1/approvals", "/api/v1/clients"}) {
    EXPECT_EQ(leader->Get(path).status, 200) << path;
  }
  EXPECT_EQ(admin->Get("/api/v1/audit").status, 200);
}

TEST_P(PermissionAnywhereApiTest, TheRefusalComesBeforeAnyValidation) {
  auto bureau = SignIn("bureau");
  auto worker = SignIn("worker");
  auto admin = SignIn("admin");
  const std::int64_t casework = OrgId("个案服务部");
  const std::int64_t clients = Count("clients");
  const std::int64_t cases = Count("cases");

  // A malformed filter: a 400 to whoever may read the log, a 403 to who may not.
  EXPECT_EQ(admin->Get("/api/v1/audit?from=yesterday").status, 400);
  ExpectRefusal(worker->Get("/api/v1/audit?from=yesterday&actor_id=x"),
                "您没有“查看审计日志”的权限。", "worker: audit, malformed filter");
  ExpectRefusal(bureau->Get("/api/v1/cases?sort=nonsense&risk=x&page=0"),
                "您没有“查看个案”的权限。", "bureau: cases, malformed query");
  ExpectRefusal(bureau->Get("/api/v1/approvals?status=nope&mine=maybe"), "您没有“查看个案”的权限。",
                "bureau: approvals, malformed query");
  ExpectRefusal(admin->Get("/api/v1/clients?gender=x&page_size=-1"), "您没有“查看服务对象”的权限。",
                "admin: clients, malformed query");

  // An invalid body: not JSON, or the wrong types.
  ExpectRefusal(bureau->Post("/api/v1/cases", R"({"client_id": )"), "您没有“办理个案”的权限。",
                "bureau: open a case, broken JSON");
  ExpectRefusal(admin->Post("/api/v1/clients", json{{"org_id", casework}, {"name", 5}}.dump()),
                "您没有“登记和编辑服务对象”的权限。", "admin: register a client, wrong types");
  ExpectRefusal(worker->Put("/api/v1/settings/security", "[1, 2]"), "您没有“管理安全设置”的权限。",
                "worker: security settings, not an object");
  // The same body from someone holding the permission is validated.
  EXPECT_EQ(worker->Post("/api/v1/cases", R"({"client_id": )").status, 400);
  EXPECT_EQ(Count("clients"), clients);
  EXPECT_EQ(Count("cases"), cases);
}

TEST_P(PermissionAnywhereApiTest, TheServicesRefuseTheirListsToo) {
  // Defence in depth: the services answer auth.forbidden themselves, so a
  // caller that is not a route (a job, the CLI, a later module) cannot get
  // an empty page either.
  const std::int64_t bureau_org = OrgId("江城市民政局");
  auth::Actor officer(app_->db(), UserId("bureau"), "bureau", "民政局",
                      {{bureau_org, orgs::Role::kBureauOfficer}});
  auto& s = app_->services();
  auto forbidden = [](const auto& result, const char* what) {
    ASSERT_FALSE(result.ok()) << what;
    EXPECT_EQ(result.error().code(), "auth.forbidden") << what;
    EXPECT_EQ(result.error().params().at("permission"), "查看个案") << what;
  };
  forbidden(s.cases.List(officer, {}, 0, 20), "cases");
  forbidden(s.cases.ListApprovals(officer, std::nullopt, false, 0, 20), "approvals");
  forbidden(s.cases.Stats(officer, std::nullopt), "case statistics");
  forbidden(s.cases.Worklist(officer), "worklist");
  auto clients = s.clients.List(officer, {}, 0, 20);
  ASSERT_FALSE(clients.ok());
  EXPECT_EQ(clients.error().code(), "auth.forbidden");
  auto audit = s.audit.List(officer, app_->db(), {}, 0, 20);
  ASSERT_FALSE(audit.ok());
  EXPECT_EQ(audit.error().code(), "auth.forbidden");

  // A user with no role anywhere holds orgs.read nowhere: no organisation or
  // user lists, but their own record still (GET /users/{id} is exempt).
  auth::Actor nobody(app_->db(), UserId("worker"), "worker", "无角色", {});
  auto orgs = s.orgs.ListOrgs(nobody, {}, 0, 20);
  ASSERT_FALSE(orgs.ok());
  EXPECT_EQ(orgs.error().code(), "auth.forbidden");
  auto users = s.orgs.ListUsers(nobody, {}, 0, 20);
  ASSERT_FALSE(users.ok());
  EXPECT_EQ(users.error().code(), "auth.forbidden");
  EXPECT_TRUE(s.orgs.GetUser(nobody, UserId("worker")).ok());
}

TEST_P(PermissionAnywhereApiTest, AUserWithoutRolesStillReadsTheirOwnRecord) {
  auto worker = SignIn("worker");
  const std::int64_t id = UserId("worker");
  ASSERT_TRUE(app_->db().Execute("DELETE FROM memberships WHERE user_id = ?", {id}));
  ExpectRefusal(worker->Get("/api/v1/users"), "您没有“查看组织和人员”的权限。", "no roles: users");
  ExpectRefusal(worker->Get("/api/v1/orgs?kind=nonsense"), "您没有“查看组织和人员”的权限。",
                "no roles: organisations, malformed filter");
  TestResponse own = worker->Get("/api/v1/users/" + std::to_string(id));
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(worker->Get("/api/v1/me").status, 200);
}

JIELI_INSTANTIATE_API_TEST(PermissionAnywhereApiTest);

}  // namespace
}  // namespace jieli::test
