// Sign-in, sessions and tokens under attack (issue 11): the lock-out per
// account and address that answers like a wrong password, checks inside a
// session counted with the sign-in failures, API tokens that end with the
// password or the account, TOTP codes accepted once, HSTS behind HTTPS, the
// absolute session lifetime, and passwords that contain the user name.
#include "api_fixture.hpp"
#include "core/totp.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

constexpr const char* kWrongPassword = "Wrong#2026";
constexpr EpochMs kStep = 30 * 1000;  // one TOTP time step

json Login(const std::string& user, const std::string& password, const std::string& code = "") {
  json body = {{"username", user}, {"password", password}};
  if (!code.empty()) body["totp_code"] = code;
  return body;
}

class AuthSecurityApiTest : public ApiTest {
 protected:
  TestResponse Attempt(const std::string& user, const std::string& password,
                       const HeaderMap& headers = {}, const std::string& code = "") {
    return Client()->Post("/api/v1/auth/login", Login(user, password, code).dump(), headers);
  }

  // Sets up TOTP for the signed-in client and turns it on; the secret.
  std::string EnableTotp(TestClient& client) {
    TestResponse setup = client.Post("/api/v1/me/totp/setup", "");
    EXPECT_EQ(setup.status, 200) << setup.body;
    std::string secret = setup.Json().value("secret", "");
    TestResponse enabled =
        client.Post("/api/v1/me/totp/enable", json{{"code", CodeNow(secret)}}.dump());
    EXPECT_EQ(enabled.status, 200) << enabled.body;
    return secret;
  }

  std::string CodeNow(const std::string& secret, EpochMs offset = 0) {
    auto code = TotpCode(secret, (clock_.Now() + offset) / 1000);
    EXPECT_TRUE(code);
    return code ? *code : "";
  }

  std::int64_t Audited(const std::string& action, const std::string& address = "") {
    auto row =
        address.empty()
            ? app_->db().QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action})
            : app_->db().QueryOne(
                  "SELECT COUNT(*) FROM audit_log WHERE action = ? AND client_address = ?",
                  {action, address});
    EXPECT_TRUE(row && *row);
    return row && *row ? (*row)->Int(0) : -1;
  }

  // A bearer-token client of username's new token.
  std::unique_ptr<TestClient> TokenClient(const std::string& username) {
    auto issued = app_->services().auth.CreateToken(username, "脚本");
    EXPECT_TRUE(issued) << issued.error().code();
    auto client = Client();
    if (issued) client->SetHeader("Authorization", "Bearer " + issued->token);
    return client;
  }
};

// --- 1. checks inside a session count with the sign-in failures --------------

TEST_P(AuthSecurityApiTest, FiveWrongCurrentPasswordsLockTheAccountAndEndTheSession) {
  auto worker = SignIn("worker");
  json wrong = {{"current_password", "Nope#2026x"}, {"new_password", "Better#2027"}};
  for (int i = 1; i <= 4; ++i) {
    TestResponse refused = worker->Post("/api/v1/me/password", wrong.dump());
    EXPECT_EQ(refused.status, 400) << "attempt " << i;
    EXPECT_EQ(refused.Json()["error"]["code"], "auth.wrong_password");
  }
  TestResponse fifth = worker->Post("/api/v1/me/password", wrong.dump());
  EXPECT_EQ(fifth.status, 423) << fifth.body;
  EXPECT_EQ(fifth.Json()["error"]["code"], "auth.locked");
  EXPECT_NE(fifth.Json()["error"]["message"].get<std::string>().find("15"), std::string::npos);
  ASSERT_EQ(fifth.set_cookies.size(), 1u);
  EXPECT_NE(fifth.set_cookies[0].find("Max-Age=0"), std::string::npos);

  // The session has ended, even for a client that kept the cookie.
  EXPECT_EQ(worker->Get("/api/v1/me").status, 401);
  // And the account is locked from this address as failed sign-ins lock it.
  EXPECT_EQ(Attempt("worker", kDemoPassword).Json()["error"]["code"], "auth.invalid_credentials");
  EXPECT_EQ(Audited("auth.login_failed"), 4);
  EXPECT_EQ(Audited("auth.locked"), 1);
  clock_.Advance(15 * kMinute + 1000);
  EXPECT_EQ(Attempt("worker", kDemoPassword).status, 200);
}

TEST_P(AuthSecurityApiTest, ChecksInsideASessionCountWithFailedSignIns) {
  auto worker = SignIn("worker");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Attempt("worker", kWrongPassword).status, 401);
  json wrong = {{"current_password", "Nope#2026x"}, {"new_password", "Better#2027"}};
  EXPECT_EQ(worker->Post("/api/v1/me/password", wrong.dump()).status, 400);  // the fourth
  EXPECT_EQ(worker->Post("/api/v1/me/password", wrong.dump()).status, 423);  // the fifth
  EXPECT_EQ(worker->Get("/api/v1/me").status, 401);

  // Locked before the session tries: the session ends without the password checked.
  clock_.Advance(15 * kMinute + 1000);
  auto again = SignIn("worker");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Attempt("worker", kWrongPassword).status, 401);
  json right = {{"current_password", kDemoPassword}, {"new_password", "Better#2027"}};
  EXPECT_EQ(again->Post("/api/v1/me/password", right.dump()).status, 423);
  EXPECT_EQ(again->Get("/api/v1/me").status, 401);
  EXPECT_EQ(Attempt("worker", "Better#2027").status, 401);  // unchanged, and still locked
}

TEST_P(AuthSecurityApiTest, FiveWrongCodesWhenTurningTotpOffLockTheAccountAndEndTheSession) {
  auto supervisor = SignIn("supervisor");
  std::string secret = EnableTotp(*supervisor);
  // A code of an hour from now: valid in form, wrong now.
  json wrong = {{"code", CodeNow(secret, 60 * kMinute)}};
  for (int i = 1; i <= 4; ++i) {
    TestResponse refused = supervisor->Post("/api/v1/me/totp/disable", wrong.dump());
    EXPECT_EQ(refused.status, 400) << "attempt " << i;
    EXPECT_EQ(refused.Json()["error"]["code"], "auth.totp_invalid");
  }
  TestResponse fifth = supervisor->Post("/api/v1/me/totp/disable", wrong.dump());
  EXPECT_EQ(fifth.status, 423) << fifth.body;
  EXPECT_EQ(fifth.Json()["error"]["code"], "auth.locked");
  EXPECT_EQ(supervisor->Get("/api/v1/me").status, 401);

  clock_.Advance(kStep);
  TestResponse locked = Attempt("supervisor", kDemoPassword, {}, CodeNow(secret));
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(locked.Json()["error"]["code"], "auth.invalid_credentials");
  EXPECT_EQ(Audited("auth.locked"), 1);
  // TOTP is still on.
  auto totp = app_->db().QueryOne("SELECT totp_enabled FROM users WHERE username = 'supervisor'");
  ASSERT_TRUE(totp && *totp);
  EXPECT_EQ((*totp)->Int(0), 1);
}

// --- 2. tokens end with the password and the account -------------------------

TEST_P(AuthSecurityApiTest, APasswordChangeRevokesTheUsersTokens) {
  auto script = TokenClient("worker");
  ASSERT_EQ(script->Get("/api/v1/me").status, 200);
  auto worker = SignIn("worker");
  json change = {{"current_password", kDemoPassword}, {"new_password", "Better#2027"}};
  ASSERT_EQ(worker->Post("/api/v1/me/password", change.dump()).status, 200);

  EXPECT_EQ(script->Get("/api/v1/me").status, 401);
  TestResponse listed = worker->Get("/api/v1/me/tokens");  // the session that changed it stays
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["items"].size(), 1u);
  EXPECT_FALSE(listed.Json()["items"][0]["revoked_at"].is_null());
  // New tokens work.
  EXPECT_EQ(TokenClient("worker")->Get("/api/v1/me").status, 200);
}

TEST_P(AuthSecurityApiTest, AResetByAnAdministratorEndsTheUsersTokensAndSessions) {
  auto script = TokenClient("worker");
  auto worker = SignIn("worker");
  ASSERT_EQ(script->Get("/api/v1/me").status, 200);
  auto admin = SignIn("admin");
  std::string path = "/api/v1/users/" + std::to_string(UserId("worker")) + "/password";
  ASSERT_EQ(admin->Post(path, json{{"new_password", "Reset#2027x"}}.dump()).status, 200);

  EXPECT_EQ(script->Get("/api/v1/me").status, 401);
  EXPECT_EQ(worker->Get("/api/v1/me").status, 401);
  EXPECT_EQ(Attempt("worker", "Reset#2027x").status, 200);
  EXPECT_EQ(TokenClient("worker")->Get("/api/v1/me").status, 200);
}

TEST_P(AuthSecurityApiTest, DeactivationEndsTheUsersTokensForGood) {
  auto script = TokenClient("worker2");
  ASSERT_EQ(script->Get("/api/v1/me").status, 200);
  auto admin = SignIn("admin");
  std::string user = "/api/v1/users/" + std::to_string(UserId("worker2"));
  ASSERT_EQ(admin->Post(user + "/deactivate", "").status, 200);
  EXPECT_EQ(script->Get("/api/v1/me").status, 401);

  ASSERT_EQ(admin->Patch(user, json{{"active", true}}.dump()).status, 200);
  // Reactivated: the user signs in again, but the old token stays dead.
  EXPECT_EQ(Attempt("worker2", kDemoPassword).status, 200);
  EXPECT_EQ(script->Get("/api/v1/me").status, 401);
  EXPECT_EQ(TokenClient("worker2")->Get("/api/v1/me").status, 200);
}

// --- 3. a TOTP code is accepted once ------------------------------------------

TEST_P(AuthSecurityApiTest, ATotpCodeIsAcceptedOnce) {
  auto supervisor = SignIn("supervisor");
  TestResponse setup = supervisor->Post("/api/v1/me/totp/setup", "");
  ASSERT_EQ(setup.status, 200);
  std::string secret = setup.Json()["secret"];
  std::string first = CodeNow(secret);
  ASSERT_EQ(supervisor->Post("/api/v1/me/totp/enable", json{{"code", first}}.dump()).status, 200);

  // The code that turned TOTP on does not sign in, though still within its step.
  TestResponse replayed = Attempt("supervisor", kDemoPassword, {}, first);
  EXPECT_EQ(replayed.status, 401);
  EXPECT_EQ(replayed.Json()["error"]["code"], "auth.totp_invalid");

  clock_.Advance(kStep);
  std::string second = CodeNow(secret);
  EXPECT_EQ(Attempt("supervisor", kDemoPassword, {}, second).status, 200);
  clock_.Advance(10 * 1000);  // the same step still
  EXPECT_EQ(Attempt("supervisor", kDemoPassword, {}, second).Json()["error"]["code"],
            "auth.totp_invalid");
  // An earlier step's code, within the drift window, neither.
  EXPECT_EQ(Attempt("supervisor", kDemoPassword, {}, first).Json()["error"]["code"],
            "auth.totp_invalid");

  // Nor does a used code turn TOTP off; the next one does.
  TestResponse reused = supervisor->Post("/api/v1/me/totp/disable", json{{"code", second}}.dump());
  EXPECT_EQ(reused.status, 400);
  EXPECT_EQ(reused.Json()["error"]["code"], "auth.totp_invalid");
  clock_.Advance(kStep);
  EXPECT_EQ(
      supervisor->Post("/api/v1/me/totp/disable", json{{"code", CodeNow(secret)}}.dump()).status,
      200);
}

// --- 4. unknown and locked alike; locked per account and address --------------

TEST_P(AuthSecurityApiTest, UnknownAndLockedAccountsAnswerAlike) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Attempt("worker", kWrongPassword).status, 401);
  ASSERT_EQ(Audited("auth.locked"), 1);

  TestResponse locked = Attempt("worker", kDemoPassword);
  TestResponse unknown = Attempt("nobody", kDemoPassword);
  TestResponse wrong = Attempt("worker2", kWrongPassword);
  for (const TestResponse* response : {&locked, &unknown, &wrong}) {
    EXPECT_EQ(response->status, 401) << response->body;
    json error = response->Json()["error"];
    error.erase("request_id");
    json expected = unknown.Json()["error"];
    expected.erase("request_id");
    EXPECT_EQ(error, expected);
  }
  EXPECT_EQ(unknown.Json()["error"]["code"], "auth.invalid_credentials");
  // A locked-out attempt is not counted again.
  EXPECT_EQ(Audited("auth.login_failed"), 4 + 1);
}

TEST_P(AuthSecurityApiTest, ForgedForwardedForDoesNotEscapeALockOut) {
  // No trusted proxies here: X-Forwarded-For is anyone's to write, and ignored.
  for (int i = 0; i < 5; ++i) {
    HeaderMap forged = {{"X-Forwarded-For", "203.0.113." + std::to_string(i + 1)}};
    EXPECT_EQ(Attempt("worker", kWrongPassword, forged).status, 401);
  }
  EXPECT_EQ(Attempt("worker", kDemoPassword, {{"X-Forwarded-For", "198.51.100.20"}}).status, 401);
  EXPECT_EQ(Audited("auth.locked", "127.0.0.1"), 1);
}

// Behind a load balancer on 127.0.0.1, whose X-Forwarded-For names the client.
class BehindProxyAuthApiTest : public AuthSecurityApiTest {
 protected:
  void ConfigureApp(app::AppConfig& config) override { config.trusted_proxies = "127.0.0.1"; }
};

TEST_P(BehindProxyAuthApiTest, ALockOutFromOneAddressLeavesOtherAddressesAlone) {
  const HeaderMap stranger = {{"X-Forwarded-For", "203.0.113.7"}};
  const HeaderMap office = {{"X-Forwarded-For", "198.51.100.20"}};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Attempt("worker", kWrongPassword, stranger).status, 401);
  EXPECT_EQ(Audited("auth.locked", "203.0.113.7"), 1);
  EXPECT_EQ(Attempt("worker", kDemoPassword, stranger).status, 401);

  // The worker at the office signs in, and what they do there is counted apart.
  auto worker = Client();
  worker->SetHeader("X-Forwarded-For", "198.51.100.20");
  TestResponse signed_in =
      worker->Post("/api/v1/auth/login", Login("worker", kDemoPassword).dump());
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  worker->SetHeader("X-CSRF-Token", signed_in.Json()["csrf_token"].get<std::string>());
  json wrong = {{"current_password", "Nope#2026x"}, {"new_password", "Better#2027"}};
  EXPECT_EQ(worker->Post("/api/v1/me/password", wrong.dump()).status, 400);
  EXPECT_EQ(worker->Get("/api/v1/me").status, 200);
  EXPECT_EQ(Attempt("worker", kDemoPassword, office).status, 200);

  // The stranger's address stays locked for its fifteen minutes.
  EXPECT_EQ(Attempt("worker", kDemoPassword, stranger).status, 401);
  clock_.Advance(15 * kMinute + 1000);
  EXPECT_EQ(Attempt("worker", kDemoPassword, stranger).status, 200);
}

// --- 5. hardening ---------------------------------------------------------------

TEST_P(AuthSecurityApiTest, NoStrictTransportSecurityOverPlainHttp) {
  auto client = Client();
  TestResponse login = client->Post("/api/v1/auth/login", Login("worker", kDemoPassword).dump());
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(login.Header("Strict-Transport-Security"), "");
  ASSERT_EQ(login.set_cookies.size(), 1u);
  EXPECT_EQ(login.set_cookies[0].find("Secure"), std::string::npos);
}

class SecureCookiesAuthApiTest : public AuthSecurityApiTest {
 protected:
  void ConfigureApp(app::AppConfig& config) override { config.secure_cookies = true; }
};

TEST_P(SecureCookiesAuthApiTest, StrictTransportSecurityComesWithSecureCookies) {
  auto client = Client();
  TestResponse login = client->Post("/api/v1/auth/login", Login("worker", kDemoPassword).dump());
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(login.Header("Strict-Transport-Security"), "max-age=31536000");
  ASSERT_EQ(login.set_cookies.size(), 1u);
  EXPECT_NE(login.set_cookies[0].find("; Secure"), std::string::npos);
  EXPECT_EQ(client->Get("/healthz").Header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(client->Get("/api/v1/nowhere").Header("Strict-Transport-Security"), "max-age=31536000");
}

TEST_P(AuthSecurityApiTest, ASessionEndsTwelveHoursAfterSignInHoweverMuchItIsUsed) {
  auto worker = SignIn("worker");
  EpochMs used = 0;
  while (used + 25 * kMinute <= 12 * 60 * kMinute) {
    clock_.Advance(25 * kMinute);  // never idle for the 30 minutes
    used += 25 * kMinute;
    ASSERT_EQ(worker->Get("/api/v1/me").status, 200) << used / kMinute << " minutes in";
  }
  clock_.Advance(25 * kMinute);
  TestResponse expired = worker->Get("/api/v1/me");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.Json()["error"]["code"], "auth.session_expired");
  EXPECT_EQ(worker->Get("/api/v1/me").Json()["error"]["code"], "auth.unauthenticated");
  EXPECT_EQ(SignIn("worker")->Get("/api/v1/me").status, 200);
}

class ShortSessionsAuthApiTest : public AuthSecurityApiTest {
 protected:
  void ConfigureApp(app::AppConfig& config) override { config.session_lifetime_hours = 1; }
};

TEST_P(ShortSessionsAuthApiTest, TheSessionLifetimeIsConfigured) {
  auto worker = SignIn("worker");
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(20 * kMinute);
    ASSERT_EQ(worker->Get("/api/v1/me").status, 200);  // exactly one hour: still good
  }
  clock_.Advance(1000);
  EXPECT_EQ(worker->Get("/api/v1/me").Json()["error"]["code"], "auth.session_expired");
}

TEST_P(ShortSessionsAuthApiTest, TheDailyCleanupRemovesExpiredSessionsAndSpentLockOuts) {
  auto idle = SignIn("worker");
  auto busy = SignIn("leader");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Attempt("worker2", kWrongPassword).status, 401);
  ASSERT_EQ(Attempt("worker_b", kWrongPassword).status, 401);  // one failure, still counting
  for (int i = 0; i < 2; ++i) {
    clock_.Advance(20 * kMinute);
    ASSERT_EQ(busy->Get("/api/v1/me").status, 200);
  }
  // Forty minutes on: the idle session is past its 30 minutes, worker2's lock-out is over.
  ASSERT_EQ(Count("sessions"), 2);
  ASSERT_EQ(Count("login_failures"), 2);
  {
    auto tx = app_->db().Begin();
    ASSERT_TRUE(tx);
    auto removed = app_->services().auth.RemoveExpired(**tx);
    ASSERT_TRUE(removed) << removed.error().code();
    EXPECT_EQ(*removed, 2);
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_EQ(Count("sessions"), 1);
  EXPECT_EQ(busy->Get("/api/v1/me").status, 200);
  EXPECT_EQ(idle->Get("/api/v1/me").status, 401);
  // worker_b's failure still counts toward a lock-out.
  auto left = app_->db().QueryOne("SELECT failures FROM login_failures");
  ASSERT_TRUE(left && *left);
  EXPECT_EQ((*left)->Int(0), 1);
  EXPECT_EQ(Count("login_failures"), 1);
}

TEST_P(AuthSecurityApiTest, APasswordMayNotContainTheUserName) {
  auto expect_refused = [](const TestResponse& response, const std::string& field) {
    ASSERT_EQ(response.status, 400) << response.body;
    json error = response.Json()["error"];
    EXPECT_EQ(error["code"], "validation.failed");
    ASSERT_EQ(error["details"].size(), 1u) << response.body;
    EXPECT_EQ(error["details"][0]["field"], field);
    EXPECT_EQ(error["details"][0]["code"], "password_contains_username");
  };
  auto worker = SignIn("worker");
  json change = {{"current_password", kDemoPassword}, {"new_password", "MyWORKER#2027"}};
  expect_refused(worker->Post("/api/v1/me/password", change.dump()), "new_password");

  auto admin = SignIn("admin");
  std::string reset = "/api/v1/users/" + std::to_string(UserId("worker")) + "/password";
  expect_refused(admin->Post(reset, json{{"new_password", "Worker-2027x"}}.dump()), "new_password");

  json user = {{"username", "zhang.wei"},
               {"display_name", "张伟"},
               {"password", "Zhang.Wei#2027"},
               {"memberships", {{{"org_id", OrgId("个案服务部")}, {"role", "worker"}}}}};
  expect_refused(admin->Post("/api/v1/users", user.dump()), "password");
  user["password"] = "Zhang#Wei2027";
  EXPECT_EQ(admin->Post("/api/v1/users", user.dump()).status, 201);
  // Nothing changed by the refusals.
  EXPECT_EQ(Attempt("worker", kDemoPassword).status, 200);
}

JIELI_INSTANTIATE_API_TEST(AuthSecurityApiTest);
JIELI_INSTANTIATE_API_TEST(BehindProxyAuthApiTest);
JIELI_INSTANTIATE_API_TEST(SecureCookiesAuthApiTest);
JIELI_INSTANTIATE_API_TEST(ShortSessionsAuthApiTest);

}  // namespace
}  // namespace jieli::test
