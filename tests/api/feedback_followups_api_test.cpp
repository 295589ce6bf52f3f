// The follow-up entry (回访, issue 15) over HTTP on both backends: recording a
// case's follow-up captures how the client is now, the new needs they raised
// and the exchange in the contact log, in one write; rejected input changes
// nothing; one click opens a new case for the new needs, its intake started
// from them, once; another agency reaches none of it.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class FeedbackFollowUpsApiTest : public CaseworkApiTest {
 protected:
  // A case of the worker's, closed, with follow-ups due on the given days
  // (written directly: how a closure makes them is the cases tests' part).
  std::vector<std::int64_t> ClosedCaseWithFollowUps(TestClient& worker,
                                                    std::initializer_list<const char*> days) {
    case_id_ = NewCase(worker);
    EXPECT_TRUE(app_->db().Execute(
        "UPDATE cases SET stage = 'closed', closed_at = ?, due_at = NULL WHERE id = ?",
        {kStartTime, case_id_}));
    client_id_ =
        app_->db().QueryOne("SELECT client_id FROM cases WHERE id = ?", {case_id_})->value().Int(0);
    std::vector<std::int64_t> ids;
    for (const char* day : days) {
      auto row = app_->db().QueryOne(
          "INSERT INTO case_followups (case_id, due_on, due_at, status) VALUES (?, ?, ?, 'due') "
          "RETURNING id",
          {case_id_, std::string(day), kStartTime + 60 * kMinute});
      EXPECT_TRUE(row && *row);
      ids.push_back((*row)->Int(0));
    }
    return ids;
  }

  static std::string Path(std::int64_t followup_id, const std::string& action) {
    return "/api/v1/followups/" + std::to_string(followup_id) + "/" + action;
  }

  static json Visit() {
    return {{"note", "上门回访：老人已能自己做饭，按时服药"},
            {"situation", "better"},
            {"channel", "home_visit"},
            {"at", "2026-11-25T08:30:00+08:00"},
            {"new_needs", "想申请居家养老服务补贴，希望有人帮忙准备材料"}};
  }

  std::string StatusOf(std::int64_t followup_id) {
    return app_->db()
        .QueryOne("SELECT status FROM case_followups WHERE id = ?", {followup_id})
        ->value()
        .Text(0);
  }

  std::int64_t case_id_ = 0;
  std::int64_t client_id_ = 0;
};

TEST_P(FeedbackFollowUpsApiTest, AFollowUpRecordsWhatItFoundAndTheExchange) {
  auto worker = SignIn("worker");
  auto ids = ClosedCaseWithFollowUps(*worker, {"2026-11-25", "2027-02-25"});

  TestResponse done = worker->Post(Path(ids[0], "complete"), Visit().dump());
  ASSERT_EQ(done.status, 200) << done.body;
  json followup = done.Json();
  EXPECT_EQ(followup["status"], "done");
  EXPECT_EQ(followup["situation"], "better");
  EXPECT_EQ(followup["note"], "上门回访：老人已能自己做饭，按时服药");
  EXPECT_EQ(followup["new_needs"], "想申请居家养老服务补贴，希望有人帮忙准备材料");
  EXPECT_TRUE(followup["new_case_id"].is_null());
  EXPECT_EQ(followup["done_by"]["id"], UserId("worker"));

  // The exchange is in the client's contact log, on the case, naming the follow-up.
  json contacts = worker->Get("/api/v1/contacts?client_id=" + std::to_string(client_id_)).Json();
  ASSERT_EQ(contacts["total"], 1);
  json contact = contacts["items"][0];
  EXPECT_EQ(contact["followup_id"], ids[0]);
  EXPECT_EQ(contact["case_id"], case_id_);
  EXPECT_EQ(contact["channel"], "home_visit");
  EXPECT_EQ(contact["direction"], "out");
  EXPECT_EQ(contact["at"], "2026-11-25T08:30:00+08:00");
  EXPECT_EQ(contact["summary"], "上门回访：老人已能自己做饭，按时服药");

  // The list and the timeline say what it found.
  json listed = worker->Get(CasePath(case_id_, "/followups")).Json();
  ASSERT_EQ(listed["items"].size(), 2U);
  EXPECT_EQ(listed["items"][0]["situation"], "better");
  EXPECT_TRUE(listed["items"][1]["situation"].is_null());
  json timeline = worker->Get(CasePath(case_id_, "/timeline")).Json();
  EXPECT_EQ(timeline["items"][0]["kind"], "followup_done");
  EXPECT_EQ(timeline["items"][0]["data"]["situation"], "better");

  // Once: a second recording is refused and logs no second exchange.
  json walk_in = Visit();
  walk_in["channel"] = "walk_in";
  TestResponse again = worker->Post(Path(ids[0], "complete"), walk_in.dump());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.Json()["error"]["code"], "cases.followup_closed");
  EXPECT_EQ(Count("contacts"), 1);

  // A client who walks in for the next one came to the agency; the time defaults to now.
  json next = {
      {"note", "案主来中心参加活动，顺便回访"}, {"situation", "same"}, {"channel", "walk_in"}};
  TestResponse second = worker->Post(Path(ids[1], "complete"), next.dump());
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.Json()["new_needs"], "");
  json newest = worker->Get("/api/v1/contacts?case_id=" + std::to_string(case_id_)).Json();
  ASSERT_EQ(newest["total"], 2);
  EXPECT_EQ(newest["items"][0]["direction"], "in");
  EXPECT_EQ(newest["items"][0]["followup_id"], ids[1]);

  // Audited, without what the client said.
  auto audit = app_->db().Query(
      "SELECT action, changes FROM audit_log WHERE action IN ('cases.followup_done', "
      "'feedback.record_contact') ORDER BY id");
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 4U);
  for (const auto& row : *audit) {
    EXPECT_EQ(row.Text(1).find("补贴"), std::string::npos) << row.Text(1);
    EXPECT_EQ(row.Text(1).find("做饭"), std::string::npos) << row.Text(1);
  }
}

TEST_P(FeedbackFollowUpsApiTest, RejectedInputChangesNothing) {
  auto worker = SignIn("worker");
  auto ids = ClosedCaseWithFollowUps(*worker, {"2026-11-25"});
  const std::string complete = Path(ids[0], "complete");

  auto fields_of = [](const TestResponse& response) {
    std::vector<std::string> fields;
    const json error = response.Json()["error"];
    for (const auto& issue : error["details"])
      fields.push_back(issue["field"].get<std::string>() + " " + issue["code"].get<std::string>());
    return fields;
  };
  TestResponse missing = worker->Post(complete, json{{"note", "电话回访"}}.dump());
  ASSERT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(fields_of(missing),
            (std::vector<std::string>{"situation required", "channel required"}));

  json web = Visit();
  web["channel"] = "web";  // the public pages' channel, not a follow-up's
  EXPECT_EQ(worker->Post(complete, web.dump()).status, 400);
  json unknown = Visit();
  unknown["situation"] = "fine";
  EXPECT_EQ(worker->Post(complete, unknown.dump()).status, 400);

  json blank = Visit();
  blank["note"] = "   ";
  TestResponse no_note = worker->Post(complete, blank.dump());
  ASSERT_EQ(no_note.status, 400) << no_note.body;
  EXPECT_EQ(fields_of(no_note), (std::vector<std::string>{"note required"}));
  // A wrong time undoes the recording it came with.
  json future = Visit();
  future["at"] = "2026-11-26T12:00:00+08:00";
  TestResponse ahead = worker->Post(complete, future.dump());
  ASSERT_EQ(ahead.status, 400) << ahead.body;
  EXPECT_EQ(fields_of(ahead), (std::vector<std::string>{"at date_in_future"}));
  json old = Visit();
  old["at"] = "2025-01-01T09:00:00+08:00";
  TestResponse too_old = worker->Post(complete, old.dump());
  ASSERT_EQ(too_old.status, 400) << too_old.body;
  EXPECT_EQ(fields_of(too_old), (std::vector<std::string>{"at too_old"}));
  json needs = Visit();
  needs["new_needs"] = std::string(2001, 'x');
  TestResponse long_needs = worker->Post(complete, needs.dump());
  EXPECT_EQ(long_needs.status, 400) << long_needs.body;

  EXPECT_EQ(StatusOf(ids[0]), "due");
  EXPECT_EQ(Count("contacts"), 0);
  EXPECT_EQ(AuditCount("cases.followup_done"), 0);
  EXPECT_EQ(worker->Post(Path(999999, "complete"), Visit().dump()).status, 404);
}

TEST_P(FeedbackFollowUpsApiTest, NewNeedsOpenANewCaseOnce) {
  auto worker = SignIn("worker");
  auto ids = ClosedCaseWithFollowUps(*worker, {"2026-11-25", "2027-02-25"});

  // Not before the follow-up is recorded, not without needs.
  TestResponse early = worker->Post(Path(ids[0], "new-case"), "{}");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.Json()["error"]["code"], "cases.followup_due");
  json plain = Visit();
  plain.erase("new_needs");
  ASSERT_EQ(worker->Post(Path(ids[1], "complete"), plain.dump()).status, 200);
  TestResponse no_needs = worker->Post(Path(ids[1], "new-case"), "{}");
  EXPECT_EQ(no_needs.status, 409) << no_needs.body;
  EXPECT_EQ(no_needs.Json()["error"]["code"], "cases.followup_no_needs");

  ASSERT_EQ(worker->Post(Path(ids[0], "complete"), Visit().dump()).status, 200);
  const std::int64_t cases_before = Count("cases");
  TestResponse opened = worker->Post(Path(ids[0], "new-case"), "{}");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::int64_t new_case = opened.Json()["case_id"];
  EXPECT_EQ(opened.Json()["followup"]["new_case_id"], new_case);
  EXPECT_EQ(Count("cases"), cases_before + 1);

  // The worker's, for the same client in the same organisation, its intake
  // started from the needs.
  json kase = worker->Get(CasePath(new_case)).Json();
  EXPECT_EQ(kase["client_id"], client_id_);
  EXPECT_EQ(kase["stage"], "intake");
  EXPECT_EQ(kase["primary_worker"]["id"], UserId("worker"));
  json intake = worker->Get(CasePath(new_case, "/stages/intake")).Json();
  EXPECT_EQ(intake["data"]["source"], "followup");
  EXPECT_EQ(intake["data"]["presenting_problem"], "想申请居家养老服务补贴，希望有人帮忙准备材料");
  json timeline = worker->Get(CasePath(case_id_, "/timeline")).Json();
  EXPECT_EQ(timeline["items"][0]["kind"], "followup_new_case");
  EXPECT_EQ(timeline["items"][0]["data"]["case_id"], new_case);

  // Once.
  TestResponse again = worker->Post(Path(ids[0], "new-case"), "{}");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.Json()["error"]["code"], "cases.followup_case_opened");
  EXPECT_EQ(again.Json()["error"]["params"]["existing_id"], std::to_string(new_case)) << again.body;
  EXPECT_EQ(Count("cases"), cases_before + 1);
  EXPECT_EQ(AuditCount("cases.followup_new_case"), 1);
}

TEST_P(FeedbackFollowUpsApiTest, AClientWithAnOpenCaseIsSentToIt) {
  auto worker = SignIn("worker");
  auto ids = ClosedCaseWithFollowUps(*worker, {"2026-11-25"});
  ASSERT_EQ(worker->Post(Path(ids[0], "complete"), Visit().dump()).status, 200);
  // The client came back meanwhile and has a case again.
  TestResponse back =
      worker->Post("/api/v1/cases",
                   json{{"client_id", client_id_}, {"supervisor_id", UserId("supervisor")}}.dump());
  ASSERT_EQ(back.status, 201) << back.body;
  const std::int64_t open_case = back.Json()["id"];
  TestResponse refused = worker->Post(Path(ids[0], "new-case"), "{}");
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["code"], "cases.client_has_open_case");
  EXPECT_EQ(refused.Json()["error"]["params"]["existing_id"], std::to_string(open_case));
  EXPECT_TRUE(
      worker->Get(CasePath(case_id_, "/followups")).Json()["items"][0]["new_case_id"].is_null());
}

TEST_P(FeedbackFollowUpsApiTest, AnotherAgencyReachesNoneOfIt) {
  auto worker = SignIn("worker");
  auto ids = ClosedCaseWithFollowUps(*worker, {"2026-11-25", "2027-02-25"});
  ASSERT_EQ(worker->Post(Path(ids[1], "complete"), Visit().dump()).status, 200);
  auto other = SignIn("worker_b");
  TestResponse complete = other->Post(Path(ids[0], "complete"), Visit().dump());
  EXPECT_EQ(complete.status, 404) << complete.body;
  EXPECT_EQ(complete.Json()["error"]["code"], "cases.followup_not_found");
  EXPECT_EQ(other->Post(Path(ids[1], "new-case"), "{}").status, 404);
  EXPECT_EQ(StatusOf(ids[0]), "due");
  EXPECT_EQ(Count("contacts"), 1);
  EXPECT_EQ(other->Get("/api/v1/contacts").Json()["total"], 0);
}

JIELI_INSTANTIATE_API_TEST(FeedbackFollowUpsApiTest);

}  // namespace
}  // namespace jieli::test
