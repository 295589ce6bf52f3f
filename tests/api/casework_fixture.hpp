// CaseworkApiTest: ApiTest with the steps of casework that several suites
// take — a client, a case for it, each stage's form filled as a worker would,
// moves, and a few readers of replies.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "api_fixture.hpp"

namespace jieli::test {

class CaseworkApiTest : public ApiTest {
 protected:
  using json = nlohmann::json;

  std::int64_t Casework() { return OrgId("个案服务部"); }

  std::int64_t NewClient(TestClient& as, const std::string& name) {
    json body = {{"org_id", Casework()},      {"name", name},
                 {"gender", "female"},        {"birth_date", "1948-05-12"},
                 {"categories", {"elderly"}}, {"address", "东湖区东亭路 8 号"}};
    TestResponse created = as.Post("/api/v1/clients", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    json parsed = created.Json();
    return parsed.is_object() && parsed.contains("id") ? parsed["id"].get<std::int64_t>() : 0;
  }

  // A case for a new client, opened by `as` with the demo supervisor named.
  std::int64_t NewCase(TestClient& as, const std::string& client_name = "孙桂英") {
    std::int64_t client_id = NewClient(as, client_name);
    json body = {{"client_id", client_id}, {"supervisor_id", UserId("supervisor")}};
    TestResponse opened = as.Post("/api/v1/cases", body.dump());
    EXPECT_EQ(opened.status, 201) << opened.body;
    json parsed = opened.Json();
    return parsed.is_object() && parsed.contains("id") ? parsed["id"].get<std::int64_t>() : 0;
  }

  static std::string CasePath(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/cases/" + std::to_string(id) + rest;
  }

  TestResponse Save(TestClient& as, std::int64_t id, const std::string& stage, const json& data,
                    bool draft = false) {
    return as.Put(CasePath(id, "/stages/" + stage), json{{"data", data}, {"draft", draft}}.dump());
  }

  TestResponse MoveTo(TestClient& as, std::int64_t id, const std::string& stage) {
    return as.Post(CasePath(id, "/transitions"), json{{"to", stage}}.dump());
  }

  std::string StageOf(TestClient& as, std::int64_t id) {
    json c = as.Get(CasePath(id)).Json();
    return c.is_object() ? c.value("stage", std::string()) : "";
  }

  static json Intake(const std::string& urgency = "normal") {
    return {{"source", "walk_in"},
            {"presenting_problem", "独居老人，近期跌倒两次，情绪低落"},
            {"urgency", urgency},
            {"decision", "accept"}};
  }

  static json Assessment() {
    json side = {{"causes", "原因"}, {"consequences", "影响"}};
    return {{"needs",
             {{{"domain", "physical"}, {"severity", 4}, {"description", "行动不便"}},
              {{"domain", "social"}, {"severity", 3}, {"description", "社会交往少"}},
              {{"domain", "economic"}, {"severity", 1}, {"description", "收入稳定"}}}},
            {"strengths", "与邻居关系好"},
            {"ecological", {{"micro", side}, {"meso", side}, {"macro", side}}},
            {"risk_level", "high"},
            {"risk_reasons", "独居、跌倒"},
            {"problem_definition", "跌倒风险与社会隔离"}};
  }

  static json Plan(const std::string& end_date) {
    json levels = json::array();
    for (int level = -2; level <= 2; ++level) {
      levels.push_back({{"level", level}, {"description", "等级 " + std::to_string(level)}});
    }
    return {{"goals",
             {{{"name", "减少跌倒"}, {"domain", "physical"}, {"weight", 2}, {"levels", levels}},
              {{"name", "增加社会交往"}, {"domain", "social"}, {"weight", 1}, {"levels", levels}}}},
            {"interventions", {{{"technique", "个案辅导"}, {"description", "每周家访"}}}},
            {"schedule", {{"start_date", "2026-11-25"}, {"end_date", end_date}}},
            {"agreement", {{"date", "2026-11-25"}, {"method", "signed"}}}};
  }

  static json Service(const std::string& date = "2026-11-25") {
    return {{"date", date},
            {"minutes", 60},
            {"mode", "home_visit"},
            {"content", "入户探访，检查居家安全"},
            {"technique", "倾听与同理"},
            {"progress_note", "案主情绪较上周平稳"}};
  }

  std::int64_t AuditCount(const std::string& action) {
    auto row = app_->db().QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
    return row && *row ? (*row)->Int(0) : -1;
  }

  std::unique_ptr<TestClient> SignInNewUser(const std::string& username, const std::string& role,
                                            std::int64_t org_id) {
    auto admin = SignIn("admin");
    json user = {{"username", username},
                 {"display_name", "新同事"},
                 {"password", kDemoPassword},
                 {"memberships", {{{"org_id", org_id}, {"role", role}}}}};
    TestResponse created = admin->Post("/api/v1/users", user.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return SignIn(username);
  }

  // Error code of a response.
  static std::string Code(const TestResponse& r) {
    json body = r.Json();
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
  }

  static std::vector<std::string> DetailFields(const TestResponse& r) {
    std::vector<std::string> fields;
    json body = r.Json();
    if (!body.is_object() || !body.contains("error")) return fields;
    for (const auto& d : body["error"]["details"]) fields.push_back(d.value("field", ""));
    return fields;
  }

  static bool Has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }
};

}  // namespace jieli::test
