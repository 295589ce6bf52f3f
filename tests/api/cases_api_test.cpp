// The six-stage case over HTTP on both backends: every stage transition,
// legal and illegal; supervisor approval (self-approval and wrong role
// refused, rejection with a comment); deadlines per agency and for a crisis;
// service records and case-note privacy; follow-ups, reopening, transfer;
// attachments; filters; and the scope between agencies.
#include <algorithm>

#include "casework_fixture.hpp"
#include "core/local_time.hpp"
#include "modules/cases/case_demo.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

constexpr EpochMs kDay = 24 * 60 * kMinute;

class CasesApiTest : public CaseworkApiTest {};

TEST_P(CasesApiTest, ACaseGoesThroughAllSixStagesWithApprovals) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = NewCase(*worker);
  ASSERT_GT(id, 0);
  EXPECT_EQ(StageOf(*worker, id), "intake");

  // Intake: the form starts from the client record; moving on needs it complete.
  json intake_form = worker->Get(CasePath(id, "/stages/intake")).Json();
  EXPECT_EQ(intake_form["data"]["client_snapshot"]["name"], "孙桂英");
  EXPECT_EQ(intake_form["schema"]["x-stage"], "intake");
  TestResponse premature = MoveTo(*worker, id, "assessment");
  EXPECT_EQ(premature.status, 409);
  EXPECT_EQ(Code(premature), "cases.stage_incomplete");
  EXPECT_TRUE(Has(DetailFields(premature), "presenting_problem"));
  EXPECT_EQ(Save(*worker, id, "intake", {{"source", "walk_in"}}, true).status, 200);
  TestResponse incomplete = Save(*worker, id, "intake", {{"source", "walk_in"}});
  EXPECT_EQ(incomplete.status, 400) << incomplete.body;
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  EXPECT_EQ(Code(MoveTo(*worker, id, "planning")), "cases.invalid_transition");
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);

  // Assessment → planning; the plan's goals are prefilled from the severe needs.
  EXPECT_EQ(Save(*worker, id, "planning", Plan("2027-02-28")).status, 409);  // not begun
  json assessment = worker->Get(CasePath(id, "/stages/assessment")).Json();
  EXPECT_EQ(assessment["data"]["problem_definition"], "独居老人，近期跌倒两次，情绪低落");
  ASSERT_EQ(Save(*worker, id, "assessment", Assessment()).status, 200);
  json c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["risk"], "high");
  ASSERT_EQ(MoveTo(*worker, id, "planning").status, 200);
  json planning = worker->Get(CasePath(id, "/stages/planning")).Json();
  ASSERT_EQ(planning["data"]["goals"].size(), 2u);  // severities 4 and 3, not 1
  ASSERT_EQ(Save(*worker, id, "planning", Plan("2027-02-28")).status, 200);

  // Planning → intervention waits for the supervisor.
  TestResponse asked = MoveTo(*worker, id, "intervention");
  ASSERT_EQ(asked.status, 202) << asked.body;
  const std::int64_t approval = asked.Json()["approval"]["id"].get<std::int64_t>();
  EXPECT_EQ(StageOf(*worker, id), "planning");
  // The case says what waits, who asked and when.
  json pending = worker->Get(CasePath(id, "")).Json()["pending_approval"];
  EXPECT_EQ(pending["id"], approval);
  EXPECT_EQ(pending["to"], "intervention");
  EXPECT_EQ(pending["requested_by"]["name"], worker->Get("/api/v1/me").Json()["display_name"]);
  EXPECT_TRUE(pending["requested_at"].is_string());
  EXPECT_EQ(Code(MoveTo(*worker, id, "intervention")), "cases.approval_pending");
  EXPECT_EQ(Code(Save(*worker, id, "planning", Plan("2027-03-31"))), "cases.approval_pending");
  const std::string decide = "/api/v1/approvals/" + std::to_string(approval) + "/decision";
  // A worker may not approve (wrong role); a rejection needs a comment.
  TestResponse by_worker = worker->Post(decide, json{{"decision", "approve"}}.dump());
  EXPECT_EQ(by_worker.status, 403);
  EXPECT_EQ(supervisor->Post(decide, json{{"decision", "reject"}}.dump()).status, 400);
  // The supervisor sees it waiting, rejects it once with a comment.
  json waiting = supervisor->Get("/api/v1/approvals?mine=true").Json();
  ASSERT_EQ(waiting["total"], 1);
  TestResponse rejected =
      supervisor->Post(decide, json{{"decision", "reject"}, {"comment", "目标二需更具体"}}.dump());
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.Json()["status"], "rejected");
  EXPECT_EQ(StageOf(*worker, id), "planning");
  EXPECT_EQ(supervisor->Post(decide, json{{"decision", "approve"}}.dump()).status, 409);
  json timeline = worker->Get(CasePath(id, "/timeline")).Json();
  EXPECT_EQ(timeline["items"][0]["kind"], "rejected");
  EXPECT_EQ(timeline["items"][0]["data"]["comment"], "目标二需更具体");
  // Fixed and asked again; approved this time.
  ASSERT_EQ(Save(*worker, id, "planning", Plan("2027-02-28")).status, 200);
  TestResponse again = MoveTo(*worker, id, "intervention");
  ASSERT_EQ(again.status, 202);
  const std::string decide2 = "/api/v1/approvals/" +
                              std::to_string(again.Json()["approval"]["id"].get<std::int64_t>()) +
                              "/decision";
  ASSERT_EQ(
      supervisor->Post(decide2, json{{"decision", "approve"}, {"comment", "同意"}}.dump()).status,
      200);
  EXPECT_EQ(StageOf(*worker, id), "intervention");

  // Intervention needs a service record before evaluation.
  EXPECT_EQ(Code(MoveTo(*worker, id, "evaluation")), "cases.no_service_records");
  TestResponse service = worker->Post(CasePath(id, "/services"), Service().dump());
  ASSERT_EQ(service.status, 201) << service.body;
  json services = worker->Get(CasePath(id, "/services")).Json();
  ASSERT_EQ(services["total"], 1);
  EXPECT_EQ(services["items"][0]["progress_note"], "案主情绪较上周平稳");
  ASSERT_EQ(MoveTo(*worker, id, "evaluation").status, 200);

  // Evaluation: goals prefilled from the plan; the T-score is computed.
  json evaluation = worker->Get(CasePath(id, "/stages/evaluation")).Json();
  ASSERT_EQ(evaluation["data"]["goal_attainment"].size(), 2u);
  json attained = {{"goal_attainment",
                    {{{"name", "减少跌倒"}, {"weight", 2}, {"attained", 1}},
                     {{"name", "增加社会交往"}, {"weight", 1}, {"attained", 0}}}},
                   {"gas_t_score", 99},
                   {"reflection", "家访频率合适"}};
  TestResponse scored = Save(*worker, id, "evaluation", attained);
  ASSERT_EQ(scored.status, 200) << scored.body;
  // T = 50 + 10·2 / sqrt(0.7·5 + 0.3·9) = 58.032193…, stored with two decimals.
  EXPECT_DOUBLE_EQ(scored.Json()["data"]["gas_t_score"].get<double>(), 58.03);

  // Closure: the closure form gates evaluation → closed, which needs approval.
  TestResponse no_closure = MoveTo(*worker, id, "closed");
  EXPECT_EQ(Code(no_closure), "cases.stage_incomplete");
  EXPECT_TRUE(Has(DetailFields(no_closure), "closed.reason"));
  ASSERT_EQ(
      Save(*worker, id, "closed", {{"reason", "goals_met"}, {"summary", "目标基本达成"}}).status,
      200);
  TestResponse closing = MoveTo(*worker, id, "closed");
  ASSERT_EQ(closing.status, 202);
  const std::string decide3 = "/api/v1/approvals/" +
                              std::to_string(closing.Json()["approval"]["id"].get<std::int64_t>()) +
                              "/decision";
  ASSERT_EQ(supervisor->Post(decide3, json{{"decision", "approve"}}.dump()).status, 200);
  json closed = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(closed["stage"], "closed");
  EXPECT_EQ(closed["closure_reason"], "goals_met");
  EXPECT_EQ(Code(MoveTo(*worker, id, "intake")), "cases.closed");
  EXPECT_EQ(Code(worker->Post(CasePath(id, "/services"), Service().dump())), "cases.closed");

  // Follow-ups one, three and six months on; due ones reach the worklist.
  json followups = worker->Get(CasePath(id, "/followups")).Json();
  ASSERT_EQ(followups["items"].size(), 3u);
  EXPECT_EQ(followups["items"][0]["due_on"], "2026-12-25");
  EXPECT_EQ(followups["items"][1]["due_on"], "2027-02-25");
  EXPECT_EQ(followups["items"][2]["due_on"], "2027-05-25");
  clock_.Advance(30 * kDay);
  worker = SignIn("worker");  // the session has long timed out
  json worklist = worker->Get("/api/v1/worklist").Json();
  bool followup_listed = false;
  for (const auto& item : worklist["items"]) {
    if (item["kind"] == "followup" && item["case_id"] == id) followup_listed = true;
  }
  EXPECT_TRUE(followup_listed);
  const std::string complete = "/api/v1/followups/" +
                               std::to_string(followups["items"][0]["id"].get<std::int64_t>()) +
                               "/complete";
  ASSERT_EQ(
      worker
          ->Post(complete,
                 json{{"note", "电话回访，情况稳定"}, {"situation", "same"}, {"channel", "phone"}}
                     .dump())
          .status,
      200);
  EXPECT_EQ(worker
                ->Post(complete,
                       json{{"note", "再次"}, {"situation", "same"}, {"channel", "phone"}}.dump())
                .status,
            409);

  // Reopening needs a reason, counts, goes back to assessment and cancels follow-ups.
  EXPECT_EQ(worker->Post(CasePath(id, "/reopen"), json{{"reason", ""}}.dump()).status, 400);
  TestResponse reopened =
      worker->Post(CasePath(id, "/reopen"), json{{"reason", "再次跌倒，需继续服务"}}.dump());
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.Json()["stage"], "assessment");
  EXPECT_EQ(reopened.Json()["reopen_count"], 1);
  json after = worker->Get(CasePath(id, "/followups")).Json();
  EXPECT_EQ(after["items"].size(), 1u);  // the done one stays; the due ones are cancelled

  EXPECT_EQ(AuditCount("cases.move"), 5);  // the five moves from intake to closed
  EXPECT_EQ(AuditCount("cases.approve"), 2);
  EXPECT_EQ(AuditCount("cases.reject"), 1);
}

TEST_P(CasesApiTest, IntakeMayCloseAReferralOrDeclineAtOnce) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  json refer = Intake();
  refer["decision"] = "refer_out";
  refer["refer_out_to"] = "江城市精神卫生中心";
  ASSERT_EQ(Save(*worker, id, "intake", refer).status, 200);
  EXPECT_EQ(Code(MoveTo(*worker, id, "assessment")), "cases.invalid_transition");
  TestResponse closed = MoveTo(*worker, id, "closed");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json()["case"]["closure_reason"], "refer_out");
  EXPECT_EQ(worker->Get(CasePath(id, "/followups")).Json()["items"].size(), 0u);
  // Reopened, a case closed at intake goes back to intake.
  TestResponse reopened =
      worker->Post(CasePath(id, "/reopen"), json{{"reason", "转介未成功"}}.dump());
  EXPECT_EQ(reopened.Json()["stage"], "intake");
}

TEST_P(CasesApiTest, NobodyApprovesTheirOwnCase) {
  // The supervisor opens a case as its primary worker, then tries to approve it.
  auto supervisor = SignIn("supervisor");
  std::int64_t client_id = NewClient(*supervisor, "钱秀英");
  TestResponse opened = supervisor->Post(
      "/api/v1/cases", json{{"client_id", client_id}, {"org_id", Casework()}}.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::int64_t id = opened.Json()["id"].get<std::int64_t>();
  ASSERT_EQ(Save(*supervisor, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*supervisor, id, "assessment").status, 200);
  ASSERT_EQ(Save(*supervisor, id, "assessment", Assessment()).status, 200);
  ASSERT_EQ(MoveTo(*supervisor, id, "planning").status, 200);
  ASSERT_EQ(Save(*supervisor, id, "planning", Plan("2027-01-31")).status, 200);
  TestResponse asked = MoveTo(*supervisor, id, "intervention");
  ASSERT_EQ(asked.status, 202);
  const std::string decide = "/api/v1/approvals/" +
                             std::to_string(asked.Json()["approval"]["id"].get<std::int64_t>()) +
                             "/decision";
  TestResponse self = supervisor->Post(decide, json{{"decision", "approve"}}.dump());
  EXPECT_EQ(self.status, 403);
  EXPECT_EQ(Code(self), "cases.self_approval");
  // The agency's leader may.
  auto leader = SignIn("leader");
  EXPECT_EQ(leader->Post(decide, json{{"decision", "approve"}}.dump()).status, 200);
}

TEST_P(CasesApiTest, DeadlinesFollowTheAgencyAndTheCrisisClock) {
  auto worker = SignIn("worker");
  // Default: assessment within 7 local days of intake (opened 2026-11-25 09:00).
  const std::int64_t id = NewCase(*worker);
  json c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["due_at"], "2026-12-02T23:59:59+08:00");
  // A crisis: first contact within 24 hours, cleared by a service record.
  ASSERT_EQ(Save(*worker, id, "intake", Intake("crisis")).status, 200);
  c = worker->Get(CasePath(id)).Json();
  EXPECT_TRUE(c["crisis"].get<bool>());
  EXPECT_EQ(c["due_at"], "2026-11-26T09:00:00+08:00");
  ASSERT_EQ(worker->Post(CasePath(id, "/services"), Service().dump()).status, 201);
  c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["due_at"], "2026-12-02T23:59:59+08:00");

  // The agency's leader shortens assessment to 3 days; a worker may not, even
  // for their own department.
  const std::string policy =
      "/api/v1/orgs/" + std::to_string(OrgId("江城市阳光社会工作服务中心")) + "/case-policy";
  const std::string own_policy = "/api/v1/orgs/" + std::to_string(Casework()) + "/case-policy";
  json shorter = {{"assessment_days", 3},
                  {"planning_days", 10},
                  {"closure_days", 14},
                  {"crisis_first_contact_hours", 12}};
  EXPECT_EQ(worker->Put(own_policy, shorter.dump()).status, 403);
  auto leader = SignIn("leader");
  json out_of_range = shorter;
  out_of_range["assessment_days"] = 0;
  TestResponse bad = leader->Put(policy, out_of_range.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(DetailFields(bad), "assessment_days"));
  ASSERT_EQ(leader->Put(policy, shorter.dump()).status, 200);
  // The department below the agency inherits it.
  json inherited =
      worker->Get("/api/v1/orgs/" + std::to_string(Casework()) + "/case-policy").Json();
  EXPECT_EQ(inherited["assessment_days"], 3);
  const std::int64_t second = NewCase(*worker, "吴春梅");
  EXPECT_EQ(worker->Get(CasePath(second)).Json()["due_at"], "2026-11-28T23:59:59+08:00");

  // Across a month end, and overdue once the day has passed.
  clock_.Advance(6 * kDay);  // 2026-12-01
  worker = SignIn("worker");
  json overdue =
      worker->Get("/api/v1/cases?overdue=true&worker_id=" + std::to_string(UserId("worker")))
          .Json();
  bool listed = false;
  for (const auto& item : overdue["items"]) {
    if (item["id"] == second) {
      listed = true;
      EXPECT_EQ(item["days_overdue"], 3);
    }
  }
  EXPECT_TRUE(listed);
  json worklist = worker->Get("/api/v1/worklist").Json();
  ASSERT_GT(worklist["items"].size(), 0u);
  EXPECT_TRUE(worklist["items"][0]["overdue"].get<bool>());
}

TEST_P(CasesApiTest, CaseNotesAreForTheTeamSupervisorsAndLeaders) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(worker->Post(CasePath(id, "/services"), Service().dump()).status, 201);
  // A colleague in the same department reads the case but not the notes, and
  // cannot change it.
  auto colleague = SignInNewUser("worker_c", "worker", Casework());
  json seen = colleague->Get(CasePath(id, "/services")).Json();
  ASSERT_EQ(seen["total"], 1);
  EXPECT_TRUE(seen["items"][0]["progress_note"].is_null());
  EXPECT_TRUE(seen["items"][0]["note_hidden"].get<bool>());
  TestResponse write = colleague->Post(CasePath(id, "/services"), Service().dump());
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(Code(write), "cases.not_on_team");
  // The supervisor and the leader read them.
  for (const char* user : {"supervisor", "leader"}) {
    json read = SignIn(user)->Get(CasePath(id, "/services")).Json();
    EXPECT_EQ(read["items"][0]["progress_note"], "案主情绪较上周平稳") << user;
  }
}

TEST_P(CasesApiTest, AnotherAgencyCannotSeeTheCase) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker, "郑淑芬");
  auto other = SignIn("worker_b");
  for (const std::string& path :
       {CasePath(id), CasePath(id, "/stages/intake"), CasePath(id, "/services"),
        CasePath(id, "/timeline"), CasePath(id, "/attachments")}) {
    TestResponse response = other->Get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(Code(response), "cases.not_found") << path;
  }
  EXPECT_EQ(other->Post(CasePath(id, "/services"), Service().dump()).status, 404);
  EXPECT_EQ(MoveTo(*other, id, "assessment").status, 404);
  json list = other->Get("/api/v1/cases?page_size=100&q=郑淑芬").Json();
  EXPECT_EQ(list["total"], 0);
  json all = other->Get("/api/v1/cases?page_size=100").Json();
  for (const auto& item : all["items"]) EXPECT_NE(item["org_id"], Casework());
  // The bureau sees aggregates elsewhere, never case records.
  EXPECT_EQ(SignIn("bureau")->Get(CasePath(id)).status, 403);
}

TEST_P(CasesApiTest, ListsFilterSortAndSearchInChinese) {
  auto worker = SignIn("worker");
  const std::int64_t first = NewCase(*worker, "欧阳秀珍");
  const std::int64_t second = NewCase(*worker, "司马桂兰");
  ASSERT_EQ(Save(*worker, first, "intake", Intake()).status, 200);
  const std::string mine = "&worker_id=" + std::to_string(UserId("worker"));

  json by_name = worker->Get("/api/v1/cases?q=秀珍" + mine).Json();
  ASSERT_EQ(by_name["total"], 1);
  EXPECT_EQ(by_name["items"][0]["id"], first);
  json by_problem = worker->Get("/api/v1/cases?q=跌倒" + mine).Json();
  ASSERT_GE(by_problem["total"].get<int>(), 1);
  // Three characters and more go through the trigram indexes.
  json by_long_name = worker->Get("/api/v1/cases?q=欧阳秀" + mine).Json();
  ASSERT_EQ(by_long_name["total"], 1);
  EXPECT_EQ(by_long_name["items"][0]["id"], first);
  json by_phrase = worker->Get("/api/v1/cases?q=跌倒两次" + mine).Json();
  ASSERT_EQ(by_phrase["total"], 1);
  EXPECT_EQ(by_phrase["items"][0]["id"], first);
  EXPECT_EQ(worker->Get("/api/v1/cases?q=%22%25_%5C" + mine).Json()["total"], 0);
  // A renamed client is found by the new name only.
  const std::int64_t client_id = by_phrase["items"][0]["client_id"].get<std::int64_t>();
  ASSERT_EQ(
      worker
          ->Patch("/api/v1/clients/" + std::to_string(client_id), json{{"name", "欧阳丽华"}}.dump())
          .status,
      200);
  EXPECT_EQ(worker->Get("/api/v1/cases?q=欧阳秀" + mine).Json()["total"], 0);
  EXPECT_EQ(worker->Get("/api/v1/cases?q=欧阳丽华" + mine).Json()["total"], 1);
  json by_stage =
      worker->Get("/api/v1/cases?stage=intake&category=elderly&page_size=100" + mine).Json();
  bool has_second = false;
  for (const auto& item : by_stage["items"]) has_second |= item["id"] == second;
  EXPECT_TRUE(has_second);
  json sorted = worker->Get("/api/v1/cases?sort=-opened_at&page_size=2" + mine).Json();
  EXPECT_EQ(sorted["items"][0]["id"], second);
  const std::int64_t client_of_first = worker->Get(CasePath(first)).Json()["client_id"];
  json of_client = worker->Get("/api/v1/cases?client_id=" + std::to_string(client_of_first)).Json();
  ASSERT_EQ(of_client["total"], 1);
  EXPECT_EQ(of_client["items"][0]["id"], first);
  EXPECT_EQ(worker->Get("/api/v1/cases?sort=bogus").status, 400);
  EXPECT_EQ(worker->Get("/api/v1/cases?stage=bogus").status, 400);
  EXPECT_EQ(worker->Get("/api/v1/cases?opened_from=2026-13-01").status, 400);
  json opened_today =
      worker->Get("/api/v1/cases?opened_from=2026-11-25&opened_to=2026-11-25&page_size=100" + mine)
          .Json();
  EXPECT_GE(opened_today["total"].get<int>(), 2);
  json none = worker->Get("/api/v1/cases?opened_to=2020-01-01" + mine).Json();
  EXPECT_EQ(none["total"], 0);
}

TEST_P(CasesApiTest, BadInputIsRefusedAndChangesNothing) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  const std::int64_t events = Count("case_events");
  const std::int64_t services = Count("case_services");
  const std::int64_t cases = Count("cases");
  EXPECT_EQ(worker->Get(CasePath(id, "/stages/bogus")).status, 404);
  EXPECT_EQ(worker->Get("/api/v1/cases/abc").status, 404);
  TestResponse unknown = Save(*worker, id, "intake", {{"no_such_field", 1}}, true);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(Has(DetailFields(unknown), "no_such_field"));
  TestResponse wrong = Save(*worker, id, "intake", {{"urgency", "very"}}, true);
  EXPECT_TRUE(Has(DetailFields(wrong), "urgency"));
  EXPECT_EQ(worker->Put(CasePath(id, "/stages/intake"), "{\"data\": 5}").status, 400);
  EXPECT_EQ(MoveTo(*worker, id, "nowhere").status, 400);
  json future = Service("2026-11-26");
  TestResponse in_future = worker->Post(CasePath(id, "/services"), future.dump());
  EXPECT_TRUE(Has(DetailFields(in_future), "date"));
  json zero = Service();
  zero["minutes"] = 0;
  EXPECT_EQ(worker->Post(CasePath(id, "/services"), zero.dump()).status, 400);
  EXPECT_EQ(worker->Post("/api/v1/cases", json{{"client_id", 999999}}.dump()).status, 400);
  EXPECT_EQ(Count("case_events"), events);
  EXPECT_EQ(Count("case_services"), services);
  EXPECT_EQ(Count("cases"), cases);
  // A second open case for the same client here is refused, naming the first.
  json c = worker->Get(CasePath(id)).Json();
  TestResponse twice = worker->Post("/api/v1/cases", json{{"client_id", c["client_id"]}}.dump());
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Code(twice), "cases.client_has_open_case");
}

TEST_P(CasesApiTest, ADraftMayLeaveAChoiceEmptyWithNull) {
  // null is "not filled in", which a draft allows; the risk level and the
  // plan's end date were then read as text and the save answered 500.
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
  json assessment = Assessment();
  assessment["risk_level"] = nullptr;
  TestResponse saved = Save(*worker, id, "assessment", assessment, true);
  EXPECT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(worker->Get(CasePath(id)).Json()["risk"], "low");  // unchanged
  ASSERT_EQ(Save(*worker, id, "assessment", Assessment()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "planning").status, 200);
  json plan = Plan("2027-02-28");
  plan["schedule"]["end_date"] = nullptr;
  saved = Save(*worker, id, "planning", plan, true);
  EXPECT_EQ(saved.status, 200) << saved.body;
  plan["urgency"] = nullptr;  // not a planning field: refused, not a failure
  EXPECT_EQ(Save(*worker, id, "planning", plan, true).status, 400);
}

TEST_P(CasesApiTest, TransferHandsTheCaseToAColleague) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  auto colleague = SignInNewUser("worker_d", "worker", Casework());
  const std::int64_t to = UserId("worker_d");
  EXPECT_EQ(worker->Post(CasePath(id, "/transfer"), json{{"worker_id", UserId("worker_b")}}.dump())
                .status,
            400);  // another agency's worker
  TestResponse moved = worker->Post(CasePath(id, "/transfer"),
                                    json{{"worker_id", to}, {"reason", "工作量调整"}}.dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json()["primary_worker"]["id"], to);
  EXPECT_EQ(colleague->Post(CasePath(id, "/services"), Service().dump()).status, 201);
  EXPECT_EQ(worker->Post(CasePath(id, "/services"), Service().dump()).status, 403);
  json timeline = colleague->Get(CasePath(id, "/timeline")).Json();
  bool transferred = false;
  for (const auto& e : timeline["items"]) transferred |= e["kind"] == "transferred";
  EXPECT_TRUE(transferred);
}

TEST_P(CasesApiTest, AttachmentsAreCheckedByContentAndDownloadsAudited) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  const std::string upload = CasePath(id, "/attachments?name=%E5%90%8C%E6%84%8F%E4%B9%A6.pdf");
  TestResponse added = worker->Post(upload, pdf, {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.Json()["content_type"], "application/pdf");
  EXPECT_EQ(added.Json()["file_name"], "同意书.pdf");
  // Same bytes again: stored once.
  ASSERT_EQ(worker->Post(upload, pdf, {{"Content-Type", "application/octet-stream"}}).status, 201);
  EXPECT_EQ(Count("attachment_blobs"), 1);
  // An executable named .pdf is refused.
  const std::string executable("MZ\x90\x00 binary", 11);  // the NUL is part of it
  TestResponse exe = worker->Post(CasePath(id, "/attachments?name=a.pdf"), executable,
                                  {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(exe.status, 400);
  EXPECT_EQ(Code(exe), "cases.attachment_type");

  const std::string download =
      "/api/v1/attachments/" + std::to_string(added.Json()["id"].get<std::int64_t>());
  const std::int64_t before = AuditCount("cases.attachment_download");
  TestResponse file = worker->Get(download);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, pdf);
  EXPECT_EQ(AuditCount("cases.attachment_download"), before + 1);
  EXPECT_EQ(SignIn("worker_b")->Get(download).status, 404);
  EXPECT_EQ(SignInNewUser("worker_e", "worker", Casework())->Get(download).status, 403);
}

TEST_P(CasesApiTest, AnAgencyAddsItsOwnFieldsToAStageForm) {
  auto leader = SignIn("leader");
  const std::string fields_path =
      "/api/v1/orgs/" + std::to_string(OrgId("江城市阳光社会工作服务中心")) + "/case-forms/intake";
  json fields = {{"properties",
                  {{"housing_type",
                    {{"type", "string"},
                     {"title", "住房类型"},
                     {"enum", {"own", "rent", "other"}},
                     {"x-enum-labels", {"自有", "租住", "其他"}}}}}},
                 {"required", {"housing_type"}}};
  EXPECT_EQ(
      SignIn("worker")
          ->Put("/api/v1/orgs/" + std::to_string(Casework()) + "/case-forms/intake", fields.dump())
          .status,
      403);
  json bad = {{"properties", {{"Bad Name", {{"type", "string"}, {"title", "x"}}}}}};
  EXPECT_EQ(leader->Put(fields_path, bad.dump()).status, 400);
  ASSERT_EQ(leader->Put(fields_path, fields.dump()).status, 200);
  // The agency's own order is kept (JSON objects have none of their own).
  json ordered = {{"properties",
                   {{"zone", {{"type", "string"}, {"title", "片区"}}},
                    {"housing_type", fields["properties"]["housing_type"]}}},
                  {"required", {"housing_type"}},
                  {"x-order", {"zone", "housing_type"}}};
  TestResponse kept = leader->Put(fields_path, ordered.dump());
  ASSERT_EQ(kept.status, 200) << kept.body;
  json order = kept.Json()["schema"]["x-order"];
  ASSERT_GE(order.size(), 2u);
  EXPECT_EQ(order[order.size() - 2], "zone");
  EXPECT_EQ(order[order.size() - 1], "housing_type");
  EXPECT_EQ(kept.Json()["fields"]["x-order"], ordered["x-order"]);

  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  json form = worker->Get(CasePath(id, "/stages/intake")).Json();
  EXPECT_TRUE(form["schema"]["properties"].contains("housing_type"));
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 400);  // housing_type required
  json with_field = Intake();
  with_field["housing_type"] = "rent";
  ASSERT_EQ(Save(*worker, id, "intake", with_field).status, 200);
  EXPECT_EQ(MoveTo(*worker, id, "assessment").status, 200);
}

TEST_P(CasesApiTest, TheDemoCasesCoverEveryStageAndTheirWorklists) {
  // 80 rather than the demo's 200 keeps the test quick; the mix is the same.
  ASSERT_TRUE(cases::SeedDemoCases(app_->services(), 80).ok());
  EXPECT_EQ(Count("cases"), 80);
  auto leader = SignIn("leader");
  for (const char* stage :
       {"intake", "assessment", "planning", "intervention", "evaluation", "closed"}) {
    json page = leader->Get(std::string("/api/v1/cases?stage=") + stage).Json();
    EXPECT_GT(page["total"].get<int>(), 0) << stage;
  }
  EXPECT_GT(leader->Get("/api/v1/cases?overdue=true").Json()["total"].get<int>(), 0);
  EXPECT_GT(SignIn("supervisor")->Get("/api/v1/approvals?mine=true").Json()["total"].get<int>(), 0);
  auto worker = SignIn("worker");
  json worklist = worker->Get("/api/v1/worklist?page_size=100").Json();
  EXPECT_GT(worklist["overdue"].get<int>(), 0);
  // The worklist pages: a page of two holds the oldest two, the totals count all.
  const auto total = worklist["total"].get<std::size_t>();
  ASSERT_GT(total, 2u);
  ASSERT_EQ(worklist["items"].size(), std::min<std::size_t>(total, 100));
  json first_two = worker->Get("/api/v1/worklist?page=1&page_size=2").Json();
  ASSERT_EQ(first_two["items"].size(), 2u);
  EXPECT_EQ(first_two["total"], worklist["total"]);
  EXPECT_EQ(first_two["overdue"], worklist["overdue"]);
  EXPECT_EQ(first_two["items"][1], worklist["items"][1]);
  json next = worker->Get("/api/v1/worklist?page=2&page_size=2").Json();
  EXPECT_EQ(next["items"][0], worklist["items"][2]);
  EXPECT_EQ(worker->Get("/api/v1/worklist?page_size=0").status, 400);
  // The second agency's worker has cases of her own and none of the first agency.
  json theirs = SignIn("worker_b")->Get("/api/v1/cases?page_size=100").Json();
  EXPECT_GT(theirs["total"].get<int>(), 0);
  for (const auto& item : theirs["items"]) EXPECT_EQ(item["org_name"], "西山区启航社会工作服务社");
  // The leader's charts: every stage, twelve months, the busiest worker first.
  json stats = leader->Get("/api/v1/cases/stats").Json();
  std::int64_t staged = 0;
  for (const auto& [stage, n] : stats["by_stage"].items()) staged += n.get<std::int64_t>();
  EXPECT_EQ(staged, 80 - theirs["total"].get<std::int64_t>());
  ASSERT_EQ(stats["per_month"].size(), 12u);
  EXPECT_EQ(stats["per_month"][11]["month"], "2026-11");
  std::int64_t opened = 0;
  for (const auto& month : stats["per_month"]) opened += month["opened"].get<std::int64_t>();
  EXPECT_GT(opened, 0);
  ASSERT_FALSE(stats["by_worker"].empty());
  EXPECT_GE(stats["by_worker"][0]["open"], stats["by_worker"].back()["open"]);
  EXPECT_GT(stats["overdue"].get<int>(), 0);
  json station =
      leader->Get("/api/v1/cases/stats?org_id=" + std::to_string(OrgId("水果湖街道社工站"))).Json();
  for (const auto& w : station["by_worker"]) EXPECT_EQ(w["worker"]["name"], "李强");
  json other = SignIn("worker_b")->Get("/api/v1/cases/stats").Json();
  std::int64_t theirs_staged = 0;
  for (const auto& [stage, n] : other["by_stage"].items()) theirs_staged += n.get<std::int64_t>();
  EXPECT_EQ(theirs_staged, theirs["total"].get<std::int64_t>());
  // Every demo record is also in the audit chain, which still verifies.
  EXPECT_TRUE(SignIn("admin")->Get("/api/v1/audit/verify").Json()["intact"].get<bool>());
}

JIELI_INSTANTIATE_API_TEST(CasesApiTest);

}  // namespace
}  // namespace jieli::test
