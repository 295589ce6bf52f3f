#include "modules/quality/improvement.hpp"

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::quality {
namespace {

constexpr EnumNames<Phase, 5> kPhases = {{{Phase::kPlan, "plan"},
                                          {Phase::kDo, "do"},
                                          {Phase::kCheck, "check"},
                                          {Phase::kAct, "act"},
                                          {Phase::kClosed, "closed"}}};
constexpr EnumNames<SourceKind, 5> kSources = {{{SourceKind::kAuditFinding, "audit_finding"},
                                                {SourceKind::kComplaint, "complaint"},
                                                {SourceKind::kIndicatorSignal, "indicator_signal"},
                                                {SourceKind::kSurvey, "survey"},
                                                {SourceKind::kFree, "free"}}};
constexpr EnumNames<StandardKind, 5> kStandards = {
    {{StandardKind::kFormField, "form_field"},
     {StandardKind::kChecklistItem, "checklist_item"},
     {StandardKind::kDeadline, "deadline"},
     {StandardKind::kTechnique, "technique"},
     {StandardKind::kOther, "other"}}};

}  // namespace

std::string_view ToString(Phase phase) { return EnumName(kPhases, phase); }
std::string_view ToString(SourceKind kind) { return EnumName(kSources, kind); }
std::string_view ToString(StandardKind kind) { return EnumName(kStandards, kind); }
std::optional<Phase> ParsePhase(std::string_view text) { return ParseEnum(kPhases, text); }
std::optional<SourceKind> ParseSourceKind(std::string_view text) {
  return ParseEnum(kSources, text);
}
std::optional<StandardKind> ParseStandardKind(std::string_view text) {
  return ParseEnum(kStandards, text);
}
const std::vector<std::string>& PhaseNames() {
  static const auto kNames = EnumNameList(kPhases);
  return kNames;
}
const std::vector<std::string>& SourceKindNames() {
  static const auto kNames = EnumNameList(kSources);
  return kNames;
}
const std::vector<std::string>& StandardKindNames() {
  static const auto kNames = EnumNameList(kStandards);
  return kNames;
}

std::optional<Phase> NextPhase(Phase phase) {
  switch (phase) {
    case Phase::kPlan:
      return Phase::kDo;
    case Phase::kDo:
      return Phase::kCheck;
    case Phase::kCheck:
      return Phase::kAct;
    case Phase::kAct:
      return Phase::kClosed;
    case Phase::kClosed:
      return std::nullopt;
  }
  return std::nullopt;
}

std::vector<FieldIssue> MissingToLeave(const CycleFacts& cycle) {
  std::vector<FieldIssue> issues;
  auto require = [&issues](bool present, const std::string& field) {
    if (!present) issues.push_back({field, "required", {}});
  };
  switch (cycle.phase) {
    case Phase::kPlan:
      require(!IsBlank(cycle.problem), "problem");
      require(!IsBlank(cycle.root_cause), "root_cause");
      require(!IsBlank(cycle.indicator), "indicator");
      require(!cycle.actions.empty(), "actions");
      for (std::size_t i = 0; i < cycle.actions.size(); ++i) {
        const std::string at = "actions[" + std::to_string(i) + "]";
        require(cycle.actions[i].owner_id.has_value(), at + ".owner_id");
        require(!cycle.actions[i].due_on.empty(), at + ".due_on");
      }
      break;
    case Phase::kDo:
      break;
    case Phase::kCheck:
      if (IsBlank(cycle.check_note)) {
        require(cycle.before_value.has_value(), "before_value");
        require(cycle.after_value.has_value(), "after_value");
      }
      break;
    case Phase::kAct:
      require(cycle.standard_kind.has_value(), "standard_kind");
      require(!IsBlank(cycle.standard_ref), "standard_ref");
      break;
    case Phase::kClosed:
      break;
  }
  return issues;
}

Status CheckTransition(const CycleFacts& cycle, Phase to) {
  auto next = NextPhase(cycle.phase);
  if (!next || *next != to) {
    return ConflictError("quality.invalid_transition")
        .WithParam("from", std::string(ToString(cycle.phase)))
        .WithParam("to", std::string(ToString(to)));
  }
  auto missing = MissingToLeave(cycle);
  if (!missing.empty()) return ValidationFailed(std::move(missing));
  return Ok();
}

CycleFacts FactsOf(const Improvement& cycle) {
  CycleFacts facts;
  facts.phase = cycle.phase;
  facts.problem = cycle.problem;
  facts.root_cause = cycle.root_cause;
  facts.indicator = cycle.indicator;
  for (const auto& action : cycle.actions) {
    facts.actions.push_back(
        {action.owner.id ? std::optional<std::int64_t>(action.owner.id) : std::nullopt,
         action.due_on});
  }
  facts.before_value = cycle.before_value;
  facts.after_value = cycle.after_value;
  facts.check_note = cycle.check_note;
  facts.standard_kind = cycle.standard_kind;
  facts.standard_ref = cycle.standard_ref;
  return facts;
}

std::vector<FieldIssue> CheckImprovementText(const std::string& title, const std::string& problem,
                                             const std::string& root_cause,
                                             const std::string& check_note,
                                             const std::string& standard_ref) {
  std::vector<FieldIssue> issues;
  auto check = [&issues](const std::string& text, const char* field, std::size_t max,
                         bool required) {
    if (required && IsBlank(text)) {
      issues.push_back({field, "required", {}});
    } else if (CodePointCount(text) > max) {
      issues.push_back({field, "too_long", {{"max", std::to_string(max)}}});
    }
  };
  check(title, "title", kMaxTitleChars, true);
  check(problem, "problem", kMaxNotesChars, true);
  check(root_cause, "root_cause", kMaxNotesChars, false);
  check(check_note, "check_note", kMaxNotesChars, false);
  check(standard_ref, "standard_ref", kMaxActionChars, false);
  return issues;
}

}  // namespace jieli::quality
