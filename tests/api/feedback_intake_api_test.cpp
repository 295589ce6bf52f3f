// Bookings from the public page (咨询预约) and the intake-request queue (issue
// 15) over HTTP on both backends: a booking arrives in the chosen agency's
// queue (its supervisors told), masked and encrypted, with the clients of the
// same phone the handler may read — while the public answer never says
// whether the phone is known; accepting opens a case (registering the client,
// or for a known one) with the intake form started from the booking, once;
// declining needs a reason; the city's queue is its operators', who hand a
// request to an agency; another agency sees none of it; revealing the phone is
// audited; bad input and the honeypot keep nothing; complaints filed on the
// public page reach the agency's supervisor with their reference; a flood is
// refused with 429 and keeps every accepted booking.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

constexpr const char* kPhone = "13912345678";

class FeedbackIntakeApiTest : public CaseworkApiTest {
 protected:
  std::int64_t Sunshine() { return OrgId("江城市阳光社会工作服务中心"); }
  std::int64_t Qihang() { return OrgId("西山区启航社会工作服务社"); }

  static json Booking(const json& org_id, const std::string& phone = kPhone) {
    return {{"name", "刘桂兰"},
            {"phone", phone},
            {"org_id", org_id},
            {"need_category", "elderly"},
            {"need", "母亲独居，最近常忘记吃药，想请社工上门看看。"},
            {"preferred_date", "2026-11-27"},
            {"preferred_slot", "morning"},
            {"agree", true},
            {"website", ""}};
  }

  std::string Book(const json& body) {
    TestResponse booked = Client()->Post("/api/v1/public/bookings", body.dump());
    EXPECT_EQ(booked.status, 201) << booked.body;
    json receipt = booked.Json();
    return receipt.value("reference", std::string());
  }

  // The request with this reference as the caller's list shows it (null when absent).
  static json Find(TestClient& as, const std::string& reference, const std::string& query = "") {
    json page = as.Get("/api/v1/intake-requests" + query).Json();
    for (const auto& item : page["items"]) {
      if (item["reference"] == reference) return item;
    }
    return nullptr;
  }

  static std::string RequestPath(const json& request, const std::string& rest = "") {
    return "/api/v1/intake-requests/" + std::to_string(request["id"].get<std::int64_t>()) + rest;
  }

  std::int64_t NotificationsOf(const std::string& username, const std::string& kind) {
    return app_->db()
        .QueryOne(
            "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id "
            "WHERE u.username = ? AND n.kind = ?",
            {username, kind})
        ->value()
        .Int(0);
  }
};

TEST_P(FeedbackIntakeApiTest, ABookingArrivesInTheAgencysQueueAndOnlyThere) {
  auto anyone = Client();
  json agencies = anyone->Get("/api/v1/public/agencies").Json();
  std::set<std::string> names;
  for (const auto& a : agencies["items"]) names.insert(a["name"]);
  EXPECT_EQ(names,
            (std::set<std::string>{"江城市阳光社会工作服务中心", "西山区启航社会工作服务社"}));

  const std::string reference = Book(Booking(Sunshine()));
  ASSERT_EQ(reference.size(), 8u);
  // Stored encrypted, with no clear phone anywhere in the row.
  auto stored = app_->db().QueryOne(
      "SELECT phone_masked, phone_index, phone_enc FROM intake_requests WHERE reference = ?",
      {reference});
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->Text(0), "139****5678");
  EXPECT_EQ((*stored)->Text(2).find(kPhone), std::string::npos);
  EXPECT_NE((*stored)->Text(1), kPhone);

  auto supervisor = SignIn("supervisor");
  json request = Find(*supervisor, reference, "?state=new");
  ASSERT_TRUE(request.is_object());
  EXPECT_EQ(request["org"]["name"], "江城市阳光社会工作服务中心");
  EXPECT_EQ(request["phone"], "139****5678");
  EXPECT_EQ(request["channel"], "web");
  EXPECT_EQ(request["state"], "new");
  EXPECT_EQ(request["preferred_date"], "2026-11-27");
  EXPECT_EQ(request["preferred_slot"], "morning");
  EXPECT_EQ(request["known_clients"], json::array());
  EXPECT_EQ(request["actions"], json({"accept", "decline", "reveal"}));
  EXPECT_EQ(NotificationsOf("supervisor", "intake_request_received"), 1);
  EXPECT_EQ(NotificationsOf("leader", "intake_request_received"), 1);
  EXPECT_EQ(NotificationsOf("supervisor_b", "intake_request_received"), 0);

  // Another agency: not in its list, not found by id.
  auto other = SignIn("supervisor_b");
  EXPECT_TRUE(Find(*other, reference).is_null());
  TestResponse hidden = other->Get(RequestPath(request));
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.Json()["error"]["code"], "intake.not_found");
  EXPECT_EQ(other->Post(RequestPath(request, "/reveal"), "{}").status, 404);
  // A department's worker is below the agency the booking chose.
  EXPECT_TRUE(Find(*SignIn("worker"), reference).is_null());
  // The bureau officer reads no clients: refused outright.
  EXPECT_EQ(SignIn("bureau")->Get("/api/v1/intake-requests").status, 403);

  // The phone, to call back: in clear, audited without it.
  TestResponse revealed = supervisor->Post(RequestPath(request, "/reveal"), "{}");
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["phone"], kPhone);
  EXPECT_EQ(AuditCount("intake.reveal_phone"), 1);
  auto audit = app_->db().QueryOne("SELECT COUNT(*) FROM audit_log WHERE changes LIKE ?",
                                   {std::string("%") + kPhone + "%"});
  EXPECT_EQ(audit->value().Int(0), 0);
}

TEST_P(FeedbackIntakeApiTest, TheSameAnswerWhetherOrNotThePhoneIsKnownAndTheHandlerSeesTheMatch) {
  auto worker = SignIn("worker");
  json client = {
      {"org_id", Casework()}, {"name", "刘桂兰"}, {"gender", "female"}, {"phone", "13800001111"}};
  TestResponse created = worker->Post("/api/v1/clients", client.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t client_id = created.Json()["id"];

  TestResponse known =
      Client()->Post("/api/v1/public/bookings", Booking(Sunshine(), "138 0000 1111").dump());
  TestResponse unknown =
      Client()->Post("/api/v1/public/bookings", Booking(Sunshine(), "13700002222").dump());
  ASSERT_EQ(known.status, 201);
  ASSERT_EQ(unknown.status, 201);
  // Same shape, same keys, nothing else: the public learns only a reference.
  EXPECT_EQ(known.Json().size(), 2u);
  EXPECT_EQ(unknown.Json().size(), 2u);
  EXPECT_EQ(known.Json()["ok"], true);

  auto supervisor = SignIn("supervisor");
  json request = Find(*supervisor, known.Json()["reference"]);
  ASSERT_TRUE(request.is_object());
  ASSERT_EQ(request["known_clients"].size(), 1u);
  EXPECT_EQ(request["known_clients"][0]["id"], client_id);
  EXPECT_EQ(request["known_clients"][0]["org_name"], "个案服务部");
  EXPECT_EQ(request["other_requests"], 0);
  // Booking again with the same phone: the queue says so.
  Book(Booking(Sunshine(), "13800001111"));
  EXPECT_EQ(Find(*supervisor, known.Json()["reference"])["other_requests"], 1);

  // Accepted for the known client: a case of theirs, no new client.
  const std::int64_t clients_before = Count("clients");
  TestResponse accepted = supervisor->Post(RequestPath(request, "/accept"),
                                           json({{"version", request["version"]},
                                                 {"client_id", client_id},
                                                 {"primary_worker_id", UserId("worker")}})
                                               .dump());
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.Json()["client_id"], client_id);
  EXPECT_EQ(Count("clients"), clients_before);
  json c = supervisor->Get(CasePath(accepted.Json()["case_id"])).Json();
  EXPECT_EQ(c["client_id"], client_id);
  EXPECT_EQ(c["stage"], "intake");
}

TEST_P(FeedbackIntakeApiTest, AcceptingRegistersTheClientAndOpensTheCaseOnce) {
  const std::string reference = Book(Booking(Sunshine()));
  auto supervisor = SignIn("supervisor");
  json request = Find(*supervisor, reference);
  ASSERT_TRUE(request.is_object());

  // Where the client is registered must be the agency or below it.
  TestResponse outside =
      supervisor->Post(RequestPath(request, "/accept"),
                       json({{"version", request["version"]}, {"org_id", Qihang()}}).dump());
  ASSERT_EQ(outside.status, 400) << outside.body;
  EXPECT_EQ(outside.Json()["error"]["details"][0]["field"], "org_id");
  // A stale version.
  TestResponse stale =
      supervisor->Post(RequestPath(request, "/accept"), json({{"version", 99}}).dump());
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.Json()["error"]["code"], "intake.changed");
  EXPECT_EQ(Count("cases"), 0);

  TestResponse accepted = supervisor->Post(RequestPath(request, "/accept"),
                                           json({{"version", request["version"]},
                                                 {"org_id", Casework()},
                                                 {"primary_worker_id", UserId("worker")}})
                                               .dump());
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const json answer = accepted.Json();
  EXPECT_EQ(answer["request"]["state"], "accepted");
  EXPECT_EQ(answer["request"]["handled_by"]["name"], "林晓燕");
  EXPECT_EQ(answer["request"]["case_id"], answer["case_id"]);
  EXPECT_EQ(answer["request"]["actions"], json({"reveal"}));
  EXPECT_EQ(AuditCount("intake.accept"), 1);

  // The client: the booking's name, phone and category, in the department chosen.
  auto worker = SignIn("worker");
  json client =
      worker->Get("/api/v1/clients/" + std::to_string(answer["client_id"].get<std::int64_t>()))
          .Json();
  EXPECT_EQ(client["name"], "刘桂兰");
  EXPECT_EQ(client["org_id"], Casework());
  EXPECT_EQ(client["phone"], "139****5678");
  EXPECT_EQ(client["categories"], json({"elderly"}));
  // The case: the worker's, its intake form started from the booking.
  const std::int64_t case_id = answer["case_id"];
  json intake = worker->Get(CasePath(case_id, "/stages/intake")).Json();
  EXPECT_EQ(intake["data"]["source"], "booking");
  EXPECT_EQ(intake["data"]["presenting_problem"], "母亲独居，最近常忘记吃药，想请社工上门看看。");

  // Once: a second accept is refused and opens nothing.
  TestResponse again = supervisor->Post(RequestPath(request, "/accept"),
                                        json({{"version", answer["request"]["version"]}}).dump());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Json()["error"]["code"], "intake.handled");
  EXPECT_EQ(Count("cases"), 1);
}

TEST_P(FeedbackIntakeApiTest, DecliningNeedsAReasonAndTheOtherReasonANote) {
  const std::string reference = Book(Booking(Qihang()));
  auto supervisor_b = SignIn("supervisor_b");
  json request = Find(*supervisor_b, reference);
  ASSERT_TRUE(request.is_object());
  TestResponse bare =
      supervisor_b->Post(RequestPath(request, "/decline"),
                         json({{"version", request["version"]}, {"reason", "other"}}).dump());
  ASSERT_EQ(bare.status, 400);
  EXPECT_EQ(bare.Json()["error"]["details"][0]["field"], "note");
  TestResponse unknown =
      supervisor_b->Post(RequestPath(request, "/decline"),
                         json({{"version", request["version"]}, {"reason", "busy"}}).dump());
  EXPECT_EQ(unknown.status, 400);
  TestResponse declined = supervisor_b->Post(
      RequestPath(request, "/decline"),
      json({{"version", request["version"]}, {"reason", "out_of_area"}, {"note", "住在东湖区"}})
          .dump());
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(declined.Json()["state"], "declined");
  EXPECT_EQ(declined.Json()["decline_reason"], "out_of_area");
  EXPECT_EQ(declined.Json()["decline_note"], "住在东湖区");
  EXPECT_EQ(Find(*supervisor_b, reference, "?state=new"), nullptr);
  EXPECT_TRUE(Find(*supervisor_b, reference, "?state=declined").is_object());
  EXPECT_EQ(AuditCount("intake.decline"), 1);
}

TEST_P(FeedbackIntakeApiTest, TheCitysQueueIsItsOperatorsWhoHandARequestToAnAgency) {
  const std::string reference = Book(Booking(nullptr));
  // The city's operators are told; no agency's people are.
  EXPECT_EQ(NotificationsOf("operator", "intake_request_received"), 1);
  EXPECT_EQ(NotificationsOf("supervisor", "intake_request_received"), 0);
  auto supervisor = SignIn("supervisor");
  EXPECT_TRUE(Find(*supervisor, reference).is_null());
  auto city = SignIn("operator");
  json request = Find(*city, reference, "?city=true");
  ASSERT_TRUE(request.is_object());
  EXPECT_TRUE(request["org"].is_null());
  EXPECT_EQ(request["actions"], json({"assign", "decline", "reveal"}));
  TestResponse early =
      city->Post(RequestPath(request, "/accept"), json({{"version", request["version"]}}).dump());
  EXPECT_EQ(early.status, 403);  // operators register no clients

  TestResponse not_agency =
      city->Post(RequestPath(request, "/assign"),
                 json({{"version", request["version"]}, {"org_id", Casework()}}).dump());
  ASSERT_EQ(not_agency.status, 400);
  EXPECT_EQ(not_agency.Json()["error"]["details"][0]["field"], "org_id");
  TestResponse assigned =
      city->Post(RequestPath(request, "/assign"),
                 json({{"version", request["version"]}, {"org_id", Qihang()}}).dump());
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.Json()["org"]["name"], "西山区启航社会工作服务社");
  EXPECT_EQ(AuditCount("intake.assign"), 1);
  EXPECT_EQ(NotificationsOf("supervisor_b", "intake_request_received"), 1);
  json taken = Find(*SignIn("supervisor_b"), reference);
  ASSERT_TRUE(taken.is_object());
  EXPECT_EQ(taken["actions"], json({"accept", "decline", "reveal"}));
  // Handed on once.
  TestResponse twice =
      city->Post(RequestPath(request, "/assign"),
                 json({{"version", assigned.Json()["version"]}, {"org_id", Sunshine()}}).dump());
  EXPECT_EQ(twice.status, 409);
}

TEST_P(FeedbackIntakeApiTest, BadBookingsAreRefusedFieldByFieldAndTheHoneypotKeepsNothing) {
  auto anyone = Client();
  json bad = Booking(Casework(), "12345");
  bad["agree"] = false;
  bad["preferred_date"] = "2026-11-20";
  bad["need_category"] = "aliens";
  TestResponse refused = anyone->Post("/api/v1/public/bookings", bad.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  std::map<std::string, std::string> issues;
  const json error = refused.Json();
  for (const auto& d : error["error"]["details"]) issues[d["field"]] = d["code"];
  EXPECT_EQ(issues, (std::map<std::string, std::string>{{"phone", "phone_invalid"},
                                                        {"need_category", "invalid_choice"},
                                                        {"preferred_date", "date_in_past"},
                                                        {"agree", "must_agree"},
                                                        {"org_id", "not_found"}}));
  json blank = Booking(Sunshine());
  blank["name"] = "  ";
  TestResponse nameless = anyone->Post("/api/v1/public/bookings", blank.dump());
  ASSERT_EQ(nameless.status, 400);
  EXPECT_EQ(nameless.Json()["error"]["details"][0]["field"], "name");
  json far = Booking(Sunshine());
  far["preferred_date"] = "2027-03-01";
  TestResponse too_far = anyone->Post("/api/v1/public/bookings", far.dump());
  ASSERT_EQ(too_far.status, 400);
  EXPECT_EQ(too_far.Json()["error"]["details"][0]["code"], "too_far_ahead");
  EXPECT_EQ(Count("intake_requests"), 0);

  json robot = Booking(Sunshine());
  robot["website"] = "http://spam.example";
  TestResponse fooled = anyone->Post("/api/v1/public/bookings", robot.dump());
  EXPECT_EQ(fooled.status, 201);
  EXPECT_EQ(fooled.Json()["reference"].get<std::string>().size(), 8u);
  EXPECT_EQ(Count("intake_requests"), 0);
  EXPECT_EQ(Count("notifications"), 0);
}

TEST_P(FeedbackIntakeApiTest, AComplaintFiledOnThePublicPageReachesTheAgencysSupervisor) {
  auto anyone = Client();
  json body = {{"org_id", Sunshine()},
               {"kind", "complaint"},
               {"category", "timeliness"},
               {"subject", "预约后一周没人联系"},
               {"details", "上周在网上预约了上门服务，到现在没有人打电话来。"},
               {"name", "刘女士"},
               {"contact", "13912345678"},
               {"website", ""}};
  TestResponse filed = anyone->Post("/api/v1/public/complaints", body.dump());
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string reference = filed.Json()["reference"];
  auto supervisor = SignIn("supervisor");
  json page = supervisor->Get("/api/v1/complaints").Json();
  ASSERT_EQ(page["items"].size(), 1u);
  const json complaint = page["items"][0];
  EXPECT_EQ(complaint["reference"], reference);
  EXPECT_EQ(complaint["channel"], "web");
  EXPECT_EQ(complaint["state"], "received");
  EXPECT_EQ(complaint["handler"]["name"], "林晓燕");
  EXPECT_EQ(complaint["complainant"]["contact"], "139****5678");
  EXPECT_FALSE(complaint["acknowledge_due"].is_null());
  EXPECT_EQ(NotificationsOf("supervisor", "complaint_assigned"), 1);
  // Not to a department, not without a subject; the other agency sees nothing.
  body["org_id"] = Casework();
  TestResponse refused = anyone->Post("/api/v1/public/complaints", body.dump());
  ASSERT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["details"][0]["field"], "org_id") << refused.body;
  body["org_id"] = Sunshine();
  body["subject"] = " ";
  refused = anyone->Post("/api/v1/public/complaints", body.dump());
  ASSERT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["details"][0]["field"], "subject") << refused.body;
  EXPECT_EQ(Count("complaints"), 1);
  EXPECT_EQ(SignIn("supervisor_b")->Get("/api/v1/complaints").Json()["total"], 0);
}

class FeedbackIntakeRateLimitApiTest : public FeedbackIntakeApiTest {
 protected:
  void ConfigureApp(app::AppConfig& config) override { config.public_rate_per_minute = 5; }
};

TEST_P(FeedbackIntakeRateLimitApiTest, AFloodOfBookingsIsRefusedWith429AndKeepsEveryAcceptedOne) {
  int accepted = 0, limited = 0;
  std::set<std::string> references;
  for (int i = 0; i < 9; ++i) {
    TestResponse r = Client()->Post("/api/v1/public/bookings",
                                    Booking(Sunshine(), "1390000000" + std::to_string(i)).dump());
    if (r.status == 201) {
      ++accepted;
      references.insert(r.Json()["reference"]);
    }
    if (r.status == 429) {
      ++limited;
      EXPECT_FALSE(r.headers["Retry-After"].empty());
    }
  }
  EXPECT_EQ(accepted, 5);
  EXPECT_EQ(limited, 4);
  EXPECT_EQ(references.size(), 5u);
  EXPECT_EQ(Count("intake_requests"), 5);
  // The agencies' list is a read: never limited.
  EXPECT_EQ(Client()->Get("/api/v1/public/agencies").status, 200);
}

JIELI_INSTANTIATE_API_TEST(FeedbackIntakeApiTest);
JIELI_INSTANTIATE_API_TEST(FeedbackIntakeRateLimitApiTest);

}  // namespace
}  // namespace jieli::test
