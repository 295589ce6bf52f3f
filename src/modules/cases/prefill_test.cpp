#include "modules/cases/prefill.hpp"

#include <string>

#include <gtest/gtest.h>

#include "modules/cases/form_schema.hpp"

namespace jieli::cases {
namespace {

using nlohmann::json;

ClientFacts Client() {
  ClientFacts client;
  client.name = "王阿姨";
  client.gender = "female";  // the code, as intake's gender choice has it
  client.birth_date = ParseDate("1950-03-02").value();
  client.categories = {"老年人", "低保"};
  client.address = "幸福街道 12 号";
  return client;
}

json Earlier() {
  return {
      {"intake", {{"presenting_problem", "独居，情绪低落。"}, {"urgency", "normal"}}},
      {"assessment",
       {{"needs",
         {{{"domain", "economic"}, {"severity", 2}},
          {{"domain", "social"}, {"severity", 3}},
          {{"domain", "psychological"}, {"severity", 5}},
          {{"domain", "housing"}, {"severity", 3}}}}}},
      {"planning",
       {{"goals",
         {{{"name", "改善情绪"}, {"weight", 2}, {"levels", json::array()}},
          {{"name", "扩大社交"}, {"weight", 1}}}}}},
      {"evaluation",
       {{"goal_attainment",
         {{{"name", "改善情绪"}, {"weight", 2}, {"attained", 2}},
          {{"name", "扩大社交"}, {"weight", 1}, {"attained", 0}}}},
        {"reflection", "应更早链接社区资源。"}}},
  };
}

TEST(CasePrefill, IntakeFromTheClientRecord) {
  json form = Prefill(Stage::kIntake, Client(), json::object(), nullptr);
  EXPECT_EQ(form["client_snapshot"]["name"], "王阿姨");
  EXPECT_EQ(form["client_snapshot"]["gender"], "female");
  EXPECT_EQ(form["client_snapshot"]["birth_date"], "1950-03-02");
  EXPECT_EQ(form["client_snapshot"]["categories"], json({"老年人", "低保"}));
  EXPECT_EQ(form["client_snapshot"]["address"], "幸福街道 12 号");
  EXPECT_TRUE(ValidateForm(BuiltInTemplate(Stage::kIntake), form, true).empty());
  // An empty client record suggests nothing.
  EXPECT_EQ(Prefill(Stage::kIntake, ClientFacts{}, nullptr, nullptr), json::object());
}

TEST(CasePrefill, AssessmentFromIntake) {
  json form = Prefill(Stage::kAssessment, Client(), Earlier(), nullptr);
  EXPECT_EQ(form, json({{"problem_definition", "独居，情绪低落。"}}));
  EXPECT_EQ(Prefill(Stage::kAssessment, Client(), json::object(), nullptr), json::object());
}

TEST(CasePrefill, PlanningGoalsFromSeriousNeeds) {
  json form = Prefill(Stage::kPlanning, Client(), Earlier(), nullptr);
  ASSERT_EQ(form["goals"].size(), 3u);  // severity 5, 3, 3; the economic need (2) is left out
  EXPECT_EQ(form["goals"][0]["name"], "心理情绪");
  EXPECT_EQ(form["goals"][0]["domain"], "psychological");
  EXPECT_EQ(form["goals"][1]["name"], "社会交往");  // equal severities keep their order
  EXPECT_EQ(form["goals"][2]["name"], "住房");
  EXPECT_EQ(form["goals"][0]["weight"], 1);
  ASSERT_EQ(form["goals"][0]["levels"].size(), 5u);
  EXPECT_EQ(form["goals"][0]["levels"][0]["level"], -2);
  EXPECT_EQ(form["goals"][0]["levels"][4]["level"], 2);
  // The prefilled plan is a valid draft but not complete: the levels need describing.
  const json& schema = BuiltInTemplate(Stage::kPlanning);
  EXPECT_TRUE(ValidateForm(schema, form, true).empty());
  auto missing = MissingRequired(schema, form);
  ASSERT_FALSE(missing.empty());
  EXPECT_EQ(missing[0], "goals[0].levels[0].description");
}

TEST(CasePrefill, EvaluationGoalsFromThePlan) {
  json form = Prefill(Stage::kEvaluation, Client(), Earlier(), nullptr);
  EXPECT_EQ(form["goal_attainment"],
            json({{{"name", "改善情绪"}, {"weight", 2}}, {{"name", "扩大社交"}, {"weight", 1}}}));
}

TEST(CasePrefill, TheRicherFormsCarryForward) {
  json earlier = Earlier();
  earlier["assessment"]["problem_definition"] = "社会支持不足导致的情绪低落";
  earlier["assessment"]["scales"] = {
      {{"scale", "gds_15"}, {"baseline", 9}, {"date", "2026-03-01"}},
      {{"scale", "other"}, {"name", "自编社区参与量表"}, {"min", 0}, {"max", 20}, {"baseline", 4}},
      {{"scale", "sas"}},
      7};
  earlier["planning"]["goals"][0]["intervention_point"] = "丧偶后的哀伤";
  earlier["planning"]["evaluation_methods"] = {"gas", "standard_scale"};
  json plan = Prefill(Stage::kPlanning, Client(), earlier, nullptr);
  EXPECT_EQ(plan["service_logic"], json({{"problem", "社会支持不足导致的情绪低落"}}));
  json saved_logic = {{"service_logic", {{"causes", "子女在外地"}}}};
  EXPECT_EQ(Prefill(Stage::kPlanning, Client(), earlier, saved_logic)["service_logic"],
            json({{"causes", "子女在外地"}, {"problem", "社会支持不足导致的情绪低落"}}));
  json evaluation = Prefill(Stage::kEvaluation, Client(), earlier, nullptr);
  EXPECT_EQ(evaluation["goal_attainment"],
            json({{{"name", "改善情绪"}, {"intervention_point", "丧偶后的哀伤"}, {"weight", 2}},
                  {{"name", "扩大社交"}, {"weight", 1}}}));
  EXPECT_EQ(evaluation["scale_results"],
            json({{{"scale", "gds_15"}, {"pre", 9}},
                  {{"scale", "other"}, {"name", "自编社区参与量表"}, {"pre", 4}},
                  {{"scale", "sas"}}}));
  EXPECT_EQ(evaluation["evaluation_methods"], json({"gas", "standard_scale"}));
  EXPECT_TRUE(ValidateForm(BuiltInTemplate(Stage::kEvaluation), evaluation, true).empty());
  EXPECT_TRUE(ValidateForm(BuiltInTemplate(Stage::kPlanning), plan, true).empty());
}

TEST(CasePrefill, ClosureSkeletonFromTheEvaluation) {
  json form = Prefill(Stage::kClosed, Client(), Earlier(), nullptr);
  // T = 50 + 10·(2·2 + 1·0) / sqrt(0.7·(4 + 1) + 0.3·9) = 50 + 40/sqrt(6.2) = 66.06…
  EXPECT_EQ(form["summary"],
            "目标达成情况：\n- 改善情绪：远高于预期\n- 扩大社交：达到预期\n"
            "GAS T 分数：66.1\n社工反思：应更早链接社区资源。\n");
  EXPECT_EQ(form["follow_up_months"], json({1, 3, 6}));
  EXPECT_FALSE(form.contains("reason"));
  // Without an evaluation only the follow-up default is suggested.
  EXPECT_EQ(Prefill(Stage::kClosed, Client(), json::object(), nullptr),
            json({{"follow_up_months", {1, 3, 6}}}));
}

TEST(CasePrefill, SavedValuesWin) {
  struct Case {
    const char* name;
    Stage stage;
    json saved;
    json want;
  };
  const Case cases[] = {
      {"saved text kept",
       Stage::kAssessment,
       {{"problem_definition", "我自己写的界定"}},
       {{"problem_definition", "我自己写的界定"}}},
      {"empty text filled",
       Stage::kAssessment,
       {{"problem_definition", ""}, {"strengths", "乐观"}},
       {{"problem_definition", "独居，情绪低落。"}, {"strengths", "乐观"}}},
      {"null filled",
       Stage::kAssessment,
       {{"problem_definition", nullptr}},
       {{"problem_definition", "独居，情绪低落。"}}},
      {"nested member kept, siblings filled",
       Stage::kIntake,
       {{"client_snapshot", {{"name", "王秀英"}, {"address", ""}}}, {"source", "hotline"}},
       {{"client_snapshot",
         {{"name", "王秀英"},
          {"gender", "female"},
          {"birth_date", "1950-03-02"},
          {"categories", {"老年人", "低保"}},
          {"address", "幸福街道 12 号"}}},
        {"source", "hotline"}}},
      {"saved array kept whole",
       Stage::kEvaluation,
       {{"goal_attainment", {{{"name", "只有一个"}, {"weight", 1}, {"attained", 1}}}}},
       {{"goal_attainment", {{{"name", "只有一个"}, {"weight", 1}, {"attained", 1}}}}}},
      {"empty array filled",
       Stage::kEvaluation,
       {{"goal_attainment", json::array()}},
       {{"goal_attainment",
         {{{"name", "改善情绪"}, {"weight", 2}}, {{"name", "扩大社交"}, {"weight", 1}}}}}},
      {"saved follow-up months kept",
       Stage::kClosed,
       {{"follow_up_months", {2}}, {"summary", "已写好"}},
       {{"follow_up_months", {2}}, {"summary", "已写好"}}},
      {"intervention has nothing to add",
       Stage::kIntervention,
       {{"progress_summary", "进展"}},
       {{"progress_summary", "进展"}}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Prefill(c.stage, Client(), Earlier(), c.saved), c.want) << c.name;
  }
}

TEST(CasePrefill, MalformedEarlierFormsAreIgnored) {
  json earlier = {
      {"intake", "oops"},
      {"assessment", {{"needs", {1, {{"domain", 3}, {"severity", 4}}, {{"severity", 5}}}}}},
      {"planning", {{"goals", "none"}}},
      {"evaluation", nullptr}};
  EXPECT_EQ(Prefill(Stage::kAssessment, Client(), earlier, nullptr), json::object());
  EXPECT_EQ(Prefill(Stage::kPlanning, Client(), earlier, nullptr), json::object());
  EXPECT_EQ(Prefill(Stage::kEvaluation, Client(), earlier, nullptr), json::object());
  EXPECT_EQ(Prefill(Stage::kClosed, Client(), earlier, nullptr),
            json({{"follow_up_months", {1, 3, 6}}}));
  EXPECT_EQ(Prefill(Stage::kAssessment, Client(), json::array(), nullptr), json::object());
}

}  // namespace
}  // namespace jieli::cases
