// One error shape for every failure; health, readiness and the OpenAPI document.
#include <set>

#include "api_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class ErrorsApiTest : public ApiTest {};

void ExpectErrorShape(const TestResponse& response, int status, const std::string& code) {
  EXPECT_EQ(response.status, status) << response.body;
  json body = response.Json();
  ASSERT_TRUE(body.is_object()) << response.body;
  ASSERT_TRUE(body.contains("error")) << response.body;
  EXPECT_EQ(body["error"]["code"], code);
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  EXPECT_TRUE(body["error"]["details"].is_array());
}

TEST_P(ErrorsApiTest, MalformedJsonIsA400InTheErrorShape) {
  auto admin = SignIn("admin");
  ExpectErrorShape(admin->Post("/api/v1/orgs", "{\"name\": "), 400, "http.invalid_json");
  ExpectErrorShape(admin->Post("/api/v1/orgs", "[1,2]"), 400, "http.expected_object");
  ExpectErrorShape(admin->Post("/api/v1/auth/login", "\xff\xfe{}"), 400, "http.invalid_json");
}

TEST_P(ErrorsApiTest, WrongTypesAndMissingFieldsNameTheField) {
  auto admin = SignIn("admin");
  TestResponse response = admin->Post("/api/v1/orgs", json{{"kind", 5}, {"parent_id", "x"}}.dump());
  ExpectErrorShape(response, 400, "validation.failed");
  std::map<std::string, std::string> issues;
  json body = response.Json();
  for (const auto& d : body["error"]["details"]) {
    issues[d["field"].get<std::string>()] = d["code"].get<std::string>();
    EXPECT_FALSE(d["message"].get<std::string>().empty());
  }
  EXPECT_EQ(issues["kind"], "wrong_type");
  EXPECT_EQ(issues["parent_id"], "wrong_type");
  EXPECT_EQ(issues["name"], "required");
}

TEST_P(ErrorsApiTest, ATwoMebibyteBodyIsRefusedWith413) {
  auto admin = SignIn("admin");
  std::string big = "{\"name\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  ExpectErrorShape(admin->Post("/api/v1/orgs", big), 413, "http.body_too_large");
  // The server is still there.
  EXPECT_EQ(Client()->Get("/healthz").status, 200);
}

TEST_P(ErrorsApiTest, UnknownRoutesAndWrongMethods) {
  auto client = Client();
  ExpectErrorShape(client->Get("/api/v1/nothing-here"), 404, "http.not_found");
  ExpectErrorShape(client->Delete("/api/v1/auth/login"), 405, "http.method_not_allowed");
  ExpectErrorShape(client->Get("/api/v1/orgs"), 401, "auth.unauthenticated");
  auto admin = SignIn("admin");
  ExpectErrorShape(admin->Get("/api/v1/orgs/abc"), 404, "orgs.not_found");
  ExpectErrorShape(admin->Get("/api/v1/orgs/99999999999999999999999"), 404, "orgs.not_found");
}

TEST_P(ErrorsApiTest, APathOrQueryThatIsNotUtf8IsA400NotAStoreFailure) {
  auto leader = SignIn("leader");
  // PostgreSQL refused these searches and file names with a 500.
  ExpectErrorShape(leader->Get("/api/v1/clients?q=%FF%FE"), 400, "http.bad_request");
  ExpectErrorShape(leader->Get("/api/v1/cases?q=%C3%28"), 400, "http.bad_request");
  ExpectErrorShape(leader->Get("/api/v1/orgs/%FF"), 400, "http.bad_request");
  EXPECT_EQ(leader->Get("/api/v1/clients?q=%E7%8E%8B").status, 200);  // 王
}

TEST_P(ErrorsApiTest, MessagesFollowAcceptLanguage) {
  auto client = Client();
  TestResponse zh = client->Get("/api/v1/nothing");
  TestResponse en = client->Get("/api/v1/nothing", {{"Accept-Language", "en"}});
  EXPECT_EQ(zh.Json()["error"]["message"], "请求的地址不存在。");
  EXPECT_EQ(en.Json()["error"]["message"], "No such address.");
}

TEST_P(ErrorsApiTest, HealthAndReadiness) {
  auto client = Client();
  TestResponse health = client->Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Json()["status"], "ok");
  TestResponse ready = client->Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.Json()["status"], "ready");
  EXPECT_FALSE(health.Header("X-Request-Id").empty());
}

TEST_P(ErrorsApiTest, OpenApiDescribesEveryRegisteredRoute) {
  TestResponse response = Client()->Get("/api/openapi.json");
  ASSERT_EQ(response.status, 200);
  json doc = response.Json();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::size_t checked = 0;
  for (const auto& route : app_->router().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    ASSERT_TRUE(doc["paths"][route.pattern].contains(method))
        << route.method << " " << route.pattern;
    EXPECT_FALSE(route.doc.summary.empty()) << route.pattern;
    ++checked;
  }
  EXPECT_GE(checked, 25u);
}

TEST_P(ErrorsApiTest, EveryErrorCodeInTheCatalogueIsTranslated) {
  // Codes the API returns in these tests must have their own message, not the fallback.
  for (const char* code : {"auth.invalid_credentials", "auth.locked", "auth.csrf", "auth.forbidden",
                           "auth.session_expired", "auth.totp_required", "orgs.not_found",
                           "orgs.parent_kind", "orgs.username_taken", "http.invalid_json",
                           "http.body_too_large", "http.not_found", "http.method_not_allowed",
                           "validation.failed", "store.unavailable", "audit.chain_broken"}) {
    EXPECT_TRUE(HasMessage(code)) << code;
  }
}

JIELI_INSTANTIATE_API_TEST(ErrorsApiTest);

}  // namespace
}  // namespace jieli::test
