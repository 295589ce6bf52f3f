// Service records over HTTP on both backends (issue 12): where, who took
// part, the plan goals worked on, the client's response (a case note) and
// next steps; records made before those were asked; supervisors' comments
// (who may, who may not, what a refusal looks like, the timeline, the audit
// log and the worker's notification); crisis interventions counted on the case;
// corrections by the author within 7 days and fixed records after (issue 13);
// withdrawals with a reason, kept and no longer counted.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class ServiceRecordsApiTest : public CaseworkApiTest {
 protected:
  // A case in planning with Plan's two goals saved (减少跌倒, 增加社会交往).
  std::int64_t PlannedCase(TestClient& worker, const std::string& client_name = "孙桂英") {
    const std::int64_t id = NewCase(worker, client_name);
    EXPECT_EQ(Save(worker, id, "intake", Intake()).status, 200);
    EXPECT_EQ(MoveTo(worker, id, "assessment").status, 200);
    EXPECT_EQ(Save(worker, id, "assessment", Assessment()).status, 200);
    EXPECT_EQ(MoveTo(worker, id, "planning").status, 200);
    EXPECT_EQ(Save(worker, id, "planning", Plan("2027-02-28")).status, 200);
    return id;
  }

  static json FullService() {
    json service = Service();
    service["place"] = "案主家中";
    service["participants"] = {"client", "family", "other"};
    service["participants_note"] = "社区网格员";
    service["goals_addressed"] = {"减少跌倒"};
    service["client_response"] = "案主愿意在浴室加装扶手";
    service["next_steps"] = "下周联系施工队上门";
    return service;
  }

  std::int64_t AddService(TestClient& as, std::int64_t id, const json& body) {
    TestResponse added = as.Post(CasePath(id, "/services"), body.dump());
    EXPECT_EQ(added.status, 201) << added.body;
    json parsed = added.Json();
    return parsed.is_object() && parsed.contains("id") ? parsed["id"].get<std::int64_t>() : 0;
  }

  static std::string CommentPath(std::int64_t service_id) {
    return "/api/v1/services/" + std::to_string(service_id) + "/comments";
  }

  static std::string CommentBody(const std::string& text) { return json{{"comment", text}}.dump(); }

  static std::string ServicePath(std::int64_t service_id, const std::string& rest = "") {
    return "/api/v1/services/" + std::to_string(service_id) + rest;
  }

  static std::string WithdrawBody(const std::string& reason) {
    return json{{"reason", reason}}.dump();
  }

  // The changes of the newest audit entry of action.
  json LastAuditChanges(const std::string& action) {
    auto row = app_->db().QueryOne(
        "SELECT changes FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1", {action});
    if (!row || !*row) return json();
    return json::parse((*row)->Text(0));
  }

  static constexpr EpochMs kDay = 24LL * 3600 * 1000;
};

TEST_P(ServiceRecordsApiTest, ARecordSaysWhereWhoWhichGoalsAndHowTheClientResponded) {
  auto worker = SignIn("worker");
  const std::int64_t id = PlannedCase(*worker);
  TestResponse added = worker->Post(CasePath(id, "/services"), FullService().dump());
  ASSERT_EQ(added.status, 201) << added.body;
  json record = added.Json();
  EXPECT_EQ(record["participants"], json({"client", "family", "other"}));
  EXPECT_EQ(record["comments"], json::array());

  json listed = worker->Get(CasePath(id, "/services")).Json()["items"][0];
  EXPECT_EQ(listed["place"], "案主家中");
  EXPECT_EQ(listed["participants"], json({"client", "family", "other"}));
  EXPECT_EQ(listed["participants_note"], "社区网格员");
  EXPECT_EQ(listed["goals_addressed"], json({"减少跌倒"}));
  EXPECT_EQ(listed["client_response"], "案主愿意在浴室加装扶手");
  EXPECT_EQ(listed["next_steps"], "下周联系施工队上门");

  // A caller who does not say who took part met the client.
  json plain = Service();
  ASSERT_GT(AddService(*worker, id, plain), 0);
  json first = worker->Get(CasePath(id, "/services")).Json()["items"][0];
  EXPECT_EQ(first["participants"], json({"client"}));
  EXPECT_EQ(first["goals_addressed"], json::array());

  // The client's response is a case note: a colleague who reads the case
  // does not read it; the rest of the record they do.
  auto colleague = SignInNewUser("worker_c", "worker", Casework());
  json seen = colleague->Get(CasePath(id, "/services")).Json();
  ASSERT_EQ(seen["total"], 2);
  for (const auto& item : seen["items"]) {
    EXPECT_TRUE(item["client_response"].is_null());
    EXPECT_TRUE(item["note_hidden"].get<bool>());
  }
  EXPECT_EQ(seen["items"][1]["next_steps"], "下周联系施工队上门");
}

TEST_P(ServiceRecordsApiTest, BadRecordsAreRefusedAndChangeNothing) {
  auto worker = SignIn("worker");
  const std::int64_t id = PlannedCase(*worker);
  const std::int64_t before = Count("case_services");
  struct Bad {
    const char* name;
    void (*change)(json&);
    const char* field;
  };
  const Bad bad[] = {
      {"nobody took part", [](json& b) { b["participants"] = json::array(); }, "participants"},
      {"an unknown participant",
       [](json& b) {
         b["participants"] = {"client", "neighbour"};
       },
       "participants[1]"},
      {"a goal the plan does not have", [](json& b) { b["goals_addressed"] = {"找到工作"}; },
       "goals_addressed[0]"},
      {"a goal that is not text", [](json& b) { b["goals_addressed"] = {1}; },
       "goals_addressed[0]"},
      {"too many goals",
       [](json& b) { b["goals_addressed"] = json(std::vector<std::string>(21, "减少跌倒")); },
       "goals_addressed"},
      {"a place too long", [](json& b) { b["place"] = std::string(201, 'a'); }, "place"},
      {"a response too long", [](json& b) { b["client_response"] = std::string(2001, 'a'); },
       "client_response"},
      {"next steps too long", [](json& b) { b["next_steps"] = std::string(1001, 'a'); },
       "next_steps"},
      {"an unknown mode", [](json& b) { b["mode"] = "telepathy"; }, "mode"},
  };
  for (const auto& b : bad) {
    json body = FullService();
    b.change(body);
    TestResponse refused = worker->Post(CasePath(id, "/services"), body.dump());
    EXPECT_EQ(refused.status, 400) << b.name << ": " << refused.body;
    EXPECT_EQ(Code(refused), "validation.failed") << b.name;
    EXPECT_TRUE(Has(DetailFields(refused), b.field)) << b.name << ": " << refused.body;
  }
  EXPECT_EQ(Count("case_services"), before);

  // Before a plan is saved, no goal can be named.
  const std::int64_t fresh = NewCase(*worker, "刘秀兰");
  TestResponse early = worker->Post(CasePath(fresh, "/services"), FullService().dump());
  EXPECT_EQ(early.status, 400);
  EXPECT_TRUE(Has(DetailFields(early), "goals_addressed[0]")) << early.body;
}

TEST_P(ServiceRecordsApiTest, RecordsMadeBeforeStayReadable) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  // A row as migration 20 leaves an older record: the new columns at their defaults.
  auto inserted = app_->db().Execute(
      "INSERT INTO case_services (case_id, service_date, minutes, mode, content, technique, "
      "progress_note, created_by, created_at) VALUES (?, '2026-11-25', 45, 'phone', "
      "'电话跟进', '', '旧的进展记录', ?, ?)",
      {id, UserId("worker"), kStartTime});
  ASSERT_TRUE(inserted.ok());
  TestResponse listed = worker->Get(CasePath(id, "/services"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  json old = listed.Json()["items"][0];
  EXPECT_EQ(old["content"], "电话跟进");
  EXPECT_EQ(old["progress_note"], "旧的进展记录");
  EXPECT_EQ(old["place"], "");
  EXPECT_EQ(old["participants"], json::array());
  EXPECT_EQ(old["participants_note"], "");
  EXPECT_EQ(old["goals_addressed"], json::array());
  EXPECT_EQ(old["client_response"], "");
  EXPECT_EQ(old["next_steps"], "");
  EXPECT_EQ(old["comments"], json::array());
  // And a supervisor may comment on it.
  const std::int64_t service_id = old["id"].get<std::int64_t>();
  EXPECT_EQ(
      SignIn("supervisor")->Post(CommentPath(service_id), CommentBody("请补充参与人员")).status,
      201);
}

TEST_P(ServiceRecordsApiTest, TheSupervisorCommentsAndTheWorkerIsTold) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  const std::int64_t id = PlannedCase(*worker);
  const std::int64_t service_id = AddService(*worker, id, FullService());
  const std::int64_t audited = AuditCount("cases.comment_service");

  TestResponse commented =
      supervisor->Post(CommentPath(service_id), CommentBody("记录清楚，下次多关注家属支持"));
  ASSERT_EQ(commented.status, 201) << commented.body;
  json record = commented.Json();
  EXPECT_EQ(record["id"], service_id);
  ASSERT_EQ(record["comments"].size(), 1u);
  EXPECT_EQ(record["comments"][0]["text"], "记录清楚，下次多关注家属支持");
  EXPECT_EQ(record["comments"][0]["by"]["id"], UserId("supervisor"));
  EXPECT_FALSE(record["comments"][0]["by"]["name"].get<std::string>().empty());
  EXPECT_TRUE(record["comments"][0]["at"].is_string());
  // A leader not on the team adds a second; they come oldest first.
  ASSERT_EQ(SignIn("leader")->Post(CommentPath(service_id), CommentBody("同意督导意见")).status,
            201);
  json listed = worker->Get(CasePath(id, "/services")).Json()["items"][0];
  ASSERT_EQ(listed["comments"].size(), 2u);
  EXPECT_EQ(listed["comments"][0]["text"], "记录清楚，下次多关注家属支持");
  EXPECT_EQ(listed["comments"][1]["text"], "同意督导意见");

  json timeline = worker->Get(CasePath(id, "/timeline")).Json();
  EXPECT_EQ(timeline["items"][0]["kind"], "service_commented");
  EXPECT_EQ(timeline["items"][0]["data"]["service_id"], service_id);
  EXPECT_FALSE(timeline["items"][0]["data"].contains("comment"));  // the words stay on the record
  EXPECT_EQ(AuditCount("cases.comment_service"), audited + 2);

  json told = worker->Get("/api/v1/notifications").Json();
  int about_comments = 0;
  for (const auto& n : told["items"]) {
    if (n["kind"] != "service_commented") continue;
    ++about_comments;
    EXPECT_EQ(n["subject_id"], id);
    EXPECT_EQ(n["params"]["service_id"], service_id);
    EXPECT_EQ(n["params"]["client_name"], "孙桂英");
  }
  EXPECT_EQ(about_comments, 2);

  // Comments are case notes too: a colleague who reads the case sees none.
  auto colleague = SignInNewUser("worker_c", "worker", Casework());
  json seen = colleague->Get(CasePath(id, "/services")).Json()["items"][0];
  EXPECT_EQ(seen["comments"], json::array());
}

TEST_P(ServiceRecordsApiTest, WhoMayNotCommentAndWhatTheyAreTold) {
  auto worker = SignIn("worker");
  const std::int64_t id = PlannedCase(*worker);
  const std::int64_t service_id = AddService(*worker, id, FullService());
  const std::int64_t before = Count("case_service_comments");
  const std::int64_t events = Count("case_events");

  // The worker on the team does not hold cases.approve.
  TestResponse own = worker->Post(CommentPath(service_id), CommentBody("自我点评"));
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(Code(own), "auth.forbidden");
  // A colleague reads the case but may not comment.
  auto colleague = SignInNewUser("worker_c", "worker", Casework());
  EXPECT_EQ(colleague->Post(CommentPath(service_id), CommentBody("看过")).status, 403);
  // A supervisor of another agency does not see the record at all.
  auto stranger = SignInNewUser("sup_b", "supervisor", OrgId("西山区启航社会工作服务社"));
  TestResponse outside = stranger->Post(CommentPath(service_id), CommentBody("越权点评"));
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(Code(outside), "cases.service_not_found");
  // No such record; not a record id at all.
  TestResponse missing = SignIn("supervisor")->Post(CommentPath(999999), CommentBody("无"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Code(missing), "cases.service_not_found");
  EXPECT_EQ(SignIn("supervisor")->Post("/api/v1/services/abc/comments", CommentBody("无")).status,
            404);
  // A blank comment, a missing one, an unknown field.
  auto supervisor = SignIn("supervisor");
  TestResponse blank = supervisor->Post(CommentPath(service_id), CommentBody("  "));
  EXPECT_EQ(blank.status, 400);
  EXPECT_TRUE(Has(DetailFields(blank), "comment")) << blank.body;
  EXPECT_EQ(supervisor->Post(CommentPath(service_id), "{}").status, 400);
  EXPECT_EQ(supervisor->Post(CommentPath(service_id), json{{"comment", "好"}, {"score", 5}}.dump())
                .status,
            400);
  // A leader who wrote the record does not comment on their own work.
  auto leader = SignIn("leader");
  const std::int64_t leaders_own = AddService(*leader, id, FullService());
  TestResponse self = leader->Post(CommentPath(leaders_own), CommentBody("自评"));
  EXPECT_EQ(self.status, 403);
  EXPECT_EQ(Code(self), "cases.comment_not_allowed");

  EXPECT_EQ(Count("case_service_comments"), before);
  EXPECT_EQ(Count("case_events"), events + 1);  // the leader's record alone
}

TEST_P(ServiceRecordsApiTest, CrisisInterventionsAreCountedOnTheCase) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker);
  json c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["crisis_interventions"], 0);
  EXPECT_TRUE(c["last_crisis_at"].is_null());

  json crisis = Service();
  crisis["mode"] = "crisis";
  crisis["content"] = "紧急上门，评估自伤风险，制定安全计划";
  const std::int64_t first = AddService(*worker, id, crisis);
  ASSERT_GT(first, 0);
  ASSERT_GT(AddService(*worker, id, Service()), 0);  // not a crisis
  ASSERT_GT(AddService(*worker, id, crisis), 0);     // after the first contact
  c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["crisis_interventions"], 2);
  EXPECT_EQ(c["service_count"], 3);
  EXPECT_TRUE(c["last_crisis_at"].is_string());

  // The case list shows it too.
  json listed = worker->Get("/api/v1/cases?page_size=100&q=孙桂英").Json();
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["crisis_interventions"], 2);

  // On the timeline a crisis record is a service event of mode crisis.
  json timeline = worker->Get(CasePath(id, "/timeline?page_size=100")).Json();
  int crises = 0;
  for (const auto& e : timeline["items"]) {
    if (e["kind"] == "service_added" && e["data"]["mode"] == "crisis") ++crises;
  }
  EXPECT_EQ(crises, 2);
  json records = worker->Get(CasePath(id, "/services")).Json();
  EXPECT_EQ(records["items"].back()["mode"], "crisis");
}

TEST_P(ServiceRecordsApiTest, TheAuthorCorrectsARecordWithinSevenDays) {
  auto worker = SignIn("worker");
  const std::int64_t id = PlannedCase(*worker);
  const std::int64_t service_id = AddService(*worker, id, FullService());
  const std::int64_t audited = AuditCount("cases.correct_service");

  clock_.Advance(6 * kDay);
  worker = SignIn("worker");
  TestResponse corrected = worker->Patch(
      ServicePath(service_id),
      json{{"minutes", 45}, {"content", "情绪较上周平稳"}, {"progress_note", "已联系家属"}}.dump());
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  json record = corrected.Json();
  EXPECT_EQ(record["minutes"], 45);
  EXPECT_EQ(record["content"], "情绪较上周平稳");
  EXPECT_EQ(record["progress_note"], "已联系家属");
  EXPECT_EQ(record["place"], "案主家中");  // what was not sent is kept
  EXPECT_EQ(record["goals_addressed"], json({"减少跌倒"}));
  EXPECT_TRUE(record["corrected_at"].is_string());
  EXPECT_TRUE(record["withdrawn"].is_null());

  json listed = worker->Get(CasePath(id, "/services")).Json()["items"][0];
  EXPECT_EQ(listed["minutes"], 45);
  EXPECT_TRUE(listed["corrected_at"].is_string());

  // On the timeline: what changed, with the new content's start.
  json event = worker->Get(CasePath(id, "/timeline")).Json()["items"][0];
  EXPECT_EQ(event["kind"], "service_corrected");
  EXPECT_EQ(event["data"]["service_id"], service_id);
  EXPECT_EQ(event["data"]["fields"], json({"minutes", "content", "progress_note"}));
  EXPECT_EQ(event["data"]["excerpt"], "情绪较上周平稳");
  EXPECT_EQ(event["data"]["minutes"], 45);

  // In the audit log: before and after; a case note only as changed.
  EXPECT_EQ(AuditCount("cases.correct_service"), audited + 1);
  json changes = LastAuditChanges("cases.correct_service");
  EXPECT_EQ(changes["service_id"], service_id);
  EXPECT_EQ(changes["changes"]["minutes"], json({{"before", 60}, {"after", 45}}));
  EXPECT_EQ(changes["changes"]["content"]["before"], "入户探访，检查居家安全");
  EXPECT_EQ(changes["changes"]["content"]["after"], "情绪较上周平稳");
  EXPECT_EQ(changes["changes"]["progress_note"], json({{"changed", true}}));

  // A correction is checked as a new record is, and a refused one changes nothing.
  TestResponse bad = worker->Patch(ServicePath(service_id), json{{"content", "  "}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(DetailFields(bad), "content")) << bad.body;
  EXPECT_EQ(worker->Patch(ServicePath(service_id), json{{"score", 1}}.dump()).status, 400);
  EXPECT_EQ(worker->Get(CasePath(id, "/services")).Json()["items"][0]["content"], "情绪较上周平稳");
  EXPECT_EQ(AuditCount("cases.correct_service"), audited + 1);

  // Only the author corrects: not the supervisor, not a colleague.
  TestResponse by_supervisor =
      SignIn("supervisor")->Patch(ServicePath(service_id), json{{"minutes", 30}}.dump());
  EXPECT_EQ(by_supervisor.status, 403);
  EXPECT_EQ(Code(by_supervisor), "cases.service_not_author");
  TestResponse missing = worker->Patch(ServicePath(999999), json{{"minutes", 30}}.dump());
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Code(missing), "cases.service_not_found");
}

TEST_P(ServiceRecordsApiTest, AfterSevenDaysARecordIsFixed) {
  auto worker = SignIn("worker");
  const std::int64_t id = PlannedCase(*worker);
  const std::int64_t service_id = AddService(*worker, id, FullService());
  const std::int64_t events = Count("case_events");

  clock_.Advance(7 * kDay + 60 * 1000);
  worker = SignIn("worker");
  TestResponse late = worker->Patch(ServicePath(service_id), json{{"minutes", 45}}.dump());
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Code(late), "cases.service_fixed");
  json record = worker->Get(CasePath(id, "/services")).Json()["items"][0];
  EXPECT_EQ(record["minutes"], 60);
  EXPECT_TRUE(record["corrected_at"].is_null());
  EXPECT_EQ(Count("case_events"), events);
  EXPECT_EQ(AuditCount("cases.correct_service"), 0);
}

TEST_P(ServiceRecordsApiTest, AWithdrawnRecordIsKeptMarkedAndNotCounted) {
  auto worker = SignIn("worker");
  const std::int64_t id = PlannedCase(*worker);
  json crisis = FullService();
  crisis["mode"] = "crisis";
  const std::int64_t mistaken = AddService(*worker, id, crisis);
  ASSERT_GT(AddService(*worker, id, FullService()), 0);
  json c = worker->Get(CasePath(id)).Json();
  ASSERT_EQ(c["service_count"], 2);
  ASSERT_EQ(c["crisis_interventions"], 1);

  // A reason is required; a colleague may not withdraw it.
  TestResponse blank = worker->Post(ServicePath(mistaken, "/withdraw"), WithdrawBody(" "));
  EXPECT_EQ(blank.status, 400);
  EXPECT_TRUE(Has(DetailFields(blank), "reason")) << blank.body;
  EXPECT_EQ(worker->Post(ServicePath(mistaken, "/withdraw"), "{}").status, 400);
  auto colleague = SignInNewUser("worker_c", "worker", Casework());
  TestResponse not_theirs =
      colleague->Post(ServicePath(mistaken, "/withdraw"), WithdrawBody("不是我的"));
  EXPECT_EQ(not_theirs.status, 403);

  // Long after, the author still may: the record is kept, marked, not counted.
  clock_.Advance(30 * kDay);
  worker = SignIn("worker");
  TestResponse withdrawn =
      worker->Post(ServicePath(mistaken, "/withdraw"), WithdrawBody("记到了别的个案上"));
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json()["withdrawn"]["reason"], "记到了别的个案上");
  EXPECT_EQ(withdrawn.Json()["withdrawn"]["by"]["id"], UserId("worker"));
  json records = worker->Get(CasePath(id, "/services")).Json();
  EXPECT_EQ(records["total"], 2);
  c = worker->Get(CasePath(id)).Json();
  EXPECT_EQ(c["service_count"], 1);
  EXPECT_EQ(c["crisis_interventions"], 0);
  json event = worker->Get(CasePath(id, "/timeline")).Json()["items"][0];
  EXPECT_EQ(event["kind"], "service_withdrawn");
  EXPECT_EQ(event["data"]["reason"], "记到了别的个案上");
  EXPECT_EQ(AuditCount("cases.withdraw_service"), 1);

  // Withdrawn once: neither withdrawn again nor corrected.
  TestResponse again =
      SignIn("supervisor")->Post(ServicePath(mistaken, "/withdraw"), WithdrawBody("重复"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Code(again), "cases.service_withdrawn");
  EXPECT_EQ(worker->Patch(ServicePath(mistaken), json{{"minutes", 5}}.dump()).status, 409);
  EXPECT_EQ(worker->Get(CasePath(id)).Json()["service_count"], 1);
}

TEST_P(ServiceRecordsApiTest, TheSupervisorWithdrawsARecord) {
  auto worker = SignIn("worker");
  const std::int64_t id = PlannedCase(*worker);
  const std::int64_t service_id = AddService(*worker, id, FullService());
  TestResponse withdrawn =
      SignIn("supervisor")->Post(ServicePath(service_id, "/withdraw"), WithdrawBody("重复记录"));
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json()["withdrawn"]["by"]["id"], UserId("supervisor"));
  EXPECT_EQ(worker->Get(CasePath(id)).Json()["service_count"], 0);
}

JIELI_INSTANTIATE_API_TEST(ServiceRecordsApiTest);

}  // namespace
}  // namespace jieli::test
