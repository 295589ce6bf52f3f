#include "modules/cases/stage.hpp"

#include <string>

#include <gtest/gtest.h>

#include "core/messages.hpp"

namespace jieli::cases {
namespace {

// Facts for a move whose forms are complete and whose other conditions hold,
// so that only the pair (from, to) decides.
TransitionFacts Ready(Stage from, Stage to) {
  TransitionFacts facts;
  facts.current = from;
  facts.target = to;
  facts.form_complete = true;
  facts.service_records = 1;
  facts.intake_decision = IntakeDecision::kAccept;
  facts.reason = "目标需要调整";
  return facts;
}

TEST(CaseStage, NamesRoundTrip) {
  ASSERT_EQ(StageNames().size(), 6u);
  for (Stage stage : AllStages()) {
    auto parsed = ParseStage(ToString(stage));
    ASSERT_TRUE(parsed.has_value()) << ToString(stage);
    EXPECT_EQ(*parsed, stage);
  }
  EXPECT_EQ(ToString(Stage::kIntake), "intake");
  EXPECT_EQ(ToString(Stage::kClosed), "closed");
  for (const auto& name : RiskLevelNames()) {
    auto level = ParseRiskLevel(name);
    ASSERT_TRUE(level.has_value()) << name;
    EXPECT_EQ(ToString(*level), name);
  }
  EXPECT_EQ(ParseIntakeDecision("refer_out"), IntakeDecision::kReferOut);
  EXPECT_FALSE(ParseStage("Intake").has_value());
  EXPECT_FALSE(ParseRiskLevel("").has_value());
}

TEST(CaseStage, EveryPairOfStages) {
  // Expected outcome for every (from, to) with an accepted intake, complete
  // forms, one service record and a reason: "" = immediate, "approval" = needs
  // approval, "back" = an immediate step back, otherwise the error code.
  const char* const kImmediate = "";
  const char* const kApproval = "approval";
  const char* const kBack = "back";
  const char* const kIllegal = "cases.invalid_transition";
  const char* const kClosedCase = "cases.closed";
  // Rows: from; columns: to, in stage order.
  const char* const expected[6][6] = {
      // intake      assessment  planning  intervention evaluation  closed
      {kIllegal, kImmediate, kIllegal, kIllegal, kIllegal, kIllegal},  // intake
      {kIllegal, kIllegal, kImmediate, kIllegal, kIllegal, kIllegal},  // assessment
      {kIllegal, kIllegal, kIllegal, kApproval, kIllegal, kIllegal},   // planning
      {kIllegal, kIllegal, kBack, kIllegal, kImmediate, kIllegal},     // intervention
      {kIllegal, kIllegal, kBack, kBack, kIllegal, kApproval},         // evaluation
      {kClosedCase, kClosedCase, kClosedCase, kClosedCase, kClosedCase, kClosedCase},  // closed
  };
  const auto& stages = AllStages();
  for (std::size_t i = 0; i < stages.size(); ++i) {
    for (std::size_t j = 0; j < stages.size(); ++j) {
      std::string want = expected[i][j];
      auto plan = PlanTransition(Ready(stages[i], stages[j]));
      std::string label =
          std::string(ToString(stages[i])) + " -> " + std::string(ToString(stages[j]));
      if (want.empty() || want == kApproval || want == kBack) {
        ASSERT_TRUE(plan.ok()) << label << ": " << plan.error().code();
        EXPECT_EQ(plan->from, stages[i]) << label;
        EXPECT_EQ(plan->to, stages[j]) << label;
        EXPECT_EQ(plan->needs_approval, want == kApproval) << label;
        EXPECT_EQ(plan->step_back, want == kBack) << label;
        EXPECT_EQ(IsStepBack(stages[i], stages[j]), want == kBack) << label;
      } else {
        ASSERT_FALSE(plan.ok()) << label;
        EXPECT_EQ(plan.error().code(), want) << label;
        EXPECT_EQ(plan.error().kind(), ErrorKind::kConflict) << label;
      }
    }
  }
}

TEST(CaseStage, InvalidTransitionNamesBothStages) {
  auto plan = PlanTransition(Ready(Stage::kAssessment, Stage::kIntervention));
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().params().at("from"), "assessment");
  EXPECT_EQ(plan.error().params().at("to"), "intervention");
}

TEST(CaseStage, IntakeDecisionChoosesTheWay) {
  struct Case {
    std::optional<IntakeDecision> decision;
    Stage target;
    const char* code;  // "" = allowed, immediately
  };
  const Case cases[] = {
      {IntakeDecision::kAccept, Stage::kAssessment, ""},
      {IntakeDecision::kAccept, Stage::kClosed, "cases.invalid_transition"},
      {IntakeDecision::kDecline, Stage::kClosed, ""},
      {IntakeDecision::kDecline, Stage::kAssessment, "cases.invalid_transition"},
      {IntakeDecision::kReferOut, Stage::kClosed, ""},
      {IntakeDecision::kReferOut, Stage::kAssessment, "cases.invalid_transition"},
      {std::nullopt, Stage::kClosed, "cases.invalid_transition"},
      {std::nullopt, Stage::kPlanning, "cases.invalid_transition"},
  };
  for (const auto& c : cases) {
    TransitionFacts facts = Ready(Stage::kIntake, c.target);
    facts.intake_decision = c.decision;
    auto plan = PlanTransition(facts);
    std::string label = std::string(c.decision ? ToString(*c.decision) : "none") + " -> " +
                        std::string(ToString(c.target));
    if (std::string(c.code).empty()) {
      ASSERT_TRUE(plan.ok()) << label;
      EXPECT_FALSE(plan->needs_approval) << label;
    } else {
      ASSERT_FALSE(plan.ok()) << label;
      EXPECT_EQ(plan.error().code(), c.code) << label;
    }
  }
}

TEST(CaseStage, IncompleteFormListsEveryMissingField) {
  TransitionFacts facts = Ready(Stage::kPlanning, Stage::kIntervention);
  facts.form_complete = false;
  facts.missing_fields = {"goals[0].levels[2].description", "agreement.date"};
  auto plan = PlanTransition(facts);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code(), "cases.stage_incomplete");
  EXPECT_EQ(plan.error().kind(), ErrorKind::kConflict);
  ASSERT_EQ(plan.error().details().size(), 2u);
  EXPECT_EQ(plan.error().details()[0].field, "goals[0].levels[2].description");
  EXPECT_EQ(plan.error().details()[0].code, "required");
  EXPECT_EQ(plan.error().details()[1].field, "agreement.date");
  EXPECT_EQ(plan.error().params().at("stage"), "planning");
  EXPECT_EQ(plan.error().params().at("missing"), "goals[0].levels[2].description, agreement.date");

  // An undecided intake is incomplete rather than illegal.
  TransitionFacts intake = Ready(Stage::kIntake, Stage::kAssessment);
  intake.intake_decision.reset();
  intake.form_complete = false;
  intake.missing_fields = {"decision"};
  auto undecided = PlanTransition(intake);
  ASSERT_FALSE(undecided.ok());
  EXPECT_EQ(undecided.error().code(), "cases.stage_incomplete");
}

TEST(CaseStage, OrderOfRefusals) {
  struct Case {
    const char* name;
    TransitionFacts facts;
    const char* code;
  };
  auto with = [](TransitionFacts f, auto change) {
    change(f);
    return f;
  };
  const Case cases[] = {
      {"pending approval blocks any move",
       with(Ready(Stage::kPlanning, Stage::kIntervention),
            [](TransitionFacts& f) { f.approval_pending = true; }),
       "cases.approval_pending"},
      {"pending approval before an illegal target",
       with(Ready(Stage::kPlanning, Stage::kClosed),
            [](TransitionFacts& f) { f.approval_pending = true; }),
       "cases.approval_pending"},
      {"closed before pending",
       with(Ready(Stage::kClosed, Stage::kIntake),
            [](TransitionFacts& f) { f.approval_pending = true; }),
       "cases.closed"},
      {"illegal before incomplete",
       with(Ready(Stage::kIntake, Stage::kPlanning),
            [](TransitionFacts& f) { f.form_complete = false; }),
       "cases.invalid_transition"},
      {"no service records",
       with(Ready(Stage::kIntervention, Stage::kEvaluation),
            [](TransitionFacts& f) { f.service_records = 0; }),
       "cases.no_service_records"},
      {"incomplete before no service records",
       with(Ready(Stage::kIntervention, Stage::kEvaluation),
            [](TransitionFacts& f) {
              f.service_records = 0;
              f.form_complete = false;
            }),
       "cases.stage_incomplete"},
      {"records only matter in intervention",
       with(Ready(Stage::kAssessment, Stage::kPlanning),
            [](TransitionFacts& f) { f.service_records = 0; }),
       ""},
  };
  for (const auto& c : cases) {
    auto plan = PlanTransition(c.facts);
    if (std::string(c.code).empty()) {
      EXPECT_TRUE(plan.ok()) << c.name;
    } else {
      ASSERT_FALSE(plan.ok()) << c.name;
      EXPECT_EQ(plan.error().code(), c.code) << c.name;
    }
  }
}

TEST(CaseStage, GatingForms) {
  EXPECT_EQ(GatingForms(Stage::kEvaluation, Stage::kClosed),
            (std::vector<Stage>{Stage::kEvaluation, Stage::kClosed}));
  EXPECT_EQ(GatingForms(Stage::kIntake, Stage::kClosed), (std::vector<Stage>{Stage::kIntake}));
  EXPECT_EQ(GatingForms(Stage::kPlanning, Stage::kIntervention),
            (std::vector<Stage>{Stage::kPlanning}));
  EXPECT_TRUE(GatingForms(Stage::kEvaluation, Stage::kPlanning).empty());
}

TEST(CaseStage, AStepBackNeedsAReasonAndNothingElse) {
  // Incomplete forms, no records: a step back is about changing the plan or
  // doing more, so none of the forward conditions apply.
  TransitionFacts facts;
  facts.current = Stage::kEvaluation;
  facts.target = Stage::kPlanning;
  facts.form_complete = false;
  facts.missing_fields = {"reflection"};
  facts.risk_review_blocks = true;
  facts.reason = "目标定得过高，需要重新计划";
  auto plan = PlanTransition(facts);
  ASSERT_TRUE(plan.ok()) << plan.error().code();
  EXPECT_TRUE(plan->step_back);
  EXPECT_FALSE(plan->needs_approval);

  for (const char* blank : {"", "  ", "\t\n"}) {
    facts.reason = blank;
    auto refused = PlanTransition(facts);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), "validation.failed");
    EXPECT_EQ(refused.error().kind(), ErrorKind::kInvalid);
    ASSERT_EQ(refused.error().details().size(), 1u);
    EXPECT_EQ(refused.error().details()[0].field, "reason");
  }
  // Something waiting for the supervisor comes first, as for every move.
  facts.reason = "需要更多次服务";
  facts.approval_pending = true;
  auto waiting = PlanTransition(facts);
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.error().code(), "cases.approval_pending");
}

TEST(CaseStage, AGatingRiskReviewHoldsForwardMovesOnly) {
  TransitionFacts facts = Ready(Stage::kAssessment, Stage::kPlanning);
  facts.risk_review_blocks = true;
  auto held = PlanTransition(facts);
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().code(), "cases.risk_review_pending");
  EXPECT_EQ(held.error().kind(), ErrorKind::kConflict);
  // The form's gaps are reported before the review.
  facts.form_complete = false;
  facts.missing_fields = {"needs"};
  auto incomplete = PlanTransition(facts);
  ASSERT_FALSE(incomplete.ok());
  EXPECT_EQ(incomplete.error().code(), "cases.stage_incomplete");
}

TEST(CasePlan, ARevisionOfTheApprovedPlan) {
  struct Case {
    const char* name;
    PlanRevisionFacts facts;
    const char* want;  // "" = may be sent
  };
  const PlanRevisionFacts ready{Stage::kIntervention, true, false, {}, true};
  auto with = [&](auto change) {
    PlanRevisionFacts facts = ready;
    change(facts);
    return facts;
  };
  const Case cases[] = {
      {"changed plan in intervention", ready, ""},
      {"changed plan in evaluation", with([](auto& f) { f.current = Stage::kEvaluation; }), ""},
      {"closed case", with([](auto& f) { f.current = Stage::kClosed; }), "cases.closed"},
      {"still planning", with([](auto& f) { f.current = Stage::kPlanning; }),
       "cases.plan_not_approved"},
      {"never approved", with([](auto& f) { f.approved_version_exists = false; }),
       "cases.plan_not_approved"},
      {"something waits", with([](auto& f) { f.approval_pending = true; }),
       "cases.approval_pending"},
      {"incomplete", with([](auto& f) { f.missing_fields = {"goals"}; }), "cases.stage_incomplete"},
      {"unchanged", with([](auto& f) { f.changed = false; }), "cases.plan_unchanged"},
  };
  for (const auto& c : cases) {
    Status status = CheckPlanRevision(c.facts);
    if (std::string(c.want).empty()) {
      EXPECT_TRUE(status.ok()) << c.name << ": " << status.error().code();
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code(), c.want) << c.name;
      EXPECT_EQ(status.error().kind(), ErrorKind::kConflict) << c.name;
    }
  }
}

TEST(CaseForm, EveryFormInEveryStage) {
  // Whether the form of each stage (columns) may be saved on a case in each
  // stage (rows) with nothing waiting for approval: "" = editable, otherwise
  // the error code. Earlier forms stay editable; the closure form is written
  // during evaluation.
  const char* const kYes = "";
  const char* const kLater = "cases.stage_not_editable";
  const char* const kClosedCase = "cases.closed";
  const char* const expected[6][6] = {
      // intake  assessment planning intervention evaluation closed
      {kYes, kLater, kLater, kLater, kLater, kLater},  // intake
      {kYes, kYes, kLater, kLater, kLater, kLater},    // assessment
      {kYes, kYes, kYes, kLater, kLater, kLater},      // planning
      {kYes, kYes, kYes, kYes, kLater, kLater},        // intervention
      {kYes, kYes, kYes, kYes, kYes, kYes},            // evaluation
      {kClosedCase, kClosedCase, kClosedCase, kClosedCase, kClosedCase, kClosedCase},  // closed
  };
  for (Stage current : AllStages()) {
    for (Stage form : AllStages()) {
      const std::string want = expected[static_cast<int>(current)][static_cast<int>(form)];
      Status editable = CheckFormEditable(current, std::nullopt, form);
      const std::string label =
          std::string(ToString(current)) + " / " + std::string(ToString(form));
      if (want.empty()) {
        EXPECT_TRUE(editable.ok()) << label << ": " << editable.error().code();
      } else {
        ASSERT_FALSE(editable.ok()) << label;
        EXPECT_EQ(editable.error().code(), want) << label;
        EXPECT_EQ(editable.error().kind(), ErrorKind::kConflict) << label;
      }
    }
  }
}

TEST(CaseForm, AWaitingMoveFreezesTheFormsThatGateIt) {
  struct Case {
    Stage current;
    Stage pending_to;
    Stage form;
    const char* want;  // "" = editable
  };
  const Case cases[] = {
      // A plan waiting for approval: the plan is frozen, earlier forms are not.
      {Stage::kPlanning, Stage::kIntervention, Stage::kPlanning, "cases.approval_pending"},
      {Stage::kPlanning, Stage::kIntervention, Stage::kAssessment, ""},
      {Stage::kPlanning, Stage::kIntervention, Stage::kIntake, ""},
      {Stage::kPlanning, Stage::kIntervention, Stage::kIntervention, "cases.stage_not_editable"},
      // A closure waiting: the evaluation and the closure form are frozen.
      {Stage::kEvaluation, Stage::kClosed, Stage::kEvaluation, "cases.approval_pending"},
      {Stage::kEvaluation, Stage::kClosed, Stage::kClosed, "cases.approval_pending"},
      {Stage::kEvaluation, Stage::kClosed, Stage::kIntervention, ""},
      {Stage::kEvaluation, Stage::kClosed, Stage::kPlanning, ""},
  };
  for (const auto& c : cases) {
    Status editable =
        CheckFormEditable(c.current, PendingApprovalFacts{c.pending_to, false}, c.form);
    const std::string label = std::string(ToString(c.current)) + " → " +
                              std::string(ToString(c.pending_to)) + ", form " +
                              std::string(ToString(c.form));
    if (std::string(c.want).empty()) {
      EXPECT_TRUE(editable.ok()) << label;
    } else {
      ASSERT_FALSE(editable.ok()) << label;
      EXPECT_EQ(editable.error().code(), c.want) << label;
    }
  }
  // A new version of the approved plan waiting: the plan is frozen, nothing else.
  for (Stage form : {Stage::kIntake, Stage::kAssessment, Stage::kIntervention}) {
    EXPECT_TRUE(CheckFormEditable(Stage::kIntervention,
                                  PendingApprovalFacts{Stage::kIntervention, true}, form)
                    .ok())
        << ToString(form);
  }
  Status plan = CheckFormEditable(
      Stage::kIntervention, PendingApprovalFacts{Stage::kIntervention, true}, Stage::kPlanning);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code(), "cases.approval_pending");
  Status later = CheckFormEditable(Stage::kAssessment, std::nullopt, Stage::kPlanning);
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().params().at("stage"), "planning");
}

TEST(CaseReopen, OnlyClosedCasesWithAReason) {
  struct Case {
    Stage current;
    const char* reason;
    std::optional<IntakeDecision> decision;
    const char* code;  // "" = ok
    Stage back_to;
  };
  const Case cases[] = {
      {Stage::kClosed, "服务对象再次求助", IntakeDecision::kAccept, "", Stage::kAssessment},
      {Stage::kClosed, "new need", std::nullopt, "", Stage::kAssessment},
      {Stage::kClosed, "decision revisited", IntakeDecision::kDecline, "", Stage::kIntake},
      {Stage::kClosed, "referral came back", IntakeDecision::kReferOut, "", Stage::kIntake},
      {Stage::kClosed, "", IntakeDecision::kAccept, "validation.failed", Stage::kClosed},
      {Stage::kClosed, "  \t", IntakeDecision::kAccept, "validation.failed", Stage::kClosed},
      {Stage::kEvaluation, "reason", IntakeDecision::kAccept, "cases.not_closed", Stage::kClosed},
      {Stage::kIntake, "reason", std::nullopt, "cases.not_closed", Stage::kClosed},
  };
  for (const auto& c : cases) {
    auto stage = PlanReopen(c.current, c.reason, c.decision);
    std::string label = std::string(ToString(c.current)) + " '" + c.reason + "'";
    if (std::string(c.code).empty()) {
      ASSERT_TRUE(stage.ok()) << label;
      EXPECT_EQ(*stage, c.back_to) << label;
    } else {
      ASSERT_FALSE(stage.ok()) << label;
      EXPECT_EQ(stage.error().code(), c.code) << label;
    }
  }
  auto blank = PlanReopen(Stage::kClosed, " ");
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().kind(), ErrorKind::kInvalid);
  ASSERT_EQ(blank.error().details().size(), 1u);
  EXPECT_EQ(blank.error().details()[0].field, "reason");
  EXPECT_EQ(PlanReopen(Stage::kPlanning, "x").error().kind(), ErrorKind::kConflict);
}

TEST(CaseApproval, NobodyApprovesTheirOwnRequestOrCase) {
  const CaseTeam team{10, 11, 12};
  const CaseTeam solo{20, std::nullopt, std::nullopt};
  const CaseTeam handed_on{30, std::nullopt, 12};  // 10 and 11 have left the team since
  struct Case {
    const char* what;
    std::int64_t approver;
    ApprovalRequest request;
    const CaseTeam* now;
    bool ok;
  };
  const Case cases[] = {
      {"the case's supervisor, asked by the worker", 12, {10, team}, &team, true},
      {"another supervisor", 99, {10, team}, &team, true},
      {"the primary worker", 10, {10, team}, &team, false},
      {"the co-worker, asked by the primary", 11, {10, team}, &team, false},
      {"primary worker, no co-worker", 20, {20, solo}, &solo, false},
      {"no co-worker must not match id 0", 21, {20, solo}, &solo, true},
      {"id 0 and no co-worker", 0, {20, solo}, &solo, true},
      // The one who asked, though never on the team (a supervisor moving it on).
      {"the supervisor who asked", 12, {12, team}, &team, false},
      {"a supervisor off the team who asked", 99, {99, team}, &team, false},
      // On the team when it was asked, gone since.
      {"the primary at the request, transferred away", 10, {10, team}, &handed_on, false},
      {"the co-worker at the request, gone since", 11, {10, team}, &handed_on, false},
      {"joined, asked, left", 40, {40, {40, std::nullopt, 12}}, &team, false},
      // On the team now, though not when it was asked.
      {"the new primary worker", 30, {10, team}, &handed_on, false},
      {"the supervisor of both, asked by another", 12, {10, team}, &handed_on, true},
  };
  for (const auto& c : cases) {
    Status status = CheckApprover(c.approver, c.request, *c.now);
    EXPECT_EQ(status.ok(), c.ok) << c.what;
    if (!status.ok()) {
      EXPECT_EQ(status.error().code(), "cases.self_approval") << c.what;
      EXPECT_EQ(status.error().kind(), ErrorKind::kForbidden) << c.what;
    }
  }
}

TEST(CaseApproval, RejectionKeepsTheStageAndNeedsAComment) {
  auto approved = ApplyApprovalDecision(Stage::kPlanning, Stage::kIntervention, true, "");
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(*approved, Stage::kIntervention);
  auto rejected =
      ApplyApprovalDecision(Stage::kEvaluation, Stage::kClosed, false, "目标二证据不足");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(*rejected, Stage::kEvaluation);
  auto silent = ApplyApprovalDecision(Stage::kPlanning, Stage::kIntervention, false, " ");
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().code(), "validation.failed");
  EXPECT_EQ(silent.error().details().at(0).field, "comment");
}

TEST(CaseTransfer, NewWorkerTakesOver) {
  const CaseTeam team{10, 11, 12};
  auto to_other = PlanTransfer(Stage::kIntervention, team, 30);
  ASSERT_TRUE(to_other.ok());
  EXPECT_EQ(to_other->primary_worker, 30);
  EXPECT_EQ(to_other->co_worker, 11);
  EXPECT_EQ(to_other->supervisor, 12);
  auto to_co = PlanTransfer(Stage::kPlanning, team, 11);
  ASSERT_TRUE(to_co.ok());
  EXPECT_EQ(to_co->primary_worker, 11);
  EXPECT_FALSE(to_co->co_worker.has_value());
  EXPECT_EQ(PlanTransfer(Stage::kPlanning, team, 10).error().code(), "cases.transfer_same_worker");
  EXPECT_EQ(PlanTransfer(Stage::kClosed, team, 30).error().code(), "cases.closed");
}

TEST(CaseTransfer, EveryCaseKeepsASupervisorOffItsTeam) {
  const CaseTeam team{10, 11, 12};
  const CaseTeam unsupervised{10, std::nullopt, std::nullopt};
  struct Case {
    const char* what;
    const CaseTeam* team;
    std::int64_t worker;
    std::optional<std::int64_t> supervisor;
    std::string error;  // "" when allowed
    std::optional<std::int64_t> supervisor_after;
  };
  const Case cases[] = {
      {"to the supervisor alone", &team, 12, std::nullopt, "cases.transfer_to_supervisor", {}},
      {"to the supervisor, naming another", &team, 12, 13, "", 13},
      {"to a colleague, naming a supervisor", &team, 30, 13, "", 13},
      {"to a colleague, the supervisor stays", &team, 30, std::nullopt, "", 12},
      {"naming the new worker as supervisor", &team, 30, 30, "validation.failed", {}},
      {"naming the co-worker as supervisor", &team, 30, 11, "validation.failed", {}},
      {"naming the old primary (off the team now)", &team, 30, 10, "", 10},
      {"a case without one stays without", &unsupervised, 30, std::nullopt, "", std::nullopt},
  };
  for (const auto& c : cases) {
    auto planned = PlanTransfer(Stage::kAssessment, *c.team, c.worker, c.supervisor);
    if (c.error.empty()) {
      ASSERT_TRUE(planned.ok()) << c.what << ": " << planned.error().code();
      EXPECT_EQ(planned->primary_worker, c.worker) << c.what;
      EXPECT_EQ(planned->supervisor, c.supervisor_after) << c.what;
    } else {
      ASSERT_FALSE(planned.ok()) << c.what;
      EXPECT_EQ(planned.error().code(), c.error) << c.what;
      ASSERT_EQ(planned.error().details().size(), 1u) << c.what;
      EXPECT_EQ(planned.error().details()[0].field, "supervisor_id") << c.what;
    }
  }
}

TEST(CaseTransfer, ALeaderChangesTheSupervisor) {
  const CaseTeam team{10, 11, 12};
  auto changed = PlanSupervisorChange(team, 13);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->supervisor, 13);
  EXPECT_EQ(changed->primary_worker, 10);
  EXPECT_EQ(changed->co_worker, 11);
  EXPECT_EQ(PlanSupervisorChange(team, 12).error().code(), "cases.supervisor_unchanged");
  EXPECT_EQ(PlanSupervisorChange(team, 10).error().code(), "validation.failed");
  EXPECT_EQ(PlanSupervisorChange(team, 11).error().code(), "validation.failed");
  auto named = PlanSupervisorChange({10, std::nullopt, std::nullopt}, 12);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->supervisor, 12);
}

TEST(CaseMessages, EveryCodeIsTranslated) {
  const char* const codes[] = {
      "cases.invalid_transition",
      "cases.stage_incomplete",
      "cases.approval_pending",
      "cases.no_service_records",
      "cases.closed",
      "cases.not_closed",
      "cases.self_approval",
      "cases.transfer_same_worker",
      "cases.transfer_to_supervisor",
      "cases.supervisor_unchanged",
      "cases.plan_not_approved",
      "cases.plan_unchanged",
      "cases.goals_fixed_by_plan",
      "cases.risk_review_pending",
      "cases.no_risk_review",
      "cases.risk_review_done",
      "cases.gas_invalid",
      "cases.schema_invalid",
      "validation.failed",
      "field.required",
      "field.wrong_type",
      "field.too_long",
      "field.out_of_range",
      "field.invalid_choice",
      "field.invalid_format",
      "field.unknown",
      "field.not_found",
  };
  for (const char* code : codes) EXPECT_TRUE(HasMessage(code)) << code;
  for (Stage stage : AllStages()) {
    const std::string code = "cases.stage." + std::string(ToString(stage));
    EXPECT_TRUE(HasMessage(code)) << code;
  }
  for (const auto& level : RiskLevelNames())
    EXPECT_TRUE(HasMessage("cases.risk." + level)) << level;
  EXPECT_EQ(Message("cases.stage.assessment", Lang::kZh), "预估");
  EXPECT_EQ(Message("cases.stage.closed", Lang::kEn), "Closed");
}

}  // namespace
}  // namespace jieli::cases
