#include "modules/feedback/questionnaire_json.hpp"

#include <gtest/gtest.h>

namespace jieli::feedback {
namespace {

using Json = nlohmann::json;

std::vector<std::string> Fields(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> fields;
  for (const auto& issue : issues) fields.push_back(issue.field + " " + issue.code);
  return fields;
}

TEST(QuestionnaireJson, TheBuiltInQuestionnaireSurvivesTheRoundTrip) {
  std::vector<FieldIssue> issues;
  Questionnaire back =
      QuestionnaireFromJson(QuestionnaireToJson(BuiltInSatisfaction()), "q", issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(QuestionnaireToJson(back), QuestionnaireToJson(BuiltInSatisfaction()));
  EXPECT_TRUE(CheckQuestionnaire(back).empty());
}

TEST(QuestionnaireJson, NamesEveryMisshapenFieldUnderItsPath) {
  struct Case {
    const char* json;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {R"([])", {"q wrong_type"}},
      {R"({"title_zh":"t"})", {"q.items required"}},
      {R"({"items":{}})", {"q.items wrong_type"}},
      {R"({"items":[1]})", {"q.items[0] wrong_type"}},
      {R"({"items":[{"id":"a","type":"essay"}]})", {"q.items[0].type not_allowed"}},
      {R"({"items":[{"id":7,"type":"text","required":"yes"}]})",
       {"q.items[0].id wrong_type", "q.items[0].required wrong_type"}},
      {R"({"items":[{"id":"a","type":"rating","scale_max":2.5}]})",
       {"q.items[0].scale_max wrong_type"}},
      {R"({"items":[{"id":"a","type":"single","options":[{"value":"1","score":5000}]}]})",
       {"q.items[0].options[0].score out_of_range"}},
      {R"({"items":[{"id":"a","type":"text","show_if":{"item":"b","any_of":[1]}}]})",
       {"q.items[0].show_if.any_of wrong_type"}},
  };
  for (const auto& c : cases) {
    std::vector<FieldIssue> issues;
    QuestionnaireFromJson(Json::parse(c.json), "q", issues);
    EXPECT_EQ(Fields(issues), c.fields) << c.json;
  }
}

TEST(QuestionnaireJson, ReadsAnswersAndNamesTheirMisshapenFields) {
  std::vector<FieldIssue> issues;
  Answers answers = AnswersFromJson(
      Json::parse(R"({"q1":{"choices":["4"]},"q2":{"rating":3},"q3":{"text":"很好"}})"), "answers",
      issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(answers["q1"].choices, std::vector<std::string>{"4"});
  EXPECT_EQ(answers["q2"].rating, 3);
  EXPECT_EQ(answers["q3"].text, "很好");
  EXPECT_EQ(AnswersToJson(answers),
            Json::parse(R"({"q1":{"choices":["4"]},"q2":{"rating":3},"q3":{"text":"很好"}})"));

  issues.clear();
  AnswersFromJson(
      Json::parse(R"({"q1":1,"q2":{"choices":"4"},"q3":{"rating":"3"},"q4":{"choices":[4]}})"),
      "answers", issues);
  EXPECT_EQ(Fields(issues), (std::vector<std::string>{
                                "answers.q1 wrong_type", "answers.q2.choices wrong_type",
                                "answers.q3.rating wrong_type", "answers.q4.choices wrong_type"}));
}

}  // namespace
}  // namespace jieli::feedback
