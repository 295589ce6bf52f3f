#include "modules/cases/scales.hpp"

#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "modules/cases/form_schema.hpp"

namespace jieli::cases {
namespace {

using nlohmann::json;

// (field, code, min, max) of each issue; min and max "" when absent.
using Issues = std::vector<std::tuple<std::string, std::string, std::string, std::string>>;

Issues Summary(const std::vector<FieldIssue>& issues) {
  Issues out;
  for (const auto& i : issues) {
    auto param = [&](const char* key) {
      auto it = i.params.find(key);
      return it == i.params.end() ? std::string() : it->second;
    };
    out.emplace_back(i.field, i.code, param("min"), param("max"));
  }
  return out;
}

Issues IssuesOf(const Status& status) {
  if (status.ok()) return {};
  EXPECT_EQ(status.error().code(), "validation.failed");
  return Summary(status.error().details());
}

const std::vector<Scale> kAgency = {
    {"parenting_stress", "亲职压力量表", "Parenting Stress Index", 36, 180, false}};

TEST(Scales, TheCatalogueIsWellFormed) {
  std::set<std::string> codes;
  for (const auto& s : BuiltInScales()) {
    EXPECT_TRUE(codes.insert(s.code).second) << s.code;
    EXPECT_NE(s.code, kOtherScale);
    EXPECT_FALSE(s.name_zh.empty()) << s.code;
    EXPECT_FALSE(s.name_en.empty()) << s.code;
    EXPECT_LT(s.min, s.max) << s.code;
  }
  // The built-ins pass the rules an agency's scales must (but for their names being taken).
  EXPECT_GE(BuiltInScales().size(), 8U);
}

TEST(Scales, PublishedRanges) {
  struct Case {
    const char* code;
    double min, max;
    bool higher_is_better;
  };
  const Case cases[] = {
      {"sas", 25, 100, false},
      {"sds", 25, 100, false},
      {"adl_barthel", 0, 100, true},
      {"family_apgar", 0, 10, true},
      {"ucla_loneliness", 20, 80, false},
      {"rosenberg_self_esteem", 10, 40, true},
      {"gds_15", 0, 15, false},
      {"phq_9", 0, 27, false},
      {"gad_7", 0, 21, false},
      {"ssrs", 12, 66, true},
  };
  for (const auto& c : cases) {
    const Scale* found = nullptr;
    for (const auto& s : BuiltInScales()) {
      if (s.code == c.code) found = &s;
    }
    ASSERT_NE(found, nullptr) << c.code;
    EXPECT_EQ(found->min, c.min) << c.code;
    EXPECT_EQ(found->max, c.max) << c.code;
    EXPECT_EQ(found->higher_is_better, c.higher_is_better) << c.code;
  }
}

TEST(Scales, TheTemplatesListTheBuiltInCatalogue) {
  // The template texts spell the catalogue out; listing it again changes nothing.
  for (Stage stage : {Stage::kAssessment, Stage::kEvaluation}) {
    json schema = BuiltInTemplate(stage);
    ListScales(schema, stage, BuiltInScales());
    EXPECT_EQ(schema, BuiltInTemplate(stage)) << ToString(stage);
  }
}

TEST(Scales, AnAgencysScalesAreChoicesBeforeOther) {
  json schema = BuiltInTemplate(Stage::kAssessment);
  ListScales(schema, Stage::kAssessment, Catalogue(kAgency));
  const json& field = schema["properties"]["scales"]["items"]["properties"]["scale"];
  ASSERT_EQ(field["enum"].size(), BuiltInScales().size() + 2);
  EXPECT_EQ(field["enum"][BuiltInScales().size()], "parenting_stress");
  EXPECT_EQ(field["x-enum-labels"][BuiltInScales().size()], "亲职压力量表");
  EXPECT_EQ(field["enum"].back(), "other");
  json evaluation = BuiltInTemplate(Stage::kEvaluation);
  ListScales(evaluation, Stage::kEvaluation, Catalogue(kAgency));
  EXPECT_EQ(evaluation["properties"]["scale_results"]["items"]["properties"]["scale"]["enum"],
            field["enum"]);
  // Other stages have no scales.
  json planning = BuiltInTemplate(Stage::kPlanning);
  ListScales(planning, Stage::kPlanning, Catalogue(kAgency));
  EXPECT_EQ(planning, BuiltInTemplate(Stage::kPlanning));
}

TEST(Scales, BaselineScoresLieInTheRange) {
  struct Case {
    const char* name;
    json scales;
    Issues want;
  };
  const Case cases[] = {
      {"lowest", {{{"scale", "sas"}, {"baseline", 25}}}, {}},
      {"highest", {{{"scale", "sas"}, {"baseline", 100}}}, {}},
      {"below",
       {{{"scale", "sas"}, {"baseline", 24.9}}},
       {{"scales[0].baseline", "out_of_range", "25", "100"}}},
      {"raw SAS score mistaken for the standard one",
       {{{"scale", "sas"}, {"baseline", 20}}},
       {{"scales[0].baseline", "out_of_range", "25", "100"}}},
      {"above",
       {{{"scale", "family_apgar"}, {"baseline", 11}}},
       {{"scales[0].baseline", "out_of_range", "0", "10"}}},
      {"second of two",
       {{{"scale", "gds_15"}, {"baseline", 3}}, {{"scale", "adl_barthel"}, {"baseline", -5}}},
       {{"scales[1].baseline", "out_of_range", "0", "100"}}},
      {"an agency's scale",
       {{{"scale", "parenting_stress"}, {"baseline", 200}}},
       {{"scales[0].baseline", "out_of_range", "36", "180"}}},
      {"other with its own range",
       {{{"scale", "other"}, {"name", "自编量表"}, {"min", 1}, {"max", 5}, {"baseline", 6}}},
       {{"scales[0].baseline", "out_of_range", "1", "5"}}},
      {"other without a range is not checked",
       {{{"scale", "other"}, {"name", "自编量表"}, {"baseline", 600}}},
       {}},
      {"other with min above max",
       {{{"scale", "other"}, {"name", "x"}, {"min", 9}, {"max", 5}, {"baseline", 6}}},
       {{"scales[0].max", "out_of_range", "9", ""}}},
      {"unknown code is the schema's to refuse", {{{"scale", "mmpi"}, {"baseline", 999}}}, {}},
      {"no baseline yet", {{{"scale", "sas"}}}, {}},
      {"wrong types are the schema's", {{{"scale", "sas"}, {"baseline", "50"}}, 7}, {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Summary(CheckScaleScores({{"scales", c.scales}}, Catalogue(kAgency))), c.want)
        << c.name;
  }
  EXPECT_TRUE(CheckScaleScores(json::object(), BuiltInScales()).empty());
  EXPECT_TRUE(CheckScaleScores({{"scales", "none"}}, BuiltInScales()).empty());
}

TEST(Scales, TheServerFillsPreAndChange) {
  const json assessment = {
      {"scales",
       {{{"scale", "sas"}, {"baseline", 62.5}},
        {{"scale", "other"}, {"name", "自编量表"}, {"min", 0}, {"max", 10}, {"baseline", 4}},
        {{"scale", "adl_barthel"}, {"baseline", 60}}}}};
  struct Case {
    const char* name;
    json results;
    json want;  // the results after filling
    Issues issues;
  };
  const Case cases[] = {
      {"change is post minus pre",
       {{{"scale", "sas"}, {"post", 50}}},
       {{{"scale", "sas"}, {"post", 50}, {"pre", 62.5}, {"change", -12.5}}},
       {}},
      {"typed pre and change are replaced",
       {{{"scale", "adl_barthel"}, {"pre", 0}, {"post", 75}, {"change", 99}}},
       {{{"scale", "adl_barthel"}, {"pre", 60}, {"post", 75}, {"change", 15}}},
       {}},
      {"no post yet: pre only",
       {{{"scale", "sas"}, {"change", 3}}},
       {{{"scale", "sas"}, {"pre", 62.5}}},
       {}},
      {"not scored at assessment: no pre, no change",
       {{{"scale", "gds_15"}, {"pre", 3}, {"post", 5}}},
       {{{"scale", "gds_15"}, {"post", 5}}},
       {}},
      {"other matched by name, its range from the assessment",
       {{{"scale", "other"}, {"name", "自编量表"}, {"post", 11}}},
       {{{"scale", "other"}, {"name", "自编量表"}, {"post", 11}, {"pre", 4}, {"change", 7}}},
       {{"scale_results[0].post", "out_of_range", "0", "10"}}},
      {"other of another name has no pre",
       {{{"scale", "other"}, {"name", "另一量表"}, {"post", 3}}},
       {{{"scale", "other"}, {"name", "另一量表"}, {"post", 3}}},
       {}},
      {"post out of range",
       {{{"scale", "sas"}, {"post", 101}}},
       {{{"scale", "sas"}, {"post", 101}, {"pre", 62.5}, {"change", 38.5}}},
       {{"scale_results[0].post", "out_of_range", "25", "100"}}},
      {"an agency's scale",
       {{{"scale", "parenting_stress"}, {"post", 20}}},
       {{{"scale", "parenting_stress"}, {"post", 20}}},
       {{"scale_results[0].post", "out_of_range", "36", "180"}}},
      {"change is rounded to hundredths",
       {{{"scale", "sas"}, {"post", 50.1}}},
       {{{"scale", "sas"}, {"post", 50.1}, {"pre", 62.5}, {"change", -12.4}}},
       {}},
  };
  for (const auto& c : cases) {
    json evaluation = {{"scale_results", c.results}, {"reflection", "好"}};
    EXPECT_EQ(Summary(FillScaleChanges(assessment, evaluation, Catalogue(kAgency))), c.issues)
        << c.name;
    EXPECT_EQ(evaluation["scale_results"], c.want) << c.name;
    EXPECT_EQ(evaluation["reflection"], "好") << c.name;
  }
  json none = {{"reflection", "好"}};
  EXPECT_TRUE(FillScaleChanges(assessment, none, BuiltInScales()).empty());
  EXPECT_EQ(none, json({{"reflection", "好"}}));
  json no_assessment = {{"scale_results", {{{"scale", "sas"}, {"post", 40}}}}};
  EXPECT_TRUE(FillScaleChanges(json::object(), no_assessment, BuiltInScales()).empty());
  EXPECT_FALSE(no_assessment["scale_results"][0].contains("pre"));
}

TEST(Scales, AgencyScaleRules) {
  struct Case {
    const char* name;
    std::vector<Scale> scales;
    Issues want;
  };
  const Case cases[] = {
      {"none", {}, {}},
      {"one good", kAgency, {}},
      {"bad code",
       {{"Parenting", "亲职压力", "", 0, 10, false}},
       {{"scales[0].code", "invalid_format", "", ""}}},
      {"empty code",
       {{"", "亲职压力", "", 0, 10, false}},
       {{"scales[0].code", "invalid_format", "", ""}}},
      {"built-in code",
       {{"sas", "焦虑", "", 0, 10, false}},
       {{"scales[0].code", "name_taken", "", ""}}},
      {"other is reserved",
       {{"other", "其他", "", 0, 10, false}},
       {{"scales[0].code", "name_taken", "", ""}}},
      {"repeated code",
       {{"a1", "甲", "", 0, 10, false}, {"a1", "乙", "", 0, 10, false}},
       {{"scales[1].code", "duplicate_value", "", ""}}},
      {"blank name", {{"a1", " 　", "", 0, 10, false}}, {{"scales[0].name", "required", "", ""}}},
      {"long name",
       {{"a1", std::string(101 * 3, 'x').substr(0, 101), "", 0, 10, false}},
       {{"scales[0].name", "too_long", "", "100"}}},
      {"min equals max",
       {{"a1", "甲", "", 5, 5, false}},
       {{"scales[0].max", "out_of_range", ">5", ""}}},
      {"min above max",
       {{"a1", "甲", "", 6, 5, false}},
       {{"scales[0].max", "out_of_range", ">6", ""}}},
      {"negative ranges are fine", {{"a1", "甲", "", -10, 10, true}}, {}},
  };
  for (const auto& c : cases) EXPECT_EQ(IssuesOf(ValidateAgencyScales(c.scales)), c.want) << c.name;
  std::vector<Scale> many(51, kAgency[0]);
  for (std::size_t i = 0; i < many.size(); ++i) many[i].code = "s" + std::to_string(i);
  EXPECT_EQ(IssuesOf(ValidateAgencyScales(many)), (Issues{{"scales", "out_of_range", "0", "50"}}));
}

TEST(Scales, JsonRoundTripAndRefusals) {
  auto parsed = ParseScales(ScalesToJson(kAgency));
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 1U);
  EXPECT_EQ((*parsed)[0].code, "parenting_stress");
  EXPECT_EQ((*parsed)[0].name_zh, "亲职压力量表");
  EXPECT_EQ((*parsed)[0].name_en, "Parenting Stress Index");
  EXPECT_EQ((*parsed)[0].min, 36);
  EXPECT_EQ((*parsed)[0].max, 180);
  struct Case {
    const char* name;
    json value;
    Issues want;
  };
  const Case cases[] = {
      {"not an array", json::object(), {{"scales", "wrong_type", "", ""}}},
      {"item not an object", {1}, {{"scales[0]", "wrong_type", "", ""}}},
      {"unknown member",
       {{{"code", "a"}, {"name", "甲"}, {"min", 0}, {"max", 1}, {"items", 3}}},
       {{"scales[0].items", "unknown", "", ""}}},
      {"missing range",
       {{{"code", "a"}, {"name", "甲"}}},
       {{"scales[0].min", "required", "", ""}, {"scales[0].max", "required", "", ""}}},
      {"wrong types",
       {{{"code", 1}, {"name", "甲"}, {"min", "0"}, {"max", 1}, {"higher_is_better", "yes"}}},
       {{"scales[0].code", "wrong_type", "", ""},
        {"scales[0].min", "wrong_type", "", ""},
        {"scales[0].higher_is_better", "wrong_type", "", ""}}},
  };
  for (const auto& c : cases) {
    auto result = ParseScales(c.value);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(Summary(result.error().details()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace jieli::cases
