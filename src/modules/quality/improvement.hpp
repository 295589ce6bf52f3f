// Improvement cycles (持续改进, PDCA): the phases plan → do → check → act →
// closed and what each phase needs before the cycle leaves it. Plain rules
// over the cycle as the caller has it (no SQL, no HTTP, no permissions: the
// service checks those). Pure functions; thread-safe.
//   plan   the problem, its root cause, at least one action with an owner and
//          a due date, and the indicator to watch
//   do     the actions are worked (progress notes); nothing more to leave it
//   check  the indicator before and after, or a note saying what was seen
//   act    what was standardised (a form field, a checklist item, a deadline,
//          a technique, other) and a link or text saying where
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/quality/supervision.hpp"

namespace jieli::quality {

enum class Phase { kPlan, kDo, kCheck, kAct, kClosed };
// Where a cycle came from; ref names the record (a finding's id, a complaint's
// id, "indicator_id:period" for a signal, a survey's id; empty for kFree).
enum class SourceKind { kAuditFinding, kComplaint, kIndicatorSignal, kSurvey, kFree };
enum class StandardKind { kFormField, kChecklistItem, kDeadline, kTechnique, kOther };

std::string_view ToString(Phase phase);  // "plan", "do", "check", "act", "closed"
std::string_view ToString(SourceKind kind);
std::string_view ToString(StandardKind kind);
std::optional<Phase> ParsePhase(std::string_view text);
std::optional<SourceKind> ParseSourceKind(std::string_view text);
std::optional<StandardKind> ParseStandardKind(std::string_view text);
const std::vector<std::string>& PhaseNames();  // in order
const std::vector<std::string>& SourceKindNames();
const std::vector<std::string>& StandardKindNames();

// The phase after phase; none after kClosed.
std::optional<Phase> NextPhase(Phase phase);

// An action of a cycle as far as the rules care.
struct CycleAction {
  std::optional<std::int64_t> owner_id;
  std::string due_on;  // YYYY-MM-DD, may be empty while planning
};

// What a cycle holds that the phases ask for.
struct CycleFacts {
  Phase phase = Phase::kPlan;
  std::string problem;
  std::string root_cause;
  std::string indicator;  // the indicator to watch (its id in the catalogue)
  std::vector<CycleAction> actions;
  std::optional<double> before_value;
  std::optional<double> after_value;
  std::string check_note;
  std::optional<StandardKind> standard_kind;
  std::string standard_ref;  // a link or text saying where it was standardised
};

// What the current phase still lacks before the cycle may leave it, as field
// issues ("problem" required, "actions" required, "actions[1].owner_id"
// required, "before_value"/"check_note" required, …). Empty: it may leave.
std::vector<FieldIssue> MissingToLeave(const CycleFacts& cycle);

// Whether the cycle may move to `to`: only to the next phase
// ("quality.invalid_transition", a conflict, otherwise; a closed cycle moves
// nowhere), and only with what its phase needs (validation.failed with
// MissingToLeave's issues).
Status CheckTransition(const CycleFacts& cycle, Phase to);

// --- the cycle as stored and shown ---

struct ImprovementInput {
  std::int64_t org_id = 0;
  std::string title;
  SourceKind source_kind = SourceKind::kFree;
  std::string source_ref;
  std::string problem;
  std::string root_cause;
  std::string indicator;
  std::optional<std::int64_t> owner_id;  // default: the caller
  std::vector<ActionInput> actions;
};

// The fields sent replace the cycle's; actions are added.
struct ImprovementChange {
  std::optional<std::string> title;
  std::optional<std::string> problem;
  std::optional<std::string> root_cause;
  std::optional<std::string> indicator;
  std::optional<std::optional<double>> before_value;  // a JSON null clears it
  std::optional<std::optional<double>> after_value;
  std::optional<std::string> check_note;
  std::optional<std::optional<StandardKind>> standard_kind;
  std::optional<std::string> standard_ref;
  std::vector<ActionInput> add_actions;
};

struct PhaseChange {
  std::optional<Phase> from;  // none: the cycle was opened
  Phase to = Phase::kPlan;
  Person by;
  EpochMs at = 0;
  std::string note;
};

struct Improvement {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string title;
  Phase phase = Phase::kPlan;
  SourceKind source_kind = SourceKind::kFree;
  std::string source_ref;
  std::string problem;
  std::string root_cause;
  std::string indicator;
  std::optional<double> before_value;
  std::optional<double> after_value;
  std::string check_note;
  std::optional<StandardKind> standard_kind;
  std::string standard_ref;
  Person owner;
  Person created_by;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
  std::int64_t version = 1;
  std::vector<QualityAction> actions;
  std::vector<PhaseChange> history;
  // The phases the cycle may move to now (the next one, when its phase has
  // what it needs), for the board.
  std::vector<Phase> allowed_moves;
};

// The facts the rules need of a stored cycle.
CycleFacts FactsOf(const Improvement& cycle);

// The problems with a cycle's text fields as entered (lengths; title and
// problem required on opening).
std::vector<FieldIssue> CheckImprovementText(const std::string& title, const std::string& problem,
                                             const std::string& root_cause,
                                             const std::string& check_note,
                                             const std::string& standard_ref);

}  // namespace jieli::quality
