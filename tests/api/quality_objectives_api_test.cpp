// Quality objectives (质量目标) and the quality policy (质量方针) over HTTP on
// both backends (issue 14): an agency's objectives are inherited by its
// departments unless a department sets its own; each carries its actual value
// from the indicator engine and its status, checked against a fixture counted
// by hand; another agency's objectives are not there (404); refused input
// changes nothing.
#include <string>

#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

constexpr EpochMs kDay = 24 * 60 * kMinute;

class QualityObjectivesApiTest : public CaseworkApiTest {
 protected:
  std::int64_t Sunshine() { return OrgId("江城市阳光社会工作服务中心"); }
  std::int64_t Station() { return OrgId("水果湖街道社工站"); }

  // As the indicators test's fixture: six cases of the demo worker at 个案服务部
  // whose assessment deadlines fall on 2026-12-02 (four) and 12-03 (two); four
  // entered planning by then, one late, one never. On 2026-12-05:
  // assessment_on_time 4 of 6 (66.7 %) in December, 2026-Q4 and 2026; caseload
  // 6 open cases of one worker.
  void BuildFixture() {
    auto worker = SignIn("worker");
    const char* names[] = {"周秀兰", "吴桂芳", "郑玉珍", "王淑华", "冯翠英", "陈秀珍"};
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 6; ++i) {
      if (i == 4) {
        clock_.Advance(kDay);
        worker = SignIn("worker");
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

  json Objective(std::int64_t org_id, const std::string& indicator, double target,
                 const std::string& granularity, const std::string& owner = "leader") {
    return {{"org_id", org_id},           {"indicator", indicator},    {"target", target},
            {"granularity", granularity}, {"owner_id", UserId(owner)}, {"note", "季度考核"}};
  }

  json Create(TestClient& as, const json& body) {
    TestResponse created = as.Post("/api/v1/quality/objectives", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  static std::string ListPath(std::int64_t org_id, const std::string& more = "") {
    return "/api/v1/quality/objectives?org_id=" + std::to_string(org_id) + more;
  }
  static std::string ObjectivePath(const json& o) {
    return "/api/v1/quality/objectives/" + std::to_string(o["id"].get<std::int64_t>());
  }

  // The objective on indicator in a list, or null.
  static json On(const json& list, const std::string& indicator) {
    for (const auto& o : list["items"]) {
      if (o["indicator"]["id"] == indicator) return o;
    }
    return json();
  }

  std::int64_t Rows(const char* table) {
    auto row = app_->db().QueryOne(std::string("SELECT COUNT(*) FROM ") + table);
    return row && *row ? (*row)->Int(0) : -1;
  }
};

TEST_P(QualityObjectivesApiTest, InheritedDownTheTreeOverriddenBelowJudgedOnTheRecords) {
  BuildFixture();
  auto leader = SignIn("leader");
  // The agency: assessments on time ≥ 60 % a quarter, caseload ≤ 5 a month.
  json on_time = Create(*leader, Objective(Sunshine(), "assessment_on_time", 60, "quarter"));
  EXPECT_EQ(on_time["set_at"]["id"], Sunshine());
  EXPECT_EQ(on_time["inherited"], false);
  EXPECT_EQ(on_time["owner"]["id"], UserId("leader"));
  EXPECT_EQ(on_time["period"]["period"], "2026-Q4");
  EXPECT_EQ(on_time["actual"]["numerator"], 4);
  EXPECT_EQ(on_time["actual"]["denominator"], 6);
  EXPECT_EQ(on_time["status"], "on_track");
  Create(*leader, Objective(Sunshine(), "caseload", 5, "month"));
  EXPECT_EQ(AuditCount("quality.set_objective"), 2);

  // The department inherits both, judged over its own cases.
  TestResponse r = leader->Get(ListPath(Casework()));
  ASSERT_EQ(r.status, 200) << r.body;
  json list = r.Json();
  ASSERT_EQ(list["items"].size(), 2u) << r.body;
  json a = On(list, "assessment_on_time");
  EXPECT_EQ(a["inherited"], true);
  EXPECT_EQ(a["set_at"]["name"], "江城市阳光社会工作服务中心");
  EXPECT_NEAR(a["actual"]["value"].get<double>(), 400.0 / 6, 1e-9);
  EXPECT_EQ(a["status"], "on_track");
  json caseload = On(list, "caseload");
  EXPECT_EQ(caseload["period"]["period"], "2026-12");
  EXPECT_EQ(caseload["actual"]["numerator"], 6);
  EXPECT_EQ(caseload["actual"]["denominator"], 1);
  EXPECT_EQ(caseload["status"], "off_track");  // 6 open cases a worker > 5: lower is better
  // The station inherits them too, with no cases: no data.
  json station = leader->Get(ListPath(Station())).Json();
  EXPECT_EQ(On(station, "assessment_on_time")["status"], "no_data");
  EXPECT_TRUE(On(station, "assessment_on_time")["actual"]["value"].is_null());

  // The department's own stricter monthly target wins there, and only there.
  auto supervisor = SignIn("supervisor");
  json own =
      Create(*supervisor, Objective(Casework(), "assessment_on_time", 70, "month", "supervisor"));
  EXPECT_EQ(own["status"], "off_track");  // 66.7 % < 70 %
  EXPECT_EQ(own["period"]["period"], "2026-12");
  json at_casework = leader->Get(ListPath(Casework())).Json();
  EXPECT_EQ(On(at_casework, "assessment_on_time")["id"], own["id"]);
  EXPECT_EQ(On(at_casework, "assessment_on_time")["inherited"], false);
  EXPECT_EQ(On(at_casework, "caseload")["inherited"], true);
  EXPECT_EQ(On(leader->Get(ListPath(Sunshine())).Json(), "assessment_on_time")["id"],
            on_time["id"]);
  EXPECT_EQ(On(leader->Get(ListPath(Station())).Json(), "assessment_on_time")["id"], on_time["id"]);

  // Another period: November held none of the deadlines; the quarter is the same.
  json november = leader->Get(ListPath(Casework(), "&period=2026-11")).Json();
  EXPECT_EQ(november["period"], "2026-11");
  EXPECT_EQ(On(november, "assessment_on_time")["status"], "no_data");
  EXPECT_EQ(On(november, "assessment_on_time")["period"]["period"], "2026-11");

  // Lowered to 60: on track. Removed: the agency's is in force again.
  json changed = json{{"target", 60}, {"granularity", "month"}, {"owner_id", UserId("worker")}};
  TestResponse put = supervisor->Put(ObjectivePath(own), changed.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.Json()["status"], "on_track");
  EXPECT_EQ(put.Json()["owner"]["id"], UserId("worker"));
  EXPECT_EQ(put.Json()["note"], "");
  EXPECT_EQ(AuditCount("quality.change_objective"), 1);
  TestResponse removed = supervisor->Delete(ObjectivePath(own));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(AuditCount("quality.remove_objective"), 1);
  EXPECT_EQ(On(leader->Get(ListPath(Casework())).Json(), "assessment_on_time")["id"],
            on_time["id"]);
  EXPECT_EQ(supervisor->Delete(ObjectivePath(own)).status, 404);

  // The worker reads the objectives (their own numbers) but may not set one.
  auto worker = SignIn("worker");
  json seen = worker->Get(ListPath(Casework())).Json();
  EXPECT_EQ(On(seen, "assessment_on_time")["actual"]["denominator"], 6);
  TestResponse refused = worker->Post("/api/v1/quality/objectives",
                                      Objective(Casework(), "plan_on_time", 80, "month").dump());
  EXPECT_EQ(refused.status, 403) << refused.body;
}

TEST_P(QualityObjectivesApiTest, ThePolicyInForceIsTheNearestUpTheTree) {
  auto leader = SignIn("leader");
  json none = leader->Get("/api/v1/quality/policy?org_id=" + std::to_string(Casework())).Json();
  EXPECT_EQ(none["text"], "");
  EXPECT_TRUE(none["from_org_id"].is_null());

  json body = {{"org_id", Sunshine()}, {"text", "  以服务对象为中心，持续改进。 "}};
  TestResponse set = leader->Put("/api/v1/quality/policy", body.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["text"], "以服务对象为中心，持续改进。");
  EXPECT_EQ(set.Json()["inherited"], false);
  EXPECT_EQ(set.Json()["updated_by"]["id"], UserId("leader"));
  json below = leader->Get("/api/v1/quality/policy?org_id=" + std::to_string(Casework())).Json();
  EXPECT_EQ(below["text"], "以服务对象为中心，持续改进。");
  EXPECT_EQ(below["from_org_id"], Sunshine());
  EXPECT_EQ(below["from_org_name"], "江城市阳光社会工作服务中心");
  EXPECT_EQ(below["inherited"], true);

  // The department's own, then blank: inherited again.
  json own = {{"org_id", Casework()}, {"text", "个案服务部：按时、规范、有温度。"}};
  ASSERT_EQ(leader->Put("/api/v1/quality/policy", own.dump()).status, 200);
  EXPECT_EQ(
      leader->Get("/api/v1/quality/policy?org_id=" + std::to_string(Casework())).Json()["text"],
      "个案服务部：按时、规范、有温度。");
  own["text"] = " ";
  TestResponse cleared = leader->Put("/api/v1/quality/policy", own.dump());
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.Json()["from_org_id"], Sunshine());
  EXPECT_EQ(AuditCount("quality.set_policy"), 3);
  // Setting the same text again writes nothing.
  ASSERT_EQ(leader->Put("/api/v1/quality/policy", body.dump()).status, 200);
  EXPECT_EQ(AuditCount("quality.set_policy"), 3);

  // A worker reads it, may not set it.
  auto worker = SignIn("worker");
  EXPECT_EQ(worker->Get("/api/v1/quality/policy?org_id=" + std::to_string(Casework())).status, 200);
  EXPECT_EQ(worker->Put("/api/v1/quality/policy", own.dump()).status, 403);
}

TEST_P(QualityObjectivesApiTest, AnotherAgencysObjectivesAreNotThere) {
  auto leader = SignIn("leader");
  json mine = Create(*leader, Objective(Sunshine(), "assessment_on_time", 90, "quarter"));
  ASSERT_EQ(leader
                ->Put("/api/v1/quality/policy",
                      json{{"org_id", Sunshine()}, {"text", "阳光的方针"}}.dump())
                .status,
            200);
  auto other = SignIn("supervisor_b");
  const std::int64_t writes = Rows("audit_log");
  for (const TestResponse& r :
       {other->Get(ListPath(Sunshine())), other->Get(ListPath(Casework())),
        other->Put(
            ObjectivePath(mine),
            json{{"target", 10}, {"granularity", "month"}, {"owner_id", UserId("leader")}}.dump()),
        other->Delete(ObjectivePath(mine)),
        other->Get("/api/v1/quality/policy?org_id=" + std::to_string(Sunshine())),
        other->Put("/api/v1/quality/policy",
                   json{{"org_id", Sunshine()}, {"text", "启航改的"}}.dump()),
        other->Post("/api/v1/quality/objectives",
                    Objective(Casework(), "caseload", 10, "month", "supervisor_b").dump())}) {
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(Code(r), "quality.not_found");
    EXPECT_EQ(r.body.find("阳光的方针"), std::string::npos);
  }
  EXPECT_EQ(Rows("audit_log"), writes);
  // Its own agency's list holds none of 阳光's.
  json own = other->Get(ListPath(OrgId("西山区启航社会工作服务社"))).Json();
  EXPECT_TRUE(own["items"].empty()) << own.dump();
  // The bureau, above both agencies, reads them.
  json bureau = SignIn("bureau")->Get(ListPath(Sunshine())).Json();
  EXPECT_EQ(On(bureau, "assessment_on_time")["id"], mine["id"]);
}

TEST_P(QualityObjectivesApiTest, RefusedInputChangesNothing) {
  auto leader = SignIn("leader");
  json existing = Create(*leader, Objective(Sunshine(), "caseload", 30, "month"));
  const std::int64_t objectives = Rows("quality_objectives");
  const std::int64_t audit = Rows("audit_log");
  struct Bad {
    const char* name;
    json body;
    std::string field;  // "" for a refusal without field issues
    int status = 400;
  };
  auto with = [&](const char* key, const json& value) {
    json body = Objective(Sunshine(), "assessment_on_time", 90, "quarter");
    if (value.is_null()) {
      body.erase(key);
    } else {
      body[key] = value;
    }
    return body;
  };
  const std::vector<Bad> bad = {
      {"percent above 100", with("target", 120), "target"},
      {"negative target", with("target", -1), "target"},
      {"target as text", with("target", "90"), "target"},
      {"no target", with("target", json()), "target"},
      {"unknown indicator", with("indicator", "happiness"), "indicator"},
      {"weekly", with("granularity", "week"), "granularity"},
      {"owner of another agency", with("owner_id", UserId("worker_b")), "owner_id"},
      {"note too long", with("note", std::string(501, 'x')), "note"},
      {"unknown field", with("weight", 2), "weight"},
      {"a second on the same indicator", Objective(Sunshine(), "caseload", 20, "month"), "", 409},
  };
  for (const auto& b : bad) {
    TestResponse r = leader->Post("/api/v1/quality/objectives", b.body.dump());
    EXPECT_EQ(r.status, b.status) << b.name << ": " << r.body;
    if (!b.field.empty()) {
      auto fields = DetailFields(r);
      EXPECT_NE(std::find(fields.begin(), fields.end(), b.field), fields.end())
          << b.name << ": " << r.body;
    } else {
      EXPECT_EQ(Code(r), "quality.objective_exists") << r.body;
    }
  }
  // A change the rules refuse, and one of an objective that is not there.
  TestResponse put = leader->Put(
      ObjectivePath(existing),
      json{{"target", 20000}, {"granularity", "month"}, {"owner_id", UserId("leader")}}.dump());
  EXPECT_EQ(put.status, 400) << put.body;
  EXPECT_EQ(leader->Delete("/api/v1/quality/objectives/987654").status, 404);
  EXPECT_EQ(leader->Get(ListPath(Sunshine(), "&period=2026-W05")).status, 400);
  EXPECT_EQ(leader->Get("/api/v1/quality/objectives").status, 400);
  TestResponse policy =
      leader->Put("/api/v1/quality/policy",
                  json{{"org_id", Sunshine()}, {"text", std::string(4001, 'x')}}.dump());
  EXPECT_EQ(policy.status, 400) << policy.body;

  EXPECT_EQ(Rows("quality_objectives"), objectives);
  EXPECT_EQ(Rows("quality_policies"), 0);
  EXPECT_EQ(Rows("audit_log"), audit);
  EXPECT_EQ(On(leader->Get(ListPath(Sunshine())).Json(), "caseload")["target"], 30);
}

JIELI_INSTANTIATE_API_TEST(QualityObjectivesApiTest);

}  // namespace
}  // namespace jieli::test
