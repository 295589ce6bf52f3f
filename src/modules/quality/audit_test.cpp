#include "modules/quality/audit.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::quality {
namespace {

constexpr auto kMet = ItemScore::kMet;
constexpr auto kPartly = ItemScore::kPartly;
constexpr auto kNotMet = ItemScore::kNotMet;
constexpr auto kNa = ItemScore::kNotApplicable;

TEST(Audit, BuiltInChecklistCoversEveryStageWithStableKeys) {
  const auto& items = BuiltInChecklist();
  std::set<AuditStage> stages;
  std::set<std::string> keys;
  for (const auto& item : items) {
    stages.insert(item.stage);
    EXPECT_TRUE(keys.insert(item.key).second) << item.key;
    EXPECT_FALSE(item.text_zh.empty());
    EXPECT_FALSE(item.text_en.empty());
    EXPECT_GE(item.weight, 1);
    EXPECT_LE(item.weight, kMaxItemWeight);
    EXPECT_TRUE(item.builtin);
  }
  EXPECT_EQ(stages.size(), 6u);
  EXPECT_EQ(items.front().key, "intake.1");
  EXPECT_TRUE(CheckChecklist(items).empty());
}

TEST(Audit, ApplicableItemsAreThoseOfTheStagesReached) {
  auto item = [](const char* key, AuditStage stage) {
    ChecklistItem i;
    i.key = key;
    i.stage = stage;
    return i;
  };
  const std::vector<ChecklistItem> checklist = {
      item("intake.1", AuditStage::kIntake), item("assessment.1", AuditStage::kAssessment),
      item("intake.2", AuditStage::kIntake), item("closure.1", AuditStage::kClosure)};
  struct Case {
    const char* name;
    std::vector<AuditStage> stages;
    std::vector<std::string> expected;  // in checklist order
  };
  const std::vector<Case> cases = {
      {"intake only", {AuditStage::kIntake}, {"intake.1", "intake.2"}},
      {"intake and assessment",
       {AuditStage::kIntake, AuditStage::kAssessment},
       {"intake.1", "assessment.1", "intake.2"}},
      {"a stage without items", {AuditStage::kPlanning}, {}},
      {"no stage", {}, {}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> keys;
    for (const auto* item : Applicable(checklist, c.stages)) keys.push_back(item->key);
    EXPECT_EQ(keys, c.expected) << c.name;
  }
}

TEST(Audit, WeightedScore) {
  struct Case {
    const char* name;
    std::vector<ScoredItem> items;
    std::optional<double> expected;
  };
  const std::vector<Case> cases = {
      {"nothing", {}, std::nullopt},
      {"every item n/a", {{"a", 3, kNa}, {"b", 1, kNa}}, std::nullopt},
      {"all met", {{"a", 3, kMet}, {"b", 1, kMet}}, 100.0},
      {"none met", {{"a", 3, kNotMet}, {"b", 1, kNotMet}}, 0.0},
      // (3·1 + 1·0) / 4
      {"weights count", {{"a", 3, kMet}, {"b", 1, kNotMet}}, 75.0},
      // (2·½ + 2·1) / 4; the n/a item's weight is left out
      {"partly is half, n/a ignored", {{"a", 2, kPartly}, {"b", 2, kMet}, {"c", 5, kNa}}, 75.0},
      // (1·½) / 3 = 16.67
      {"partly alone", {{"a", 1, kPartly}, {"b", 2, kNotMet}}, 100.0 / 6.0},
  };
  for (const auto& c : cases) {
    auto score = WeightedScore(c.items);
    ASSERT_EQ(score.has_value(), c.expected.has_value()) << c.name;
    if (score) {
      EXPECT_NEAR(*score, *c.expected, 1e-9) << c.name;
    }
  }
}

TEST(Audit, RoundScoresPerWorkerPerItemAndOverall) {
  // Worker 7: case 1 (a met ×3, b not met ×1) and case 2 (a partly ×3, b n/a).
  // Worker 8: case 3 (a met ×3, b met ×1).
  const std::vector<ScoredCase> cases = {
      {1, 7, {{"a", 3, kMet}, {"b", 1, kNotMet}}},
      {2, 7, {{"a", 3, kPartly}, {"b", 1, kNa}}},
      {3, 8, {{"a", 3, kMet}, {"b", 1, kMet}}},
  };
  RoundScores r = ScoreRound(cases);
  // Worker 7: (3 + 0 + 1.5) / (3 + 1 + 3) = 4.5 / 7.
  ASSERT_TRUE(r.by_worker.at(7).score);
  EXPECT_NEAR(*r.by_worker.at(7).score, 100.0 * 4.5 / 7.0, 1e-9);
  EXPECT_EQ(r.by_worker.at(7).cases, 2);
  EXPECT_EQ(r.by_worker.at(7).applicable, 3);
  EXPECT_NEAR(*r.by_worker.at(8).score, 100.0, 1e-9);
  // Item a: (1 + ½ + 1) / 3; item b: (0 + 1) / 2, its n/a left out.
  EXPECT_NEAR(*r.by_item.at("a").score, 100.0 * 2.5 / 3.0, 1e-9);
  EXPECT_NEAR(*r.by_item.at("b").score, 50.0, 1e-9);
  EXPECT_EQ(r.by_item.at("b").cases, 3);
  EXPECT_EQ(r.by_item.at("b").applicable, 2);
  // Overall: (4.5 + 4) / (7 + 4).
  EXPECT_NEAR(*r.overall.score, 100.0 * 8.5 / 11.0, 1e-9);
  EXPECT_EQ(r.overall.cases, 3);

  RoundScores empty = ScoreRound({});
  EXPECT_FALSE(empty.overall.score);
  EXPECT_TRUE(empty.by_worker.empty());
}

TEST(Audit, AnAuditorNeverAuditsTheirOwnCases) {
  struct Case {
    const char* name;
    std::vector<SampledCase> sample;
    std::vector<std::int64_t> auditors;
    std::vector<std::optional<std::int64_t>> expected;
  };
  const std::vector<Case> cases = {
      {"balanced, ties to the first",
       {{1, 10, {}}, {2, 11, {}}, {3, 12, {}}},
       {100, 101},
       {100, 101, 100}},
      {"own case goes to the other auditor", {{1, 100, {}}, {2, 11, {}}}, {100, 101}, {101, 100}},
      {"co-worker counts too", {{1, 10, 101}, {2, 11, {}}}, {100, 101}, {100, 101}},
      {"the only auditor's own case is left out",
       {{1, 100, {}}, {2, 11, 100}, {3, 12, {}}},
       {100},
       {std::nullopt, std::nullopt, 100}},
      {"both auditors work on it", {{1, 100, 101}}, {100, 101}, {std::nullopt}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AssignAuditors(c.sample, c.auditors), c.expected) << c.name;
  }
}

TEST(Audit, FindingStates) {
  using S = FindingState;
  EXPECT_EQ(*CorrectFinding(S::kOpen), S::kCorrected);
  EXPECT_EQ(*VerifyFinding(S::kCorrected), S::kClosed);
  EXPECT_EQ(*ReopenFinding(S::kCorrected), S::kOpen);
  for (S from : {S::kCorrected, S::kClosed}) {
    auto r = CorrectFinding(from);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), "quality.invalid_finding_state");
  }
  for (S from : {S::kOpen, S::kClosed}) {
    EXPECT_FALSE(VerifyFinding(from).ok());
    EXPECT_FALSE(ReopenFinding(from).ok());
  }
  const LocalDate today = *ParseDate("2026-12-07");
  EXPECT_TRUE(FindingOverdue("2026-12-06", S::kOpen, today));
  EXPECT_FALSE(FindingOverdue("2026-12-07", S::kOpen, today));
  EXPECT_FALSE(FindingOverdue("2026-12-06", S::kCorrected, today));
}

TEST(Audit, ChecklistRules) {
  std::vector<ChecklistItem> items = BuiltInChecklist();
  items.push_back({"", AuditStage::kPlanning, "计划有风险应对预案", "", 2, false, false});
  items.push_back({"own.4", AuditStage::kIntake, "旧项", "", 1, true, false});
  items.push_back({"", AuditStage::kIntake, "另一项", "", 1, false, false});
  EXPECT_TRUE(CheckChecklist(items).empty());
  NameNewItems(items);
  EXPECT_EQ(items[items.size() - 3].key, "own.5");
  EXPECT_EQ(items.back().key, "own.6");

  struct Bad {
    const char* name;
    std::function<void(std::vector<ChecklistItem>&)> change;
    std::string field;
    std::string code;
  };
  const std::vector<Bad> bad = {
      {"no text", [](auto& l) { l[0].text_zh = " "; }, "items[0].text_zh", "required"},
      {"weight 0", [](auto& l) { l[1].weight = 0; }, "items[1].weight", "out_of_range"},
      {"weight 11", [](auto& l) { l[1].weight = 11; }, "items[1].weight", "out_of_range"},
      {"same key twice", [](auto& l) { l[1].key = l[0].key; }, "items[1].key", "duplicate_value"},
      {"a stage with every item retired",
       [](auto& l) {
         for (auto& i : l) {
           if (i.stage == AuditStage::kClosure) i.retired = true;
         }
       },
       "items", "stage_without_items"},
      {"empty", [](auto& l) { l.clear(); }, "items", "required"},
  };
  for (const auto& b : bad) {
    std::vector<ChecklistItem> list = BuiltInChecklist();
    b.change(list);
    auto issues = CheckChecklist(list);
    ASSERT_FALSE(issues.empty()) << b.name;
    EXPECT_EQ(issues.front().field, b.field) << b.name;
    EXPECT_EQ(issues.front().code, b.code) << b.name;
  }
}

TEST(Audit, RoundInputRules) {
  const LocalDate today = *ParseDate("2026-12-07");
  AuditRoundInput good;
  good.org_id = 1;
  good.title = "2026 年第四季度档案评审";
  good.from = "2026-10-01";
  good.to = "2026-12-07";
  good.sample_size = 10;
  good.auditor_ids = {3, 4};
  EXPECT_TRUE(CheckRoundInput(good, today).empty());

  struct Bad {
    const char* name;
    std::function<void(AuditRoundInput&)> change;
    std::string field;
    std::string code;
  };
  const std::vector<Bad> bad = {
      {"no title", [](auto& i) { i.title = ""; }, "title", "required"},
      {"bad date", [](auto& i) { i.from = "2026-13-01"; }, "from", "invalid_date"},
      {"to before from", [](auto& i) { i.to = "2026-09-30"; }, "to", "before_from"},
      {"future", [](auto& i) { i.to = "2026-12-08"; }, "to", "date_in_future"},
      {"sample 0", [](auto& i) { i.sample_size = 0; }, "sample_size", "out_of_range"},
      {"sample 201", [](auto& i) { i.sample_size = 201; }, "sample_size", "out_of_range"},
      {"no auditor", [](auto& i) { i.auditor_ids.clear(); }, "auditor_ids", "required"},
      {"auditor twice",
       [](auto& i) {
         i.auditor_ids = {3, 3};
       },
       "auditor_ids[1]", "duplicate_value"},
      {"seed too large", [](auto& i) { i.seed = kMaxSeed + 1; }, "seed", "out_of_range"},
  };
  for (const auto& b : bad) {
    AuditRoundInput input = good;
    b.change(input);
    auto issues = CheckRoundInput(input, today);
    ASSERT_EQ(issues.size(), 1u) << b.name;
    EXPECT_EQ(issues[0].field, b.field) << b.name;
    EXPECT_EQ(issues[0].code, b.code) << b.name;
  }
}

TEST(Audit, NamesRoundTrip) {
  for (const auto& name : AuditStageNames()) EXPECT_EQ(ToString(*ParseAuditStage(name)), name);
  for (const auto& name : ItemScoreNames()) EXPECT_EQ(ToString(*ParseItemScore(name)), name);
  for (const auto& name : FindingSeverityNames()) {
    EXPECT_EQ(ToString(*ParseFindingSeverity(name)), name);
  }
  EXPECT_FALSE(ParseItemScore("good"));
}

}  // namespace
}  // namespace jieli::quality
