// Sign-in, sessions, CSRF, lock-out, idle timeout, bearer tokens, TOTP.
#include "api_fixture.hpp"
#include "core/totp.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class AuthApiTest : public ApiTest {};

json Login(const std::string& user, const std::string& password) {
  return {{"username", user}, {"password", password}};
}

TEST_P(AuthApiTest, SignInSetsAStrictHttpOnlyCookieAndReturnsACsrfToken) {
  auto client = Client();
  TestResponse response = client->Post("/api/v1/auth/login", Login("worker", kDemoPassword).dump());
  ASSERT_EQ(response.status, 200) << response.body;
  ASSERT_EQ(response.set_cookies.size(), 1u);
  const std::string& cookie = response.set_cookies[0];
  EXPECT_NE(cookie.find("jieli_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  json body = response.Json();
  EXPECT_EQ(body["username"], "worker");
  EXPECT_EQ(body["display_name"], "王芳");
  EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());
  ASSERT_EQ(body["memberships"].size(), 1u);
  EXPECT_EQ(body["memberships"][0]["role"], "worker");
  EXPECT_EQ(body["memberships"][0]["org_name"], "个案服务部");

  TestResponse me = client->Get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["username"], "worker");
  EXPECT_EQ(me.Json()["csrf_token"], body["csrf_token"]);
}

TEST_P(AuthApiTest, WrongPasswordIsRefusedInTheCallersLanguage) {
  auto client = Client();
  TestResponse zh = client->Post("/api/v1/auth/login", Login("worker", "Wrong#2026").dump());
  EXPECT_EQ(zh.status, 401);
  EXPECT_EQ(zh.Json()["error"]["code"], "auth.invalid_credentials");
  EXPECT_EQ(zh.Json()["error"]["message"],
            "用户名或密码错误。连续错误 5 次后，需等 15 分钟才能再次登录。");
  TestResponse en = client->Post("/api/v1/auth/login", Login("nobody", "Wrong#2026").dump(),
                                 {{"Accept-Language", "en-US,en;q=0.9"}});
  EXPECT_EQ(en.status, 401);
  EXPECT_EQ(en.Json()["error"]["code"], "auth.invalid_credentials");
  EXPECT_EQ(en.Json()["error"]["message"],
            "Wrong user name or password. After 5 failures in a row, signing in waits 15 "
            "minutes.");
  EXPECT_TRUE(client->Get("/api/v1/me").status == 401);
}

TEST_P(AuthApiTest, StateChangingRequestsNeedTheCsrfToken) {
  auto client = SignIn("admin");
  std::int64_t bureau = OrgId("江城市民政局");
  json org = {{"parent_id", bureau}, {"kind", "partner"}, {"name", "江城市第一医院"}};
  std::string token = client->Cookie("jieli_session").value_or("");
  ASSERT_FALSE(token.empty());

  auto forger = Client();  // the cookie, but not the token: what a forged form would send
  forger->SetCookie("jieli_session", token);
  TestResponse refused = forger->Post("/api/v1/orgs", org.dump());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Json()["error"]["code"], "auth.csrf");
  TestResponse wrong = forger->Post("/api/v1/orgs", org.dump(), {{"X-CSRF-Token", "guess"}});
  EXPECT_EQ(wrong.status, 403);
  std::int64_t before = Count("organizations");

  TestResponse created = client->Post("/api/v1/orgs", org.dump());
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Count("organizations"), before + 1);
  // Reads need no token.
  EXPECT_EQ(forger->Get("/api/v1/orgs").status, 200);
}

TEST_P(AuthApiTest, FiveFailuresLockTheAccountFromThatAddressForFifteenMinutes) {
  auto client = Client();
  // The fifth failure locks, but answers like the four before it: whoever
  // tries cannot tell a locked account from a wrong password.
  for (int i = 1; i <= 5; ++i) {
    TestResponse failed = client->Post("/api/v1/auth/login", Login("worker", "Wrong#2026").dump());
    EXPECT_EQ(failed.status, 401) << "attempt " << i;
    EXPECT_EQ(failed.Json()["error"]["code"], "auth.invalid_credentials") << "attempt " << i;
  }

  // Locked: even the right password is refused, as a wrong one is.
  clock_.Advance(14 * kMinute);
  TestResponse still = client->Post("/api/v1/auth/login", Login("worker", kDemoPassword).dump());
  EXPECT_EQ(still.status, 401);
  EXPECT_EQ(still.Json()["error"]["code"], "auth.invalid_credentials");
  // Administrators see the lock-out on the user.
  auto admin = SignIn("admin");
  TestResponse user = admin->Get("/api/v1/users/" + std::to_string(UserId("worker")));
  EXPECT_FALSE(user.Json()["locked_until"].is_null()) << user.body;

  clock_.Advance(kMinute + 1000);
  EXPECT_EQ(client->Post("/api/v1/auth/login", Login("worker", kDemoPassword).dump()).status, 200);

  // The failures and the lock-out are in the audit log.
  auto rows = app_->db().QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.locked'");
  ASSERT_TRUE(rows && *rows);
  EXPECT_EQ((*rows)->Int(0), 1);
  rows = app_->db().QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed'");
  ASSERT_TRUE(rows && *rows);
  EXPECT_EQ((*rows)->Int(0), 4);
}

TEST_P(AuthApiTest, IdleSessionsExpireAfterThirtyMinutes) {
  auto client = SignIn("worker");
  clock_.Advance(29 * kMinute);
  EXPECT_EQ(client->Get("/api/v1/me").status, 200);  // use keeps it alive
  clock_.Advance(29 * kMinute);
  EXPECT_EQ(client->Get("/api/v1/me").status, 200);
  clock_.Advance(31 * kMinute);
  TestResponse expired = client->Get("/api/v1/me");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.Json()["error"]["code"], "auth.session_expired");
  // The expired session is gone for good.
  EXPECT_EQ(client->Get("/api/v1/me").Json()["error"]["code"], "auth.unauthenticated");
}

TEST_P(AuthApiTest, LogoutEndsTheSession) {
  auto client = SignIn("worker");
  std::string token = client->Cookie("jieli_session").value_or("");
  EXPECT_EQ(client->Post("/api/v1/auth/logout", "").status, 200);
  auto replay = Client();
  replay->SetCookie("jieli_session", token);
  EXPECT_EQ(replay->Get("/api/v1/me").status, 401);
}

TEST_P(AuthApiTest, BearerTokensWorkWithoutCsrfAndCanBeRevoked) {
  auto issued = app_->services().auth.CreateToken("admin", "reporting");
  ASSERT_TRUE(issued);
  auto client = Client();
  client->SetHeader("Authorization", "Bearer " + issued->token);
  TestResponse me = client->Get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["username"], "admin");
  EXPECT_EQ(me.Json()["via_token"], true);
  EXPECT_FALSE(me.Json().contains("csrf_token"));
  json org = {
      {"parent_id", OrgId("江城市民政局")}, {"kind", "partner"}, {"name", "江城市实验小学"}};
  EXPECT_EQ(client->Post("/api/v1/orgs", org.dump()).status, 201);

  TestResponse listed = client->Get("/api/v1/me/tokens");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.Json()["items"].size(), 1u);
  EXPECT_EQ(listed.Json()["items"][0]["name"], "reporting");
  EXPECT_EQ(listed.body.find(issued->token), std::string::npos);  // never the secret

  EXPECT_EQ(client->Delete("/api/v1/me/tokens/" + std::to_string(issued->id)).status, 200);
  EXPECT_EQ(client->Get("/api/v1/me").status, 401);

  auto forged = Client();
  forged->SetHeader("Authorization", "Bearer jl_not-a-real-token");
  EXPECT_EQ(forged->Get("/api/v1/me").status, 401);
}

TEST_P(AuthApiTest, PasswordChangeFollowsThePolicy) {
  auto client = SignIn("worker");
  json weak = {{"current_password", kDemoPassword}, {"new_password", "short"}};
  TestResponse refused = client->Post("/api/v1/me/password", weak.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["code"], "validation.failed");
  EXPECT_EQ(refused.Json()["error"]["details"][0]["field"], "new_password");

  json wrong = {{"current_password", "Nope#2026x"}, {"new_password", "Better#2027"}};
  EXPECT_EQ(client->Post("/api/v1/me/password", wrong.dump()).status, 400);

  json good = {{"current_password", kDemoPassword}, {"new_password", "Better#2027"}};
  EXPECT_EQ(client->Post("/api/v1/me/password", good.dump()).status, 200);
  EXPECT_EQ(Client()->Post("/api/v1/auth/login", Login("worker", kDemoPassword).dump()).status,
            401);
  EXPECT_EQ(Client()->Post("/api/v1/auth/login", Login("worker", "Better#2027").dump()).status,
            200);
}

TEST_P(AuthApiTest, TotpSecondFactor) {
  auto client = SignIn("supervisor");
  TestResponse setup = client->Post("/api/v1/me/totp/setup", "");
  ASSERT_EQ(setup.status, 200) << setup.body;
  std::string secret = setup.Json()["secret"];
  EXPECT_EQ(setup.Json()["uri"].get<std::string>().rfind("otpauth://totp/", 0), 0u);
  EXPECT_EQ(client->Post("/api/v1/me/totp/enable", json{{"code", "000000"}}.dump()).status, 400);
  auto code = TotpCode(secret, clock_.Now() / 1000);
  ASSERT_TRUE(code);
  EXPECT_EQ(client->Post("/api/v1/me/totp/enable", json{{"code", *code}}.dump()).status, 200);

  auto other = Client();
  TestResponse no_code =
      other->Post("/api/v1/auth/login", Login("supervisor", kDemoPassword).dump());
  EXPECT_EQ(no_code.status, 401);
  EXPECT_EQ(no_code.Json()["error"]["code"], "auth.totp_required");
  json bad = Login("supervisor", kDemoPassword);
  bad["totp_code"] = *code == "123456" ? "654321" : "123456";
  EXPECT_EQ(other->Post("/api/v1/auth/login", bad.dump()).Json()["error"]["code"],
            "auth.totp_invalid");
  clock_.Advance(30 * 1000);
  json good = Login("supervisor", kDemoPassword);
  good["totp_code"] = *TotpCode(secret, clock_.Now() / 1000);
  EXPECT_EQ(other->Post("/api/v1/auth/login", good.dump()).status, 200);
}

TEST_P(AuthApiTest, RolesRequiredToUseTwoFactorsMustSetItUpFirst) {
  auto admin = SignIn("admin");
  json policy = {{"totp_required_roles", {"admin", "bureau_officer"}}};
  ASSERT_EQ(admin->Put("/api/v1/settings/security", policy.dump()).status, 200);
  EXPECT_EQ(admin->Get("/api/v1/settings/security").Json()["totp_required_roles"].size(), 2u);

  auto officer = Client();
  TestResponse login = officer->Post("/api/v1/auth/login", Login("bureau", kDemoPassword).dump());
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(login.Json()["needs_totp_setup"], true);
  officer->SetHeader("X-CSRF-Token", login.Json()["csrf_token"].get<std::string>());
  TestResponse blocked = officer->Get("/api/v1/orgs");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.Json()["error"]["code"], "auth.totp_setup_required");
  EXPECT_EQ(officer->Get("/api/v1/me").status, 200);
  TestResponse setup = officer->Post("/api/v1/me/totp/setup", "");
  ASSERT_EQ(setup.status, 200);
  auto code = TotpCode(setup.Json()["secret"].get<std::string>(), clock_.Now() / 1000);
  ASSERT_EQ(officer->Post("/api/v1/me/totp/enable", json{{"code", *code}}.dump()).status, 200);
  EXPECT_EQ(officer->Get("/api/v1/orgs").status, 200);

  // A worker may not change the policy.
  auto worker = SignIn("worker");
  EXPECT_EQ(worker->Put("/api/v1/settings/security", policy.dump()).status, 403);
}

TEST_P(AuthApiTest, DeactivatedUsersAreSignedOutAndCannotSignIn) {
  auto worker = SignIn("worker2");
  auto admin = SignIn("admin");
  std::string path = "/api/v1/users/" + std::to_string(UserId("worker2")) + "/deactivate";
  ASSERT_EQ(admin->Post(path, "").status, 200);
  EXPECT_EQ(worker->Get("/api/v1/me").status, 401);
  TestResponse login = Client()->Post("/api/v1/auth/login", Login("worker2", kDemoPassword).dump());
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.Json()["error"]["code"], "auth.inactive");
}

JIELI_INSTANTIATE_API_TEST(AuthApiTest);

}  // namespace
}  // namespace jieli::test
