// Complaints, suggestions and praise (投诉建议, issue 15) over HTTP on both
// backends: the clock in working days from the agency's policy and the
// admin's holidays, the handler (a supervisor by default, never the worker
// concerned), who sees and who acts, the states and what each needs, the
// board's colours, escalation to the supervisors then the leaders (each once),
// an improvement cycle from a complaint, and the complainant's contact masked
// and kept out of the audit log.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class FeedbackComplaintsApiTest : public CaseworkApiTest {
 protected:
  json Complaint(const std::string& subject = "约好的家访两次改期") {
    return {{"org_id", Casework()},
            {"kind", "complaint"},
            {"category", "timeliness"},
            {"channel", "phone"},
            {"severity", "high"},
            {"subject", subject},
            {"details", "老人在家空等两次"},
            {"complainant_name", "刘女士"},
            {"complainant_contact", "13907150000"}};
  }

  json Receive(TestClient& as, const json& body) {
    TestResponse created = as.Post("/api/v1/complaints", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  static std::string PathOf(const json& c, const std::string& rest = "") {
    return "/api/v1/complaints/" + std::to_string(c["id"].get<std::int64_t>()) + rest;
  }

  TestResponse Act(TestClient& as, const json& c, const json& body) {
    return as.Post(PathOf(c, "/actions"), body.dump());
  }

  void Escalate() {
    auto tx = app_->db().Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(app_->services().feedback.EscalateComplaints(**tx, clock_.Now()).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  std::vector<std::string> ToldAbout(const json& c) {
    auto rows = app_->db().Query(
        "SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id "
        "WHERE n.kind = 'complaint_overdue' AND n.subject_id = ? ORDER BY n.id",
        {c["id"].get<std::int64_t>()});
    EXPECT_TRUE(rows);
    std::vector<std::string> names;
    for (const auto& row : *rows) names.push_back(row.Text(0));
    return names;
  }
};

TEST_P(FeedbackComplaintsApiTest, TheClockCountsWorkingDaysAndTheBoardColoursIt) {
  // 1 December a holiday: resolving takes a day longer.
  auto admin = SignIn("admin");
  ASSERT_EQ(admin
                ->Put("/api/v1/feedback/calendar?year=2026",
                      json{{"days",
                            {{{"date", "2026-12-01"}, {"kind", "holiday"}, {"name", "测试假日"}}}}}
                          .dump())
                .status,
            200);
  auto worker = SignIn("worker");
  // Received Wednesday 25 November, 09:00.
  json c = Receive(*worker, Complaint());
  EXPECT_EQ(c["state"], "received");
  EXPECT_EQ(c["acknowledge_due"], "2026-11-27T00:00:00+08:00");  // the end of Thursday
  EXPECT_EQ(c["resolve_due"], "2026-12-08T00:00:00+08:00");      // 7 working days, 1 Dec off
  EXPECT_EQ(c["colour"], "green");
  EXPECT_EQ(c["handler"]["id"], UserId("supervisor"));
  EXPECT_EQ(c["received_by"]["id"], UserId("worker"));
  EXPECT_EQ(c["complainant"]["contact"], "139****0000");
  EXPECT_TRUE(c["actions"].empty()) << "the receiver does not handle it";

  json praise = Complaint("感谢社工");
  praise["kind"] = "praise";
  json thanked = Receive(*worker, praise);
  EXPECT_TRUE(thanked["acknowledge_due"].is_null());
  EXPECT_EQ(thanked["colour"], "none");

  clock_.Advance(16 * 60 * kMinute);  // Thursday 01:00: under a day left
  auto supervisor = SignIn("supervisor");
  EXPECT_EQ(supervisor->Get(PathOf(c)).Json()["colour"], "yellow");
  clock_.Advance(24 * 60 * kMinute);  // Friday 01:00: passed
  supervisor = SignIn("supervisor");
  EXPECT_EQ(supervisor->Get(PathOf(c)).Json()["colour"], "red");
  json red = supervisor->Get("/api/v1/complaints?colour=red").Json();
  ASSERT_EQ(red["total"], 1);
  EXPECT_EQ(red["items"][0]["id"], c["id"]);
  EXPECT_EQ(supervisor->Get("/api/v1/complaints?colour=none").Json()["total"], 1);

  // Acknowledged: the resolve clock runs, green again.
  TestResponse acknowledged = Act(*supervisor, c, {{"action", "acknowledge"}});
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
  EXPECT_EQ(acknowledged.Json()["colour"], "green");
  EXPECT_EQ(acknowledged.Json()["state"], "acknowledged");
}

TEST_P(FeedbackComplaintsApiTest, WhoSeesAndWhoActs) {
  auto worker = SignIn("worker");
  json c = Receive(*worker, Complaint());
  // The receiver sees it but does not act; a colleague elsewhere does not see it.
  EXPECT_EQ(worker->Get(PathOf(c)).status, 200);
  TestResponse refused = Act(*worker, c, {{"action", "acknowledge"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(SignIn("worker2")->Get(PathOf(c)).status, 404);
  EXPECT_EQ(SignIn("worker2")->Get("/api/v1/complaints").Json()["total"], 0);
  EXPECT_EQ(SignIn("worker_b")->Get(PathOf(c)).status, 404);
  EXPECT_EQ(
      SignIn("supervisor_b")->Post(PathOf(c, "/actions"), R"({"action":"acknowledge"})").status,
      404);
  EXPECT_EQ(SignIn("bureau")->Get("/api/v1/complaints").status, 403);
  // The leader manages quality there: sees it, may act.
  auto leader = SignIn("leader");
  json seen = leader->Get(PathOf(c)).Json();
  EXPECT_FALSE(seen["actions"].empty());
  EXPECT_EQ(leader->Get("/api/v1/complaints").Json()["total"], 1);

  // A complaint about the worker: never theirs to handle.
  json about = Complaint("社工语气生硬");
  about["worker_concerned_id"] = UserId("worker");
  about["handler_id"] = UserId("worker");
  TestResponse own = worker->Post("/api/v1/complaints", about.dump());
  ASSERT_EQ(own.status, 400) << own.body;
  EXPECT_EQ(own.Json()["error"]["details"][0]["field"], "handler_id");
  EXPECT_EQ(own.Json()["error"]["details"][0]["code"], "concerned");
  about.erase("handler_id");
  json concerned = Receive(*SignIn("supervisor"), about);
  EXPECT_EQ(concerned["handler"]["id"], UserId("supervisor"));
  TestResponse to_them =
      leader->Put(PathOf(concerned, "/handler"), json{{"handler_id", UserId("worker")}}.dump());
  EXPECT_EQ(to_them.status, 400) << to_them.body;
  EXPECT_EQ(SignIn("supervisor")
                ->Put(PathOf(concerned, "/handler"), json{{"handler_id", UserId("worker")}}.dump())
                .status,
            400);
  // Handed to the leader: told once.
  TestResponse handed =
      SignIn("supervisor")
          ->Put(PathOf(c, "/handler"), json{{"handler_id", UserId("leader")}}.dump());
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(handed.Json()["handler"]["id"], UserId("leader"));
  EXPECT_EQ(Count("complaint_events"), 3);  // two received (one refused), one assigned
}

TEST_P(FeedbackComplaintsApiTest, TheHandlerSeesTheContactInClearToCallBackAndItIsAudited) {
  auto worker = SignIn("worker");
  json c = Receive(*worker, Complaint());
  EXPECT_EQ(c["complainant"]["contact"], "139****0000");
  // The handler (the agency's supervisor) and a quality manager; the receiver
  // does not handle it, another agency does not see it.
  TestResponse revealed = SignIn("supervisor")->Post(PathOf(c, "/reveal"), "");
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["contact"], "13907150000");
  EXPECT_EQ(SignIn("leader")->Post(PathOf(c, "/reveal"), "").status, 200);
  EXPECT_EQ(worker->Post(PathOf(c, "/reveal"), "").status, 403);
  EXPECT_EQ(SignIn("supervisor_b")->Post(PathOf(c, "/reveal"), "").status, 404);
  EXPECT_EQ(AuditCount("feedback.reveal_contact"), 2);
  auto logged = app_->db().Query("SELECT changes FROM audit_log WHERE action = ?",
                                 {std::string("feedback.reveal_contact")});
  ASSERT_TRUE(logged);
  for (const auto& row : *logged) EXPECT_EQ(row.Text(0).find("13907150000"), std::string::npos);

  // Without a contact there is nothing to reveal.
  json anonymous = Complaint("匿名：活动室太吵");
  anonymous.erase("complainant_contact");
  json quiet = Receive(*worker, anonymous);
  TestResponse none = SignIn("supervisor")->Post(PathOf(quiet, "/reveal"), "");
  EXPECT_EQ(none.status, 409) << none.body;
  EXPECT_EQ(none.Json()["error"]["code"], "feedback.no_contact");
  EXPECT_EQ(AuditCount("feedback.reveal_contact"), 2);
}

TEST_P(FeedbackComplaintsApiTest, EachStepSaysWhatItNeedsAndTheWrongOnesChangeNothing) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  json c = Receive(*worker, Complaint());
  const std::int64_t audit_before = Count("audit_log");
  struct Row {
    const char* why;
    json body;
    int status;
    std::string field_or_code;
  };
  const std::vector<Row> refused = {
      {"closed before resolved",
       {{"action", "close"}, {"satisfaction", "satisfied"}},
       409,
       "feedback.transition_invalid"},
      {"resolved without the cause",
       {{"action", "resolve"}, {"resolution", "已道歉"}},
       400,
       "cause"},
      {"reopened while open",
       {{"action", "reopen"}, {"note", "不满意"}},
       409,
       "feedback.transition_invalid"},
      {"withdrawn without why", {{"action", "withdraw"}}, 400, "note"},
      {"no such action", {{"action", "escalate"}}, 400, "action"},
  };
  for (const auto& row : refused) {
    TestResponse answer = Act(*supervisor, c, row.body);
    ASSERT_EQ(answer.status, row.status) << row.why << ": " << answer.body;
    json error = answer.Json()["error"];
    const std::string got = row.status == 400 ? error["details"][0]["field"].get<std::string>()
                                              : error["code"].get<std::string>();
    EXPECT_EQ(got, row.field_or_code) << row.why;
  }
  EXPECT_EQ(Count("audit_log"), audit_before);
  EXPECT_EQ(supervisor->Get(PathOf(c)).Json()["state"], "received");

  ASSERT_EQ(Act(*supervisor, c, {{"action", "acknowledge"}}).status, 200);
  json resolved = Act(*supervisor, c,
                      {{"action", "resolve"},
                       {"resolution", "向案主道歉并固定每周二家访"},
                       {"cause", "排班变动未提前告知"}})
                      .Json();
  EXPECT_EQ(resolved["state"], "resolved");
  EXPECT_EQ(resolved["colour"], "none");
  EXPECT_EQ(Act(*supervisor, c, {{"action", "close"}}).status, 400) << "ask the complainant";
  // Not satisfied: handled again, with a fresh clock to resolve.
  clock_.Advance(3 * 24 * 60 * kMinute);
  supervisor = SignIn("supervisor");
  json reopened = Act(*supervisor, c, {{"action", "reopen"}, {"note", "家属仍不满意"}}).Json();
  EXPECT_EQ(reopened["state"], "acknowledged");
  // Reopened on Saturday 28 November: 7 working days from Monday, to the end of Tuesday 8 December.
  EXPECT_EQ(reopened["resolve_due"], "2026-12-09T00:00:00+08:00");
  ASSERT_EQ(Act(*supervisor, c,
                {{"action", "resolve"}, {"resolution", "督导陪同家访"}, {"cause", "沟通不到位"}})
                .status,
            200);
  json closed = Act(*supervisor, c, {{"action", "close"}, {"satisfaction", "satisfied"}}).Json();
  EXPECT_EQ(closed["state"], "closed");
  EXPECT_EQ(closed["satisfaction"], "satisfied");
  EXPECT_TRUE(closed["actions"].empty());
  std::vector<std::string> steps;
  for (const auto& e : closed["history"]) steps.push_back(e["action"]);
  EXPECT_EQ(steps, (std::vector<std::string>{"receive", "acknowledge", "resolve", "reopen",
                                             "resolve", "close"}));

  // The audit log knows what was done, not who complained or what they said.
  auto audit = app_->db().Query("SELECT changes FROM audit_log WHERE entity_type = 'complaint'");
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->size(), 6U);  // received, acknowledged, resolved, reopened, resolved, closed
  for (const auto& row : *audit) {
    EXPECT_EQ(row.Text(0).find("家访两次"), std::string::npos) << row.Text(0);
    EXPECT_EQ(row.Text(0).find("13907150000"), std::string::npos) << row.Text(0);
    EXPECT_EQ(row.Text(0).find("刘女士"), std::string::npos) << row.Text(0);
  }
}

TEST_P(FeedbackComplaintsApiTest, AMissedDeadlineIsToldToTheSupervisorsThenTheLeadersOnce) {
  auto worker = SignIn("worker");
  json c = Receive(*worker, Complaint());  // Wednesday; acknowledge by the end of Thursday
  Escalate();
  EXPECT_TRUE(ToldAbout(c).empty());
  clock_.Advance(2 * 24 * 60 * kMinute);  // Friday 09:00
  Escalate();
  Escalate();
  EXPECT_EQ(ToldAbout(c), (std::vector<std::string>{"supervisor"})) << "the handler is one";
  EXPECT_EQ(SignIn("leader")->Get(PathOf(c)).Json()["escalation"], "supervisor");
  // Two working days after Thursday (Friday, Monday): the leaders on Tuesday.
  clock_.Advance(3 * 24 * 60 * kMinute);  // Monday
  Escalate();
  EXPECT_EQ(ToldAbout(c).size(), 1U);
  clock_.Advance(24 * 60 * kMinute);  // Tuesday
  Escalate();
  Escalate();
  EXPECT_EQ(ToldAbout(c), (std::vector<std::string>{"supervisor", "leader"}));
  EXPECT_EQ(SignIn("leader")->Get(PathOf(c)).Json()["escalation"], "leader");
  // Acknowledged at last: the resolve clock starts afresh, nobody told of it yet.
  auto supervisor = SignIn("supervisor");
  json acknowledged = Act(*supervisor, c, {{"action", "acknowledge"}}).Json();
  EXPECT_EQ(acknowledged["escalation"], "none");
}

TEST_P(FeedbackComplaintsApiTest, PolicyInheritedDownAndAnImprovementCycleOnce) {
  auto leader = SignIn("leader");
  json policy =
      leader->Get("/api/v1/complaints/policy?org_id=" + std::to_string(Casework())).Json();
  EXPECT_EQ(policy["acknowledge_days"], 1);
  EXPECT_EQ(policy["resolve_days"], 7);
  EXPECT_TRUE(policy["inherited_from"].is_null());
  const std::int64_t agency = OrgId("江城市阳光社会工作服务中心");
  json longer = {
      {"org_id", agency}, {"acknowledge_days", 2}, {"resolve_days", 10}, {"leader_after_days", 3}};
  EXPECT_EQ(SignIn("worker")->Put("/api/v1/complaints/policy", longer.dump()).status, 403);
  longer["resolve_days"] = 1;
  TestResponse bad = leader->Put("/api/v1/complaints/policy", longer.dump());
  EXPECT_EQ(bad.status, 400) << bad.body;
  longer["resolve_days"] = 10;
  ASSERT_EQ(leader->Put("/api/v1/complaints/policy", longer.dump()).status, 200);
  policy = leader->Get("/api/v1/complaints/policy?org_id=" + std::to_string(Casework())).Json();
  EXPECT_EQ(policy["resolve_days"], 10);
  EXPECT_EQ(policy["inherited_from"]["id"], agency);
  json c = Receive(*SignIn("worker"), Complaint());
  EXPECT_EQ(c["acknowledge_due"], "2026-11-28T00:00:00+08:00");  // two working days: Friday

  auto supervisor = SignIn("supervisor");
  TestResponse improved = supervisor->Post(PathOf(c, "/improvement"), "");
  ASSERT_EQ(improved.status, 201) << improved.body;
  const std::int64_t cycle = improved.Json()["improvement_id"].get<std::int64_t>();
  json opened = supervisor->Get("/api/v1/quality/improvements/" + std::to_string(cycle)).Json();
  EXPECT_EQ(opened["source_kind"], "complaint");
  EXPECT_EQ(opened["source_ref"], std::to_string(c["id"].get<std::int64_t>()));
  EXPECT_EQ(supervisor->Get(PathOf(c)).Json()["improvement_id"], cycle);
  TestResponse again = supervisor->Post(PathOf(c, "/improvement"), "");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(SignIn("worker")->Post(PathOf(c, "/improvement"), "").status, 403);
}

JIELI_INSTANTIATE_API_TEST(FeedbackComplaintsApiTest);

}  // namespace
}  // namespace jieli::test
