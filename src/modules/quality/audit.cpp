#include "modules/quality/audit.hpp"

#include <algorithm>
#include <set>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::quality {
namespace {

constexpr EnumNames<AuditStage, 6> kStages = {{{AuditStage::kIntake, "intake"},
                                               {AuditStage::kAssessment, "assessment"},
                                               {AuditStage::kPlanning, "planning"},
                                               {AuditStage::kIntervention, "intervention"},
                                               {AuditStage::kEvaluation, "evaluation"},
                                               {AuditStage::kClosure, "closure"}}};
constexpr EnumNames<ItemScore, 4> kScores = {{{ItemScore::kMet, "met"},
                                              {ItemScore::kPartly, "partly"},
                                              {ItemScore::kNotMet, "not_met"},
                                              {ItemScore::kNotApplicable, "na"}}};
constexpr EnumNames<FindingSeverity, 3> kSeverities = {{{FindingSeverity::kMinor, "minor"},
                                                        {FindingSeverity::kMajor, "major"},
                                                        {FindingSeverity::kCritical, "critical"}}};
constexpr EnumNames<FindingState, 3> kFindingStates = {{{FindingState::kOpen, "open"},
                                                        {FindingState::kCorrected, "corrected"},
                                                        {FindingState::kClosed, "closed"}}};
constexpr EnumNames<PeriodBasis, 2> kBases = {
    {{PeriodBasis::kOpened, "opened"}, {PeriodBasis::kClosed, "closed"}}};
constexpr EnumNames<RoundState, 2> kRoundStates = {
    {{RoundState::kOpen, "open"}, {RoundState::kFinished, "finished"}}};

struct BuiltIn {
  AuditStage stage;
  const char* zh;
  const char* en;
  int weight;
};

// Written for Jieli from the seeds' quality checks of each stage (全过程质量管理:
// 接案、预估、计划、介入、评估、结案) and the case forms of PRODUCT.md §2.
constexpr BuiltIn kBuiltIn[] = {
    {AuditStage::kIntake, "接案来源、求助问题记录清楚",
     "Source and presenting problem recorded clearly", 2},
    {AuditStage::kIntake, "紧急程度判断有依据，危机个案及时首次接触",
     "Urgency judged with reasons; a crisis case contacted in time", 3},
    {AuditStage::kIntake, "接案决定（接案 / 转介 / 不予接案）及理由已记录",
     "The intake decision (accept / refer / decline) and its reasons recorded", 2},
    {AuditStage::kIntake, "服务对象知情同意（含隐私与保密告知）已记录",
     "The client's informed consent (privacy and confidentiality) recorded", 2},
    {AuditStage::kAssessment, "各需求领域均已评分并有描述",
     "Needs scored in every domain, each with a description", 3},
    {AuditStage::kAssessment, "风险等级及判断理由已记录", "Risk level recorded with its reasons",
     3},
    {AuditStage::kAssessment, "生态系统分析覆盖微观、中观、宏观",
     "Ecological analysis covers micro, meso and macro", 2},
    {AuditStage::kAssessment, "服务对象的优势与资源已识别",
     "The client's strengths and resources identified", 2},
    {AuditStage::kAssessment, "问题界定清晰，与需求评估一致",
     "Problem definition clear and consistent with the needs assessed", 2},
    {AuditStage::kPlanning, "目标符合 SMART 原则并对应评估出的需求",
     "Goals are SMART and answer the needs assessed", 3},
    {AuditStage::kPlanning, "每个目标设定 GAS 五级（-2 至 +2）描述",
     "Each goal has its five GAS levels (-2 to +2) described", 3},
    {AuditStage::kPlanning, "介入策略与技巧明确，有理论依据",
     "Intervention strategies and techniques stated, with their rationale", 2},
    {AuditStage::kPlanning, "服务对象参与制定并同意计划（日期、方式已记录）",
     "The client took part in and agreed to the plan (date and way recorded)", 3},
    {AuditStage::kPlanning, "计划经督导审批", "The plan approved by the supervisor", 2},
    {AuditStage::kIntervention, "服务记录及时、完整（日期、时长、方式、内容）",
     "Service records timely and complete (date, length, mode, content)", 3},
    {AuditStage::kIntervention, "服务内容与计划目标一致", "Services match the plan's goals", 2},
    {AuditStage::kIntervention, "进展记录体现服务对象的反应与变化",
     "Progress notes show the client's response and change", 2},
    {AuditStage::kIntervention, "风险变化得到及时复评与处理",
     "Changes in risk reassessed and acted on in time", 3},
    {AuditStage::kEvaluation, "按 GAS 逐项评定目标达成",
     "Goal attainment rated goal by goal on GAS", 3},
    {AuditStage::kEvaluation, "服务对象满意度与意见已收集",
     "The client's satisfaction and comments collected", 2},
    {AuditStage::kEvaluation, "评估结论有依据（前后对比、证据）",
     "Evaluation conclusions backed by evidence (before and after)", 2},
    {AuditStage::kClosure, "结案理由明确，符合结案条件",
     "Reason for closing stated and the closing conditions met", 3},
    {AuditStage::kClosure, "结案前与服务对象沟通并处理离别情绪",
     "Closure discussed with the client and the ending worked through", 2},
    {AuditStage::kClosure, "跟进计划（回访）已安排", "Follow-up (after-care) scheduled", 2},
    {AuditStage::kClosure, "档案完整、归档，督导审批结案",
     "File complete and archived; closure approved by the supervisor", 2},
};

bool ParseOwnNumber(const std::string& key, int& n) {
  if (!key.starts_with("own.")) return false;
  const std::string digits = key.substr(4);
  if (digits.empty() || digits.size() > 6) return false;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  n = std::stoi(digits);
  return true;
}

Error FindingStateError() { return ConflictError("quality.invalid_finding_state"); }

}  // namespace

std::string_view ToString(AuditStage stage) { return EnumName(kStages, stage); }
std::string_view ToString(ItemScore score) { return EnumName(kScores, score); }
std::string_view ToString(FindingSeverity severity) { return EnumName(kSeverities, severity); }
std::string_view ToString(FindingState state) { return EnumName(kFindingStates, state); }
std::string_view ToString(PeriodBasis basis) { return EnumName(kBases, basis); }
std::string_view ToString(RoundState state) { return EnumName(kRoundStates, state); }
std::optional<AuditStage> ParseAuditStage(std::string_view text) {
  return ParseEnum(kStages, text);
}
std::optional<ItemScore> ParseItemScore(std::string_view text) { return ParseEnum(kScores, text); }
std::optional<FindingSeverity> ParseFindingSeverity(std::string_view text) {
  return ParseEnum(kSeverities, text);
}
std::optional<FindingState> ParseFindingState(std::string_view text) {
  return ParseEnum(kFindingStates, text);
}
std::optional<PeriodBasis> ParsePeriodBasis(std::string_view text) {
  return ParseEnum(kBases, text);
}
std::optional<RoundState> ParseRoundState(std::string_view text) {
  return ParseEnum(kRoundStates, text);
}
const std::vector<std::string>& AuditStageNames() {
  static const auto kNames = EnumNameList(kStages);
  return kNames;
}
const std::vector<std::string>& ItemScoreNames() {
  static const auto kNames = EnumNameList(kScores);
  return kNames;
}
const std::vector<std::string>& FindingSeverityNames() {
  static const auto kNames = EnumNameList(kSeverities);
  return kNames;
}
const std::vector<std::string>& FindingStateNames() {
  static const auto kNames = EnumNameList(kFindingStates);
  return kNames;
}
const std::vector<std::string>& PeriodBasisNames() {
  static const auto kNames = EnumNameList(kBases);
  return kNames;
}

const std::vector<ChecklistItem>& BuiltInChecklist() {
  static const std::vector<ChecklistItem> kItems = [] {
    std::vector<ChecklistItem> list;
    std::map<AuditStage, int> numbers;
    for (const BuiltIn& b : kBuiltIn) {
      const int n = ++numbers[b.stage];
      list.push_back({std::string(ToString(b.stage)) + "." + std::to_string(n), b.stage, b.zh, b.en,
                      b.weight, false, true});
    }
    return list;
  }();
  return kItems;
}

std::vector<FieldIssue> CheckChecklist(const std::vector<ChecklistItem>& items) {
  std::vector<FieldIssue> issues;
  if (items.empty()) return {{"items", "required", {}}};
  if (items.size() > kMaxChecklistItems) {
    return {{"items", "too_many", {{"max", std::to_string(kMaxChecklistItems)}}}};
  }
  std::set<std::string> keys;
  std::set<AuditStage> in_use;
  const std::string max_chars = std::to_string(kMaxItemChars);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ChecklistItem& item = items[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!item.key.empty() && !keys.insert(item.key).second) {
      issues.push_back({at + ".key", "duplicate_value", {}});
    }
    if (IsBlank(item.text_zh)) issues.push_back({at + ".text_zh", "required", {}});
    if (CodePointCount(item.text_zh) > kMaxItemChars) {
      issues.push_back({at + ".text_zh", "too_long", {{"max", max_chars}}});
    }
    if (CodePointCount(item.text_en) > kMaxItemChars) {
      issues.push_back({at + ".text_en", "too_long", {{"max", max_chars}}});
    }
    if (item.weight < 1 || item.weight > kMaxItemWeight) {
      issues.push_back({at + ".weight",
                        "out_of_range",
                        {{"min", "1"}, {"max", std::to_string(kMaxItemWeight)}}});
    }
    if (!item.retired) in_use.insert(item.stage);
  }
  for (const auto& name : AuditStageNames()) {
    if (!in_use.contains(*ParseAuditStage(name))) {
      issues.push_back({"items", "stage_without_items", {{"stage", name}}});
    }
  }
  return issues;
}

void NameNewItems(std::vector<ChecklistItem>& items) {
  int highest = 0;
  for (const auto& item : items) {
    int n = 0;
    if (ParseOwnNumber(item.key, n)) highest = std::max(highest, n);
  }
  for (auto& item : items) {
    if (item.key.empty()) item.key = "own." + std::to_string(++highest);
  }
}

std::vector<const ChecklistItem*> Applicable(const std::vector<ChecklistItem>& checklist,
                                             const std::vector<AuditStage>& stages) {
  std::vector<const ChecklistItem*> items;
  for (const auto& item : checklist) {
    if (std::find(stages.begin(), stages.end(), item.stage) != stages.end()) {
      items.push_back(&item);
    }
  }
  return items;
}

double ScoreValue(ItemScore score) {
  switch (score) {
    case ItemScore::kMet:
      return 1.0;
    case ItemScore::kPartly:
      return 0.5;
    default:
      return 0.0;
  }
}

std::optional<double> WeightedScore(const std::vector<ScoredItem>& items) {
  double earned = 0;
  double possible = 0;
  for (const auto& item : items) {
    if (item.score == ItemScore::kNotApplicable) continue;
    earned += item.weight * ScoreValue(item.score);
    possible += item.weight;
  }
  if (possible <= 0) return std::nullopt;
  return 100.0 * earned / possible;
}

RoundScores ScoreRound(const std::vector<ScoredCase>& cases) {
  struct Sum {
    double earned = 0;
    double possible = 0;
    int cases = 0;
    int applicable = 0;
  };
  std::map<std::int64_t, Sum> workers;
  std::map<std::string, Sum> items;
  Sum overall;
  auto cell = [](const Sum& s) {
    ScoreCell c;
    c.cases = s.cases;
    c.applicable = s.applicable;
    if (s.possible > 0) c.score = 100.0 * s.earned / s.possible;
    return c;
  };
  for (const auto& c : cases) {
    Sum& worker = workers[c.worker_id];
    ++worker.cases;
    ++overall.cases;
    for (const auto& item : c.items) {
      Sum& per_item = items[item.key];
      ++per_item.cases;
      if (item.score == ItemScore::kNotApplicable) continue;
      const double value = ScoreValue(item.score);
      for (Sum* s : {&worker, &overall}) {
        s->earned += item.weight * value;
        s->possible += item.weight;
        ++s->applicable;
      }
      // Per item the weight is the same in every case: the plain share met.
      per_item.earned += value;
      per_item.possible += 1;
      ++per_item.applicable;
    }
  }
  RoundScores scores;
  for (const auto& [id, s] : workers) scores.by_worker[id] = cell(s);
  for (const auto& [key, s] : items) scores.by_item[key] = cell(s);
  scores.overall = cell(overall);
  return scores;
}

std::vector<std::optional<std::int64_t>> AssignAuditors(const std::vector<SampledCase>& sample,
                                                        const std::vector<std::int64_t>& auditors) {
  std::vector<std::optional<std::int64_t>> assigned;
  std::vector<int> load(auditors.size(), 0);
  for (const auto& c : sample) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < auditors.size(); ++i) {
      const std::int64_t a = auditors[i];
      if (a == c.primary_worker_id || (c.co_worker_id && *c.co_worker_id == a)) continue;
      if (!best || load[i] < load[*best]) best = i;
    }
    if (best) {
      ++load[*best];
      assigned.emplace_back(auditors[*best]);
    } else {
      assigned.emplace_back(std::nullopt);
    }
  }
  return assigned;
}

Result<FindingState> CorrectFinding(FindingState from) {
  if (from != FindingState::kOpen) return FindingStateError();
  return FindingState::kCorrected;
}

Result<FindingState> VerifyFinding(FindingState from) {
  if (from != FindingState::kCorrected) return FindingStateError();
  return FindingState::kClosed;
}

Result<FindingState> ReopenFinding(FindingState from) {
  if (from != FindingState::kCorrected) return FindingStateError();
  return FindingState::kOpen;
}

bool FindingOverdue(const std::string& due_on, FindingState state, LocalDate today) {
  return IsOverdue(due_on, state != FindingState::kOpen, today);
}

std::vector<FieldIssue> CheckRoundInput(const AuditRoundInput& input, LocalDate today) {
  std::vector<FieldIssue> issues;
  if (IsBlank(input.title)) issues.push_back({"title", "required", {}});
  if (CodePointCount(input.title) > kMaxTitleChars) {
    issues.push_back({"title", "too_long", {{"max", std::to_string(kMaxTitleChars)}}});
  }
  auto from = ParseDate(input.from);
  auto to = ParseDate(input.to);
  if (!from) issues.push_back({"from", "invalid_date", {}});
  if (!to) issues.push_back({"to", "invalid_date", {}});
  if (from && to && *to < *from) issues.push_back({"to", "before_from", {}});
  if (to && *to > today) issues.push_back({"to", "date_in_future", {}});
  if (input.sample_size < 1 || input.sample_size > static_cast<int>(kMaxSampleSize)) {
    issues.push_back(
        {"sample_size", "out_of_range", {{"min", "1"}, {"max", std::to_string(kMaxSampleSize)}}});
  }
  if (input.auditor_ids.empty()) issues.push_back({"auditor_ids", "required", {}});
  if (input.auditor_ids.size() > kMaxAuditors) {
    issues.push_back({"auditor_ids", "too_many", {{"max", std::to_string(kMaxAuditors)}}});
  }
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < input.auditor_ids.size(); ++i) {
    if (!seen.insert(input.auditor_ids[i]).second) {
      issues.push_back({"auditor_ids[" + std::to_string(i) + "]", "duplicate_value", {}});
    }
  }
  if (input.seed && (*input.seed < 0 || *input.seed > kMaxSeed)) {
    issues.push_back({"seed", "out_of_range", {{"min", "0"}, {"max", std::to_string(kMaxSeed)}}});
  }
  return issues;
}

}  // namespace jieli::quality
