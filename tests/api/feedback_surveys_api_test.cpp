// Satisfaction surveys (issue 15) over HTTP on both backends: a quality
// manager makes a survey from the built-in questionnaire, a worker sends a
// client a personal link, the client answers it on the public API once (and
// is refused after expiry or the withdrawal of their survey consent), the
// results count it without naming the client unless the survey is named;
// an anonymous link takes one answer per device; another agency sees none of
// it; the honeypot keeps nothing; the QR codes are real images; the public
// writes are rate-limited per address (429 with Retry-After) and keep every
// accepted answer.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class FeedbackSurveysApiTest : public CaseworkApiTest {
 protected:
  std::int64_t Agency() { return OrgId("江城市阳光社会工作服务中心"); }

  json MakeSurvey(TestClient& as, const json& body) {
    TestResponse created = as.Post("/api/v1/surveys", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  static std::string SurveyPath(const json& survey, const std::string& rest = "") {
    return "/api/v1/surveys/" + std::to_string(survey["id"].get<std::int64_t>()) + rest;
  }

  // Sends one client a link; the answer's first link.
  json SendTo(TestClient& as, const json& survey, std::int64_t client_id, const json& extra = {}) {
    json body = {{"client_ids", {client_id}}};
    for (auto& [key, value] : extra.items()) body[key] = value;
    TestResponse sent = as.Post(SurveyPath(survey, "/send"), body.dump());
    EXPECT_EQ(sent.status, 201) << sent.body;
    json links = sent.Json()["links"];
    return links.is_array() && !links.empty() ? links[0] : json();
  }

  static std::string PublicPath(const std::string& token, const std::string& rest = "") {
    return "/api/v1/public/surveys/" + token + rest;
  }

  // The built-in questionnaire answered: every item `value` ("1"–"4").
  static json BuiltInAnswers(const std::string& value) {
    json answers = json::object();
    for (const char* id : {"listened", "respected", "convenient", "goals_agreed", "kept_informed",
                           "situation_better", "more_able", "overall"}) {
      answers[id] = {{"choices", {value}}};
    }
    return answers;
  }
};

TEST_P(FeedbackSurveysApiTest, AClientAnswersTheirPersonalLinkOnceAndTheResultsCountIt) {
  auto supervisor = SignIn("supervisor");
  auto worker = SignIn("worker");
  json builtin = worker->Get("/api/v1/surveys/builtin").Json();
  ASSERT_EQ(builtin["items"].size(), 8u);
  json survey = MakeSurvey(*supervisor, {{"org_id", Agency()}});
  EXPECT_EQ(survey["built_in"], true);
  EXPECT_EQ(survey["named"], false);
  EXPECT_EQ(survey["title_zh"], "服务满意度问卷");
  EXPECT_TRUE(survey["anonymous_url"].is_null());
  // Making surveys is the quality managers' (403 for a worker).
  EXPECT_EQ(worker->Post("/api/v1/surveys", json({{"org_id", Agency()}}).dump()).status, 403);

  const std::int64_t case_id = NewCase(*worker);
  const std::int64_t client_id =
      app_->db().QueryOne("SELECT client_id FROM cases WHERE id = ?", {case_id})->value().Int(0);
  json link = SendTo(*worker, survey, client_id, {{"case_id", case_id}});
  ASSERT_TRUE(link["token"].is_string()) << link.dump();
  const std::string token = link["token"];
  EXPECT_EQ(link["url"], "/p/s/" + token);
  EXPECT_EQ(link["expires_on"], "2026-12-25");  // 30 days after 2026-11-25
  EXPECT_TRUE(link["skipped"].is_null());
  // Only the token's hash is kept; the audit log has neither.
  EXPECT_EQ(app_->db()
                .QueryOne("SELECT COUNT(*) FROM survey_links WHERE token_hash = ?", {token})
                ->value()
                .Int(0),
            0);
  EXPECT_EQ(AuditCount("feedback.send_survey"), 1);

  auto client = Client();  // the client's phone: no session
  TestResponse opened = client->Get(PublicPath(token));
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.Json()["state"], "open");
  EXPECT_EQ(opened.Json()["org_name"], "江城市阳光社会工作服务中心");
  EXPECT_EQ(opened.Json()["questionnaire"]["items"].size(), 8u);
  EXPECT_EQ(opened.body.find("孙桂英"), std::string::npos);  // never the client's name

  // Half an answer: each missing required item named; nothing kept.
  json half = BuiltInAnswers("4");
  half.erase("overall");
  half.erase("convenient");
  TestResponse refused =
      client->Post(PublicPath(token, "/answers"), json({{"answers", half}}).dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  const json error = refused.Json();
  std::set<std::string> fields;
  for (const auto& d : error["error"]["details"]) fields.insert(d["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"answers.convenient", "answers.overall"}));
  EXPECT_EQ(Count("survey_responses"), 0);

  json answers = BuiltInAnswers("3");
  answers["listened"] = {{"choices", {"4"}}};
  TestResponse answered =
      client->Post(PublicPath(token, "/answers"), json({{"answers", answers}}).dump());
  ASSERT_EQ(answered.status, 201) << answered.body;
  // Once: the link now says so, and a second answer is refused.
  EXPECT_EQ(client->Get(PublicPath(token)).Json()["state"], "answered");
  TestResponse again =
      client->Post(PublicPath(token, "/answers"), json({{"answers", answers}}).dump());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Json()["error"]["code"], "survey.answered");
  EXPECT_EQ(Count("survey_responses"), 1);
  // The quality indicators take the answer as the case's satisfaction, 1–5.
  auto scores = app_->services().surveys.CaseSurveyScores({Casework()});
  ASSERT_TRUE(scores);
  ASSERT_EQ(scores->size(), 1u);
  EXPECT_EQ((*scores)[0].case_id, case_id);
  EXPECT_NEAR((*scores)[0].score, 1 + 4 * (25.0 - 8) / (32 - 8), 1e-9);
  EXPECT_TRUE(
      app_->services().surveys.CaseSurveyScores({OrgId("西山区启航社会工作服务社")})->empty());

  json results = supervisor->Get(SurveyPath(survey, "/results")).Json();
  EXPECT_EQ(results["sent"], 1);
  EXPECT_EQ(results["answered"], 1);
  EXPECT_EQ(results["response_rate"], 1.0);
  EXPECT_EQ(results["responses"], 1);
  EXPECT_EQ(results["total"]["mean"], 25.0);  // 4 + 7 × 3
  EXPECT_EQ(results["total"]["min_possible"], 8.0);
  EXPECT_EQ(results["total"]["max_possible"], 32.0);
  EXPECT_EQ(results["total"]["distribution"], json::parse(R"([{"total":25.0,"count":1}])"));
  EXPECT_EQ(results["items"][0]["id"], "listened");
  EXPECT_EQ(results["items"][0]["mean"], 4.0);
  EXPECT_EQ(results["items"][0]["options"][3]["count"], 1);
  EXPECT_EQ(results["by_month"][0]["month"], "2026-11");
  json links = worker->Get(SurveyPath(survey, "/links")).Json();
  ASSERT_EQ(links["total"], 1);
  EXPECT_EQ(links["items"][0]["state"], "answered");
  EXPECT_EQ(links["items"][0]["client"]["id"], client_id);
  json listed = worker->Get("/api/v1/surveys").Json();
  EXPECT_EQ(listed["items"][0]["sent"], 1);
  EXPECT_EQ(listed["items"][0]["answered"], 1);

  // The export: a row per answer, without the client on an unnamed survey.
  TestResponse exported = supervisor->Get(SurveyPath(survey, "/export"));
  EXPECT_EQ(exported.status, 200);
  EXPECT_EQ(exported.body.substr(0, 2), "PK");

  // Another agency sees neither the survey nor its results.
  auto other = SignIn("worker_b");
  EXPECT_EQ(other->Get(SurveyPath(survey)).status, 404);
  EXPECT_EQ(other->Get(SurveyPath(survey, "/results")).status, 404);
  EXPECT_EQ(other->Get("/api/v1/surveys").Json()["total"], 0);
  EXPECT_EQ(
      other->Post(SurveyPath(survey, "/send"), json({{"client_ids", {client_id}}}).dump()).status,
      404);
}

TEST_P(FeedbackSurveysApiTest, ALinkStopsAnsweringAfterItsDayOrTheClientsWithdrawal) {
  auto supervisor = SignIn("supervisor");
  auto worker = SignIn("worker");
  json survey = MakeSurvey(*supervisor, {{"org_id", Agency()}, {"named", true}});
  const std::int64_t first = NewClient(*worker, "王秀兰");
  const std::int64_t second = NewClient(*worker, "李建国");

  json today = SendTo(*worker, survey, first, {{"expires_on", "2026-11-25"}});
  const std::string expiring = today["token"];
  auto client = Client();
  EXPECT_EQ(client->Get(PublicPath(expiring)).Json()["state"], "open");
  clock_.Advance(2 * 24 * 60 * kMinute);
  worker = SignIn("worker");  // the sessions ended while the clock moved on
  supervisor = SignIn("supervisor");
  EXPECT_EQ(client->Get(PublicPath(expiring)).Json()["state"], "expired");
  TestResponse late = client->Post(PublicPath(expiring, "/answers"),
                                   json({{"answers", BuiltInAnswers("4")}}).dump());
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.Json()["error"]["code"], "survey.expired");
  // Past the longest a link may last, or before today: refused.
  TestResponse too_far =
      worker->Post(SurveyPath(survey, "/send"),
                   json({{"client_ids", {first}}, {"expires_on", "2027-12-31"}}).dump());
  EXPECT_EQ(too_far.status, 400);

  // Sent before the client withdrew survey consent: no longer answers.
  json link = SendTo(*worker, survey, second);
  const std::string token = link["token"];
  json consents = {
      {"consents",
       {{{"kind", "survey"}, {"given_on", "2026-11-01"}, {"withdrawn_on", "2026-11-27"}}}}};
  ASSERT_EQ(worker->Patch("/api/v1/clients/" + std::to_string(second), consents.dump()).status,
            200);
  EXPECT_EQ(client->Get(PublicPath(token)).Json()["state"], "withdrawn");
  TestResponse withdrawn =
      client->Post(PublicPath(token, "/answers"), json({{"answers", BuiltInAnswers("4")}}).dump());
  EXPECT_EQ(withdrawn.Json()["error"]["code"], "survey.withdrawn");
  // And is sent no new link.
  json skipped = SendTo(*worker, survey, second);
  EXPECT_EQ(skipped["skipped"], "consent_withdrawn");
  EXPECT_TRUE(skipped["token"].is_null());
  EXPECT_EQ(Count("survey_responses"), 0);

  // A new link supersedes the unanswered one; a named survey names the client.
  json renewed = SendTo(*worker, survey, first);
  json answers = BuiltInAnswers("2");
  TestResponse ok =
      client->Post(PublicPath(renewed["token"], "/answers"), json({{"answers", answers}}).dump());
  ASSERT_EQ(ok.status, 201) << ok.body;
  json links = worker->Get(SurveyPath(survey, "/links")).Json();
  EXPECT_EQ(links["total"], 3);
  json results = supervisor->Get(SurveyPath(survey, "/results")).Json();
  EXPECT_EQ(results["sent"], 2);  // the superseded link does not count
  EXPECT_EQ(results["answered"], 1);
  EXPECT_EQ(results["total"]["mean"], 16.0);
}

TEST_P(FeedbackSurveysApiTest, AnAnonymousLinkTakesOneAnswerPerDeviceAndTheHoneypotKeepsNothing) {
  auto supervisor = SignIn("supervisor");
  json own = {
      {"title_zh", "社区活动反馈"},
      {"title_en", "Activity feedback"},
      {"items",
       {{{"id", "liked"},
         {"type", "single"},
         {"text_zh", "您喜欢这次活动吗？"},
         {"required", true},
         {"options",
          {{{"value", "yes"}, {"label_zh", "喜欢"}}, {{"value", "no"}, {"label_zh", "不喜欢"}}}}},
        {{"id", "why"},
         {"type", "text"},
         {"text_zh", "哪里可以改进？"},
         {"show_if", {{"item", "liked"}, {"any_of", {"no"}}}}},
        {{"id", "stars"},
         {"type", "rating"},
         {"text_zh", "打分"},
         {"scale_max", 5},
         {"scored", true}}}}};
  // A questionnaire with mistakes: each named under its item.
  json bad = own;
  bad["items"][0]["options"] = json::array();
  bad["items"][2]["id"] = "Bad Id";
  TestResponse refused = supervisor->Post(
      "/api/v1/surveys", json({{"org_id", Agency()}, {"questionnaire", bad}}).dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  const json error = refused.Json();
  std::set<std::string> fields;
  for (const auto& d : error["error"]["details"]) fields.insert(d["field"]);
  EXPECT_TRUE(fields.count("questionnaire.items[0].options")) << refused.body;
  EXPECT_TRUE(fields.count("questionnaire.items[2].id")) << refused.body;
  EXPECT_EQ(Count("surveys"), 0);

  json survey =
      MakeSurvey(*supervisor, {{"org_id", Agency()}, {"anonymous", true}, {"questionnaire", own}});
  ASSERT_TRUE(survey["anonymous_url"].is_string());
  EXPECT_EQ(survey["built_in"], false);
  const std::string token = survey["anonymous_url"].get<std::string>().substr(5);

  auto phone = Client();
  EXPECT_EQ(phone->Get(PublicPath(token)).Json()["state"], "open");
  ASSERT_TRUE(phone->Cookie("jieli_survey_device"));
  // An answer to an item not asked is refused.
  json not_asked = {{"liked", {{"choices", {"yes"}}}}, {"why", {{"text", "人太多"}}}};
  EXPECT_EQ(
      phone->Post(PublicPath(token, "/answers"), json({{"answers", not_asked}}).dump()).status,
      400);
  json answers = {{"liked", {{"choices", {"no"}}}},
                  {"why", {{"text", "时间太短"}}},
                  {"stars", {{"rating", 3}}}};
  EXPECT_EQ(phone->Post(PublicPath(token, "/answers"), json({{"answers", answers}}).dump()).status,
            201);
  EXPECT_EQ(phone->Get(PublicPath(token)).Json()["state"], "answered");
  TestResponse twice =
      phone->Post(PublicPath(token, "/answers"), json({{"answers", answers}}).dump());
  EXPECT_EQ(twice.Json()["error"]["code"], "survey.answered");
  auto tablet = Client();
  EXPECT_EQ(tablet->Post(PublicPath(token, "/answers"), json({{"answers", answers}}).dump()).status,
            201);
  // The honeypot: answered as accepted, nothing kept.
  auto robot = Client();
  EXPECT_EQ(robot
                ->Post(PublicPath(token, "/answers"),
                       json({{"answers", answers}, {"website", "http://spam.example"}}).dump())
                .status,
            201);
  EXPECT_EQ(Count("survey_responses"), 2);

  json results = supervisor->Get(SurveyPath(survey, "/results")).Json();
  EXPECT_EQ(results["responses"], 2);
  EXPECT_TRUE(results["response_rate"].is_null());  // no personal links
  EXPECT_EQ(results["items"][2]["mean"], 3.0);
  ASSERT_EQ(results["texts"].size(), 2u);
  EXPECT_EQ(results["texts"][0]["text"], "时间太短");
  EXPECT_TRUE(results["texts"][0]["client"].is_null());

  // The QR codes: an SVG and a PNG of the public address.
  TestResponse svg = phone->Get(PublicPath(token, "/qr.svg"));
  EXPECT_EQ(svg.status, 200);
  EXPECT_EQ(svg.headers["Content-Type"], "image/svg+xml");
  EXPECT_EQ(svg.body.rfind("<svg", 0), 0u);
  TestResponse png = phone->Get(PublicPath(token, "/qr.png"));
  EXPECT_EQ(png.status, 200);
  EXPECT_EQ(png.body.substr(1, 3), "PNG");
  EXPECT_EQ(phone->Get(PublicPath("no-such-token", "/qr.svg")).status, 404);

  // Closed: the link stops answering.
  TestResponse closed =
      supervisor->Post(SurveyPath(survey, "/close"), json({{"version", survey["version"]}}).dump());
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto late = Client();
  EXPECT_EQ(late->Get(PublicPath(token)).Json()["state"], "closed");
  EXPECT_EQ(late->Post(PublicPath(token, "/answers"), json({{"answers", answers}}).dump()).status,
            409);
}

TEST_P(FeedbackSurveysApiTest, UnknownTokensAreNotFoundAndRevealNothing) {
  auto anyone = Client();
  for (const std::string& token :
       std::vector<std::string>{"x", std::string(43, 'a'), std::string(300, 'b'), "a.b"}) {
    TestResponse r = anyone->Get(PublicPath(token));
    EXPECT_EQ(r.status, 404) << token;
    EXPECT_EQ(r.Json()["error"]["code"], "survey.link_not_found");
  }
}

class FeedbackSurveysRateLimitApiTest : public FeedbackSurveysApiTest {
 protected:
  void ConfigureApp(app::AppConfig& config) override { config.public_rate_per_minute = 5; }
};

TEST_P(FeedbackSurveysRateLimitApiTest, AFloodIsRefusedWith429AndKeepsEveryAcceptedAnswer) {
  auto supervisor = SignIn("supervisor");
  json survey = MakeSurvey(*supervisor, {{"org_id", Agency()}, {"anonymous", true}});
  const std::string token = survey["anonymous_url"].get<std::string>().substr(5);
  int accepted = 0, limited = 0;
  std::string retry_after;
  for (int i = 0; i < 12; ++i) {
    auto device = Client();  // a new device each time: only the address limits
    TestResponse r = device->Post(PublicPath(token, "/answers"),
                                  json({{"answers", BuiltInAnswers("4")}}).dump());
    if (r.status == 201) ++accepted;
    if (r.status == 429) {
      ++limited;
      retry_after = r.headers["Retry-After"];
      EXPECT_EQ(r.Json()["error"]["code"], "public.rate_limited");
    }
  }
  EXPECT_EQ(accepted, 5);
  EXPECT_EQ(limited, 7);
  EXPECT_EQ(retry_after, "12");  // one answer every 12 s at 5 a minute
  EXPECT_EQ(Count("survey_responses"), 5);
  // Reading is never limited; a minute later answers are taken again.
  EXPECT_EQ(Client()->Get(PublicPath(token)).status, 200);
  clock_.Advance(kMinute);
  EXPECT_EQ(
      Client()
          ->Post(PublicPath(token, "/answers"), json({{"answers", BuiltInAnswers("4")}}).dump())
          .status,
      201);
  EXPECT_EQ(Count("survey_responses"), 6);
}

JIELI_INSTANTIATE_API_TEST(FeedbackSurveysApiTest);
JIELI_INSTANTIATE_API_TEST(FeedbackSurveysRateLimitApiTest);

}  // namespace
}  // namespace jieli::test
