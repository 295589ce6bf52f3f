// Case-file audits (档案评审) over HTTP on both backends (issue 14): the draw
// is repeatable from its seed; an auditor's own cases are never in their
// part of the sample; scoring gives the hand-counted score; a finding reaches
// the case worker's work list, is corrected and verified, and opens an
// improvement cycle; scope (another agency 404, a worker sees their own cases
// only); refused input changes nothing; the agency's own checklist.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class QualityAuditsApiTest : public CaseworkApiTest {
 protected:
  std::int64_t Sunshine() { return OrgId("江城市阳光社会工作服务中心"); }

  json Round(std::vector<std::int64_t> auditors, int size, std::optional<std::int64_t> seed = {}) {
    json body = {{"org_id", Sunshine()}, {"title", "十一月档案评审"}, {"from", "2026-11-25"},
                 {"to", "2026-11-25"},   {"sample_size", size},       {"auditor_ids", auditors}};
    if (seed) body["seed"] = *seed;
    return body;
  }

  json Draw(TestClient& as, const json& body) {
    TestResponse created = as.Post("/api/v1/quality/audits", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  static std::vector<std::int64_t> CaseIds(const json& round) {
    std::vector<std::int64_t> ids;
    for (const auto& c : round["cases"]) ids.push_back(c["case_id"].get<std::int64_t>());
    return ids;
  }

  static std::string RoundPath(const json& round, const std::string& rest = "") {
    return "/api/v1/quality/audits" + std::string("/") +
           std::to_string(round["id"].get<std::int64_t>()) + rest;
  }

  static std::string FindingPath(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/quality/findings/" + std::to_string(id) + rest;
  }

  std::int64_t AuditRows() {
    return Count("quality_audit_rounds") + Count("quality_audit_cases") +
           Count("quality_audit_auditors") + Count("quality_audit_scores") +
           Count("quality_audit_findings");
  }
};

TEST_P(QualityAuditsApiTest, TheDrawRepeatsFromItsSeedAndAuditorsNeverGetTheirOwnCases) {
  auto worker = SignIn("worker");
  for (const char* name : {"孙桂英", "周秀兰", "吴建国", "郑玉梅"}) NewCase(*worker, name);
  auto supervisor = SignIn("supervisor");
  // The supervisor's own case: they are its primary worker.
  const std::int64_t client = NewClient(*supervisor, "冯德明");
  TestResponse opened = supervisor->Post("/api/v1/cases", json{{"client_id", client}}.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::int64_t own = opened.Json()["id"].get<std::int64_t>();

  // The whole population with one auditor: their own case is left out, with the reason.
  json all = Draw(*supervisor, Round({UserId("supervisor")}, 200, 12345));
  EXPECT_EQ(all["seed"], 12345);
  const auto drawn = CaseIds(all);
  ASSERT_GE(drawn.size(), 5u);
  EXPECT_EQ(all["population"].get<std::size_t>(), drawn.size());
  for (const auto& c : all["cases"]) {
    if (c["case_id"] == own) {
      EXPECT_EQ(c["excluded"], "own_case");
      EXPECT_TRUE(c["auditor"].is_null());
    } else {
      EXPECT_EQ(c["excluded"], "");
      EXPECT_EQ(c["auditor"]["id"], UserId("supervisor"));
    }
    EXPECT_NE(c["worker"]["id"], c["auditor"].is_null() ? json() : c["auditor"]["id"]);
  }
  EXPECT_EQ(all["cases_audited"].get<std::size_t>(), drawn.size() - 1);

  // The same seed draws the same sample, twice: the first three of the larger draw.
  json first = Draw(*supervisor, Round({UserId("supervisor")}, 3, 12345));
  json again = Draw(*supervisor, Round({UserId("supervisor")}, 3, 12345));
  EXPECT_EQ(CaseIds(first), CaseIds(again));
  EXPECT_EQ(CaseIds(first), std::vector<std::int64_t>(drawn.begin(), drawn.begin() + 3));
  // A fresh seed is recorded with the round.
  json fresh = Draw(*supervisor, Round({UserId("supervisor")}, 3));
  EXPECT_TRUE(fresh["seed"].is_number_integer());

  // Two auditors: the supervisor's own case goes to the leader; nobody audits their own.
  json two = Draw(*supervisor, Round({UserId("supervisor"), UserId("leader")}, 200, 99));
  for (const auto& c : two["cases"]) {
    ASSERT_FALSE(c["auditor"].is_null());
    EXPECT_NE(c["auditor"]["id"], c["worker"]["id"]);
    if (c["case_id"] == own) {
      EXPECT_EQ(c["auditor"]["id"], UserId("leader"));
    }
  }
  EXPECT_EQ(AuditCount("quality.create_audit"), 5);
}

TEST_P(QualityAuditsApiTest, ScoresFindingsAndTheWorkersWorkList) {
  auto worker = SignIn("worker");
  const std::int64_t case_id = NewCase(*worker);
  auto supervisor = SignIn("supervisor");
  json body = Round({UserId("supervisor")}, 5, 7);
  body["worker_id"] = UserId("worker");
  json round = Draw(*supervisor, body);
  ASSERT_EQ(CaseIds(round), std::vector<std::int64_t>{case_id});
  EXPECT_EQ(round["cases"][0]["stages"], json({"intake"}));
  EXPECT_EQ(round["cases"][0]["items_total"], 4);
  const std::string case_path = RoundPath(round, "/cases/" + std::to_string(case_id));

  // Intake items weigh 2, 3, 2, 2: met, partly, not met, n/a →
  // (2·1 + 3·½ + 2·0) / (2 + 3 + 2) = 50.
  json scores = {{"items",
                  {{{"key", "intake.1"}, {"score", "met"}},
                   {{"key", "intake.2"}, {"score", "partly"}, {"comment", "危机判断依据不足"}},
                   {{"key", "intake.3"}, {"score", "not_met"}},
                   {{"key", "intake.4"}, {"score", "na"}}}},
                 {"comment", "接案记录基本完整"},
                 {"done", true}};
  // Not the auditor: refused; an item of a stage not reached, or a missing item: 400.
  EXPECT_EQ(Code(worker->Put(case_path, scores.dump())), "quality.not_auditor");
  json wrong = scores;
  wrong["items"][0]["key"] = "planning.1";
  EXPECT_TRUE(Has(DetailFields(supervisor->Put(case_path, wrong.dump())), "items[0].key"));
  json partial = scores;
  partial["items"].erase(3);
  EXPECT_TRUE(Has(DetailFields(supervisor->Put(case_path, partial.dump())), "items"));
  EXPECT_EQ(Count("quality_audit_scores"), 0);

  TestResponse scored = supervisor->Put(case_path, scores.dump());
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(scored.Json()["score"], 50.0);
  EXPECT_EQ(scored.Json()["done"], true);
  EXPECT_EQ(scored.Json()["scores"].size(), 4u);
  json results = supervisor->Get(RoundPath(round, "/results")).Json();
  EXPECT_EQ(results["overall"]["score"], 50.0);
  ASSERT_EQ(results["by_worker"].size(), 1u);
  EXPECT_EQ(results["by_worker"][0]["worker"]["id"], UserId("worker"));
  EXPECT_EQ(results["by_worker"][0]["score"], 50.0);
  for (const auto& item : results["by_item"]) {
    if (item["key"] == "intake.2") {
      EXPECT_EQ(item["score"], 50.0);
    }
    if (item["key"] == "intake.4") {
      EXPECT_TRUE(item["score"].is_null());
    }
  }

  // A finding, owned by the case's worker, reaches their work list.
  json finding_body = {{"case_id", case_id},
                       {"item_key", "intake.3"},
                       {"severity", "major"},
                       {"text", "接案决定的理由未记录"},
                       {"due_on", "2026-12-01"}};
  TestResponse raised = supervisor->Post(RoundPath(round, "/findings"), finding_body.dump());
  ASSERT_EQ(raised.status, 201) << raised.body;
  const std::int64_t finding = raised.Json()["id"].get<std::int64_t>();
  EXPECT_EQ(raised.Json()["owner"]["id"], UserId("worker"));
  json work = worker->Get("/api/v1/quality/my-work").Json();
  ASSERT_EQ(work["total"], 1);
  EXPECT_EQ(work["items"][0]["kind"], "finding");
  EXPECT_EQ(work["items"][0]["id"], finding);
  EXPECT_EQ(work["items"][0]["case_id"], case_id);

  // The worker sees their own case of the round; a colleague and another agency do not.
  json seen = worker->Get(RoundPath(round)).Json();
  EXPECT_EQ(seen["full_view"], false);
  EXPECT_EQ(CaseIds(seen), std::vector<std::int64_t>{case_id});
  EXPECT_EQ(worker->Get(FindingPath(finding)).status, 200);
  EXPECT_EQ(SignIn("worker2")->Get(RoundPath(round)).status, 404);
  EXPECT_EQ(SignIn("worker2")->Get(FindingPath(finding)).status, 404);
  auto other = SignIn("supervisor_b");
  EXPECT_EQ(Code(other->Get(RoundPath(round))), "quality.not_found");
  EXPECT_EQ(other->Get("/api/v1/quality/audits").Json()["total"], 0);
  EXPECT_EQ(other->Get(FindingPath(finding)).status, 404);

  // Corrected by the worker (not by the auditor), reopened, corrected, verified.
  EXPECT_EQ(supervisor->Post(FindingPath(finding, "/correct"), R"({"note":"已补"})").status, 403);
  EXPECT_EQ(worker->Post(FindingPath(finding, "/correct"), "{}").status, 400);
  EXPECT_EQ(worker->Post(FindingPath(finding, "/verify"), "{}").status, 403);
  TestResponse corrected =
      worker->Post(FindingPath(finding, "/correct"), R"({"note":"已补记接案理由"})");
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.Json()["state"], "corrected");
  EXPECT_EQ(worker->Get("/api/v1/quality/my-work").Json()["total"], 0);
  EXPECT_EQ(supervisor->Post(FindingPath(finding, "/reopen"), R"({"note":"理由仍不充分"})")
                .Json()["state"],
            "open");
  EXPECT_EQ(worker->Get("/api/v1/quality/my-work").Json()["total"], 1);
  worker->Post(FindingPath(finding, "/correct"), R"({"note":"补充了评估依据"})");
  TestResponse verified = supervisor->Post(FindingPath(finding, "/verify"), "{}");
  EXPECT_EQ(verified.Json()["state"], "closed");
  EXPECT_EQ(Code(supervisor->Post(FindingPath(finding, "/verify"), "{}")),
            "quality.invalid_finding_state");
  EXPECT_EQ(AuditCount("quality.correct_finding"), 2);
  EXPECT_EQ(AuditCount("quality.verify_finding"), 1);

  // One click opens an improvement cycle from the finding; only once.
  auto leader = SignIn("leader");
  EXPECT_EQ(worker->Post(FindingPath(finding, "/improvement"), "{}").status, 403);
  TestResponse cycle = leader->Post(FindingPath(finding, "/improvement"), "{}");
  ASSERT_EQ(cycle.status, 201) << cycle.body;
  EXPECT_EQ(cycle.Json()["source_kind"], "audit_finding");
  EXPECT_EQ(cycle.Json()["source_ref"], std::to_string(finding));
  EXPECT_EQ(Code(leader->Post(FindingPath(finding, "/improvement"), "{}")),
            "quality.finding_has_cycle");
  EXPECT_EQ(leader->Get(FindingPath(finding)).Json()["improvement_id"], cycle.Json()["id"]);

  // Finished: no more scoring.
  TestResponse finished = supervisor->Post(RoundPath(round, "/finish"), "{}");
  ASSERT_EQ(finished.status, 200) << finished.body;
  EXPECT_EQ(finished.Json()["state"], "finished");
  EXPECT_EQ(Code(supervisor->Put(case_path, scores.dump())), "quality.audit_finished");
}

TEST_P(QualityAuditsApiTest, RefusedRoundsChangeNothing) {
  auto supervisor = SignIn("supervisor");
  struct Bad {
    const char* name;
    std::function<void(json&)> change;
    std::string field;
  };
  const std::vector<Bad> bad = {
      {"no title", [](json& b) { b["title"] = " "; }, "title"},
      {"to before from", [](json& b) { b["from"] = "2026-11-26"; }, "to"},
      {"future", [](json& b) { b["to"] = "2026-11-30"; }, "to"},
      {"sample of 0", [](json& b) { b["sample_size"] = 0; }, "sample_size"},
      {"no auditors", [](json& b) { b["auditor_ids"] = json::array(); }, "auditor_ids"},
      {"a worker as auditor", [this](json& b) { b["auditor_ids"] = {UserId("worker")}; },
       "auditor_ids[0]"},
      {"another agency's supervisor",
       [this](json& b) { b["auditor_ids"] = {UserId("supervisor_b")}; }, "auditor_ids[0]"},
      {"worker of another agency", [this](json& b) { b["worker_id"] = UserId("worker_b"); },
       "worker_id"},
      {"bad stage", [](json& b) { b["stage"] = "done"; }, "stage"},
      {"seed too large", [](json& b) { b["seed"] = 9007199254740992LL; }, "seed"},
      {"unknown field", [](json& b) { b["mood"] = "good"; }, "mood"},
  };
  for (const auto& b : bad) {
    json body = Round({UserId("supervisor")}, 3);
    b.change(body);
    TestResponse refused = supervisor->Post("/api/v1/quality/audits", body.dump());
    EXPECT_EQ(refused.status, 400) << b.name << " " << refused.body;
    EXPECT_TRUE(Has(DetailFields(refused), b.field)) << b.name << " " << refused.body;
  }
  EXPECT_EQ(SignIn("worker")
                ->Post("/api/v1/quality/audits", Round({UserId("supervisor")}, 3).dump())
                .status,
            403);
  EXPECT_EQ(SignIn("supervisor_b")
                ->Post("/api/v1/quality/audits", Round({UserId("supervisor")}, 3).dump())
                .status,
            404);
  EXPECT_EQ(AuditRows(), 0);
  EXPECT_EQ(AuditCount("quality.create_audit"), 0);
}

TEST_P(QualityAuditsApiTest, AnAgencyEditsItsOwnChecklist) {
  auto supervisor = SignIn("supervisor");
  const std::string path = "/api/v1/quality/audit-checklist?org_id=" + std::to_string(Sunshine());
  json builtin = supervisor->Get(path).Json();
  EXPECT_TRUE(builtin["from_org_id"].is_null());
  ASSERT_GT(builtin["items"].size(), 20u);

  json items = builtin["items"];
  for (auto& item : items) {
    item.erase("builtin");
    if (item["key"] == "intake.4") item["retired"] = true;
  }
  items.push_back({{"stage", "planning"}, {"text_zh", "计划包含风险应对预案"}, {"weight", 2}});
  json body = {{"org_id", Sunshine()}, {"items", items}};
  EXPECT_EQ(SignIn("worker")->Put("/api/v1/quality/audit-checklist", body.dump()).status, 403);
  json bad = body;
  bad["items"][0]["weight"] = 0;
  EXPECT_EQ(supervisor->Put("/api/v1/quality/audit-checklist", bad.dump()).status, 400);
  EXPECT_EQ(Count("quality_checklist_items"), 0);
  TestResponse saved = supervisor->Put("/api/v1/quality/audit-checklist", body.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["from_org_id"], Sunshine());
  EXPECT_EQ(saved.Json()["items"].back()["key"], "own.1");
  EXPECT_EQ(saved.Json()["items"].back()["builtin"], false);
  // A department below reads the agency's copy.
  json below = SignIn("worker")
                   ->Get("/api/v1/quality/audit-checklist?org_id=" + std::to_string(Casework()))
                   .Json();
  EXPECT_EQ(below["from_org_id"], Sunshine());

  // A new round takes the items in use: the retired one is not in it.
  auto worker = SignIn("worker");
  NewCase(*worker);
  json round = Draw(*supervisor, Round({UserId("supervisor")}, 1, 5));
  bool has_retired = false;
  bool has_own = false;
  for (const auto& item : round["checklist"]) {
    has_retired = has_retired || item["key"] == "intake.4";
    has_own = has_own || item["key"] == "own.1";
  }
  EXPECT_FALSE(has_retired);
  EXPECT_TRUE(has_own);
  EXPECT_EQ(round["cases"][0]["items_total"], 3);
  EXPECT_EQ(AuditCount("quality.set_checklist"), 1);
}

JIELI_INSTANTIATE_API_TEST(QualityAuditsApiTest);

}  // namespace
}  // namespace jieli::test
