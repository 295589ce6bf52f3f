#include "modules/cases/stage.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::cases {
namespace {

constexpr EnumNames<Stage, 6> kStages = {{
    {Stage::kIntake, "intake"},
    {Stage::kAssessment, "assessment"},
    {Stage::kPlanning, "planning"},
    {Stage::kIntervention, "intervention"},
    {Stage::kEvaluation, "evaluation"},
    {Stage::kClosed, "closed"},
}};

constexpr EnumNames<RiskLevel, 4> kRiskLevels = {{
    {RiskLevel::kLow, "low"},
    {RiskLevel::kMedium, "medium"},
    {RiskLevel::kHigh, "high"},
    {RiskLevel::kCritical, "critical"},
}};

constexpr EnumNames<IntakeDecision, 3> kDecisions = {{
    {IntakeDecision::kAccept, "accept"},
    {IntakeDecision::kReferOut, "refer_out"},
    {IntakeDecision::kDecline, "decline"},
}};

bool ClosesAtIntake(std::optional<IntakeDecision> decision) {
  return decision == IntakeDecision::kReferOut || decision == IntakeDecision::kDecline;
}

Error InvalidTransition(Stage from, Stage to) {
  return ConflictError("cases.invalid_transition")
      .WithParam("from", std::string(ToString(from)))
      .WithParam("to", std::string(ToString(to)));
}

// "cases.stage_incomplete": the form of stage lacks the fields at these paths.
Error IncompleteError(Stage stage, const std::vector<std::string>& missing_fields) {
  Error error = ConflictError("cases.stage_incomplete");
  error.WithParam("stage", std::string(ToString(stage)));
  std::string missing;
  for (const auto& field : missing_fields) {
    error.WithDetail({field, "required"});
    if (!missing.empty()) missing += ", ";
    missing += field;
  }
  error.WithParam("missing", missing);
  return error;
}

}  // namespace

std::string_view ToString(Stage stage) { return EnumName(kStages, stage); }
std::string_view ToString(RiskLevel level) { return EnumName(kRiskLevels, level); }
std::string_view ToString(IntakeDecision decision) { return EnumName(kDecisions, decision); }
std::optional<Stage> ParseStage(std::string_view text) { return ParseEnum(kStages, text); }
std::optional<RiskLevel> ParseRiskLevel(std::string_view text) {
  return ParseEnum(kRiskLevels, text);
}
std::optional<IntakeDecision> ParseIntakeDecision(std::string_view text) {
  return ParseEnum(kDecisions, text);
}

const std::vector<std::string>& StageNames() {
  static const std::vector<std::string> kNames = EnumNameList(kStages);
  return kNames;
}

const std::vector<std::string>& RiskLevelNames() {
  static const std::vector<std::string> kNames = EnumNameList(kRiskLevels);
  return kNames;
}

const std::vector<Stage>& AllStages() {
  static const std::vector<Stage> kAll = {Stage::kIntake,     Stage::kAssessment,
                                          Stage::kPlanning,   Stage::kIntervention,
                                          Stage::kEvaluation, Stage::kClosed};
  return kAll;
}

std::optional<Stage> NextStage(Stage stage) {
  if (stage == Stage::kClosed) return std::nullopt;
  return static_cast<Stage>(static_cast<int>(stage) + 1);
}

bool IsStepBack(Stage from, Stage to) {
  return (from == Stage::kEvaluation && (to == Stage::kIntervention || to == Stage::kPlanning)) ||
         (from == Stage::kIntervention && to == Stage::kPlanning);
}

Result<TransitionPlan> PlanTransition(const TransitionFacts& facts) {
  const Stage from = facts.current;
  const Stage to = facts.target;
  if (from == Stage::kClosed) return ConflictError("cases.closed");
  if (facts.approval_pending) return ConflictError("cases.approval_pending");

  if (IsStepBack(from, to)) {
    if (IsBlank(facts.reason))
      return InvalidError("validation.failed").WithDetail({"reason", "required"});
    return TransitionPlan{from, to, false, true};
  }
  bool legal = false;
  if (from == Stage::kIntake) {
    // A referred-out or declined intake ends the case; an accepted (or not yet
    // decided) one goes on to assessment, where an undecided form is incomplete.
    legal = ClosesAtIntake(facts.intake_decision) ? to == Stage::kClosed : to == Stage::kAssessment;
  } else {
    legal = NextStage(from) == to;
  }
  if (!legal) return InvalidTransition(from, to);

  if (!facts.form_complete) return IncompleteError(from, facts.missing_fields);
  if (from == Stage::kIntervention && facts.service_records < 1) {
    return ConflictError("cases.no_service_records");
  }
  if (facts.risk_review_blocks) return ConflictError("cases.risk_review_pending");
  const bool needs_approval = (from == Stage::kPlanning && to == Stage::kIntervention) ||
                              (from == Stage::kEvaluation && to == Stage::kClosed);
  return TransitionPlan{from, to, needs_approval, false};
}

std::vector<Stage> GatingForms(Stage from, Stage to) {
  if (IsStepBack(from, to)) return {};
  if (from == Stage::kEvaluation && to == Stage::kClosed) {
    return {Stage::kEvaluation, Stage::kClosed};
  }
  return {from};
}

Status CheckFormEditable(Stage current, std::optional<PendingApprovalFacts> pending, Stage form) {
  if (current == Stage::kClosed) return ConflictError("cases.closed");
  if (pending) {
    const std::vector<Stage> locked = pending->plan_revision ? std::vector<Stage>{Stage::kPlanning}
                                                             : GatingForms(current, pending->to);
    for (Stage gating : locked) {
      if (gating == form) return ConflictError("cases.approval_pending");
    }
  }
  const bool allowed = form == Stage::kClosed ? current == Stage::kEvaluation
                                              : static_cast<int>(form) <= static_cast<int>(current);
  if (!allowed)
    return ConflictError("cases.stage_not_editable")
        .WithParam("stage", std::string(ToString(form)));
  return {};
}

Status CheckPlanRevision(const PlanRevisionFacts& facts) {
  if (facts.current == Stage::kClosed) return ConflictError("cases.closed");
  if (!facts.approved_version_exists ||
      static_cast<int>(facts.current) <= static_cast<int>(Stage::kPlanning))
    return ConflictError("cases.plan_not_approved");
  if (facts.approval_pending) return ConflictError("cases.approval_pending");
  if (!facts.missing_fields.empty()) return IncompleteError(Stage::kPlanning, facts.missing_fields);
  if (!facts.changed) return ConflictError("cases.plan_unchanged");
  return Ok();
}

Result<Stage> PlanReopen(Stage current, std::string_view reason,
                         std::optional<IntakeDecision> intake_decision) {
  if (current != Stage::kClosed) return ConflictError("cases.not_closed");
  if (IsBlank(reason)) {
    return InvalidError("validation.failed").WithDetail({"reason", "required"});
  }
  return ClosesAtIntake(intake_decision) ? Stage::kIntake : Stage::kAssessment;
}

bool OnTeam(const CaseTeam& team, std::int64_t user_id) {
  return team.primary_worker == user_id || team.co_worker == user_id;
}

Status CheckApprover(std::int64_t approver_id, const ApprovalRequest& request,
                     const CaseTeam& team_now) {
  if (approver_id == request.requested_by || OnTeam(request.team_at_request, approver_id) ||
      OnTeam(team_now, approver_id)) {
    return ForbiddenError("cases.self_approval");
  }
  return Ok();
}

Result<Stage> ApplyApprovalDecision(Stage from, Stage to, bool approve, std::string_view comment) {
  if (approve) return to;
  if (IsBlank(comment)) {
    return InvalidError("validation.failed").WithDetail({"comment", "required"});
  }
  return from;
}

Result<CaseTeam> PlanTransfer(Stage current, const CaseTeam& team, std::int64_t new_worker,
                              std::optional<std::int64_t> new_supervisor) {
  if (current == Stage::kClosed) return ConflictError("cases.closed");
  if (new_worker == team.primary_worker) return ConflictError("cases.transfer_same_worker");
  CaseTeam next = team;
  next.primary_worker = new_worker;
  if (next.co_worker == new_worker) next.co_worker.reset();
  if (new_supervisor) {
    if (OnTeam(next, *new_supervisor))
      return InvalidError("validation.failed").WithDetail({"supervisor_id", "not_eligible"});
    next.supervisor = new_supervisor;
  } else if (team.supervisor == new_worker) {
    return InvalidError("cases.transfer_to_supervisor").WithDetail({"supervisor_id", "required"});
  }
  return next;
}

Result<CaseTeam> PlanSupervisorChange(const CaseTeam& team, std::int64_t new_supervisor) {
  if (team.supervisor == new_supervisor) return ConflictError("cases.supervisor_unchanged");
  if (OnTeam(team, new_supervisor))
    return InvalidError("validation.failed").WithDetail({"supervisor_id", "not_eligible"});
  CaseTeam next = team;
  next.supervisor = new_supervisor;
  return next;
}

}  // namespace jieli::cases
