// The richer stage forms over HTTP on both backends (issue 12): an agency's
// own standard scales (GET/PUT /api/v1/orgs/{id}/case-scales), offered by its
// forms and inherited below it; baseline and post scores within the scale's
// range; the evaluation's pre-test and change filled by the server; goals
// that answer the plan's intervention points; a refer-out that names its
// receiver.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class CaseScalesApiTest : public CaseworkApiTest {
 protected:
  std::string ScalesPath(std::int64_t org) {
    return "/api/v1/orgs/" + std::to_string(org) + "/case-scales";
  }
  std::string CentrePath() { return ScalesPath(OrgId("江城市阳光社会工作服务中心")); }

  static json Parenting() {
    return {{"code", "parenting_stress"},
            {"name", "亲职压力量表"},
            {"name_en", "Parenting Stress Index"},
            {"min", 36},
            {"max", 180}};
  }

  static std::vector<std::string> Codes(const json& list) {
    std::vector<std::string> codes;
    for (const auto& s : list) codes.push_back(s.value("code", ""));
    return codes;
  }

  // The first issue at field of a refused save: code, min, max.
  static std::vector<std::string> IssueAt(const TestResponse& r, const std::string& field) {
    json body = r.Json();
    if (!body.is_object() || !body.contains("error")) return {};
    for (const auto& d : body["error"]["details"]) {
      if (d.value("field", "") != field) continue;
      json params = d.value("params", json::object());
      return {d.value("code", ""), params.value("min", ""), params.value("max", "")};
    }
    return {};
  }

  json ScaleChoices(TestClient& as, std::int64_t id, const std::string& stage) {
    json form = as.Get(CasePath(id, "/stages/" + stage)).Json();
    const char* list = stage == "assessment" ? "scales" : "scale_results";
    return form["schema"]["properties"][list]["items"]["properties"]["scale"]["enum"];
  }
};

TEST_P(CaseScalesApiTest, AnAgencyAddsItsOwnScales) {
  auto leader = SignIn("leader");
  auto worker = SignIn("worker");
  // Before: the built-in catalogue, nothing of the agency's.
  TestResponse before = worker->Get(ScalesPath(Casework()));
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json()["scales"], json::array());
  const std::size_t built_in = before.Json()["catalogue"].size();
  EXPECT_GE(built_in, 8u);
  EXPECT_TRUE(Has(Codes(before.Json()["catalogue"]), "adl_barthel"));
  EXPECT_EQ(before.Json()["catalogue"][0]["built_in"], true);

  // Only who configures casework sets them; a refused list changes nothing.
  const std::string body = json{{"scales", {Parenting()}}}.dump();
  EXPECT_EQ(worker->Put(ScalesPath(Casework()), body).status, 403);
  EXPECT_EQ(worker->Put(CentrePath(), body).status, 403);  // holds cases.configure nowhere
  const std::int64_t audited = AuditCount("cases.set_scales");
  struct Bad {
    const char* name;
    json body;
    std::string field;
  };
  json taken = Parenting();
  taken["code"] = "sas";
  json upside_down = Parenting();
  upside_down["min"] = 200;
  json no_range = Parenting();
  no_range.erase("max");
  const Bad bad[] = {
      {"a built-in code", {{"scales", {taken}}}, "scales[0].code"},
      {"min above max", {{"scales", {upside_down}}}, "scales[0].max"},
      {"no max", {{"scales", {no_range}}}, "scales[0].max"},
      {"repeated", {{"scales", {Parenting(), Parenting()}}}, "scales[1].code"},
      {"not a list", {{"scales", "sas"}}, "scales"},
      {"unknown member", {{"scales", json::array()}, {"extra", 1}}, "extra"},
  };
  for (const auto& b : bad) {
    TestResponse refused = leader->Put(CentrePath(), b.body.dump());
    EXPECT_EQ(refused.status, 400) << b.name << " " << refused.body;
    EXPECT_EQ(Code(refused), "validation.failed") << b.name;
    EXPECT_TRUE(Has(DetailFields(refused), b.field)) << b.name << " " << refused.body;
  }
  EXPECT_EQ(AuditCount("cases.set_scales"), audited);
  EXPECT_EQ(leader->Get(CentrePath()).Json()["scales"], json::array());

  // Set at the centre: audited, and the department below offers them too.
  TestResponse set = leader->Put(CentrePath(), body);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Codes(set.Json()["scales"]), std::vector<std::string>{"parenting_stress"});
  EXPECT_EQ(AuditCount("cases.set_scales"), audited + 1);
  json below = worker->Get(ScalesPath(Casework())).Json();
  EXPECT_EQ(below["scales"], json::array());  // nothing of its own
  ASSERT_EQ(below["catalogue"].size(), built_in + 1);
  EXPECT_EQ(below["catalogue"][built_in]["code"], "parenting_stress");
  EXPECT_EQ(below["catalogue"][built_in]["built_in"], false);
  EXPECT_EQ(below["catalogue"][built_in]["higher_is_better"], false);

  // Another agency's worker sees neither list.
  EXPECT_EQ(SignIn("worker_b")->Get(ScalesPath(Casework())).status, 404);

  // The forms offer the scale, before "other"; its range holds on save.
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
  json choices = ScaleChoices(*worker, id, "assessment");
  ASSERT_GE(choices.size(), 2u);
  EXPECT_EQ(choices[choices.size() - 2], "parenting_stress");
  EXPECT_EQ(choices.back(), "other");
  json assessment = Assessment();
  assessment["scales"] = {{{"scale", "parenting_stress"}, {"baseline", 200}}};
  TestResponse out_of_range = Save(*worker, id, "assessment", assessment);
  ASSERT_EQ(out_of_range.status, 400);
  EXPECT_EQ(IssueAt(out_of_range, "scales[0].baseline"),
            (std::vector<std::string>{"out_of_range", "36", "180"}));
  assessment["scales"][0]["baseline"] = 150;
  EXPECT_EQ(Save(*worker, id, "assessment", assessment).status, 200);

  // Emptied again, the forms offer the built-in ones only.
  ASSERT_EQ(leader->Put(CentrePath(), json{{"scales", json::array()}}.dump()).status, 200);
  EXPECT_EQ(ScaleChoices(*worker, id, "assessment").size(), built_in + 1);
}

TEST_P(CaseScalesApiTest, ScoresFromAssessmentToEvaluation) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);

  json assessment = Assessment();
  assessment["methods"] = {"interview", "home_visit", "standard_scale"};
  assessment["scales"] = {{{"scale", "adl_barthel"}, {"baseline", 101}, {"date", "2026-11-20"}},
                          {{"scale", "gds_15"}, {"baseline", 9}}};
  TestResponse refused = Save(*worker, id, "assessment", assessment);
  ASSERT_EQ(refused.status, 400);
  EXPECT_EQ(IssueAt(refused, "scales[0].baseline"),
            (std::vector<std::string>{"out_of_range", "0", "100"}));
  // A draft is held to the range too: a score is wrong, not unfinished.
  EXPECT_EQ(Save(*worker, id, "assessment", assessment, true).status, 400);
  assessment["scales"][0]["baseline"] = 60;
  ASSERT_EQ(Save(*worker, id, "assessment", assessment).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "planning").status, 200);

  // The plan: goals answer the service logic's intervention points.
  json plan = Plan("2027-02-28");
  plan["service_logic"] = {
      {"problem", "跌倒风险与社会隔离"},
      {"intervention_points", {{{"name", "居家环境不安全"}}, {{"name", "社交圈狭窄"}}}}};
  plan["goals"][0]["intervention_point"] = "居家环境不安全";
  plan["goals"][1]["intervention_point"] = "经济困难";
  // A draft may wait; the plan itself may not.
  EXPECT_EQ(Save(*worker, id, "planning", plan, true).status, 200);
  TestResponse unlisted = Save(*worker, id, "planning", plan);
  ASSERT_EQ(unlisted.status, 400);
  EXPECT_EQ(IssueAt(unlisted, "goals[1].intervention_point")[0], "invalid_choice");
  plan["goals"][1]["intervention_point"] = "社交圈狭窄";
  plan["evaluation_methods"] = {"gas", "standard_scale"};
  ASSERT_EQ(Save(*worker, id, "planning", plan).status, 200);
  TestResponse asked = MoveTo(*worker, id, "intervention");
  ASSERT_EQ(asked.status, 202) << asked.body;
  const std::string decide = "/api/v1/approvals/" +
                             std::to_string(asked.Json()["approval"]["id"].get<std::int64_t>()) +
                             "/decision";
  ASSERT_EQ(supervisor->Post(decide, json{{"decision", "approve"}}.dump()).status, 200);
  ASSERT_EQ(worker->Post(CasePath(id, "/services"), Service().dump()).status, 201);
  ASSERT_EQ(MoveTo(*worker, id, "evaluation").status, 200);

  // Evaluation: prefilled from the plan and the assessment.
  json form = worker->Get(CasePath(id, "/stages/evaluation")).Json()["data"];
  EXPECT_EQ(form["goal_attainment"][0]["intervention_point"], "居家环境不安全");
  EXPECT_EQ(form["scale_results"],
            json({{{"scale", "adl_barthel"}, {"pre", 60}}, {{"scale", "gds_15"}, {"pre", 9}}}));
  EXPECT_EQ(form["evaluation_methods"], json({"gas", "standard_scale"}));
  for (auto& goal : form["goal_attainment"]) goal["attained"] = 1;
  form["reflection"] = "家访频率合适";
  form["conclusion"] = "close";
  form["scale_results"][0]["post"] = 75;
  form["scale_results"][0]["pre"] = 0;      // typed: replaced by the baseline
  form["scale_results"][0]["change"] = 99;  // typed: recomputed
  form["scale_results"][1]["post"] = 16;
  TestResponse bad_post = Save(*worker, id, "evaluation", form);
  ASSERT_EQ(bad_post.status, 400);
  EXPECT_EQ(IssueAt(bad_post, "scale_results[1].post"),
            (std::vector<std::string>{"out_of_range", "0", "15"}));
  form["scale_results"][1]["post"] = 5;
  TestResponse saved = Save(*worker, id, "evaluation", form);
  ASSERT_EQ(saved.status, 200) << saved.body;
  json results = saved.Json()["data"]["scale_results"];
  EXPECT_EQ(results[0]["pre"], 60);
  EXPECT_EQ(results[0]["change"], 15);
  EXPECT_EQ(results[1]["change"], -4);
}

TEST_P(CaseScalesApiTest, ReferringOutOrClosingToAnotherAgencyNamesTheReceiver) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  json refer = Intake();
  refer["decision"] = "refer_out";
  TestResponse no_receiver = Save(*worker, id, "intake", refer);
  ASSERT_EQ(no_receiver.status, 400);
  EXPECT_EQ(IssueAt(no_receiver, "refer_out_to")[0], "required");
  // Saved as a draft, it cannot close the case.
  ASSERT_EQ(Save(*worker, id, "intake", refer, true).status, 200);
  TestResponse closing = MoveTo(*worker, id, "closed");
  EXPECT_EQ(Code(closing), "cases.stage_incomplete");
  EXPECT_TRUE(Has(DetailFields(closing), "refer_out_to"));
  refer["refer_out_to"] = "江城市精神卫生中心";
  ASSERT_EQ(Save(*worker, id, "intake", refer).status, 200);
  TestResponse closed = MoveTo(*worker, id, "closed");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json()["case"]["closure_reason"], "refer_out");
}

JIELI_INSTANTIATE_API_TEST(CaseScalesApiTest);

}  // namespace
}  // namespace jieli::test
