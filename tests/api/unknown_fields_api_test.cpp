// Every route that takes a JSON body refuses a member it does not know (400,
// field issue "unknown") rather than ignore it, and writes nothing: a client
// that sends "id" or "org_id" learns that it was not taken. The cases routes
// and the clients routes have their own tests; these are the rest.
#include "api_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class UnknownFieldsApiTest : public ApiTest {};

TEST_P(UnknownFieldsApiTest, EveryBodyRefusesMembersItDoesNotKnow) {
  auto admin = SignIn("admin");
  auto worker = SignIn("worker");
  auto stranger = Client();
  const std::string dept = std::to_string(OrgId("个案服务部"));
  const std::string worker_id = std::to_string(UserId("worker"));
  const std::int64_t bureau = OrgId("江城市民政局");
  auto region = app_->db().QueryOne("SELECT id FROM regions ORDER BY id LIMIT 1");
  ASSERT_TRUE(region && *region);
  const std::string region_id = std::to_string((*region)->Int(0));
  struct Case {
    TestClient* caller;
    std::string method;
    std::string path;
    json body;
    std::string unknown;  // the field refused
  };
  const std::vector<Case> kCases = {
      {admin.get(),
       "POST",
       "/api/v1/orgs",
       {{"parent_id", bureau}, {"kind", "partner"}, {"name", "合作单位"}, {"id", 7}},
       "id"},
      {admin.get(),
       "PATCH",
       "/api/v1/orgs/" + dept,
       {{"name", "新名"}, {"kind", "bureau"}},
       "kind"},
      {admin.get(),
       "POST",
       "/api/v1/users",
       {{"username", "newbie"},
        {"display_name", "新人"},
        {"password", "Jieli@2026x"},
        {"memberships", {{{"org_id", bureau}, {"role", "worker"}}}},
        {"active", true}},
       "active"},
      {admin.get(),
       "PATCH",
       "/api/v1/users/" + worker_id,
       {{"display_name", "改名"}, {"username", "boss"}},
       "username"},
      {admin.get(),
       "PATCH",
       "/api/v1/users/" + worker_id,
       {{"memberships", {{{"org_id", bureau}, {"role", "admin"}, {"user_id", 1}}}}},
       "memberships[0].user_id"},
      {admin.get(),
       "POST",
       "/api/v1/users/" + worker_id + "/password",
       {{"new_password", "Jieli@2026x"}, {"current_password", "x"}},
       "current_password"},
      {admin.get(),
       "POST",
       "/api/v1/regions",
       {{"level", "district"}, {"name", "新区"}, {"population", 1}},
       "population"},
      {admin.get(),
       "PATCH",
       "/api/v1/regions/" + region_id,
       {{"name", "新名"}, {"level", "city"}},
       "level"},
      {admin.get(),
       "PUT",
       "/api/v1/settings/security",
       {{"totp_required_roles", json::array()}, {"enforce", true}},
       "enforce"},
      {worker.get(),
       "POST",
       "/api/v1/me/password",
       {{"current_password", kDemoPassword}, {"new_password", "Jieli@2026x"}, {"confirm", "x"}},
       "confirm"},
      {worker.get(),
       "POST",
       "/api/v1/me/totp/enable",
       {{"code", "123456"}, {"secret", "x"}},
       "secret"},
      {worker.get(),
       "POST",
       "/api/v1/me/totp/disable",
       {{"code", "123456"}, {"force", true}},
       "force"},
      {stranger.get(),
       "POST",
       "/api/v1/auth/login",
       {{"username", "worker"}, {"password", kDemoPassword}, {"remember", true}},
       "remember"},
  };
  const std::int64_t audited = Count("audit_log");
  const std::int64_t sessions = Count("sessions");
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.method + " " + c.path);
    TestResponse refused = c.method == "POST"    ? c.caller->Post(c.path, c.body.dump())
                           : c.method == "PATCH" ? c.caller->Patch(c.path, c.body.dump())
                                                 : c.caller->Put(c.path, c.body.dump());
    ASSERT_EQ(refused.status, 400) << refused.body;
    bool found = false;
    const json error = refused.Json()["error"];
    for (const auto& d : error["details"]) {
      found = found || (d["field"] == c.unknown && d["code"] == "unknown");
    }
    EXPECT_TRUE(found) << refused.body;
  }
  EXPECT_EQ(Count("audit_log"), audited);
  EXPECT_EQ(Count("sessions"), sessions);
  EXPECT_EQ(Count("users WHERE username = 'newbie'"), 0);
  EXPECT_EQ(worker->Get("/api/v1/me").status, 200);  // the password did not change
}

JIELI_INSTANTIATE_API_TEST(UnknownFieldsApiTest);

}  // namespace
}  // namespace jieli::test
