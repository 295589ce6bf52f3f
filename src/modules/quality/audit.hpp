// Case-file audits (档案评审): the plain types of checklists, rounds, scores
// and findings, and their rules — the built-in checklist of each case stage,
// the weighted score, a round's results per worker and per item, who audits
// which case of the sample, and the findings' state machine. No SQL, no HTTP,
// no permissions (QualityService checks those). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/result.hpp"
#include "modules/quality/supervision.hpp"

namespace jieli::quality {

// The six stages of casework (接案 预估 计划 介入 评估 结案), each with a checklist.
enum class AuditStage { kIntake, kAssessment, kPlanning, kIntervention, kEvaluation, kClosure };
// How a case file meets one item: 符合 部分符合 不符合 不适用.
enum class ItemScore { kMet, kPartly, kNotMet, kNotApplicable };
enum class FindingSeverity { kMinor, kMajor, kCritical };  // 轻微 一般 严重
// open → corrected (the worker) → closed (the auditor verifies); corrected → open (reopened).
enum class FindingState { kOpen, kCorrected, kClosed };
enum class PeriodBasis {
  kOpened,
  kClosed
};  // the population's cases opened / closed in the period
enum class RoundState { kOpen, kFinished };

std::string_view ToString(AuditStage stage);
std::string_view ToString(ItemScore score);
std::string_view ToString(FindingSeverity severity);
std::string_view ToString(FindingState state);
std::string_view ToString(PeriodBasis basis);
std::string_view ToString(RoundState state);
std::optional<AuditStage> ParseAuditStage(std::string_view text);
std::optional<ItemScore> ParseItemScore(std::string_view text);
std::optional<FindingSeverity> ParseFindingSeverity(std::string_view text);
std::optional<FindingState> ParseFindingState(std::string_view text);
std::optional<PeriodBasis> ParsePeriodBasis(std::string_view text);
std::optional<RoundState> ParseRoundState(std::string_view text);
const std::vector<std::string>& AuditStageNames();
const std::vector<std::string>& ItemScoreNames();
const std::vector<std::string>& FindingSeverityNames();
const std::vector<std::string>& FindingStateNames();
const std::vector<std::string>& PeriodBasisNames();

inline constexpr std::size_t kMaxChecklistItems = 120;
inline constexpr std::size_t kMaxItemChars = 300;
inline constexpr int kMaxItemWeight = 10;
inline constexpr std::size_t kMaxAuditors = 10;
inline constexpr std::size_t kMaxSampleSize = 200;
inline constexpr std::size_t kMaxCommentChars = 1000;
inline constexpr std::size_t kMaxFindingChars = 2000;
// Seeds stay below 2⁵³ so that JSON, JavaScript and SQL carry them unchanged.
inline constexpr std::int64_t kMaxSeed = (std::int64_t{1} << 53) - 1;

// One item of a stage's checklist. key is stable: scores refer to it.
struct ChecklistItem {
  std::string key;  // built-in "intake.1" …; an agency's own "own.<n>"
  AuditStage stage = AuditStage::kIntake;
  std::string text_zh;
  std::string text_en;
  int weight = 1;  // 1–10
  bool retired = false;
  bool builtin = false;
};

// Jieli's built-in checklists, in stage order (the default of every agency).
const std::vector<ChecklistItem>& BuiltInChecklist();

// The problems with an agency's edited list: 1–120 items, every stage with at
// least one item in use, texts 1–300 characters (Chinese required), weights
// 1–10, keys unique (a new item has none: NameNewItems gives it one).
std::vector<FieldIssue> CheckChecklist(const std::vector<ChecklistItem>& items);
// Gives each item without a key "own.<n>", n above every own key in use.
void NameNewItems(std::vector<ChecklistItem>& items);

// The items of a round's checklist that apply to a case: those of the stages
// it had reached.
std::vector<const ChecklistItem*> Applicable(const std::vector<ChecklistItem>& checklist,
                                             const std::vector<AuditStage>& stages);

// One scored item of a case: its weight and how the file meets it.
struct ScoredItem {
  std::string key;
  int weight = 1;
  ItemScore score = ItemScore::kNotApplicable;
};

// 符合 1, 部分符合 ½, 不符合 0; 不适用 left out.
double ScoreValue(ItemScore score);

// The weighted score 0–100 of items (Σ weight·value / Σ weight, n/a left
// out); none when every item is n/a or there are none.
std::optional<double> WeightedScore(const std::vector<ScoredItem>& items);

// The scored items of one case of a round, with its primary worker.
struct ScoredCase {
  std::int64_t case_id = 0;
  std::int64_t worker_id = 0;
  std::vector<ScoredItem> items;
};

struct ScoreCell {
  std::optional<double> score;  // 0–100; none when nothing applicable was scored
  int cases = 0;                // cases with the item (or of the worker) scored
  int applicable = 0;           // items scored other than n/a
};

// A round's results: per worker (weighted over every item of their cases),
// per item (the share met, ½ for partly, over the cases where it applied)
// and overall (weighted over every item of every case).
struct RoundScores {
  std::map<std::int64_t, ScoreCell> by_worker;
  std::map<std::string, ScoreCell> by_item;
  ScoreCell overall;
};
RoundScores ScoreRound(const std::vector<ScoredCase>& cases);

// A case of the drawn sample and who works it.
struct SampledCase {
  std::int64_t case_id = 0;
  std::int64_t primary_worker_id = 0;
  std::optional<std::int64_t> co_worker_id;
};

// Who audits each case, in draw order: an auditor never audits a case they
// work on (primary or co-worker); among the others the one with the fewest
// cases so far, ties to the earlier in the list. None when every auditor
// works on the case (left out: "own_case").
std::vector<std::optional<std::int64_t>> AssignAuditors(const std::vector<SampledCase>& sample,
                                                        const std::vector<std::int64_t>& auditors);

// The finding's next state, or "quality.invalid_finding_state" (conflict).
Result<FindingState> CorrectFinding(FindingState from);  // the worker: open → corrected
Result<FindingState> VerifyFinding(FindingState from);   // the auditor: corrected → closed
Result<FindingState> ReopenFinding(FindingState from);   // the auditor: corrected → open

// Whether an open finding due on due_on is overdue on today.
bool FindingOverdue(const std::string& due_on, FindingState state, LocalDate today);

// --- the records ---

struct AuditRoundInput {
  std::int64_t org_id = 0;
  std::string title;
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;
  PeriodBasis basis = PeriodBasis::kOpened;
  std::optional<AuditStage> stage;  // only cases that reached it
  std::optional<std::int64_t> worker_id;
  int sample_size = 0;
  std::vector<std::int64_t> auditor_ids;
  std::optional<std::int64_t> seed;  // repeat a draw; default a fresh one
};

// The problems with a round as entered: title 1–200, dates real days with
// from ≤ to ≤ today, sample 1–200, 1–10 distinct auditors, seed 0–2⁵³−1.
std::vector<FieldIssue> CheckRoundInput(const AuditRoundInput& input, LocalDate today);

struct ItemScoreInput {
  std::string key;
  ItemScore score = ItemScore::kNotApplicable;
  std::string comment;
};

struct CaseScoreInput {
  std::vector<ItemScoreInput> items;
  std::string comment;
  bool done = false;  // every applicable item scored: the case counts
};

struct FindingInput {
  std::int64_t case_id = 0;
  std::string item_key;  // "" for a finding not tied to an item
  FindingSeverity severity = FindingSeverity::kMinor;
  std::string text;
  std::string due_on;
};

struct AuditFinding {
  std::int64_t id = 0;
  std::int64_t round_id = 0;
  std::string round_title;
  std::int64_t org_id = 0;
  std::int64_t case_id = 0;
  std::string item_key;
  FindingSeverity severity = FindingSeverity::kMinor;
  std::string text;
  std::string due_on;
  FindingState state = FindingState::kOpen;
  Person owner;    // the case's primary worker
  Person auditor;  // who raised it
  std::string correction_note;
  std::optional<EpochMs> corrected_at;
  std::string verify_note;
  std::optional<EpochMs> closed_at;
  std::optional<std::int64_t> improvement_id;
  bool overdue = false;
  EpochMs created_at = 0;
};

struct AuditCase {
  std::int64_t case_id = 0;
  std::int64_t position = 0;  // in draw order, from 1
  Person worker;
  std::optional<std::int64_t> co_worker_id;
  std::optional<Person> auditor;
  std::string excluded;            // "own_case" when left out
  std::vector<AuditStage> stages;  // the stages the case had reached
  int items_total = 0;             // applicable checklist items (of its stages)
  int items_scored = 0;
  bool done = false;
  std::optional<double> score;
  std::string comment;
  std::vector<ItemScoreInput> scores;  // on one case's page only
};

struct AuditRound {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string title;
  std::string from;
  std::string to;
  PeriodBasis basis = PeriodBasis::kOpened;
  std::optional<AuditStage> stage;
  std::optional<Person> worker;
  int sample_size = 0;
  std::int64_t seed = 0;
  int population = 0;
  RoundState state = RoundState::kOpen;
  std::vector<Person> auditors;
  std::vector<ChecklistItem> checklist;  // as it stood when the round was drawn
  std::vector<AuditCase> cases;
  int cases_done = 0;
  int cases_audited = 0;  // not left out
  Person created_by;
  EpochMs created_at = 0;
  std::optional<EpochMs> finished_at;
  bool full_view = true;  // false: a worker's view, their own cases only
};

struct AuditResults {
  RoundScores scores;
  std::map<std::int64_t, std::string> worker_names;
  std::map<std::string, int> findings_by_severity;
  std::vector<AuditFinding> findings;
};

}  // namespace jieli::quality
