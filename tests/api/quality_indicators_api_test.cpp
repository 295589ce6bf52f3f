// The quality indicators over HTTP on both backends: one fixture of cases
// moved through their stages with the injected clock, whose values are known
// by hand; who sees which numbers; small cells; series and funnel shapes;
// validation.
#include <string>

#include "casework_fixture.hpp"
#include "modules/quality/values_cache.hpp"

namespace jieli::test {
namespace {

constexpr EpochMs kDay = 24 * 60 * kMinute;

class QualityIndicatorsApiTest : public CaseworkApiTest {
 protected:
  // Six cases of the demo worker in assessment: four opened on 2026-11-25
  // (assessment due by the end of 2026-12-02), two on 11-26 (due 12-03). On
  // 11-26 three of the first and one of the second move to planning (on
  // time); on 12-05 the fourth of the first does (late); the last stays in
  // assessment (missed). assessment_on_time: 4 of 6.
  void BuildFixture() {
    auto worker = SignIn("worker");
    const char* names[] = {"周秀兰", "吴桂芳", "郑玉珍", "王淑华", "冯翠英", "陈秀珍"};
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 6; ++i) {
      if (i == 4) {
        clock_.Advance(kDay);
        worker = SignIn("worker");  // the session has expired meanwhile
      }
      const std::int64_t id = NewCase(*worker, names[i]);
      ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
      ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
      json assessment = Assessment();
      assessment["risk_level"] = "medium";
      ASSERT_EQ(Save(*worker, id, "assessment", assessment).status, 200);
      ids.push_back(id);
    }
    for (int i : {0, 1, 2, 4}) ASSERT_EQ(MoveTo(*worker, ids[i], "planning").status, 200);
    clock_.Advance(9 * kDay);  // 2026-12-05
    worker = SignIn("worker");
    ASSERT_EQ(MoveTo(*worker, ids[3], "planning").status, 200);
  }

  static json Indicator(const json& values, const std::string& id) {
    for (const auto& i : values["indicators"]) {
      if (i["indicator"]["id"] == id) return i;
    }
    return json();
  }

  static std::string Values(const std::string& query) {
    return "/api/v1/quality/indicators/values?" + query;
  }
};

TEST_P(QualityIndicatorsApiTest, CatalogueListsEveryIndicator) {
  auto bureau = SignIn("bureau");
  TestResponse r = bureau->Get("/api/v1/quality/indicators");
  ASSERT_EQ(r.status, 200) << r.body;
  json items = r.Json()["items"];
  EXPECT_EQ(items.size(), 16u);
  int measured = 0;
  for (const auto& i : items) measured += i["measured"].get<bool>() ? 1 : 0;
  EXPECT_EQ(measured, 16);  // every one, the complaints' too
}

TEST_P(QualityIndicatorsApiTest, ValuesScopeSuppressionSeriesAndFunnel) {
  BuildFixture();
  const std::string window = "from=2026-11-01&to=2026-12-31";

  // The leader: the agency's cases, by organisation.
  auto leader = SignIn("leader");
  TestResponse r = leader->Get(Values(window + "&by=org"));
  ASSERT_EQ(r.status, 200) << r.body;
  json on_time = Indicator(r.Json(), "assessment_on_time");
  ASSERT_TRUE(on_time.is_object()) << r.body;
  EXPECT_EQ(on_time["total"]["numerator"], 4);
  EXPECT_EQ(on_time["total"]["denominator"], 6);
  EXPECT_NEAR(on_time["total"]["value"].get<double>(), 400.0 / 6, 1e-9);
  ASSERT_EQ(on_time["cells"].size(), 1u);
  EXPECT_EQ(on_time["cells"][0]["unit_id"], Casework());
  EXPECT_EQ(on_time["cells"][0]["name"], "个案服务部");
  // Six open cases, one worker.
  json caseload = Indicator(r.Json(), "caseload");
  EXPECT_EQ(caseload["total"]["numerator"], 6);
  EXPECT_EQ(caseload["total"]["denominator"], 1);
  // No complaints in the fixture: none counted.
  EXPECT_EQ(Indicator(r.Json(), "complaint_rate")["measured"], true);
  EXPECT_EQ(Indicator(r.Json(), "complaint_rate")["total"]["numerator"], 0);

  // The worker sees their own cases; another worker none.
  auto worker = SignIn("worker");
  json own = Indicator(worker->Get(Values(window)).Json(), "assessment_on_time");
  EXPECT_EQ(own["total"]["denominator"], 6);
  auto worker2 = SignIn("worker2");
  json none = Indicator(worker2->Get(Values(window)).Json(), "assessment_on_time");
  EXPECT_EQ(none["total"]["denominator"], 0);
  EXPECT_TRUE(none["total"]["value"].is_null());

  // Agency B's supervisor: A's numbers are not there to ask for, and B's hold none of A's cases.
  auto other = SignIn("supervisor_b");
  TestResponse refused =
      other->Get(Values(window + "&org_id=" + std::to_string(OrgId("江城市阳光社会工作服务中心"))));
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_EQ(Code(refused), "quality.not_found");
  json b = Indicator(other->Get(Values(window)).Json(), "assessment_on_time");
  EXPECT_EQ(b["total"]["denominator"], 0);

  // The bureau: every agency's aggregates, no client.
  auto bureau = SignIn("bureau");
  TestResponse agg = bureau->Get(Values(window + "&by=org"));
  ASSERT_EQ(agg.status, 200) << agg.body;
  EXPECT_EQ(Indicator(agg.Json(), "assessment_on_time")["total"]["numerator"], 4);
  // By organisation the bureau compares agencies: the department's cases count under 阳光.
  json agency_cells = Indicator(agg.Json(), "assessment_on_time")["cells"];
  ASSERT_EQ(agency_cells.size(), 1u) << agg.body;
  EXPECT_EQ(agency_cells[0]["unit_id"], OrgId("江城市阳光社会工作服务中心"));
  EXPECT_EQ(agg.body.find("周秀兰"), std::string::npos);
  EXPECT_EQ(agg.body.find("client"), std::string::npos);

  // Small cells: the four due on 12-02 and the two due on 12-03.
  json day1 =
      Indicator(leader->Get(Values("from=2026-12-02&to=2026-12-02")).Json(), "assessment_on_time");
  EXPECT_TRUE(day1["total"]["suppressed"].get<bool>());
  EXPECT_TRUE(day1["total"]["value"].is_null());
  EXPECT_EQ(day1["total"]["denominator"], 0);
  EXPECT_TRUE(day1["cells"][0]["suppressed"].get<bool>());

  // Per week: all six deadlines fall in 2026-W49.
  json weekly = leader->Get(Values(window + "&granularity=week")).Json();
  EXPECT_EQ(weekly["granularity"], "week");
  json cells = Indicator(weekly, "assessment_on_time")["cells"];
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0]["period"], "2026-W49");

  // The series: one point per week; one week with data is no baseline.
  TestResponse series = leader->Get(
      "/api/v1/quality/indicators/assessment_on_time/series?granularity=week&" + window);
  ASSERT_EQ(series.status, 200) << series.body;
  json s = series.Json();
  EXPECT_EQ(s["chart"], "p");
  EXPECT_TRUE(s["centre"].is_null());
  bool found = false;
  for (const auto& p : s["points"]) {
    if (p["period"] != "2026-W49") continue;
    found = true;
    EXPECT_EQ(p["numerator"], 4);
    EXPECT_EQ(p["denominator"], 6);
    EXPECT_EQ(p["from"], "2026-11-30");
    EXPECT_EQ(p["to"], "2026-12-06");
  }
  EXPECT_TRUE(found) << series.body;
  EXPECT_TRUE(s["signals"].empty());

  // The funnel: the one unit is the overall rate, within its limits.
  TestResponse funnel =
      bureau->Get("/api/v1/quality/indicators/assessment_on_time/funnel?by=org&" + window);
  ASSERT_EQ(funnel.status, 200) << funnel.body;
  json f = funnel.Json();
  EXPECT_NEAR(f["target"].get<double>(), 400.0 / 6, 1e-9);
  ASSERT_EQ(f["units"].size(), 1u);
  EXPECT_EQ(f["units"][0]["position"], "within");
  EXPECT_FALSE(f["curve"].empty());
  // The bureau compares agencies: the department's cases count as its agency's.
  const std::int64_t sunshine = OrgId("江城市阳光社会工作服务中心");
  EXPECT_EQ(f["units"][0]["unit_id"], sunshine);
  EXPECT_EQ(f["units"][0]["name"], "江城市阳光社会工作服务中心");
  json asked = bureau
                   ->Get("/api/v1/quality/indicators/assessment_on_time/funnel?by=org&org_id=" +
                         std::to_string(OrgId("江城市民政局")) + "&" + window)
                   .Json();
  ASSERT_EQ(asked["units"].size(), 1u);
  EXPECT_EQ(asked["units"][0]["unit_id"], sunshine);
  // Asked about the agency (the drill-down), its departments are the units.
  json drilled = bureau
                     ->Get("/api/v1/quality/indicators/assessment_on_time/funnel?by=org&org_id=" +
                           std::to_string(sunshine) + "&" + window)
                     .Json();
  ASSERT_EQ(drilled["units"].size(), 1u);
  EXPECT_EQ(drilled["units"][0]["unit_id"], Casework());
  json leaders =
      leader->Get("/api/v1/quality/indicators/assessment_on_time/funnel?by=org&" + window).Json();
  ASSERT_EQ(leaders["units"].size(), 1u);
  EXPECT_EQ(leaders["units"][0]["unit_id"], Casework());
}

// Supervision hours per worker-month and training hours per head, from
// sessions and a training recorded over HTTP: 阳光's roll is its leader and
// supervisor and two workers (个案服务部, the station).
TEST_P(QualityIndicatorsApiTest, StaffHoursFromSupervisionAndTraining) {
  const std::int64_t sunshine = OrgId("江城市阳光社会工作服务中心");
  auto supervisor = SignIn("supervisor");
  auto record = [&](const std::string& path, const json& body) {
    TestResponse r = supervisor->Post(path, body.dump());
    ASSERT_EQ(r.status, 201) << r.body;
  };
  record("/api/v1/quality/supervision", {{"org_id", sunshine},
                                         {"kind", "group"},
                                         {"date", "2026-11-20"},
                                         {"minutes", 90},
                                         {"supervisee_ids", {UserId("worker"), UserId("worker2")}},
                                         {"topics", "小组督导"}});
  record("/api/v1/quality/supervision", {{"org_id", sunshine},
                                         {"kind", "individual"},
                                         {"date", "2026-11-21"},
                                         {"minutes", 60},
                                         {"supervisee_ids", {UserId("worker")}},
                                         {"topics", "个别督导"}});
  record("/api/v1/quality/training",
         {{"org_id", sunshine},
          {"title", "危机干预培训"},
          {"kind", "internal"},
          {"date", "2026-11-22"},
          {"hours", 2},
          {"attendance", {{{"user_id", UserId("worker")}}, {{"user_id", UserId("supervisor")}}}}});
  const std::string window = "from=2026-11-01&to=2026-12-31";

  // The leader: 4 hours over 2 workers × 2 months; 4 training hours over 4 staff.
  auto leader = SignIn("leader");
  json values = leader->Get(Values(window + "&by=org")).Json();
  json supervision = Indicator(values, "supervision_hours");
  EXPECT_EQ(supervision["measured"], true);
  EXPECT_DOUBLE_EQ(supervision["total"]["numerator"].get<double>(), 4);
  EXPECT_DOUBLE_EQ(supervision["total"]["denominator"].get<double>(), 4);
  EXPECT_DOUBLE_EQ(supervision["total"]["value"].get<double>(), 1);
  for (const auto& cell : supervision["cells"]) {
    const bool casework = cell["unit_id"] == Casework();
    EXPECT_DOUBLE_EQ(cell["numerator"].get<double>(), casework ? 2.5 : 1.5) << cell.dump();
    EXPECT_DOUBLE_EQ(cell["denominator"].get<double>(), 2) << cell.dump();
  }
  json training = Indicator(values, "training_hours");
  EXPECT_DOUBLE_EQ(training["total"]["numerator"].get<double>(), 4);
  EXPECT_DOUBLE_EQ(training["total"]["denominator"].get<double>(), 4);

  // The worker: their own hours only.
  auto worker = SignIn("worker");
  json own = worker->Get(Values(window)).Json();
  EXPECT_DOUBLE_EQ(Indicator(own, "supervision_hours")["total"]["value"].get<double>(), 1.25);
  EXPECT_DOUBLE_EQ(Indicator(own, "training_hours")["total"]["value"].get<double>(), 2);

  // The bureau: three workers in the city (启航's has none) over two months.
  auto bureau = SignIn("bureau");
  json city = Indicator(bureau->Get(Values(window)).Json(), "supervision_hours");
  EXPECT_DOUBLE_EQ(city["total"]["numerator"].get<double>(), 4);
  EXPECT_DOUBLE_EQ(city["total"]["denominator"].get<double>(), 6);

  // The monthly series: November 4 hours over 2 worker-months, December none.
  json series =
      leader->Get("/api/v1/quality/indicators/supervision_hours/series?granularity=month&" + window)
          .Json();
  ASSERT_EQ(series["points"].size(), 2u) << series.dump();
  EXPECT_DOUBLE_EQ(series["points"][0]["value"].get<double>(), 2);
  EXPECT_DOUBLE_EQ(series["points"][1]["value"].get<double>(), 0);
  // And the funnel by organisation holds the two units.
  json funnel =
      leader->Get("/api/v1/quality/indicators/training_hours/funnel?by=org&" + window).Json();
  EXPECT_GE(funnel["units"].size(), 2u) << funnel.dump();
}

// Complaints from the feedback module: counted when received (not
// suggestions, not withdrawn ones), answered after 1 … 5 hours (median 3),
// one about the worker, who sees that one only; another agency sees none.
TEST_P(QualityIndicatorsApiTest, ComplaintsCountAndTheirResponseTimeIsAMedian) {
  auto supervisor = SignIn("supervisor");
  auto receive = [&](const std::string& kind, std::optional<std::int64_t> about = std::nullopt) {
    json body = {{"org_id", Casework()}, {"kind", kind},         {"category", "timeliness"},
                 {"channel", "phone"},   {"severity", "normal"}, {"subject", "家访多次改期"}};
    if (about) body["worker_concerned_id"] = *about;
    TestResponse r = supervisor->Post("/api/v1/complaints", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().value("id", std::int64_t{0});
  };
  auto act = [&](std::int64_t id, const json& body) {
    TestResponse r =
        supervisor->Post("/api/v1/complaints/" + std::to_string(id) + "/actions", body.dump());
    EXPECT_EQ(r.status, 200) << r.body;
  };
  std::vector<std::int64_t> answered;
  answered.push_back(receive("complaint", UserId("worker")));
  for (int i = 0; i < 4; ++i) answered.push_back(receive("complaint"));
  receive("complaint");   // not answered yet
  receive("suggestion");  // not a complaint
  act(receive("complaint"), {{"action", "withdraw"}, {"note", "登记错误"}});
  for (std::int64_t id : answered) {  // after 1, 2, … 5 hours
    clock_.Advance(60 * kMinute);
    supervisor = SignIn("supervisor");
    act(id, {{"action", "acknowledge"}});
  }
  const std::string window = "from=2026-11-01&to=2026-12-31";

  auto leader = SignIn("leader");
  json values = leader->Get(Values(window)).Json();
  json rate = Indicator(values, "complaint_rate");
  EXPECT_EQ(rate["measured"], true);
  EXPECT_DOUBLE_EQ(rate["total"]["numerator"].get<double>(), 6);
  EXPECT_DOUBLE_EQ(rate["total"]["denominator"].get<double>(), 0);  // no case closed
  json hours = Indicator(values, "complaint_response_hours");
  EXPECT_DOUBLE_EQ(hours["total"]["numerator"].get<double>(), 15);
  EXPECT_DOUBLE_EQ(hours["total"]["denominator"].get<double>(), 5);
  EXPECT_DOUBLE_EQ(hours["total"]["value"].get<double>(), 3);
  json series = leader
                    ->Get(
                        "/api/v1/quality/indicators/complaint_response_hours/series?"
                        "granularity=month&" +
                        window)
                    .Json();
  ASSERT_EQ(series["points"].size(), 2u) << series.dump();
  EXPECT_DOUBLE_EQ(series["points"][0]["value"].get<double>(), 3);
  TestResponse funnel =
      leader->Get("/api/v1/quality/indicators/complaint_response_hours/funnel?by=org&" + window);
  EXPECT_EQ(funnel.status, 200) << funnel.body;

  auto worker = SignIn("worker");
  json own = Indicator(worker->Get(Values(window)).Json(), "complaint_rate");
  EXPECT_DOUBLE_EQ(own["total"]["numerator"].get<double>(), 1);
  json other = Indicator(SignIn("supervisor_b")->Get(Values(window)).Json(), "complaint_rate");
  EXPECT_DOUBLE_EQ(other["total"]["numerator"].get<double>(), 0);
}

TEST_P(QualityIndicatorsApiTest, RefusesBadQueries) {
  auto leader = SignIn("leader");
  TestResponse unknown = leader->Get("/api/v1/quality/indicators/nope/series");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Code(unknown), "quality.indicator_not_found");
  EXPECT_EQ(leader->Get("/api/v1/quality/indicators/nope/funnel").status, 404);

  TestResponse bad_date = leader->Get(Values("from=2026-13-01"));
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_TRUE(Has(DetailFields(bad_date), "from"));
  TestResponse bad_granularity = leader->Get(Values("granularity=day"));
  EXPECT_EQ(bad_granularity.status, 400);
  EXPECT_TRUE(Has(DetailFields(bad_granularity), "granularity"));
  TestResponse bad_by =
      leader->Get("/api/v1/quality/indicators/assessment_on_time/funnel?by=category");
  EXPECT_EQ(bad_by.status, 400);
  EXPECT_TRUE(Has(DetailFields(bad_by), "by"));
  TestResponse reversed = leader->Get(Values("from=2026-12-01&to=2026-11-01"));
  EXPECT_EQ(reversed.status, 400);
  TestResponse too_long = leader->Get(Values("from=2010-01-01&to=2026-11-01"));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_TRUE(Has(DetailFields(too_long), "to"));
  TestResponse baseline = leader->Get(
      "/api/v1/quality/indicators/caseload/series?from=2026-01-01&to=2026-06-30&"
      "baseline_from=2025-01-01");
  EXPECT_EQ(baseline.status, 400);
  EXPECT_TRUE(Has(DetailFields(baseline), "baseline_from"));
}

TEST_P(QualityIndicatorsApiTest, TheBureausCityTableIsKeptAMinuteAnAgencysIsNot) {
  BuildFixture();
  const LocalDate today = LocalDateOf(clock_.Now());
  const std::string window = "from=" + FormatDate(AddDays(today, -30)) + "&to=" + FormatDate(today);
  auto bureau = SignIn("bureau");
  auto leader = SignIn("leader");
  json city = bureau->Get(Values(window)).Json();
  ASSERT_TRUE(city["computed_at"].is_string()) << city.dump();
  const json city_caseload = Indicator(city, "caseload")["total"];
  const json agency_caseload = Indicator(leader->Get(Values(window)).Json(), "caseload")["total"];

  // A new case: the agency's own table counts it at once …
  auto worker = SignIn("worker");
  ASSERT_NE(NewCase(*worker, "褚玉兰"), 0);
  EXPECT_NE(Indicator(leader->Get(Values(window)).Json(), "caseload")["total"], agency_caseload);
  // … the bureau's is the one worked out a moment ago, for every officer, for a minute …
  clock_.Advance(quality::kValuesCacheMs - 1);
  json again = bureau->Get(Values(window)).Json();
  EXPECT_EQ(again["computed_at"], city["computed_at"]);
  EXPECT_EQ(Indicator(again, "caseload")["total"], city_caseload);
  // … then worked out afresh.
  clock_.Advance(1);
  json later = bureau->Get(Values(window)).Json();
  EXPECT_NE(later["computed_at"], city["computed_at"]);
  EXPECT_NE(Indicator(later, "caseload")["total"], city_caseload);
  // Another question is its own: by organisation, worked out now.
  json by_org = bureau->Get(Values(window + "&by=org")).Json();
  EXPECT_EQ(Indicator(by_org, "caseload")["total"], Indicator(later, "caseload")["total"]);
}

JIELI_INSTANTIATE_API_TEST(QualityIndicatorsApiTest);

}  // namespace
}  // namespace jieli::test
