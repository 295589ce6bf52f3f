// Who approves and who supervises, over HTTP on both backends (issue 11):
// nobody approves a move they asked for, nor one asked while they were on
// the team, whatever the team became since; every case keeps a supervisor
// off its team, and a leader names it; files up to the documented 10 MB,
// which the server's 1 MiB body limit used to refuse; and the sensitive parts
// of stage forms, which only those who read case notes see.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class CaseTeamApiTest : public CaseworkApiTest {
 protected:
  // Intake to planning with complete forms, by `as` (on the team or supervising).
  void WorkToPlanning(TestClient& as, std::int64_t id) {
    ASSERT_EQ(Save(as, id, "intake", Intake()).status, 200);
    ASSERT_EQ(MoveTo(as, id, "assessment").status, 200);
    ASSERT_EQ(Save(as, id, "assessment", Assessment()).status, 200);
    ASSERT_EQ(MoveTo(as, id, "planning").status, 200);
    ASSERT_EQ(Save(as, id, "planning", Plan("2027-02-28")).status, 200);
  }

  // Asks for the move to intervention; the approval's decision path.
  std::string AskForIntervention(TestClient& as, std::int64_t id) {
    TestResponse asked = MoveTo(as, id, "intervention");
    EXPECT_EQ(asked.status, 202) << asked.body;
    json body = asked.Json();
    if (!body.is_object() || !body["approval"].is_object()) return "/api/v1/approvals/0/decision";
    return "/api/v1/approvals/" + std::to_string(body["approval"]["id"].get<std::int64_t>()) +
           "/decision";
  }

  static std::string Approve() { return json{{"decision", "approve"}}.dump(); }

  static bool Lists(TestClient& as, const std::string& decide) {
    json mine = as.Get("/api/v1/approvals?mine=true&page_size=200").Json();
    for (const auto& a : mine["items"]) {
      if (decide ==
          "/api/v1/approvals/" + std::to_string(a["id"].get<std::int64_t>()) + "/decision")
        return true;
    }
    return false;
  }

  std::int64_t Notified(std::int64_t user, const std::string& kind) {
    auto row = app_->db().QueryOne(
        "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = ?", {user, kind});
    return row && *row ? (*row)->Int(0) : -1;
  }

  std::int64_t SupervisorOf(TestClient& as, std::int64_t id) {
    json c = as.Get(CasePath(id)).Json();
    return c.is_object() && c["supervisor"].is_object() ? c["supervisor"]["id"].get<std::int64_t>()
                                                        : 0;
  }
};

TEST_P(CaseTeamApiTest, ASupervisorOffTheTeamCannotApproveTheMoveTheyAskedFor) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = NewCase(*worker);  // supervised by "supervisor"
  WorkToPlanning(*worker, id);
  // The supervisor, not on the team, moves the case on and asks.
  const std::string decide = AskForIntervention(*supervisor, id);
  const std::int64_t events = Count("case_events");
  TestResponse own = supervisor->Post(decide, Approve());
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(Code(own), "cases.self_approval");
  EXPECT_EQ(StageOf(*worker, id), "planning");
  EXPECT_EQ(Count("case_events"), events);  // refused: nothing written
  // It waits for someone else: not in the asker's inbox, in the leader's.
  EXPECT_FALSE(Lists(*supervisor, decide));
  auto leader = SignIn("leader");
  EXPECT_TRUE(Lists(*leader, decide));
  EXPECT_EQ(Notified(UserId("supervisor"), "approval_requested"), 0);
  EXPECT_GT(Notified(UserId("leader"), "approval_requested"), 0);
  TestResponse approved = leader->Post(decide, Approve());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["decided_by"]["id"], UserId("leader"));
  EXPECT_EQ(StageOf(*worker, id), "intervention");
}

TEST_P(CaseTeamApiTest, JoiningAskingAndLeavingTheTeamDoesNotMakeAnApprover) {
  // A supervisor works a case as its primary worker, asks, hands the case on
  // and then tries to approve what they asked for.
  auto supervisor = SignInNewUser("supervisor_x", "supervisor", Casework());
  const std::int64_t client_id = NewClient(*supervisor, "冯秀兰");
  TestResponse opened = supervisor->Post("/api/v1/cases", json{{"client_id", client_id}}.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::int64_t id = opened.Json()["id"].get<std::int64_t>();
  WorkToPlanning(*supervisor, id);
  const std::string decide = AskForIntervention(*supervisor, id);
  ASSERT_EQ(supervisor
                ->Post(CasePath(id, "/transfer"),
                       json{{"worker_id", UserId("worker")}, {"reason", "交接"}}.dump())
                .status,
            200);
  TestResponse own = supervisor->Post(decide, Approve());
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(Code(own), "cases.self_approval");
  EXPECT_FALSE(Lists(*supervisor, decide));
  EXPECT_EQ(StageOf(*supervisor, id), "planning");
}

TEST_P(CaseTeamApiTest, WhoWasOnTheTeamWhenAskedCannotApproveAfterLeavingIt) {
  // The supervisor is the primary worker, "worker" the co-worker, who asks;
  // the case then passes to "worker" and the supervisor is off the team.
  auto supervisor = SignInNewUser("supervisor_y", "supervisor", Casework());
  auto worker = SignIn("worker");
  const std::int64_t client_id = NewClient(*supervisor, "褚玉珍");
  TestResponse opened = supervisor->Post(
      "/api/v1/cases", json{{"client_id", client_id}, {"co_worker_id", UserId("worker")}}.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::int64_t id = opened.Json()["id"].get<std::int64_t>();
  WorkToPlanning(*worker, id);
  const std::string decide = AskForIntervention(*worker, id);
  ASSERT_EQ(
      supervisor->Post(CasePath(id, "/transfer"), json{{"worker_id", UserId("worker")}}.dump())
          .status,
      200);
  json c = worker->Get(CasePath(id)).Json();
  ASSERT_EQ(c["primary_worker"]["id"], UserId("worker"));
  ASSERT_TRUE(c["co_worker"].is_null());
  TestResponse former = supervisor->Post(decide, Approve());
  EXPECT_EQ(former.status, 403) << former.body;
  EXPECT_EQ(Code(former), "cases.self_approval");
  EXPECT_FALSE(Lists(*supervisor, decide));
  // Someone who was never on it may.
  EXPECT_EQ(SignIn("leader")->Post(decide, Approve()).status, 200);
}

TEST_P(CaseTeamApiTest, ATransferToTheSupervisorKeepsASupervisor) {
  auto worker = SignIn("worker");
  auto other = SignInNewUser("supervisor_z", "supervisor", Casework());
  const std::int64_t id = NewCase(*worker);
  const std::int64_t supervisor = UserId("supervisor");
  const std::int64_t events = Count("case_events");
  // Alone, it would leave the case without one: refused, saying what is needed.
  TestResponse alone =
      worker->Post(CasePath(id, "/transfer"), json{{"worker_id", supervisor}}.dump());
  EXPECT_EQ(alone.status, 400) << alone.body;
  EXPECT_EQ(Code(alone), "cases.transfer_to_supervisor");
  EXPECT_TRUE(Has(DetailFields(alone), "supervisor_id"));
  // Naming a new supervisor is a leader's decision.
  TestResponse by_worker = worker->Post(
      CasePath(id, "/transfer"),
      json{{"worker_id", supervisor}, {"supervisor_id", UserId("supervisor_z")}}.dump());
  EXPECT_EQ(by_worker.status, 403) << by_worker.body;
  EXPECT_EQ(Count("case_events"), events);
  EXPECT_EQ(SupervisorOf(*worker, id), supervisor);

  auto leader = SignIn("leader");
  TestResponse handed =
      leader->Post(CasePath(id, "/transfer"), json{{"worker_id", supervisor},
                                                   {"supervisor_id", UserId("supervisor_z")},
                                                   {"reason", "督导接手"}}
                                                  .dump());
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(handed.Json()["primary_worker"]["id"], supervisor);
  EXPECT_EQ(handed.Json()["supervisor"]["id"], UserId("supervisor_z"));
  EXPECT_EQ(Notified(UserId("supervisor_z"), "supervisor_assigned"), 1);
  EXPECT_EQ(Notified(supervisor, "case_transferred"), 1);
  // The old supervisor, now the worker, cannot approve; the new one can.
  auto old = SignIn("supervisor");
  WorkToPlanning(*old, id);
  const std::string decide = AskForIntervention(*old, id);
  EXPECT_TRUE(Lists(*other, decide));
  EXPECT_EQ(other->Post(decide, Approve()).status, 200);
}

TEST_P(CaseTeamApiTest, ALeaderChangesTheSupervisor) {
  auto worker = SignIn("worker");
  auto next = SignInNewUser("supervisor_w", "supervisor", Casework());
  const std::int64_t id = NewCase(*worker);
  const std::string path = CasePath(id, "/supervisor");
  const std::int64_t to = UserId("supervisor_w");
  const std::int64_t events = Count("case_events");
  for (const char* who : {"worker", "supervisor"}) {
    TestResponse refused = SignIn(who)->Put(path, json{{"supervisor_id", to}}.dump());
    EXPECT_EQ(refused.status, 403) << who << " " << refused.body;
  }
  // Outside the scope: not found, to a leader of the second agency. worker_b
  // holds cases.assign nowhere, which is a refusal before the case is looked up.
  auto leader_b = SignInNewUser("leader_b", "leader", OrgId("西山区启航社会工作服务社"));
  EXPECT_EQ(leader_b->Put(path, json{{"supervisor_id", to}}.dump()).status, 404);
  EXPECT_EQ(SignIn("worker_b")->Put(path, json{{"supervisor_id", to}}.dump()).status, 403);
  auto leader = SignIn("leader");
  TestResponse on_team = leader->Put(path, json{{"supervisor_id", UserId("worker")}}.dump());
  EXPECT_EQ(on_team.status, 400) << on_team.body;
  EXPECT_TRUE(Has(DetailFields(on_team), "supervisor_id"));
  TestResponse not_eligible = leader->Put(path, json{{"supervisor_id", UserId("worker_b")}}.dump());
  EXPECT_EQ(not_eligible.status, 400) << not_eligible.body;
  TestResponse same = leader->Put(path, json{{"supervisor_id", UserId("supervisor")}}.dump());
  EXPECT_EQ(same.status, 409) << same.body;
  EXPECT_EQ(Code(same), "cases.supervisor_unchanged");
  EXPECT_EQ(Count("case_events"), events);

  TestResponse changed =
      leader->Put(path, json{{"supervisor_id", to}, {"reason", "督导调岗"}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json()["supervisor"]["id"], to);
  EXPECT_EQ(SupervisorOf(*worker, id), to);
  json timeline = worker->Get(CasePath(id, "/timeline")).Json();
  EXPECT_EQ(timeline["items"][0]["kind"], "supervisor_changed");
  EXPECT_EQ(timeline["items"][0]["data"]["to_supervisor"], to);
  EXPECT_EQ(timeline["items"][0]["data"]["from_supervisor"], UserId("supervisor"));
  EXPECT_EQ(AuditCount("cases.change_supervisor"), 1);
  EXPECT_EQ(Notified(to, "supervisor_assigned"), 1);
  // The new supervisor decides the case's approvals.
  WorkToPlanning(*worker, id);
  const std::string decide = AskForIntervention(*worker, id);
  EXPECT_TRUE(Lists(*next, decide));
  EXPECT_FALSE(Lists(*SignIn("supervisor"), decide));
}

TEST_P(CaseTeamApiTest, FilesUpToTenMegabytesUploadAndDownloadIntact) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  std::string pdf = "%PDF-1.4\n";
  pdf.reserve(5 * 1024 * 1024);
  for (std::size_t i = 0; pdf.size() < 5 * 1024 * 1024; ++i) pdf += static_cast<char>('a' + i % 26);
  TestResponse added = worker->Post(CasePath(id, "/attachments?name=big.pdf"), pdf,
                                    {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(added.status, 201) << added.body.substr(0, 300);
  EXPECT_EQ(added.Json()["size"], pdf.size());
  TestResponse file =
      worker->Get("/api/v1/attachments/" + std::to_string(added.Json()["id"].get<std::int64_t>()));
  ASSERT_EQ(file.status, 200);
  EXPECT_TRUE(file.body == pdf) << "the download differs from the upload";

  // One byte over 10 MB: refused before the body is read, in the one shape.
  const std::int64_t attachments = Count("case_attachments");
  const std::int64_t blobs = Count("attachment_blobs");
  const std::int64_t events = Count("case_events");
  std::string over = "%PDF-1.4\n" + std::string(10 * 1024 * 1024 + 1 - 9, 'x');
  TestResponse refused = worker->Post(CasePath(id, "/attachments?name=over.pdf"), over,
                                      {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(refused.status, 413) << refused.body.substr(0, 300);
  EXPECT_EQ(Code(refused), "http.body_too_large");
  json error = refused.Json();
  ASSERT_TRUE(error.is_object() && error.contains("error")) << refused.body.substr(0, 300);
  EXPECT_TRUE(error["error"]["message"].is_string());
  EXPECT_TRUE(error["error"]["details"].is_array());
  EXPECT_EQ(Count("case_attachments"), attachments);
  EXPECT_EQ(Count("attachment_blobs"), blobs);
  EXPECT_EQ(Count("case_events"), events);
  // Other routes keep the server's 1 MiB.
  std::string big = json{{"reason", std::string(2 * 1024 * 1024, 'a')}}.dump();
  EXPECT_EQ(worker->Post(CasePath(id, "/reopen"), big).status, 413);
}

TEST_P(CaseTeamApiTest, SensitiveStageFieldsAreForTheTeamSupervisorsAndLeaders) {
  auto worker = SignIn("worker");
  auto colleague = SignInNewUser("worker_f", "worker", Casework());
  const std::int64_t id = NewCase(*worker);
  WorkToPlanning(*worker, id);
  const std::string assessment = CasePath(id, "/stages/assessment");

  // A worker of the unit outside the team: the form, without the health,
  // family and risk details, and told what was left out.
  json seen = colleague->Get(assessment).Json();
  ASSERT_TRUE(seen.is_object() && seen["data"].is_object()) << seen.dump();
  EXPECT_FALSE(seen["data"].contains("risk_reasons"));
  EXPECT_FALSE(seen["data"].contains("ecological"));
  ASSERT_EQ(seen["data"]["needs"].size(), 3u);
  EXPECT_FALSE(seen["data"]["needs"][0].contains("description"));
  EXPECT_EQ(seen["data"]["needs"][0]["domain"], "physical");  // the rest stays
  EXPECT_EQ(seen["data"]["risk_level"], "high");
  EXPECT_EQ(seen["data"]["strengths"], "与邻居关系好");
  std::vector<std::string> withheld = seen["withheld"];
  for (const char* path : {"risk_reasons", "ecological", "needs[0].description"})
    EXPECT_TRUE(Has(withheld, path)) << path;
  EXPECT_FALSE(seen["editable"].get<bool>());
  EXPECT_EQ(seen.dump().find("独居、跌倒"), std::string::npos);
  EXPECT_EQ(seen.dump().find("行动不便"), std::string::npos);
  // The plan's level descriptions and arrangements too.
  json plan = colleague->Get(CasePath(id, "/stages/planning")).Json();
  EXPECT_EQ(plan.dump().find("每周家访"), std::string::npos);
  EXPECT_FALSE(plan["withheld"].empty());

  // The team, the case's supervisor and the leader read it all.
  for (const char* user : {"worker", "supervisor", "leader"}) {
    json read = SignIn(user)->Get(assessment).Json();
    EXPECT_EQ(read["data"]["risk_reasons"], "独居、跌倒") << user;
    EXPECT_EQ(read["data"]["needs"][0]["description"], "行动不便") << user;
    EXPECT_TRUE(read["withheld"].empty()) << user;
  }

  // What prefill copies from a case note is one too: the closure's summary
  // starts from the evaluation's reflection.
  const std::string decide = AskForIntervention(*worker, id);
  ASSERT_EQ(SignIn("supervisor")->Post(decide, Approve()).status, 200);
  ASSERT_EQ(worker->Post(CasePath(id, "/services"), Service().dump()).status, 201);
  ASSERT_EQ(MoveTo(*worker, id, "evaluation").status, 200);
  json attained = {{"goal_attainment",
                    {{{"name", "减少跌倒"}, {"weight", 2}, {"attained", 1}},
                     {{"name", "增加社会交往"}, {"weight", 1}, {"attained", 0}}}},
                   {"reflection", "案主的抑郁情绪需持续关注"}};
  ASSERT_EQ(Save(*worker, id, "evaluation", attained).status, 200);
  json own = worker->Get(CasePath(id, "/stages/closed")).Json();
  EXPECT_NE(own["data"].value("summary", "").find("案主的抑郁情绪需持续关注"), std::string::npos);
  json closure = colleague->Get(CasePath(id, "/stages/closed")).Json();
  EXPECT_EQ(closure.dump().find("案主的抑郁情绪需持续关注"), std::string::npos);
  EXPECT_TRUE(Has(closure["withheld"].get<std::vector<std::string>>(), "summary"));
  json evaluation = colleague->Get(CasePath(id, "/stages/evaluation")).Json();
  EXPECT_EQ(evaluation.dump().find("案主的抑郁情绪需持续关注"), std::string::npos);
}

JIELI_INSTANTIATE_API_TEST(CaseTeamApiTest);

}  // namespace
}  // namespace jieli::test
