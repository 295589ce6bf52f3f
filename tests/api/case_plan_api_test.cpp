// The case file as workers keep it, over HTTP on both backends: an approved
// plan changes only as a new version the supervisor approves; steps back from
// evaluation and intervention, which are not reopens; evaluation scores the
// approved plan's goals and weights; the T-score with two decimals; the
// supervisor's review of a high-risk assessment, due in two days, and the
// agency's choice to make it a gate.
#include <cmath>

#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

constexpr EpochMs kDay = 24 * 60 * kMinute;

class CasePlanApiTest : public CaseworkApiTest {
 protected:
  std::string Decision(const TestResponse& asked) {
    json body = asked.Json();
    const json& approval = body.contains("approval") ? body["approval"] : body;
    return "/api/v1/approvals/" + std::to_string(approval["id"].get<std::int64_t>()) + "/decision";
  }

  // A case in intervention with its plan (weights 2 and 1) approved as v1.
  std::int64_t CaseInIntervention(TestClient& worker, TestClient& supervisor,
                                  const std::string& client = "孙桂英") {
    const std::int64_t id = NewCase(worker, client);
    EXPECT_EQ(Save(worker, id, "intake", Intake()).status, 200);
    EXPECT_EQ(MoveTo(worker, id, "assessment").status, 200);
    json assessment = Assessment();
    assessment["risk_level"] = "medium";
    EXPECT_EQ(Save(worker, id, "assessment", assessment).status, 200);
    EXPECT_EQ(MoveTo(worker, id, "planning").status, 200);
    EXPECT_EQ(Save(worker, id, "planning", Plan("2027-02-28")).status, 200);
    TestResponse asked = MoveTo(worker, id, "intervention");
    EXPECT_EQ(asked.status, 202) << asked.body;
    EXPECT_EQ(supervisor.Post(Decision(asked), json{{"decision", "approve"}}.dump()).status, 200);
    EXPECT_EQ(StageOf(worker, id), "intervention");
    return id;
  }

  std::int64_t CaseInEvaluation(TestClient& worker, TestClient& supervisor,
                                const std::string& client = "孙桂英") {
    const std::int64_t id = CaseInIntervention(worker, supervisor, client);
    EXPECT_EQ(worker.Post(CasePath(id, "/services"), Service().dump()).status, 201);
    EXPECT_EQ(MoveTo(worker, id, "evaluation").status, 200);
    return id;
  }

  TestResponse StepBack(TestClient& as, std::int64_t id, const std::string& to,
                        const std::string& reason) {
    return as.Post(CasePath(id, "/transitions"), json{{"to", to}, {"reason", reason}}.dump());
  }

  std::vector<std::string> TimelineKinds(TestClient& as, std::int64_t id) {
    std::vector<std::string> kinds;
    const json timeline = as.Get(CasePath(id, "/timeline?page_size=100")).Json();
    for (const auto& e : timeline["items"]) kinds.push_back(e["kind"]);
    return kinds;
  }
};

TEST_P(CasePlanApiTest, AnApprovedPlanChangesOnlyAsANewVersionTheSupervisorApproves) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = CaseInIntervention(*worker, *supervisor);

  json plan_form = worker->Get(CasePath(id, "/stages/planning")).Json();
  EXPECT_EQ(plan_form["plan"]["approved_version"], 1);
  EXPECT_EQ(plan_form["plan"]["changed"], false);
  EXPECT_TRUE(plan_form["editable"].get<bool>());
  json versions = worker->Get(CasePath(id, "/form-versions")).Json()["items"];
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0]["stage"], "planning");
  EXPECT_EQ(versions[0]["version"], 1);
  EXPECT_EQ(versions[0]["approved_by"]["id"], UserId("supervisor"));

  // Nothing to send while the plan is as approved.
  EXPECT_EQ(Code(worker->Post(CasePath(id, "/plan-revisions"), "")), "cases.plan_unchanged");

  // Saving a change keeps v1 in effect and makes v2 in the making.
  json v2 = Plan("2027-03-31");
  v2["goals"][1]["weight"] = 3;
  TestResponse saved = Save(*worker, id, "planning", v2);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["plan"]["changed"], true);
  EXPECT_EQ(saved.Json()["plan"]["approved_version"], 1);
  EXPECT_EQ(StageOf(*worker, id), "intervention");
  // The evaluation's deadline is still v1's end.
  EXPECT_EQ(worker->Get(CasePath(id)).Json()["due_at"], "2027-02-28T23:59:59+08:00");

  TestResponse asked = worker->Post(CasePath(id, "/plan-revisions"), "");
  ASSERT_EQ(asked.status, 202) << asked.body;
  EXPECT_EQ(asked.Json()["kind"], "plan_revision");
  EXPECT_EQ(asked.Json()["from"], "intervention");
  EXPECT_EQ(asked.Json()["to"], "intervention");
  json waiting = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(waiting["pending_approval"]["kind"], "plan_revision");
  EXPECT_EQ(waiting["stage"], "intervention");
  // The plan the supervisor looks at is frozen; the case waits to move on.
  EXPECT_EQ(Code(Save(*worker, id, "planning", Plan("2027-04-30"))), "cases.approval_pending");
  EXPECT_EQ(Code(worker->Post(CasePath(id, "/plan-revisions"), "")), "cases.approval_pending");
  EXPECT_EQ(worker->Post(CasePath(id, "/services"), Service().dump()).status, 201);
  EXPECT_EQ(Code(MoveTo(*worker, id, "evaluation")), "cases.approval_pending");
  // The supervisor's worklist says what it is.
  bool listed = false;
  const json worklist = supervisor->Get("/api/v1/worklist?page_size=100").Json();
  for (const auto& item : worklist["items"]) {
    if (item["kind"] == "approval" && item["case_id"] == id)
      listed = item["approval_kind"] == "plan_revision";
  }
  EXPECT_TRUE(listed);

  // A rejection keeps v1; the worker changes the plan and sends it again.
  EXPECT_EQ(supervisor->Post(Decision(asked), json{{"decision", "reject"}}.dump()).status, 400);
  ASSERT_EQ(
      supervisor
          ->Post(Decision(asked), json{{"decision", "reject"}, {"comment", "权重依据？"}}.dump())
          .status,
      200);
  EXPECT_EQ(worker->Get(CasePath(id, "/form-versions")).Json()["items"].size(), 1u);
  ASSERT_EQ(Save(*worker, id, "planning", v2).status, 200);
  TestResponse again = worker->Post(CasePath(id, "/plan-revisions"), "");
  ASSERT_EQ(again.status, 202) << again.body;
  ASSERT_EQ(supervisor->Post(Decision(again), json{{"decision", "approve"}}.dump()).status, 200);

  versions = worker->Get(CasePath(id, "/form-versions")).Json()["items"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1]["version"], 2);
  EXPECT_EQ(versions[1]["data"]["goals"][1]["weight"], 3);
  EXPECT_EQ(versions[0]["data"]["goals"][1]["weight"], 1);  // v1 kept as it was
  plan_form = worker->Get(CasePath(id, "/stages/planning")).Json();
  EXPECT_EQ(plan_form["plan"]["approved_version"], 2);
  EXPECT_EQ(plan_form["plan"]["changed"], false);
  json c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["stage"], "intervention");
  EXPECT_EQ(c["pending_approval"], nullptr);
  EXPECT_EQ(c["reopen_count"], 0);
  EXPECT_EQ(c["due_at"], "2027-03-31T23:59:59+08:00");  // v2's end now

  // Evaluation takes v2's weights.
  ASSERT_EQ(MoveTo(*worker, id, "evaluation").status, 200);
  json evaluation = worker->Get(CasePath(id, "/stages/evaluation")).Json();
  ASSERT_EQ(evaluation["data"]["goal_attainment"].size(), 2u);
  EXPECT_EQ(evaluation["data"]["goal_attainment"][0]["weight"], 2);
  EXPECT_EQ(evaluation["data"]["goal_attainment"][1]["weight"], 3);
  EXPECT_EQ(AuditCount("cases.request_plan_revision"), 2);
}

TEST_P(CasePlanApiTest, APlanStillInPlanningIsApprovedByTheMoveNotARevision) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
  ASSERT_EQ(Save(*worker, id, "assessment", Assessment()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "planning").status, 200);
  ASSERT_EQ(Save(*worker, id, "planning", Plan("2027-02-28")).status, 200);
  EXPECT_EQ(Code(worker->Post(CasePath(id, "/plan-revisions"), "")), "cases.plan_not_approved");
  json form = worker->Get(CasePath(id, "/stages/planning")).Json();
  EXPECT_EQ(form["plan"]["approved_version"], nullptr);
}

TEST_P(CasePlanApiTest, StepsBackAreOrdinaryWorkNotReopens) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = CaseInEvaluation(*worker, *supervisor);

  // Back to intervention: more sessions needed. A reason is required.
  TestResponse no_reason = StepBack(*worker, id, "intervention", " ");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(Has(DetailFields(no_reason), "reason"));
  EXPECT_EQ(StageOf(*worker, id), "evaluation");
  TestResponse back = StepBack(*worker, id, "intervention", "还需要几次家访巩固");
  ASSERT_EQ(back.status, 200) << back.body;
  json c = back.Json()["case"];
  EXPECT_EQ(c["stage"], "intervention");
  EXPECT_EQ(c["reopen_count"], 0);
  EXPECT_EQ(c["stage_started_at"]["evaluation"], nullptr);
  json last = worker->Get(CasePath(id, "/timeline")).Json()["items"][0];
  EXPECT_EQ(last["kind"], "stepped_back");
  EXPECT_EQ(last["data"]["from"], "evaluation");
  EXPECT_EQ(last["data"]["reason"], "还需要几次家访巩固");
  ASSERT_EQ(MoveTo(*worker, id, "evaluation").status, 200);

  // Back to planning: the goals were unrealistic. The new plan is approved again.
  clock_.Advance(20 * kDay);
  worker = SignIn("worker");
  supervisor = SignIn("supervisor");
  ASSERT_EQ(StepBack(*worker, id, "planning", "目标定得过高，需要重新计划").status, 200);
  c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["stage"], "planning");
  EXPECT_NE(c["replanned_at"], nullptr);
  EXPECT_EQ(c["overdue"], false);  // the new plan's deadline runs from the step back
  json form = worker->Get(CasePath(id, "/stages/planning")).Json();
  EXPECT_TRUE(form["editable"].get<bool>());
  EXPECT_EQ(form["plan"]["approved_version"], 1);
  json v2 = Plan("2027-04-30");
  v2["goals"][0]["weight"] = 1;
  ASSERT_EQ(Save(*worker, id, "planning", v2).status, 200);
  TestResponse asked = MoveTo(*worker, id, "intervention");
  ASSERT_EQ(asked.status, 202) << asked.body;
  ASSERT_EQ(supervisor->Post(Decision(asked), json{{"decision", "approve"}}.dump()).status, 200);
  EXPECT_EQ(StageOf(*worker, id), "intervention");
  json versions = worker->Get(CasePath(id, "/form-versions")).Json()["items"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1]["version"], 2);

  // From intervention to planning: a new need appeared.
  ASSERT_EQ(StepBack(*worker, id, "planning", "出现新的住房需求").status, 200);
  EXPECT_EQ(StageOf(*worker, id), "planning");
  // Not a step back: intervention from assessment, or planning to assessment.
  EXPECT_EQ(Code(StepBack(*worker, id, "assessment", "重新预估")), "cases.invalid_transition");

  c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["reopen_count"], 0);
  auto kinds = TimelineKinds(*worker, id);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "stepped_back"), 3);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "moved"), 6);  // a step back is not a move too
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "reopened"), 0);
}

TEST_P(CasePlanApiTest, EvaluationScoresTheApprovedGoalsAndWeights) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = CaseInEvaluation(*worker, *supervisor);

  json evaluation = worker->Get(CasePath(id, "/stages/evaluation")).Json();
  json goals = evaluation["data"]["goal_attainment"];
  ASSERT_EQ(goals.size(), 2u);
  EXPECT_EQ(goals[0]["name"], "减少跌倒");
  EXPECT_EQ(goals[0]["weight"], 2);
  EXPECT_EQ(goals[1]["weight"], 1);

  auto scored = [](json g) {
    for (auto& goal : g) goal["attained"] = 1;
    return json{{"goal_attainment", g}, {"reflection", "按计划完成"}};
  };
  json added = goals;
  added.push_back({{"name", "评估时新加的目标"}, {"weight", 1}});
  TestResponse refused = Save(*worker, id, "evaluation", scored(added));
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Code(refused), "cases.goals_fixed_by_plan");
  EXPECT_TRUE(Has(DetailFields(refused), "goal_attainment"));

  json reweighted = goals;
  reweighted[1]["weight"] = 5;
  TestResponse heavier = Save(*worker, id, "evaluation", scored(reweighted));
  EXPECT_EQ(Code(heavier), "cases.goals_fixed_by_plan");
  EXPECT_TRUE(Has(DetailFields(heavier), "goal_attainment[1].weight"));

  json dropped = json::array({goals[0]});
  EXPECT_EQ(Code(Save(*worker, id, "evaluation", scored(dropped))), "cases.goals_fixed_by_plan");
  // Nothing of the refused saves was kept.
  EXPECT_EQ(worker->Get(CasePath(id, "/stages/evaluation")).Json()["saved"], false);

  // Weights 2 and 1, both at +1: T = 50 + 10·3 / sqrt(0.7·5 + 0.3·9) = 62.048289… → 62.05.
  TestResponse saved = Save(*worker, id, "evaluation", scored(goals));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_DOUBLE_EQ(saved.Json()["data"]["gas_t_score"].get<double>(), 62.05);
  // Weights left out come from the plan.
  json bare = goals;
  for (auto& goal : bare) goal.erase("weight");
  saved = Save(*worker, id, "evaluation", scored(bare));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["data"]["goal_attainment"][0]["weight"], 2);
  EXPECT_DOUBLE_EQ(saved.Json()["data"]["gas_t_score"].get<double>(), 62.05);
}

TEST_P(CasePlanApiTest, AHighRiskAssessmentIsReviewedByTheSupervisorWithinTwoDays) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
  json assessment = Assessment();
  assessment["risk_level"] = "medium";
  ASSERT_EQ(Save(*worker, id, "assessment", assessment).status, 200);
  EXPECT_EQ(worker->Get(CasePath(id)).Json()["risk_review"], nullptr);

  assessment["risk_level"] = "high";
  ASSERT_EQ(Save(*worker, id, "assessment", assessment, true).status, 200);
  json c = worker->Get(CasePath(id)).Json();
  ASSERT_NE(c["risk_review"], nullptr);
  EXPECT_EQ(c["risk_review"]["risk"], "high");
  EXPECT_EQ(c["risk_review"]["overdue"], false);
  // Saving it again at high asks nothing more; raising it to critical raises the same review.
  ASSERT_EQ(Save(*worker, id, "assessment", assessment).status, 200);
  assessment["risk_level"] = "critical";
  ASSERT_EQ(Save(*worker, id, "assessment", assessment).status, 200);
  json reviews = worker->Get(CasePath(id, "/risk-reviews")).Json()["items"];
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0]["risk"], "critical");

  // A review, not a gate: the case goes on.
  ASSERT_EQ(MoveTo(*worker, id, "planning").status, 200);

  auto review_item = [&](TestClient& as) {
    const json worklist = as.Get("/api/v1/worklist?page_size=100").Json();
    for (const auto& item : worklist["items"]) {
      if (item["kind"] == "risk_review" && item["case_id"] == id) return item;
    }
    return json();
  };
  json item = review_item(*supervisor);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item["overdue"], false);
  EXPECT_EQ(item["risk"], "critical");
  EXPECT_EQ(review_item(*worker), nullptr);  // the worker does not review their own case

  clock_.Advance(3 * kDay);
  supervisor = SignIn("supervisor");
  worker = SignIn("worker");
  item = review_item(*supervisor);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item["overdue"], true);
  EXPECT_GE(item["days_overdue"].get<int>(), 1);
  EXPECT_EQ(worker->Get(CasePath(id)).Json()["risk_review"]["overdue"], true);

  TestResponse by_worker = worker->Post(CasePath(id, "/risk-review"), json::object().dump());
  EXPECT_EQ(by_worker.status, 403);
  TestResponse done = supervisor->Post(CasePath(id, "/risk-review"),
                                       json{{"comment", "已与社工讨论安全计划"}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["reviewed_by"]["id"], UserId("supervisor"));
  EXPECT_EQ(done.Json()["comment"], "已与社工讨论安全计划");
  EXPECT_EQ(worker->Get(CasePath(id)).Json()["risk_review"], nullptr);
  EXPECT_EQ(review_item(*supervisor), nullptr);
  EXPECT_EQ(Code(supervisor->Post(CasePath(id, "/risk-review"), "{}")), "cases.no_risk_review");
  auto kinds = TimelineKinds(*worker, id);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "risk_review_requested"), 2);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "risk_reviewed"), 1);
  EXPECT_EQ(AuditCount("cases.review_risk"), 1);
}

TEST_P(CasePlanApiTest, AnAgencyMayMakeTheRiskReviewAGate) {
  auto leader = SignIn("leader");
  const std::string policy =
      "/api/v1/orgs/" + std::to_string(OrgId("江城市阳光社会工作服务中心")) + "/case-policy";
  json p = leader->Get(policy).Json();
  EXPECT_EQ(p["risk_review_gate"], false);
  p["risk_review_gate"] = true;
  TestResponse set = leader->Put(policy, p.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["risk_review_gate"], true);

  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
  ASSERT_EQ(Save(*worker, id, "assessment", Assessment()).status, 200);  // high
  TestResponse held = MoveTo(*worker, id, "planning");
  EXPECT_EQ(held.status, 409);
  EXPECT_EQ(Code(held), "cases.risk_review_pending");
  ASSERT_EQ(supervisor->Post(CasePath(id, "/risk-review"), "{}").status, 200);
  EXPECT_EQ(MoveTo(*worker, id, "planning").status, 200);
}

JIELI_INSTANTIATE_API_TEST(CasePlanApiTest);

}  // namespace
}  // namespace jieli::test
