#include "modules/cases/form_schema.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

using nlohmann::json;

using Issues = std::vector<std::pair<std::string, std::string>>;  // (field, code)

Issues Summary(const std::vector<FieldIssue>& issues) {
  Issues out;
  for (const auto& i : issues) out.emplace_back(i.field, i.code);
  return out;
}

std::string Repeat(const std::string& unit, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += unit;
  return out;
}

json Levels() {
  return json::array({{{"level", -2}, {"description", "每周外出少于 1 次"}},
                      {{"level", -1}, {"description", "每周外出 1 次"}},
                      {{"level", 0}, {"description", "每周外出 2 次"}},
                      {{"level", 1}, {"description", "每周外出 3 次"}},
                      {{"level", 2}, {"description", "每周外出 4 次及以上"}}});
}

// One complete, valid form per stage.
json CompleteForm(Stage stage) {
  switch (stage) {
    case Stage::kIntake:
      return {{"source", "hotline"},
              {"presenting_problem", "独居老人，近期情绪低落，很少出门。"},
              {"urgency", "normal"},
              {"decision", "accept"},
              {"client_snapshot",
               {{"name", "王阿姨"}, {"birth_date", "1950-03-02"}, {"categories", {"老年人"}}}}};
    case Stage::kAssessment:
      return {{"needs",
               {{{"domain", "psychological"}, {"severity", 4}},
                {{"domain", "social"}, {"severity", 3}, {"description", "社交圈很小"}}}},
              {"strengths", "子女关心，身体基本健康。"},
              {"ecological",
               {{"micro", {{"causes", "丧偶后情绪低落"}}},
                {"meso", {{"causes", "子女在外地"}, {"consequences", "缺少陪伴"}}},
                {"macro", {{"causes", "社区为老服务不足"}}}}},
              {"risk_level", "medium"},
              {"risk_reasons", "有抑郁倾向，无自伤史。"},
              {"problem_definition", "社会支持不足导致的情绪低落。"}};
    case Stage::kPlanning:
      return {{"goals", {{{"name", "增加外出"}, {"weight", 2}, {"levels", Levels()}}}},
              {"interventions", {{{"technique", "认知行为疗法"}, {"technique_id", 12}}}},
              {"schedule", {{"start_date", "2026-03-01"}, {"end_date", "2026-05-31"}}},
              {"agreement", {{"date", "2026-02-27"}, {"method", "signed"}}}};
    case Stage::kIntervention:
      return {{"resources", {{{"type", "medical"}, {"description", "社区医院上门随访"}}}}};
    case Stage::kEvaluation:
      return {{"goal_attainment", {{{"name", "增加外出"}, {"weight", 2}, {"attained", 1}}}},
              {"satisfaction", 5},
              {"reflection", "以后应更早链接社区资源。"}};
    case Stage::kClosed:
      return {{"reason", "goals_met"}, {"summary", "目标达成。"}, {"follow_up_months", {1, 3, 6}}};
  }
  return json::object();
}

// Walks every field schema of a template (properties and items), calling f(path, schema).
template <class F>
void EachField(const json& schema, const std::string& path, F&& f) {
  if (schema.contains("properties")) {
    for (const auto& [name, sub] : schema["properties"].items()) {
      std::string p = path.empty() ? name : path + "." + name;
      f(p, sub);
      EachField(sub, p, f);
    }
  }
  if (schema.contains("items")) {
    f(path + "[]", schema["items"]);
    EachField(schema["items"], path + "[]", f);
  }
}

TEST(CaseForms, BuiltInTemplatesAreWellFormed) {
  const std::set<std::string> kKeywords = {
      "title",    "description",      "type",      "enum",        "x-enum-labels", "minimum",
      "maximum",  "exclusiveMinimum", "maxLength", "format",      "items",         "properties",
      "required", "minItems",         "maxItems",  "readOnly",    "x-prefill",     "x-required-if",
      "x-unique", "x-not-before",     "x-order",   "x-sensitive", "x-title-en",    "x-fixed-items"};
  // The English twins of description and x-enum-labels (x-title-en is above).
  const std::set<std::string> kEnglishKeywords = {"x-description-en", "x-enum-labels-en"};
  for (Stage stage : AllStages()) {
    const json& schema = BuiltInTemplate(stage);
    const std::string name(ToString(stage));
    EXPECT_EQ(schema.value("x-stage", ""), name);
    EXPECT_EQ(schema.value("type", ""), "object") << name;
    EXPECT_FALSE(schema.value("title", "").empty()) << name;
    EXPECT_FALSE(schema.value("x-title-en", "").empty()) << name;
    EXPECT_FALSE(schema.value("x-description-en", "").empty()) << name;
    EXPECT_EQ(schema["x-order"].size(), schema["properties"].size()) << name;
    for (const auto& req : schema["required"]) {
      EXPECT_TRUE(schema["properties"].contains(req.get<std::string>())) << name << " " << req;
    }
    EachField(schema, "", [&](const std::string& path, const json& field) {
      EXPECT_FALSE(field.value("title", "").empty()) << name << " " << path;
      // Issue 13 shows the forms in English: every field has its English title.
      EXPECT_FALSE(field.value("x-title-en", "").empty()) << name << " " << path;
      EXPECT_FALSE(field.value("description", "").empty()) << name << " " << path;
      EXPECT_FALSE(field.value("x-description-en", "").empty()) << name << " " << path;
      EXPECT_TRUE(field.contains("type")) << name << " " << path;
      for (const auto& [key, value] : field.items()) {
        EXPECT_TRUE(kKeywords.count(key) == 1 || kEnglishKeywords.count(key) == 1)
            << name << " " << path << " uses " << key;
      }
      if (field.contains("enum")) {
        ASSERT_TRUE(field.contains("x-enum-labels")) << name << " " << path;
        EXPECT_EQ(field["enum"].size(), field["x-enum-labels"].size()) << name << " " << path;
        ASSERT_TRUE(field.contains("x-enum-labels-en")) << name << " " << path;
        EXPECT_EQ(field["enum"].size(), field["x-enum-labels-en"].size()) << name << " " << path;
      }
    });
  }
}

TEST(CaseForms, CompleteFormsPass) {
  for (Stage stage : AllStages()) {
    const json& schema = BuiltInTemplate(stage);
    EXPECT_EQ(Summary(ValidateForm(schema, CompleteForm(stage), false)), Issues{})
        << ToString(stage);
    EXPECT_TRUE(MissingRequired(schema, CompleteForm(stage)).empty()) << ToString(stage);
  }
  // The intervention form asks for nothing; moving on needs service records instead.
  EXPECT_TRUE(MissingRequired(BuiltInTemplate(Stage::kIntervention), json::object()).empty());
  EXPECT_TRUE(MissingRequired(BuiltInTemplate(Stage::kIntervention), nullptr).empty());
}

// Forms as they were saved before the templates grew (issue 12), every field
// of those days filled in, the shapes of case_demo.cpp and the API tests: they
// stay complete and valid, so existing cases keep working unchanged.
TEST(CaseForms, FormsSavedBeforeTheRicherTemplatesStillValidate) {
  json levels = json::array();
  for (int level = -2; level <= 2; ++level)
    levels.push_back({{"level", level}, {"description", "等级 " + std::to_string(level)}});
  json side = {{"causes", "个人应对资源不足"}, {"consequences", "日常生活受到影响"}};
  std::vector<std::pair<Stage, json>> forms = {
      {Stage::kIntake,
       {{"source", "referral_in"},
        {"referral_from", "街道办事处"},
        {"client_snapshot",
         {{"name", "王阿姨"},
          // Saved as "女" before the gender was a choice (issue 13); the service
          // reads such a label as its code (CaseService::SavedForms).
          {"gender", "female"},
          {"birth_date", "1950-03-02"},
          {"categories", {"老年人", "低保"}},
          {"address", "江城市水果湖街道 12 号"}}},
        {"presenting_problem", "独居老人，近期在家跌倒两次，子女在外地，情绪低落"},
        {"urgency", "urgent"},
        {"decision", "accept"}}},
      {Stage::kIntake,
       {{"source", "hotline"},
        {"presenting_problem", "儿童疑似遭受家庭暴力"},
        {"urgency", "crisis"},
        {"decision", "refer_out"},
        {"refer_out_to", "江城市精神卫生中心"}}},
      {Stage::kIntake,
       {{"source", "assigned"},
        {"presenting_problem", "邻里纠纷"},
        {"urgency", "normal"},
        {"decision", "decline"},
        {"decline_reason", "不属于本机构服务范围，已告知可求助的渠道"}}},
      {Stage::kIntake,
       {{"source", "outreach"},
        {"presenting_problem", "跌倒风险"},
        {"urgency", "normal"},
        {"decision", "accept"}}},
      {Stage::kAssessment,
       {{"needs",
         {{{"domain", "physical"}, {"severity", 4}, {"description", "见接案记录"}},
          {{"domain", "social"}, {"severity", 3}, {"description", "见接案记录"}}}},
        {"strengths", "愿意求助，与社区关系良好"},
        {"ecological",
         {{"micro", side},
          {"meso", {{"causes", "家庭与社区支持网络薄弱"}, {"consequences", "求助渠道有限"}}},
          {"macro", {{"causes", "相关政策知晓度低"}}}}},
        {"risk_level", "critical"},
        {"risk_reasons", "综合案主身心状况和支持系统评估"},
        {"problem_definition", "跌倒风险与社会隔离"}}},
      {Stage::kPlanning,
       {{"goals",
         {{{"name", "减少跌倒"}, {"domain", "physical"}, {"weight", 2}, {"levels", levels}},
          {{"name", "增加社会交往"}, {"weight", 1}, {"levels", levels}}}},
        {"interventions",
         {{{"technique", "认知行为疗法"},
           {"technique_id", 12},
           {"description", "每周一次探访或会谈，按目标逐项推进"}}}},
        {"schedule", {{"start_date", "2026-03-01"}, {"end_date", "2026-05-31"}}},
        {"agreement", {{"date", "2026-02-27"}, {"method", "guardian"}, {"note", "同意"}}}}},
      {Stage::kIntervention,
       {{"resources",
         {{{"type", "medical"},
           {"provider", "社区卫生服务中心"},
           {"date", "2026-03-10"},
           {"description", "上门体检"}}}},
        {"referrals",
         {{{"agency", "法律援助中心"},
           {"service", "法律咨询"},
           {"date", "2026-03-12"},
           {"reason", "工资拖欠"}}}},
        {"progress_summary", "按计划推进"}}},
      {Stage::kEvaluation,
       {{"goal_attainment",
         {{{"name", "减少跌倒"},
           {"weight", 2},
           {"attained", 1},
           {"evidence", "服务记录及案主自评"}},
          {{"name", "增加社会交往"}, {"weight", 1}, {"attained", -1}}}},
        {"gas_t_score", 54.4},
        {"satisfaction", 4},
        {"reflection", "家属参与仍可加强。"},
        {"supervisor_review", "同意。"}}},
      {Stage::kClosed,
       {{"reason", "goals_met"},
        {"summary", "经过评估，案主主要目标基本达成。"},
        {"follow_up_months", {1, 3, 6}}}},
      {Stage::kClosed,
       {{"reason", "other"}, {"reason_note", "搬迁"}, {"summary", "案主搬离本市。"}}},
      {Stage::kClosed, {{"reason", "unreachable"}, {"summary", "多次联系未果。"}}},
  };
  for (const auto& [stage, form] : forms) {
    EXPECT_EQ(Summary(ValidateForm(BuiltInTemplate(stage), form, false)), Issues{})
        << ToString(stage) << " " << form.dump();
    EXPECT_TRUE(MissingRequired(BuiltInTemplate(stage), form).empty()) << ToString(stage);
  }
}

TEST(CaseForms, Validation) {
  struct Case {
    const char* name;
    Stage stage;
    json data;
    bool draft;
    Issues want;
  };
  auto with = [](Stage stage, const json& patch) {
    json data = CompleteForm(stage);
    data.merge_patch(patch);
    return data;
  };
  json planning_nested = CompleteForm(Stage::kPlanning);
  planning_nested["goals"][0]["levels"][2]["description"] = Repeat("长", 501);
  planning_nested["goals"][0]["weight"] = 0;
  planning_nested["goals"].push_back({{"name", "按时服药"}, {"weight", 1}, {"levels", Levels()}});
  planning_nested["goals"][1]["levels"][4]["level"] = 3;
  planning_nested["goals"][1]["levels"][0]["extra"] = true;
  json duplicate_level = CompleteForm(Stage::kPlanning);
  duplicate_level["goals"][0]["levels"][1]["level"] = -2;
  json short_levels = CompleteForm(Stage::kPlanning);
  short_levels["goals"][0]["levels"].erase(3);
  short_levels["goals"][0]["levels"].erase(3);
  json untyped_needs = CompleteForm(Stage::kAssessment);
  untyped_needs["needs"][0]["severity"] = "3";
  untyped_needs["needs"][1]["severity"] = 6;
  json float_severity = CompleteForm(Stage::kAssessment);
  float_severity["needs"][0]["severity"] = 3.0;
  json fractional_severity = CompleteForm(Stage::kAssessment);
  fractional_severity["needs"][0]["severity"] = 3.5;
  json twenty_one_goals = CompleteForm(Stage::kEvaluation);
  for (int i = 0; i < 20; ++i)
    twenty_one_goals["goal_attainment"].push_back(twenty_one_goals["goal_attainment"][0]);

  const Case cases[] = {
      {"unknown choice",
       Stage::kIntake,
       with(Stage::kIntake, {{"source", "email"}}),
       false,
       {{"source", "invalid_choice"}}},
      {"2000 Chinese characters fit",
       Stage::kIntake,
       with(Stage::kIntake, {{"presenting_problem", Repeat("难", 2000)}}),
       false,
       {}},
      {"2001 do not",
       Stage::kIntake,
       with(Stage::kIntake, {{"presenting_problem", Repeat("难", 2001)}}),
       false,
       {{"presenting_problem", "too_long"}}},
      {"unknown top-level field",
       Stage::kIntake,
       with(Stage::kIntake, {{"hobby", "chess"}}),
       false,
       {{"hobby", "unknown"}}},
      {"unknown nested field",
       Stage::kIntake,
       with(Stage::kIntake, {{"client_snapshot", {{"hobby", "chess"}}}}),
       false,
       {{"client_snapshot.hobby", "unknown"}}},
      {"impossible date",
       Stage::kIntake,
       with(Stage::kIntake, {{"client_snapshot", {{"birth_date", "2026-02-30"}}}}),
       false,
       {{"client_snapshot.birth_date", "invalid_format"}}},
      {"loose date",
       Stage::kIntake,
       with(Stage::kIntake, {{"client_snapshot", {{"birth_date", "1950-3-2"}}}}),
       false,
       {{"client_snapshot.birth_date", "invalid_format"}}},
      {"array item of wrong type",
       Stage::kIntake,
       with(Stage::kIntake, {{"client_snapshot", {{"categories", {"老年人", 7}}}}}),
       false,
       {{"client_snapshot.categories[1]", "wrong_type"}}},
      {"decline needs a reason",
       Stage::kIntake,
       with(Stage::kIntake, {{"decision", "decline"}}),
       false,
       {{"decline_reason", "required"}}},
      {"blank reason is no reason",
       Stage::kIntake,
       with(Stage::kIntake, {{"decision", "decline"}, {"decline_reason", "  "}}),
       false,
       {{"decline_reason", "required"}}},
      {"a draft may decline without it yet",
       Stage::kIntake,
       with(Stage::kIntake, {{"decision", "decline"}}),
       true,
       {}},
      {"refer out needs no reason, but a receiver",
       Stage::kIntake,
       with(Stage::kIntake, {{"decision", "refer_out"}}),
       false,
       {{"refer_out_to", "required"}}},
      {"refer out with its receiver",
       Stage::kIntake,
       with(Stage::kIntake, {{"decision", "refer_out"}, {"refer_out_to", "江城市精神卫生中心"}}),
       false,
       {}},
      {"refer out as a draft may wait for the receiver",
       Stage::kIntake,
       with(Stage::kIntake, {{"decision", "refer_out"}}),
       true,
       {}},
      {"accepted needs no receiver",
       Stage::kIntake,
       with(Stage::kIntake, {{"decision", "accept"}}),
       false,
       {}},
      {"transferred needs the receiving organisation",
       Stage::kClosed,
       with(Stage::kClosed, {{"reason", "transferred"}}),
       false,
       {{"receiving_org", "required"}}},
      {"so does referred",
       Stage::kClosed,
       with(Stage::kClosed, {{"reason", "referred"}, {"receiving_org", " "}}),
       false,
       {{"receiving_org", "required"}}},
      {"referred with its receiver",
       Stage::kClosed,
       with(Stage::kClosed, {{"reason", "referred"}, {"receiving_org", "区残联康复中心"}}),
       false,
       {}},
      {"goals met needs no receiver",
       Stage::kClosed,
       with(Stage::kClosed, {{"reason", "goals_met"}}),
       false,
       {}},
      {"other scale needs its name",
       Stage::kAssessment,
       with(Stage::kAssessment, {{"scales", {{{"scale", "other"}, {"baseline", 3}}}}}),
       false,
       {{"scales[0].name", "required"}}},
      {"scale not in the catalogue",
       Stage::kAssessment,
       with(Stage::kAssessment, {{"scales", {{{"scale", "mmpi"}, {"baseline", 3}}}}}),
       false,
       {{"scales[0].scale", "invalid_choice"}}},
      {"other theory needs its name",
       Stage::kPlanning,
       with(Stage::kPlanning, {{"theories", {{{"theory", "other"}}, {{"theory", "strengths"}}}}}),
       false,
       {{"theories[0].name", "required"}}},
      {"intervention points are unique",
       Stage::kPlanning,
       with(Stage::kPlanning,
            {{"service_logic",
              {{"intervention_points", {{{"name", "照顾者"}}, {{"name", "照顾者"}}}}}}}),
       false,
       {{"service_logic.intervention_points[1].name", "duplicate_value"}}},
      {"empty form, not a draft",
       Stage::kIntake,
       json::object(),
       false,
       {{"source", "required"},
        {"presenting_problem", "required"},
        {"urgency", "required"},
        {"decision", "required"}}},
      {"empty form as a draft", Stage::kIntake, json::object(), true, {}},
      {"null and empty strings are unfilled",
       Stage::kIntake,
       {{"source", nullptr}, {"urgency", ""}, {"client_snapshot", {{"birth_date", ""}}}},
       true,
       {}},
      {"a draft still checks types and limits",
       Stage::kIntake,
       {{"urgency", "very"}, {"presenting_problem", 5}},
       true,
       {{"presenting_problem", "wrong_type"}, {"urgency", "invalid_choice"}}},
      {"not an object", Stage::kIntake, json::array(), true, {{"", "wrong_type"}}},
      {"nested paths in goals",
       Stage::kPlanning,
       planning_nested,
       true,
       {{"goals[0].weight", "out_of_range"},
        {"goals[0].levels[2].description", "too_long"},
        {"goals[1].levels[0].extra", "unknown"},
        {"goals[1].levels[4].level", "invalid_choice"}}},
      {"each level once",
       Stage::kPlanning,
       duplicate_level,
       false,
       {{"goals[0].levels[1].level", "duplicate_value"}}},
      {"all five levels", Stage::kPlanning, short_levels, false, {{"goals[0].levels", "required"}}},
      {"three levels in a draft", Stage::kPlanning, short_levels, true, {}},
      {"plan ends before it starts",
       Stage::kPlanning,
       with(Stage::kPlanning, {{"schedule", {{"end_date", "2026-02-28"}}}}),
       false,
       {{"schedule.end_date", "out_of_range"}}},
      {"agreement method",
       Stage::kPlanning,
       with(Stage::kPlanning, {{"agreement", {{"method", "email"}}}}),
       false,
       {{"agreement.method", "invalid_choice"}}},
      {"severity types and range",
       Stage::kAssessment,
       untyped_needs,
       false,
       {{"needs[0].severity", "wrong_type"}, {"needs[1].severity", "out_of_range"}}},
      {"3.0 is an integer", Stage::kAssessment, float_severity, false, {}},
      {"3.5 is not",
       Stage::kAssessment,
       fractional_severity,
       false,
       {{"needs[0].severity", "wrong_type"}}},
      {"missing ecological level",
       Stage::kAssessment,
       with(Stage::kAssessment, {{"ecological", {{"macro", nullptr}, {"meso", {{"causes", ""}}}}}}),
       false,
       {{"ecological.meso.causes", "required"}, {"ecological.macro", "required"}}},
      {"needs of wrong type",
       Stage::kAssessment,
       with(Stage::kAssessment, {{"needs", "many"}}),
       false,
       {{"needs", "wrong_type"}}},
      {"satisfaction range",
       Stage::kEvaluation,
       with(Stage::kEvaluation, {{"satisfaction", 0}}),
       false,
       {{"satisfaction", "out_of_range"}}},
      {"too many goals",
       Stage::kEvaluation,
       twenty_one_goals,
       true,
       {{"goal_attainment", "out_of_range"}}},
      {"other needs a note",
       Stage::kClosed,
       with(Stage::kClosed, {{"reason", "other"}}),
       false,
       {{"reason_note", "required"}}},
      {"follow-up months range",
       Stage::kClosed,
       with(Stage::kClosed, {{"follow_up_months", {1, 40}}}),
       false,
       {{"follow_up_months[1]", "out_of_range"}}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Summary(ValidateForm(BuiltInTemplate(c.stage), c.data, c.draft)), c.want) << c.name;
  }
}

TEST(CaseForms, RepeatsAreFoundInLongArraysWithoutComparingEveryPair) {
  // Far past maxItems, as a body of a megabyte can be; searching the earlier
  // items for each item took 17 s for 70,000 of them.
  json levels = json::array();
  for (int i = 0; i < 100000; ++i) levels.push_back({{"level", i % 50000}, {"description", "x"}});
  levels.push_back({{"level", 7.0}});
  json data = CompleteForm(Stage::kPlanning);
  data["goals"][0]["levels"] = levels;
  auto start = std::chrono::steady_clock::now();
  auto issues = ValidateForm(BuiltInTemplate(Stage::kPlanning), data, false);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
  std::size_t repeats = 0;
  for (const auto& issue : issues) repeats += issue.code == "duplicate_value";
  EXPECT_EQ(repeats, 50001u);  // the second half, and 7.0 repeating 7
  EXPECT_EQ(Summary(issues).back(), std::make_pair(std::string("goals[0].levels[100000].level"),
                                                   std::string("duplicate_value")));
}

TEST(CaseForms, ThousandsOfAgencyFieldsAreNoSlowerThanTheirNumber) {
  // 20,000 fields is what a one-megabyte PUT /orgs/{id}/case-forms/{stage}
  // holds; extending and validating with them took 6 s and 1.7 s.
  constexpr int kFields = 20000;
  json fields = {{"properties", json::object()}, {"required", json::array()}};
  for (int i = 0; i < kFields; ++i) {
    std::string name = "f" + std::to_string(i);
    fields["properties"][name] = {{"type", "string"}, {"title", "字段"}};
    fields["required"].push_back(name);
    fields["required"].push_back(name);  // repeats are listed once
  }
  auto start = std::chrono::steady_clock::now();
  auto schema = ExtendTemplate(BuiltInTemplate(Stage::kIntake), fields);
  ASSERT_TRUE(schema) << schema.error().code();
  auto issues = ValidateForm(*schema, CompleteForm(Stage::kIntake), false);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
  EXPECT_EQ(issues.size(), static_cast<std::size_t>(kFields));  // each agency field required
  EXPECT_EQ((*schema)["required"].size(),
            BuiltInTemplate(Stage::kIntake)["required"].size() + static_cast<std::size_t>(kFields));
  EXPECT_EQ((*schema)["x-order"].size(),
            BuiltInTemplate(Stage::kIntake)["x-order"].size() + static_cast<std::size_t>(kFields));
}

TEST(CaseForms, IssueParams) {
  auto issues = ValidateForm(BuiltInTemplate(Stage::kAssessment),
                             {{"needs", {{{"domain", "pets"}, {"severity", 9}}}}}, true);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].params.at("allowed"),
            "physical, psychological, family, social, economic, housing, legal, education, "
            "employment");
  EXPECT_EQ(issues[1].params.at("min"), "1");
  EXPECT_EQ(issues[1].params.at("max"), "5");
  auto long_name = ValidateForm(BuiltInTemplate(Stage::kPlanning),
                                {{"goals", {{{"name", Repeat("x", 201)}}}}}, true);
  ASSERT_EQ(long_name.size(), 1u);
  EXPECT_EQ(long_name[0].params.at("max"), "200");
  auto weight =
      ValidateForm(BuiltInTemplate(Stage::kPlanning), {{"goals", {{{"weight", -1}}}}}, true);
  ASSERT_EQ(weight.size(), 1u);
  EXPECT_EQ(weight[0].params.at("min"), ">0");
}

TEST(CaseForms, MissingRequiredFindsNestedAndConditionalGaps) {
  struct Case {
    const char* name;
    Stage stage;
    json data;
    std::vector<std::string> want;
  };
  json undescribed = CompleteForm(Stage::kPlanning);
  undescribed["goals"][0]["levels"][2]["description"] = "";
  undescribed["goals"][0].erase("weight");
  undescribed["goals"].push_back({{"name", "按时服药"}, {"weight", 1}});
  undescribed["agreement"].erase("date");
  const Case cases[] = {
      {"goal gaps",
       Stage::kPlanning,
       undescribed,
       {"goals[0].weight", "goals[0].levels[2].description", "goals[1].levels", "agreement.date"}},
      {"decline reason",
       Stage::kIntake,
       [] {
         json d = CompleteForm(Stage::kIntake);
         d["decision"] = "decline";
         return d;
       }(),
       {"decline_reason"}},
      {"empty evaluation", Stage::kEvaluation, json::object(), {"goal_attainment", "reflection"}},
      {"empty goal list counts as missing",
       Stage::kEvaluation,
       {{"goal_attainment", json::array()}, {"reflection", "ok"}},
       {"goal_attainment"}},
      {"type errors are not gaps",
       Stage::kEvaluation,
       {{"goal_attainment", {{{"name", "a"}, {"weight", 1}, {"attained", 7}}}}, {"reflection", 3}},
       {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(MissingRequired(BuiltInTemplate(c.stage), c.data), c.want) << c.name;
  }
}

TEST(CaseForms, AgencyExtension) {
  const json& base = BuiltInTemplate(Stage::kIntake);
  json fields = {
      {"properties",
       {{"household_size",
         {{"title", "家庭人口"},
          {"description", "同住人数。"},
          {"type", "integer"},
          {"minimum", 1},
          {"maximum", 20}}},
        {"pets",
         {{"title", "宠物"},
          {"type", "array"},
          {"maxItems", 5},
          {"items",
           {{"title", "宠物"},
            {"type", "object"},
            {"properties",
             {{"kind",
               {{"title", "种类"},
                {"type", "string"},
                {"enum", {"cat", "dog"}},
                {"x-enum-labels", {"猫", "狗"}},
                {"x-enum-labels-en", {"Cat", "Dog"}}}},
              {"since", {{"title", "饲养起始"}, {"type", "string"}, {"format", "date"}}}}},
            {"required", {"kind"}}}}}}}},
      {"required", {"household_size", "referral_from"}}};
  auto extended = ExtendTemplate(base, fields);
  ASSERT_TRUE(extended.ok()) << extended.error().params().at("field");
  const json& schema = *extended;
  EXPECT_TRUE(schema["properties"]["household_size"]["x-agency"].get<bool>());
  EXPECT_TRUE(schema["properties"].contains("source"));
  EXPECT_FALSE(base["properties"].contains("household_size"));  // base untouched

  json data = CompleteForm(Stage::kIntake);
  // Form order: the built-in referral_from first, the agency's fields after.
  EXPECT_EQ(MissingRequired(schema, data),
            (std::vector<std::string>{"referral_from", "household_size"}));
  data["household_size"] = 30;
  data["referral_from"] = "街道办";
  data["pets"] = {{{"kind", "cat"}, {"since", "2020-13-01"}}, {{"since", "2021-01-01"}}};
  EXPECT_EQ(Summary(ValidateForm(schema, data, false)), (Issues{{"household_size", "out_of_range"},
                                                                {"pets[0].since", "invalid_format"},
                                                                {"pets[1].kind", "required"}}));
}

TEST(CaseForms, AFieldAddedToTheTemplateGivesWayToAnAgencysOfTheSameName) {
  // Saved before the intake form had its own "consent": a text field.
  const json fields = {{"properties",
                        {{"consent", {{"type", "string"}, {"title", "同意情况"}}},
                         {"zone", {{"type", "string"}, {"title", "片区"}}}}},
                       {"required", {"consent"}}};
  const json& base = BuiltInTemplate(Stage::kIntake);
  ASSERT_TRUE(base["properties"].contains("consent"));
  EXPECT_FALSE(ExtendTemplate(base, fields).ok());  // a new save must pick another name
  auto schema = ExtendTemplateAsStored(base, fields);
  ASSERT_TRUE(schema.ok()) << schema.error().code();
  EXPECT_EQ((*schema)["properties"]["consent"]["type"], "string");
  EXPECT_TRUE((*schema)["properties"]["consent"].value("x-agency", false));
  const json& order = (*schema)["x-order"];
  EXPECT_EQ(std::count(order.begin(), order.end(), "consent"), 1);
  EXPECT_EQ(order.back(), "zone");
  json form = CompleteForm(Stage::kIntake);
  form["consent"] = "已口头同意";
  EXPECT_EQ(Summary(ValidateForm(*schema, form, false)), Issues{});
  // Without a clash it is ExtendTemplate.
  const json plain = {{"properties", {{"zone", {{"type", "string"}, {"title", "片区"}}}}}};
  EXPECT_EQ(*ExtendTemplateAsStored(base, plain), *ExtendTemplate(base, plain));
  EXPECT_FALSE(ExtendTemplateAsStored(base, json::array()).ok());
}

TEST(CaseForms, AgencyFieldsKeepTheAgencysOrder) {
  const json& base = BuiltInTemplate(Stage::kIntake);
  auto field = [](const char* title) { return json{{"title", title}, {"type", "string"}}; };
  const json fields = {
      {"properties", {{"zone", field("片区")}, {"apple", field("甲")}, {"mid", field("乙")}}},
      {"x-order", {"zone", "apple"}}};
  auto extended = ExtendTemplate(base, fields);
  ASSERT_TRUE(extended.ok());
  const json& order = (*extended)["x-order"];
  ASSERT_GE(order.size(), 3u);
  // After the built-in fields: the agency's order, then the one it did not name.
  EXPECT_EQ(json(std::vector<json>(order.end() - 3, order.end())), json({"zone", "apple", "mid"}));
  EXPECT_EQ(order.size(), base["x-order"].size() + 3);
}

TEST(CaseForms, AgencyExtensionRefusals) {
  const json& base = BuiltInTemplate(Stage::kAssessment);
  auto field = [](const json& extra = json::object()) {
    json f = {{"title", "自定义"}, {"type", "string"}};
    f.merge_patch(extra);
    return f;
  };
  struct Case {
    const char* name;
    json fields;
    std::string path;
  };
  const Case cases[] = {
      {"overrides a built-in field",
       {{"properties", {{"strengths", field()}}}},
       "properties.strengths"},
      {"upper case name", {{"properties", {{"PetName", field()}}}}, "properties.PetName"},
      {"kebab case name", {{"properties", {{"pet-name", field()}}}}, "properties.pet-name"},
      {"leading digit", {{"properties", {{"1pet", field()}}}}, "properties.1pet"},
      {"leading underscore", {{"properties", {{"_pet", field()}}}}, "properties._pet"},
      {"non-ASCII name", {{"properties", {{"宠物", field()}}}}, "properties.宠物"},
      {"too long a name",
       {{"properties", {{Repeat("a", 65), field()}}}},
       "properties." + Repeat("a", 65)},
      {"pattern is unsupported",
       {{"properties", {{"pet", field({{"pattern", "^a"}})}}}},
       "properties.pet.pattern"},
      {"$ref is unsupported",
       {{"properties", {{"pet", field({{"$ref", "#/x"}})}}}},
       "properties.pet.$ref"},
      {"prefill is ours",
       {{"properties", {{"pet", field({{"x-prefill", "client.name"}})}}}},
       "properties.pet.x-prefill"},
      {"unsupported inside items",
       {{"properties",
         {{"pets",
           {{"title", "宠物"}, {"type", "array"}, {"items", field({{"oneOf", json::array()}})}}}}}},
       "properties.pets.items.oneOf"},
      {"bad nested name",
       {{"properties",
         {{"pet", {{"title", "宠物"}, {"type", "object"}, {"properties", {{"Kind", field()}}}}}}}},
       "properties.pet.properties.Kind"},
      {"no type", {{"properties", {{"pet", {{"title", "宠物"}}}}}}, "properties.pet.type"},
      {"unknown type",
       {{"properties", {{"pet", field({{"type", "null"}})}}}},
       "properties.pet.type"},
      {"no title", {{"properties", {{"pet", {{"type", "string"}}}}}}, "properties.pet.title"},
      {"format other than date",
       {{"properties", {{"pet", field({{"format", "email"}})}}}},
       "properties.pet.format"},
      {"maximum on a string",
       {{"properties", {{"pet", field({{"maximum", 3}})}}}},
       "properties.pet.maximum"},
      {"labels do not match",
       {{"properties", {{"pet", field({{"enum", {"a", "b"}}, {"x-enum-labels", {"甲"}}})}}}},
       "properties.pet.x-enum-labels"},
      {"English labels do not match",
       {{"properties", {{"pet", field({{"enum", {"a", "b"}}, {"x-enum-labels-en", {"A"}}})}}}},
       "properties.pet.x-enum-labels-en"},
      {"English description not text",
       {{"properties", {{"pet", field({{"x-description-en", 3}})}}}},
       "properties.pet.x-description-en"},
      {"enum of wrong type",
       {{"properties", {{"pet", field({{"enum", {1, 2}}})}}}},
       "properties.pet.enum"},
      {"array without items",
       {{"properties", {{"pets", {{"title", "宠物"}, {"type", "array"}}}}}},
       "properties.pets.items"},
      {"required names nothing", {{"required", {"nothing"}}}, "required"},
      {"order names nothing",
       {{"properties", {{"pet", field()}}}, {"x-order", {"pet", "nothing"}}},
       "x-order"},
      {"order repeats a field",
       {{"properties", {{"pet", field()}}}, {"x-order", {"pet", "pet"}}},
       "x-order"},
      {"order not a list", {{"properties", {{"pet", field()}}}, {"x-order", "pet"}}, "x-order"},
      {"unknown top-level key", {{"definitions", json::object()}}, "definitions"},
      {"not an object", json::array(), ""},
  };
  for (const auto& c : cases) {
    auto extended = ExtendTemplate(base, c.fields);
    ASSERT_FALSE(extended.ok()) << c.name;
    EXPECT_EQ(extended.error().code(), "cases.schema_invalid") << c.name;
    EXPECT_EQ(extended.error().kind(), ErrorKind::kInvalid) << c.name;
    EXPECT_EQ(extended.error().params().at("field"), c.path) << c.name;
    ASSERT_EQ(extended.error().details().size(), 1u) << c.name;
    EXPECT_EQ(extended.error().details()[0].field, c.path) << c.name;
  }
  // An extension of an extension cannot redefine the agency's own earlier field.
  auto once = ExtendTemplate(base, {{"properties", {{"pet", field()}}}});
  ASSERT_TRUE(once.ok());
  auto twice = ExtendTemplate(*once, {{"properties", {{"pet", field()}}}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().params().at("reason"), "builtin_field");
}

TEST(CaseForms, SensitiveValuesAreWithheldAtAnyDepth) {
  const json schema = json::parse(R"({
    "type": "object",
    "properties": {
      "open": {"type": "string"},
      "secret": {"type": "string", "x-sensitive": true},
      "marked_off": {"type": "string", "x-sensitive": false},
      "nested": {"type": "object", "properties": {
        "open": {"type": "string"},
        "secret": {"type": "string", "x-sensitive": true}}},
      "rows": {"type": "array", "items": {"type": "object", "properties": {
        "name": {"type": "string"},
        "detail": {"type": "string", "x-sensitive": true}}}},
      "notes": {"type": "array", "items": {"type": "string", "x-sensitive": true}},
      "whole": {"type": "object", "x-sensitive": true, "properties": {"a": {"type": "string"}}}
    }})");
  struct Case {
    const char* what;
    json data;
    json shown;
    std::vector<std::string> withheld;
  };
  const Case cases[] = {
      {"nothing sensitive filled in", {{"open", "a"}}, {{"open", "a"}}, {}},
      {"a top-level value", {{"open", "a"}, {"secret", "s"}}, {{"open", "a"}}, {"secret"}},
      {"an empty one is left out but not listed", {{"secret", ""}}, json::object(), {}},
      {"null too", {{"secret", nullptr}}, json::object(), {}},
      {"false is not sensitive", {{"marked_off", "m"}}, {{"marked_off", "m"}}, {}},
      {"nested",
       {{"nested", {{"open", "o"}, {"secret", "s"}}}},
       {{"nested", {{"open", "o"}}}},
       {"nested.secret"}},
      {"in each row",
       {{"rows",
         {{{"name", "a"}, {"detail", "x"}}, {{"name", "b"}}, {{"name", "c"}, {"detail", "y"}}}}},
       {{"rows", {{{"name", "a"}}, {{"name", "b"}}, {{"name", "c"}}}}},
       {"rows[0].detail", "rows[2].detail"}},
      {"sensitive items", {{"notes", {"n1", ""}}}, {{"notes", {nullptr, nullptr}}}, {"notes[0]"}},
      {"a whole object", {{"whole", {{"a", "x"}}}}, json::object(), {"whole"}},
      {"a value of the wrong type goes too", {{"secret", 5}}, json::object(), {"secret"}},
      {"a shape the schema does not expect stays untouched",
       {{"nested", "text"}},
       {{"nested", "text"}},
       {}},
  };
  for (const auto& c : cases) {
    WithheldForm form = WithholdSensitive(schema, c.data);
    EXPECT_EQ(form.data, c.shown) << c.what;
    EXPECT_EQ(form.withheld, c.withheld) << c.what;
  }
}

TEST(CaseForms, AgencyFieldsMayBeSensitive) {
  json fields = {{"properties",
                  {{"diagnosis", {{"type", "string"}, {"title", "诊断"}, {"x-sensitive", true}}}}}};
  auto schema = ExtendTemplate(BuiltInTemplate(Stage::kAssessment), fields);
  ASSERT_TRUE(schema.ok()) << schema.error().code();
  EXPECT_TRUE((*schema)["properties"]["diagnosis"]["x-sensitive"].get<bool>());
  json bad = {{"properties",
               {{"diagnosis", {{"type", "string"}, {"title", "诊断"}, {"x-sensitive", "yes"}}}}}};
  auto refused = ExtendTemplate(BuiltInTemplate(Stage::kAssessment), bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), "cases.schema_invalid");
}

TEST(CaseForms, TheHealthFamilyAndRiskDetailsAreSensitive) {
  struct Case {
    Stage stage;
    std::vector<std::string> paths;  // "a.b", "a[].b": a[] is the array's items
  };
  const Case cases[] = {
      {Stage::kAssessment,
       {"needs[].description", "ecological", "risk_reasons", "client_view", "diagrams[].note"}},
      {Stage::kPlanning,
       {"goals[].levels[].description", "interventions[].description", "agreement.note",
        "service_logic.causes", "service_logic.consequences", "contingency_plan"}},
      {Stage::kIntervention, {"resources[].description", "referrals[].reason", "progress_summary"}},
      {Stage::kEvaluation,
       {"goal_attainment[].evidence", "reflection", "supervisor_review", "client_evaluation"}},
      {Stage::kClosed, {"reason_note", "summary", "client_reaction", "remaining_issues"}},
  };
  for (const auto& c : cases) {
    std::set<std::string> sensitive;
    EachField(BuiltInTemplate(c.stage), "", [&](const std::string& path, const json& field) {
      if (field.value("x-sensitive", false)) sensitive.insert(path);
    });
    EXPECT_EQ(sensitive, std::set<std::string>(c.paths.begin(), c.paths.end()))
        << ToString(c.stage);
  }
  // Intake holds what the case list shows to every reader of cases.
  std::set<std::string> intake;
  EachField(BuiltInTemplate(Stage::kIntake), "", [&](const std::string& path, const json& field) {
    if (field.value("x-sensitive", false)) intake.insert(path);
  });
  EXPECT_TRUE(intake.empty());
}

}  // namespace
}  // namespace jieli::cases
