// The API contract: every route declares the answer it gives
// (RouteDoc::response_schema, published in /api/openapi.json, from which the
// web app's TypeScript types are generated), every "$ref" of the document
// resolves, and real answers of a representative set of routes — each
// module's lists, objects, creations, actions and errors — conform to what
// their operation declares, status and body.
#include <set>

#include "casework_fixture.hpp"
#include "http/api_schema.hpp"
#include "json_schema_check.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Every "$ref" in value, with the JSON path it was found at.
void CollectRefs(const json& value, const std::string& path,
                 std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object()) {
    for (const auto& item : value.items()) {
      if (item.key() == "$ref" && item.value().is_string()) {
        out.emplace_back(path, item.value().get<std::string>());
      } else {
        CollectRefs(item.value(), path + "/" + item.key(), out);
      }
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      CollectRefs(value[i], path + "/" + std::to_string(i), out);
    }
  }
}

// The route table itself; no request needed, but the App is the one the CLI serves.
class RouteContractTest : public ApiTest {};

TEST_P(RouteContractTest, EveryRouteDeclaresItsResponse) {
  std::vector<std::string> missing;
  for (const http::Route& route : app_->router().routes()) {
    if (route.doc.response_schema.empty() || route.doc.statuses.empty() ||
        route.doc.response_types.empty()) {
      missing.push_back(route.method + " " + route.pattern);
    }
  }
  std::string list;
  for (const std::string& key : missing) list += "\n  " + key;
  EXPECT_TRUE(missing.empty()) << missing.size()
                               << " route(s) without a response schema (RouteDoc::response_schema; "
                               << "shared shapes go to the module's *_api_schema.hpp):" << list;
}

TEST_P(RouteContractTest, EverySchemaIsJsonAndEveryRefResolves) {
  for (const http::Route& route : app_->router().routes()) {
    json schema = json::parse(route.doc.response_schema, nullptr, false);
    EXPECT_TRUE(schema.is_object()) << route.method << " " << route.pattern << ": not JSON";
  }
  for (const auto& [name, text] : app_->router().schemas()) {
    EXPECT_TRUE(json::parse(text, nullptr, false).is_object()) << name << ": not JSON";
  }
  json doc = Client()->Get("/api/openapi.json").Json();
  ASSERT_TRUE(doc.is_object());
  std::vector<std::pair<std::string, std::string>> refs;
  CollectRefs(doc, "", refs);
  EXPECT_GT(refs.size(), 100u);
  std::set<std::string> used;
  for (const auto& [path, ref] : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << path << ": " << ref;
    EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1)))) << path << ": " << ref;
    used.insert(ref);
  }
  // A component nobody refers to is dead text (or a typo in a $ref).
  for (const auto& item : doc["components"]["schemas"].items()) {
    EXPECT_TRUE(used.count("#/components/schemas/" + item.key())) << item.key() << " is unused";
  }
}

class ResponseContractTest : public CaseworkApiTest {
 protected:
  void SetUp() override {
    CaseworkApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    document_ = Client()->Get("/api/openapi.json").Json();
    ASSERT_TRUE(document_.is_object());
  }

  // The answer conforms to what the operation of method + pattern declares:
  // a declared success status with its schema, or the error shape for 4xx/5xx.
  void ExpectConforms(const TestResponse& response, const std::string& method,
                      const std::string& pattern) {
    const std::string key = method + " " + pattern;
    ++checked_;
    const json& operation = document_["paths"][pattern][Lower(method)];
    ASSERT_TRUE(operation.is_object()) << key << " is not in the document";
    const json& responses = operation["responses"];
    const std::string status = std::to_string(response.status);
    json declared;
    if (responses.contains(status)) {
      declared = responses[status];
    } else if (response.status >= 400) {
      declared = responses.value(status.substr(0, 1) + "XX", json());
      if (declared.contains("$ref")) {
        declared = document_.at(json::json_pointer(declared["$ref"].get<std::string>().substr(1)));
      }
    }
    ASSERT_TRUE(declared.is_object()) << key << " answered " << status << ", not declared";
    if (!declared.contains("content")) {
      EXPECT_TRUE(response.body.empty()) << key;
      return;
    }
    const std::string type = response.Header("Content-Type");
    ASSERT_TRUE(declared["content"].contains("application/json"))
        << key << " answered " << type << ", declared " << declared["content"].dump();
    json body = response.Json();
    ASSERT_FALSE(body.is_discarded()) << key << ": not JSON: " << response.body.substr(0, 200);
    std::vector<std::string> problems =
        SchemaCheck(document_).Problems(body, declared["content"]["application/json"]["schema"]);
    std::string list;
    for (const std::string& problem : problems) list += "\n  " + problem;
    EXPECT_TRUE(problems.empty()) << key << " (" << status << ") differs from its schema:" << list;
  }

  // A file answer: the declared success status and one of the declared media types.
  void ExpectFile(const TestResponse& response, const std::string& method,
                  const std::string& pattern) {
    ++checked_;
    const json& content = document_["paths"][pattern][Lower(method)]["responses"]
                                   [std::to_string(response.status)]["content"];
    ASSERT_TRUE(content.is_object()) << method << " " << pattern << " answered " << response.status;
    EXPECT_TRUE(content.contains(response.Header("Content-Type")))
        << method << " " << pattern << " answered " << response.Header("Content-Type");
  }

  json document_;
  int checked_ = 0;
};

TEST_P(ResponseContractTest, SchemaCheckFindsWhatIsWrong) {
  SchemaCheck check(document_);
  json person = {{"$ref", "#/components/schemas/Person"}};
  EXPECT_TRUE(check.Problems({{"id", 1}, {"name", "王"}}, person).empty());
  EXPECT_EQ(check.Problems({{"id", "1"}, {"name", "王"}}, person).size(), 1u);
  EXPECT_EQ(check.Problems({{"id", 1}}, person).size(), 1u);                            // required
  EXPECT_EQ(check.Problems({{"id", 1}, {"name", "王"}, {"x", 1}}, person).size(), 1u);  // extra
  json nullable = {{"oneOf", {person, {{"type", "null"}}}}};
  EXPECT_TRUE(check.Problems(nullptr, nullable).empty());
  EXPECT_FALSE(check.Problems(5, nullable).empty());
  EXPECT_FALSE(check.Problems("x", {{"$ref", "#/components/schemas/Stage"}}).empty());
  EXPECT_FALSE(check.Problems(1, {{"$ref", "#/components/schemas/Nothing"}}).empty());
  EXPECT_FALSE(check.Problems(1, {{"pattern", "x"}}).empty());  // a keyword it does not read
  json page = json::parse(http::PageOf("Person"));
  EXPECT_TRUE(check
                  .Problems({{"items", {{{"id", 1}, {"name", "a"}}}},
                             {"total", 1},
                             {"page", 1},
                             {"page_size", 20}},
                            page)
                  .empty());
  EXPECT_EQ(check.Problems({{"items", json::array()}, {"total", 0}, {"page", 1}}, page).size(), 1u);
}

TEST_P(ResponseContractTest, AuthOrgsAndAuditAnswersConform) {
  auto anonymous = Client();
  ExpectConforms(anonymous->Get("/healthz"), "GET", "/healthz");
  ExpectConforms(anonymous->Get("/readyz"), "GET", "/readyz");
  ExpectConforms(anonymous->Get("/api/v1/me"), "GET", "/api/v1/me");  // 401
  TestResponse login = anonymous->Post(
      "/api/v1/auth/login", json{{"username", "admin"}, {"password", kDemoPassword}}.dump());
  ExpectConforms(login, "POST", "/api/v1/auth/login");
  ExpectConforms(anonymous->Post("/api/v1/auth/login", "{}"), "POST", "/api/v1/auth/login");

  auto admin = SignIn("admin");
  ExpectConforms(admin->Get("/api/v1/me"), "GET", "/api/v1/me");
  ExpectConforms(admin->Get("/api/v1/me/tokens"), "GET", "/api/v1/me/tokens");
  ExpectConforms(admin->Post("/api/v1/me/totp/setup", ""), "POST", "/api/v1/me/totp/setup");
  ExpectConforms(admin->Get("/api/v1/settings/security"), "GET", "/api/v1/settings/security");
  ExpectConforms(admin->Put("/api/v1/settings/security", R"({"totp_required_roles":[]})"), "PUT",
                 "/api/v1/settings/security");
  ExpectConforms(admin->Get("/api/v1/regions"), "GET", "/api/v1/regions");
  ExpectConforms(admin->Get("/api/v1/orgs?page_size=200"), "GET", "/api/v1/orgs");
  const std::string casework = "/api/v1/orgs/" + std::to_string(Casework());
  ExpectConforms(admin->Get(casework), "GET", "/api/v1/orgs/{id}");
  ExpectConforms(admin->Get("/api/v1/orgs/999999"), "GET", "/api/v1/orgs/{id}");  // 404
  TestResponse org = admin->Post(
      "/api/v1/orgs",
      json{{"parent_id", Casework()}, {"kind", "department"}, {"name", "合同测试组"}}.dump());
  ExpectConforms(org, "POST", "/api/v1/orgs");
  ExpectConforms(admin->Get("/api/v1/users"), "GET", "/api/v1/users");
  ExpectConforms(admin->Get("/api/v1/users/" + std::to_string(UserId("worker"))), "GET",
                 "/api/v1/users/{id}");
  ExpectConforms(admin->Post("/api/v1/users", json{{"username", "x"}}.dump()), "POST",
                 "/api/v1/users");  // 400 with field issues
  ExpectConforms(admin->Get("/api/v1/audit?page_size=50"), "GET", "/api/v1/audit");
  ExpectConforms(admin->Get("/api/v1/audit/verify"), "GET", "/api/v1/audit/verify");
  ExpectConforms(admin->Get("/api/v1/jobs"), "GET", "/api/v1/jobs");
  ExpectConforms(admin->Post("/api/v1/auth/logout", ""), "POST", "/api/v1/auth/logout");
  EXPECT_EQ(checked_, 22);
}

TEST_P(ResponseContractTest, ClientAndCaseAnswersConform) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  ExpectConforms(worker->Get("/api/v1/clients?page_size=100"), "GET", "/api/v1/clients");
  std::int64_t case_id = NewCase(*worker);
  ASSERT_GT(case_id, 0);
  json c = worker->Get(CasePath(case_id)).Json();
  const std::string client = "/api/v1/clients/" + std::to_string(c["client_id"].get<int>());
  ExpectConforms(worker->Get(client), "GET", "/api/v1/clients/{id}");
  ExpectConforms(worker->Patch(client, R"({"notes":"合同"})"), "PATCH", "/api/v1/clients/{id}");
  ExpectConforms(supervisor->Post(client + "/reveal", ""), "POST", "/api/v1/clients/{id}/reveal");
  ExpectFile(worker->Get("/api/v1/clients/export"), "GET", "/api/v1/clients/export");
  const std::string csv = "姓名,性别\n合同甲,女\n";
  const std::string import = "/api/v1/clients/import/preview?org_id=" + std::to_string(Casework());
  ExpectConforms(worker->Post(import, csv, {{"Content-Type", "text/csv"}}), "POST",
                 "/api/v1/clients/import/preview");

  ExpectConforms(worker->Get("/api/v1/cases"), "GET", "/api/v1/cases");
  ExpectConforms(worker->Get(CasePath(case_id)), "GET", "/api/v1/cases/{id}");
  ExpectConforms(worker->Get(CasePath(case_id, "/stages/intake")), "GET",
                 "/api/v1/cases/{id}/stages/{stage}");
  ExpectConforms(Save(*worker, case_id, "intake", Intake()), "PUT",
                 "/api/v1/cases/{id}/stages/{stage}");
  ExpectConforms(MoveTo(*worker, case_id, "assessment"), "POST", "/api/v1/cases/{id}/transitions");
  ExpectConforms(Save(*worker, case_id, "assessment", Assessment()), "PUT",
                 "/api/v1/cases/{id}/stages/{stage}");
  ExpectConforms(MoveTo(*worker, case_id, "planning"), "POST", "/api/v1/cases/{id}/transitions");
  ExpectConforms(Save(*worker, case_id, "planning", Plan("2027-02-25")), "PUT",
                 "/api/v1/cases/{id}/stages/{stage}");
  TestResponse waits = MoveTo(*worker, case_id, "intervention");  // 202: the supervisor decides
  EXPECT_EQ(waits.status, 202) << waits.body;
  ExpectConforms(waits, "POST", "/api/v1/cases/{id}/transitions");
  ExpectConforms(MoveTo(*worker, case_id, "closed"), "POST",
                 "/api/v1/cases/{id}/transitions");  // 4xx
  ExpectConforms(supervisor->Get("/api/v1/approvals?mine=true"), "GET", "/api/v1/approvals");
  ExpectConforms(worker->Get("/api/v1/worklist"), "GET", "/api/v1/worklist");
  ExpectConforms(worker->Post(CasePath(case_id, "/services"), Service().dump()), "POST",
                 "/api/v1/cases/{id}/services");
  ExpectConforms(worker->Get(CasePath(case_id, "/services")), "GET", "/api/v1/cases/{id}/services");
  ExpectConforms(worker->Get(CasePath(case_id, "/timeline")), "GET", "/api/v1/cases/{id}/timeline");
  ExpectConforms(worker->Get(CasePath(case_id, "/followups")), "GET",
                 "/api/v1/cases/{id}/followups");
  TestResponse file = worker->Post(CasePath(case_id, "/attachments?name=note.txt"), "记录",
                                   {{"Content-Type", "text/plain"}});
  ExpectConforms(file, "POST", "/api/v1/cases/{id}/attachments");
  ExpectConforms(worker->Get(CasePath(case_id, "/attachments")), "GET",
                 "/api/v1/cases/{id}/attachments");
  json attachment = file.Json();
  if (attachment.is_object() && attachment.contains("id")) {
    ExpectFile(worker->Get("/api/v1/attachments/" + std::to_string(attachment["id"].get<int>())),
               "GET", "/api/v1/attachments/{id}");
  }
  ExpectConforms(worker->Get("/api/v1/cases/stats"), "GET", "/api/v1/cases/stats");
  const std::string casework = "/api/v1/orgs/" + std::to_string(Casework());
  ExpectConforms(worker->Get(casework + "/case-policy"), "GET", "/api/v1/orgs/{id}/case-policy");
  ExpectConforms(worker->Get(casework + "/case-forms/intake"), "GET",
                 "/api/v1/orgs/{id}/case-forms/{stage}");
  ExpectConforms(worker->Get(casework + "/case-scales"), "GET", "/api/v1/orgs/{id}/case-scales");
  ExpectConforms(supervisor->Get("/api/v1/notifications"), "GET", "/api/v1/notifications");
  ExpectConforms(supervisor->Post("/api/v1/notifications/read-all", ""), "POST",
                 "/api/v1/notifications/read-all");
  EXPECT_EQ(checked_, 31);
}

JIELI_INSTANTIATE_API_TEST(RouteContractTest);
JIELI_INSTANTIATE_API_TEST(ResponseContractTest);

}  // namespace
}  // namespace jieli::test
