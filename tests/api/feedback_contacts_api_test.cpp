// The contact log and the working-day calendar (issue 15) over HTTP on both
// backends: a worker records exchanges with a client on the case and off it,
// lists them by client and case, and does their follow-ups (on their to-do
// until done); another agency sees none of it (404); rejected input changes
// nothing and what was said stays out of the audit log; the admin keeps the
// year's holidays and moved working days, everyone reads them.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class FeedbackContactsApiTest : public CaseworkApiTest {
 protected:
  static json Contact(std::int64_t client_id, std::optional<std::int64_t> case_id = std::nullopt) {
    json body = {{"client_id", client_id},
                 {"channel", "phone"},
                 {"direction", "out"},
                 {"at", "2026-11-25T08:30:00+08:00"},
                 {"summary", "电话联系案主，约定周四上午家访"}};
    if (case_id) body["case_id"] = *case_id;
    return body;
  }

  json Record(TestClient& as, const json& body) {
    TestResponse created = as.Post("/api/v1/contacts", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  static std::string FollowUpPath(const json& contact) {
    return "/api/v1/contacts/" + std::to_string(contact["id"].get<std::int64_t>()) + "/follow-up";
  }

  std::int64_t ClientOf(std::int64_t case_id) {
    return app_->db()
        .QueryOne("SELECT client_id FROM cases WHERE id = ?", {case_id})
        ->value()
        .Int(0);
  }
};

TEST_P(FeedbackContactsApiTest, AWorkerLogsExchangesAndDoesTheirFollowUps) {
  auto worker = SignIn("worker");
  const std::int64_t case_id = NewCase(*worker);
  const std::int64_t client_id = ClientOf(case_id);

  json call = Record(*worker, Contact(client_id, case_id));
  EXPECT_EQ(call["client"]["id"], client_id);
  EXPECT_EQ(call["case_id"], case_id);
  EXPECT_EQ(call["by"]["id"], UserId("worker"));
  EXPECT_EQ(call["at"], "2026-11-25T08:30:00+08:00");
  EXPECT_TRUE(call["follow_up"].is_null());

  json visit = Contact(client_id);
  visit["channel"] = "home_visit";
  visit["summary"] = "入户探访，案主提到近期睡眠不好";
  visit["follow_up"] = {{"due", "2026-11-27"}, {"note", "联系社区医生"}};
  json with_follow_up = Record(*worker, visit);
  EXPECT_EQ(with_follow_up["follow_up"]["due"], "2026-11-27");
  EXPECT_TRUE(with_follow_up["case_id"].is_null());

  // By client: both, newest first by time of the exchange; by case: the call.
  clock_.Advance(kMinute);
  json wechat = Contact(client_id, case_id);
  wechat["channel"] = "wechat";
  wechat["direction"] = "in";
  wechat["at"] = "2026-11-25T09:00:00+08:00";
  Record(*worker, wechat);
  json by_client = worker->Get("/api/v1/contacts?client_id=" + std::to_string(client_id)).Json();
  ASSERT_EQ(by_client["total"], 3);
  EXPECT_EQ(by_client["items"][0]["channel"], "wechat");
  json by_case = worker->Get("/api/v1/contacts?case_id=" + std::to_string(case_id)).Json();
  EXPECT_EQ(by_case["total"], 2);
  json phones =
      worker->Get("/api/v1/contacts?channel=phone&client_id=" + std::to_string(client_id)).Json();
  EXPECT_EQ(phones["total"], 1);

  // The follow-up is the worker's to do, not their colleague's, until done.
  json mine = worker->Get("/api/v1/contacts?follow_up=mine").Json();
  ASSERT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["id"], with_follow_up["id"]);
  EXPECT_EQ(SignIn("supervisor")->Get("/api/v1/contacts?follow_up=mine").Json()["total"], 0);
  EXPECT_EQ(SignIn("supervisor")->Get("/api/v1/contacts?follow_up=open").Json()["total"], 1);
  TestResponse done = worker->Post(FollowUpPath(with_follow_up),
                                   json{{"note", "已联系社区医生，约定上门随访"}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["follow_up"]["done_by"]["id"], UserId("worker"));
  EXPECT_FALSE(done.Json()["follow_up"]["done_at"].is_null());
  EXPECT_EQ(worker->Get("/api/v1/contacts?follow_up=mine").Json()["total"], 0);
  TestResponse again = worker->Post(FollowUpPath(with_follow_up), "{}");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.Json()["error"]["code"], "feedback.follow_up_done");
  TestResponse none = worker->Post(FollowUpPath(call), "{}");
  EXPECT_EQ(none.status, 409) << none.body;
  EXPECT_EQ(none.Json()["error"]["code"], "feedback.follow_up_none");

  // Audited, without what was said.
  auto audit = app_->db().Query(
      "SELECT action, changes FROM audit_log WHERE entity_type = 'contact' ORDER BY id");
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 4U);
  EXPECT_EQ((*audit)[0].Text(0), "feedback.record_contact");
  EXPECT_EQ((*audit)[3].Text(0), "feedback.complete_follow_up");
  for (const auto& row : *audit) {
    EXPECT_EQ(row.Text(1).find("睡眠"), std::string::npos) << row.Text(1);
    EXPECT_EQ(row.Text(1).find("家访"), std::string::npos) << row.Text(1);
  }
}

TEST_P(FeedbackContactsApiTest, AnotherAgencySeesAndWritesNoneOfIt) {
  auto worker = SignIn("worker");
  const std::int64_t case_id = NewCase(*worker);
  const std::int64_t client_id = ClientOf(case_id);
  json body = Contact(client_id, case_id);
  body["follow_up"] = {{"due", "2026-11-30"}};
  json contact = Record(*worker, body);

  auto other = SignIn("worker_b");
  const std::string client = std::to_string(client_id);
  EXPECT_EQ(other->Get("/api/v1/contacts?client_id=" + client).status, 404);
  EXPECT_EQ(other->Get("/api/v1/contacts?case_id=" + std::to_string(case_id)).status, 404);
  EXPECT_EQ(other->Get("/api/v1/contacts?follow_up=open").Json()["total"], 0);
  EXPECT_EQ(other->Get("/api/v1/contacts").Json()["total"], 0);
  const std::int64_t before = Count("contacts");
  EXPECT_EQ(other->Post("/api/v1/contacts", Contact(client_id).dump()).status, 404);
  EXPECT_EQ(other->Post(FollowUpPath(contact), "{}").status, 404);
  EXPECT_EQ(Count("contacts"), before);
  EXPECT_TRUE(app_->db()
                  .QueryOne("SELECT follow_up_done_at FROM contacts WHERE id = ?",
                            {contact["id"].get<std::int64_t>()})
                  ->value()
                  .IsNull(0));
  // The bureau holds no client rights: refused up front.
  EXPECT_EQ(SignIn("bureau")->Get("/api/v1/contacts").status, 403);
}

TEST_P(FeedbackContactsApiTest, RejectedInputChangesNothing) {
  auto worker = SignIn("worker");
  const std::int64_t case_id = NewCase(*worker);
  const std::int64_t client_id = ClientOf(case_id);
  const std::int64_t other_case = NewCase(*worker, "周建国");
  const std::int64_t audit_before = Count("audit_log");
  struct Row {
    const char* why;
    json body;
    std::string field;
    std::string code;
  };
  json future = Contact(client_id);
  future["at"] = "2026-11-25T12:00:00+08:00";
  json old = Contact(client_id);
  old["at"] = "2024-11-25T12:00:00+08:00";
  json blank = Contact(client_id);
  blank["summary"] = " \u3000";
  json early = Contact(client_id);
  early["follow_up"] = {{"due", "2026-11-24"}};
  json other_client = Contact(client_id, other_case);
  json no_offset = Contact(client_id);
  no_offset["at"] = "2026-11-25 08:30";
  json fax = Contact(client_id);
  fax["channel"] = "fax";
  json extra = Contact(client_id);
  extra["mood"] = "good";
  const std::vector<Row> rows = {
      {"ahead of now", future, "at", "date_in_future"},
      {"two years back", old, "at", "too_old"},
      {"nothing said", blank, "summary", "required"},
      {"follow-up due before", early, "follow_up.due", "before_contact"},
      {"another client's case", other_client, "case_id", "case_of_other_client"},
      {"a time without its offset", no_offset, "at", "invalid_format"},
      {"no such channel", fax, "channel", "invalid_choice"},
      {"an unknown field", extra, "mood", "unknown"},
  };
  for (const auto& row : rows) {
    TestResponse refused = worker->Post("/api/v1/contacts", row.body.dump());
    ASSERT_EQ(refused.status, 400) << row.why << ": " << refused.body;
    json details = refused.Json()["error"]["details"];
    ASSERT_FALSE(details.empty()) << row.why;
    EXPECT_EQ(details[0]["field"], row.field) << row.why;
    EXPECT_EQ(details[0]["code"], row.code) << row.why;
    EXPECT_FALSE(details[0]["message"].get<std::string>().empty()) << row.why;
  }
  EXPECT_EQ(Count("contacts"), 0);
  EXPECT_EQ(Count("audit_log"), audit_before);
  EXPECT_EQ(worker->Get("/api/v1/contacts?sort=summary").status, 400);
  EXPECT_EQ(worker->Get("/api/v1/contacts?follow_up=all").status, 400);
  (void)case_id;
}

TEST_P(FeedbackContactsApiTest, TheAdminKeepsTheYearsHolidaysEveryoneReadsThem) {
  auto worker = SignIn("worker");
  json empty = worker->Get("/api/v1/feedback/calendar?year=2026").Json();
  EXPECT_EQ(empty["year"], 2026);
  EXPECT_TRUE(empty["days"].empty());
  EXPECT_EQ(empty["working_days"], 261);  // 2026's weekdays
  EXPECT_TRUE(empty["updated_by"].is_null());
  EXPECT_EQ(worker->Get("/api/v1/feedback/calendar").Json()["year"], 2026) << "this year";

  json days = {{"days",
                {{{"date", "2026-10-01"}, {"kind", "holiday"}, {"name", "国庆节"}},
                 {{"date", "2026-10-02"}, {"kind", "holiday"}, {"name", "国庆节"}},
                 {{"date", "2026-10-10"}, {"kind", "workday"}, {"name", "国庆节调休上班"}}}}};
  TestResponse refused = worker->Put("/api/v1/feedback/calendar?year=2026", days.dump());
  EXPECT_EQ(refused.status, 403) << refused.body;

  auto admin = SignIn("admin");
  TestResponse set = admin->Put("/api/v1/feedback/calendar?year=2026", days.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["working_days"], 261 - 2 + 1);
  EXPECT_EQ(set.Json()["updated_by"]["id"], UserId("admin"));
  json read = worker->Get("/api/v1/feedback/calendar?year=2026").Json();
  EXPECT_EQ(read["days"].size(), 3U);
  EXPECT_EQ(read["days"][2]["kind"], "workday");
  EXPECT_EQ(worker->Get("/api/v1/feedback/calendar?year=2027").Json()["days"].size(), 0U);

  // Bad rows: each named by its path; the year stays as it was.
  json bad = {{"days",
               {{{"date", "2027-01-01"}, {"kind", "holiday"}, {"name", "元旦"}},
                {{"date", "2026-09-30"}, {"kind", "workday"}, {"name", "调休"}},
                {{"date", "2026-02-30"}, {"kind", "holiday"}, {"name", "x"}},
                {{"date", "2026-05-01"}, {"kind", "off"}, {"name", ""}}}}};
  TestResponse invalid = admin->Put("/api/v1/feedback/calendar?year=2026", bad.dump());
  ASSERT_EQ(invalid.status, 400) << invalid.body;
  std::set<std::string> fields;
  const json answer = invalid.Json();
  for (const auto& d : answer["error"]["details"]) {
    fields.insert(d["field"].get<std::string>());
  }
  EXPECT_TRUE(fields.contains("days[2].date")) << invalid.body;
  EXPECT_TRUE(fields.contains("days[3].kind")) << invalid.body;
  EXPECT_TRUE(fields.contains("days[3].name")) << invalid.body;
  json rules_only = {{"days",
                      {{{"date", "2027-01-01"}, {"kind", "holiday"}, {"name", "元旦"}},
                       {{"date", "2026-09-30"}, {"kind", "workday"}, {"name", "调休"}}}}};
  TestResponse by_rules = admin->Put("/api/v1/feedback/calendar?year=2026", rules_only.dump());
  ASSERT_EQ(by_rules.status, 400) << by_rules.body;
  EXPECT_EQ(by_rules.Json()["error"]["details"][0]["field"], "days[0].date");
  EXPECT_EQ(by_rules.Json()["error"]["details"][0]["code"], "not_in_year");
  EXPECT_EQ(by_rules.Json()["error"]["details"][1]["code"], "workday_on_weekday");
  EXPECT_EQ(worker->Get("/api/v1/feedback/calendar?year=2026").Json()["days"].size(), 3U);
  EXPECT_EQ(admin->Get("/api/v1/feedback/calendar?year=1999").status, 400);
  EXPECT_EQ(admin->Get("/api/v1/feedback/calendar?year=abcd").status, 400);
}

JIELI_INSTANTIATE_API_TEST(FeedbackContactsApiTest);

}  // namespace
}  // namespace jieli::test
