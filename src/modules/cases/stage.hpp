// The six-stage case (个案) and the rules of moving it: the stage machine
// intake → assessment → planning → intervention → evaluation → closed
// (接案 预估 计划 介入 评估 结案), supervisor approval of plans and closures,
// reopening, transfer. Plain rules over facts the caller gathers (no SQL, no
// HTTP, no permissions: the service checks those). All functions are pure and
// thread-safe. Chinese labels of stages and risk levels live in the message
// catalogue ("cases.stage.<name>", "cases.risk.<name>").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jieli::cases {

enum class Stage { kIntake, kAssessment, kPlanning, kIntervention, kEvaluation, kClosed };
enum class RiskLevel { kLow, kMedium, kHigh, kCritical };  // 低 中 高 极高
// The intake form's decision (接案 / 转介 / 不予接案).
enum class IntakeDecision { kAccept, kReferOut, kDecline };

// "intake", "assessment", "planning", "intervention", "evaluation", "closed".
std::string_view ToString(Stage stage);
std::string_view ToString(RiskLevel level);          // "low" … "critical"
std::string_view ToString(IntakeDecision decision);  // "accept", "refer_out", "decline"
std::optional<Stage> ParseStage(std::string_view text);
std::optional<RiskLevel> ParseRiskLevel(std::string_view text);
std::optional<IntakeDecision> ParseIntakeDecision(std::string_view text);
const std::vector<std::string>& StageNames();  // in stage order
const std::vector<std::string>& RiskLevelNames();
// All stages in order, for tables and loops.
const std::vector<Stage>& AllStages();

// The stage after stage in the ordinary flow; none after kClosed.
std::optional<Stage> NextStage(Stage stage);

// Whether from → to is a step back, which is ordinary work, not a reopen:
// evaluation → intervention (more sessions needed), evaluation → planning
// (the goals were unrealistic), intervention → planning (a new need appeared).
bool IsStepBack(Stage from, Stage to);

// The people on a case. Ids are user ids.
struct CaseTeam {
  std::int64_t primary_worker = 0;
  std::optional<std::int64_t> co_worker;
  std::optional<std::int64_t> supervisor;
};

// Whether user_id is the primary worker or the co-worker (the supervisor is
// not on the team: they oversee it).
bool OnTeam(const CaseTeam& team, std::int64_t user_id);

// What the caller knows when someone asks to move a case from current to target.
struct TransitionFacts {
  Stage current = Stage::kIntake;
  Stage target = Stage::kAssessment;
  // Whether the forms that gate the move are complete (see GatingForms), and
  // the JSON paths of what is missing ("needs", "goals[0].levels[2].description").
  bool form_complete = false;
  std::vector<std::string> missing_fields;
  // Whether an earlier move of this case still waits for the supervisor.
  bool approval_pending = false;
  // Service records of the case (介入 needs at least one before evaluation).
  int service_records = 0;
  // The intake form's decision, when one was made.
  std::optional<IntakeDecision> intake_decision;
  // Why the worker steps back (IsStepBack); ignored for forward moves.
  std::string reason;
  // A high-risk assessment waits for the supervisor's review and the agency
  // makes that review a gate (DeadlinePolicy::risk_review_gate).
  bool risk_review_blocks = false;
};

struct TransitionPlan {
  Stage from = Stage::kIntake;
  Stage to = Stage::kAssessment;
  // True: the move creates a pending approval and the case stays in `from`
  // until a supervisor approves. False: the case moves now.
  bool needs_approval = false;
  bool step_back = false;  // IsStepBack(from, to)
};

// Decides whether the move in facts is allowed and how it happens.
// Legal moves: to the next stage; intake → closed when the intake decision
// is refer_out or decline (which in turn rule out intake → assessment); and
// the steps back (IsStepBack), which need a reason and nothing else.
// Planning → intervention and evaluation → closed need approval; every other
// legal move is immediate. Checks, in order:
//   current is closed               → "cases.closed" (reopen with PlanReopen)
//   an approval is pending          → "cases.approval_pending"
//   target not a legal move         → "cases.invalid_transition" (params from, to)
//   a step back without a reason    → "validation.failed" {reason, required} (kInvalid)
//   the gating forms are incomplete → "cases.stage_incomplete" (param stage,
//                                     one FieldIssue {path, "required"} per missing field)
//   intervention without records    → "cases.no_service_records"
//   a gating risk review is open    → "cases.risk_review_pending"
// The other errors are ErrorKind::kConflict.
Result<TransitionPlan> PlanTransition(const TransitionFacts& facts);

// The stages whose forms must be complete for the move from → to: the current
// stage's form, plus the closure form (stage kClosed) when evaluation → closed
// (the worker writes the closure before asking for approval). Intake → closed
// needs only the intake form (its decision and reason are the closure). A step
// back needs none.
std::vector<Stage> GatingForms(Stage from, Stage to);

// What waits for a supervisor on a case: a move (from the case's stage to
// `to`), or a new version of the approved plan (the case stays where it is).
struct PendingApprovalFacts {
  Stage to = Stage::kIntervention;
  bool plan_revision = false;
};

// Whether the form of stage `form` may be saved on a case in stage `current`
// with `pending` waiting for approval (nullopt when nothing waits).
// A stage's own form and those of earlier stages may be edited; the closure
// form only during evaluation (it is written before the closure is asked for).
// An approved plan is edited as its next version (the service keeps the
// approved one and evaluates against it); that is allowed here.
// Errors, in this order: "cases.closed" when the case is closed;
// "cases.approval_pending" when the form is what the supervisor is looking at
// (GatingForms of the waiting move, the plan for a plan revision);
// "cases.stage_not_editable" (param stage) for a later stage. All kConflict.
Status CheckFormEditable(Stage current, std::optional<PendingApprovalFacts> pending, Stage form);

// Whether the plan as the worker now has it may be sent to the supervisor as
// a new version of the approved plan: only once a plan was approved and the
// case is past planning (in planning, the move to intervention is the
// approval), with nothing else waiting, and the plan complete and changed.
// Errors: "cases.closed"; "cases.plan_not_approved" (no approved plan yet, or
// the case is in planning: ask for the move instead); "cases.approval_pending";
// "cases.stage_incomplete" (param stage "planning", the missing fields);
// "cases.plan_unchanged". All kConflict.
struct PlanRevisionFacts {
  Stage current = Stage::kIntervention;
  bool approved_version_exists = false;
  bool approval_pending = false;
  std::vector<std::string> missing_fields;  // of the plan as it is now
  bool changed = false;                     // differs from the approved version
};
Status CheckPlanRevision(const PlanRevisionFacts& facts);

// Reopening a closed case (counted as a reopen by the caller). Returns the stage
// the case goes back to: assessment, because something changed and needs a fresh
// look; or intake when the case was closed at intake (refer_out / decline), since
// then the decision itself is revisited.
// Errors: "cases.not_closed" (kConflict) when current is not closed;
// "validation.failed" (kInvalid) with {reason, required} when reason is blank.
Result<Stage> PlanReopen(Stage current, std::string_view reason,
                         std::optional<IntakeDecision> intake_decision = std::nullopt);

// Who asked for an approval, and the team of the case when they asked.
struct ApprovalRequest {
  std::int64_t requested_by = 0;
  CaseTeam team_at_request;
};

// Nobody approves their own request or their own case: the approver must not
// be the one who asked, nor the primary worker or the co-worker at the time of
// the request, nor on the team now — whatever changed in between (the caller
// has already checked the approve permission).
// Error: "cases.self_approval" (kForbidden).
Status CheckApprover(std::int64_t approver_id, const ApprovalRequest& request,
                     const CaseTeam& team_now);

// The supervisor's decision on a pending move from → to: approving moves the
// case to `to`; rejecting keeps it in `from` and needs a comment (the worker
// must know what to change). Returns the stage the case is in afterwards (a
// plan revision is asked for with from == to: the case stays).
// Error: "validation.failed" with {comment, required} when rejecting without one.
Result<Stage> ApplyApprovalDecision(Stage from, Stage to, bool approve, std::string_view comment);

// Transfer of a case to another primary worker. The new worker takes over; if
// they were the co-worker, the co-worker place becomes empty. The supervisor
// stays, or becomes new_supervisor when one is given: every case keeps a
// supervisor who is not on its team, so a transfer to the case's own
// supervisor needs a new supervisor in the same request.
// Errors: "cases.closed" (reopen first), "cases.transfer_same_worker" (both
// kConflict); "cases.transfer_to_supervisor" (kInvalid, detail
// {supervisor_id, required}) when the new worker is the supervisor and no new
// one is named; "validation.failed" with {supervisor_id, not_eligible} when
// the new supervisor would be on the team.
Result<CaseTeam> PlanTransfer(Stage current, const CaseTeam& team, std::int64_t new_worker,
                              std::optional<std::int64_t> new_supervisor = std::nullopt);

// A new supervisor for the case (a leader's decision). The team stays.
// Errors: "cases.supervisor_unchanged" (kConflict) when they already supervise
// it; "validation.failed" with {supervisor_id, not_eligible} when they are on
// the team.
Result<CaseTeam> PlanSupervisorChange(const CaseTeam& team, std::int64_t new_supervisor);

}  // namespace jieli::cases
