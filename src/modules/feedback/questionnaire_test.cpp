#include "modules/feedback/questionnaire.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::feedback {
namespace {

Answers AllBuiltIn(const char* value) {
  Answers answers;
  for (const auto& item : BuiltInSatisfaction().items) answers[item.id].choices = {value};
  return answers;
}

std::vector<std::string> Codes(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.field + ":" + i.code);
  return out;
}

TEST(Questionnaire, TypeNames) {
  EXPECT_EQ(ItemTypeNames(), std::vector<std::string>(
                                 {"section", "single", "multiple", "likert", "rating", "text"}));
  EXPECT_EQ(ParseItemType("likert"), ItemType::kLikert);
  EXPECT_FALSE(ParseItemType("matrix").has_value());
}

TEST(Questionnaire, BuiltInHasEightFourPointItemsScoringEightToThirtyTwo) {
  const Questionnaire& q = BuiltInSatisfaction();
  EXPECT_TRUE(CheckQuestionnaire(q).empty());
  ASSERT_EQ(q.items.size(), 8U);
  for (const auto& item : q.items) {
    EXPECT_TRUE(item.required && item.scored) << item.id;
    ASSERT_EQ(item.options.size(), 4U) << item.id;
    EXPECT_FALSE(item.text_en.empty()) << item.id;
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(item.options[i].score, double(i + 1));
  }
  struct Case {
    const char* value;
    double total;
  };
  for (const Case& c : {Case{"1", 8}, Case{"2", 16}, Case{"3", 24}, Case{"4", 32}}) {
    const Answers answers = AllBuiltIn(c.value);
    EXPECT_TRUE(CheckAnswers(q, answers).empty());
    const Score score = ScoreOf(q, answers);
    EXPECT_EQ(score.total, c.total);
    EXPECT_EQ(score.scored_items, 8);
    EXPECT_EQ(score.min_total, kBuiltInMinTotal);
    EXPECT_EQ(score.max_total, kBuiltInMaxTotal);
  }
  // A mixed sheet: 4+3+4+2+3+4+1+3.
  Answers mixed = AllBuiltIn("4");
  const char* values[] = {"4", "3", "4", "2", "3", "4", "1", "3"};
  for (std::size_t i = 0; i < 8; ++i) mixed[q.items[i].id].choices = {values[i]};
  EXPECT_EQ(ScoreOf(q, mixed).total, 24);
  EXPECT_EQ(ScoreOf(q, mixed).items.at("goals_agreed"), 2);
}

TEST(Questionnaire, BuiltInAnswerProblems) {
  const Questionnaire& q = BuiltInSatisfaction();
  Answers missing = AllBuiltIn("3");
  missing.erase("overall");
  EXPECT_EQ(Codes(CheckAnswers(q, missing)),
            std::vector<std::string>({"answers.overall:required"}));

  Answers bad = AllBuiltIn("3");
  bad["listened"].choices = {"5"};
  bad["respected"].choices = {"1", "2"};
  bad["nonsense"].text = "?";
  EXPECT_EQ(
      Codes(CheckAnswers(q, bad)),
      std::vector<std::string>({"answers.nonsense:unknown_item", "answers.listened:invalid_choice",
                                "answers.respected:one_choice"}));
}

Questionnaire Custom() {
  Questionnaire q;
  q.title_zh = "长者服务回访问卷";
  Item section;
  section.id = "part1";
  section.type = ItemType::kSection;
  section.text_zh = "第一部分";
  Item overall;
  overall.id = "overall";
  overall.type = ItemType::kSingle;
  overall.text_zh = "总体满意吗？";
  overall.required = true;
  overall.scored = true;
  overall.options = {
      {"yes", "满意", "Yes", 2}, {"so", "一般", "So-so", 1}, {"no", "不满意", "No", 0}};
  Item why;
  why.id = "why";
  why.type = ItemType::kText;
  why.text_zh = "哪里不满意？";
  why.required = true;
  why.show_if = Condition{"overall", {"so", "no"}};
  Item channels;
  channels.id = "channels";
  channels.type = ItemType::kMultiple;
  channels.text_zh = "您通过哪些方式联系我们？";
  channels.options = {{"phone", "电话", "", std::nullopt}, {"wechat", "微信", "", std::nullopt}};
  Item stars;
  stars.id = "stars";
  stars.type = ItemType::kRating;
  stars.text_zh = "给社工打分";
  stars.scale_max = 5;
  stars.scored = true;
  q.items = {section, overall, why, channels, stars};
  return q;
}

TEST(Questionnaire, ConditionalItemsAndScores) {
  const Questionnaire q = Custom();
  ASSERT_TRUE(CheckQuestionnaire(q).empty()) << Codes(CheckQuestionnaire(q)).front();
  struct Case {
    const char* name;
    Answers answers;
    std::vector<std::string> issues;
  };
  const std::vector<Case> cases = {
      {"satisfied, nothing more", {{"overall", {{"yes"}, {}, ""}}}, {}},
      {"not satisfied says why", {{"overall", {{"no"}, {}, ""}}, {"why", {{}, {}, "等太久"}}}, {}},
      {"not satisfied must say why", {{"overall", {{"so"}, {}, ""}}}, {"answers.why:required"}},
      {"why answered while hidden",
       {{"overall", {{"yes"}, {}, ""}}, {"why", {{}, {}, "?"}}},
       {"answers.why:not_shown"}},
      {"multiple choice",
       {{"overall", {{"yes"}, {}, ""}}, {"channels", {{"phone", "wechat"}, {}, ""}}},
       {}},
      {"a choice twice",
       {{"overall", {{"yes"}, {}, ""}}, {"channels", {{"phone", "phone"}, {}, ""}}},
       {"answers.channels:invalid_choice"}},
      {"rating out of range",
       {{"overall", {{"yes"}, {}, ""}}, {"stars", {{}, 6, ""}}},
       {"answers.stars:out_of_range"}},
      {"a section is not answered",
       {{"overall", {{"yes"}, {}, ""}}, {"part1", {{}, {}, "x"}}},
       {"answers.part1:unknown_item"}},
      {"text too long",
       {{"overall", {{"no"}, {}, ""}}, {"why", {{}, {}, std::string(kMaxAnswerChars + 1, 'x')}}},
       {"answers.why:too_long"}},
      {"blank text is no answer",
       {{"overall", {{"no"}, {}, ""}}, {"why", {{}, {}, "  "}}},
       {"answers.why:required"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Codes(CheckAnswers(q, c.answers)), c.issues) << c.name;
  }
  const Score score = ScoreOf(q, {{"overall", {{"so"}, {}, ""}}, {"stars", {{}, 4, ""}}});
  EXPECT_EQ(score.total, 5);
  EXPECT_EQ(score.scored_items, 2);
  EXPECT_EQ(score.min_total, 1);  // 0 + 1
  EXPECT_EQ(score.max_total, 7);  // 2 + 5
  EXPECT_EQ(ScoreOf(q, {{"overall", {{"yes"}, {}, ""}}}).scored_items, 1);
}

TEST(Questionnaire, BuilderProblems) {
  struct Case {
    const char* name;
    void (*change)(Questionnaire&);
    std::string issue;
  };
  const Case cases[] = {
      {"no title", [](Questionnaire& q) { q.title_zh = " "; }, "title_zh:required"},
      {"bad id", [](Questionnaire& q) { q.items[3].id = "Channels!"; },
       "items[3].id:invalid_format"},
      {"duplicate id", [](Questionnaire& q) { q.items[3].id = "overall"; },
       "items[3].id:duplicate"},
      {"no text", [](Questionnaire& q) { q.items[3].text_zh = ""; }, "items[3].text_zh:required"},
      {"one option", [](Questionnaire& q) { q.items[3].options.resize(1); },
       "items[3].options:out_of_range"},
      {"same value twice", [](Questionnaire& q) { q.items[3].options[1].value = "phone"; },
       "items[3].options[1].value:duplicate"},
      {"scored without a score", [](Questionnaire& q) { q.items[1].options[2].score.reset(); },
       "items[1].options[2].score:required"},
      {"scored text", [](Questionnaire& q) { q.items[2].scored = true; },
       "items[2].scored:not_allowed"},
      {"options on a rating", [](Questionnaire& q) { q.items[4].options = q.items[3].options; },
       "items[4].options:not_allowed"},
      {"rating of 11", [](Questionnaire& q) { q.items[4].scale_max = 11; },
       "items[4].scale_max:out_of_range"},
      {"required section", [](Questionnaire& q) { q.items[0].required = true; },
       "items[0].type:section_answered"},
      {"condition on a later item", [](Questionnaire& q) { q.items[2].show_if->item = "channels"; },
       "items[2].show_if.item:not_found"},
      {"condition on a text",
       [](Questionnaire& q) {
         q.items[3].show_if = Condition{"why", {"x"}};
       },
       "items[3].show_if.item:not_found"},
      {"condition on no value", [](Questionnaire& q) { q.items[2].show_if->any_of.clear(); },
       "items[2].show_if.any_of:required"},
      {"condition on an unknown value",
       [](Questionnaire& q) { q.items[2].show_if->any_of = {"maybe"}; },
       "items[2].show_if.any_of:invalid_choice"},
      {"only sections", [](Questionnaire& q) { q.items.resize(1); }, "items:no_questions"},
  };
  for (const auto& c : cases) {
    Questionnaire q = Custom();
    c.change(q);
    auto codes = Codes(CheckQuestionnaire(q));
    ASSERT_EQ(codes.size(), 1U) << c.name << (codes.empty() ? "" : ": " + codes.front());
    EXPECT_EQ(codes.front(), c.issue) << c.name;
  }
  Questionnaire many = Custom();
  many.items.resize(kMaxItems + 1, many.items[3]);
  EXPECT_EQ(Codes(CheckQuestionnaire(many)), std::vector<std::string>({"items:too_many"}));
}

}  // namespace
}  // namespace jieli::feedback
