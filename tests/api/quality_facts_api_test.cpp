// The stored quality facts (case_quality_facts, quality_facts_schema.hpp) on
// both backends: after each write of a sequence — stage moves, forms saved, a
// closure requested and approved, a follow-up done, the agency's deadline
// policy and form fields changed, a reopening — the facts read through the
// stored rows equal the facts recomputed from the records with no stored row,
// and so do the indicators.
#include <string>
#include <vector>

#include "casework_fixture.hpp"
#include "modules/cases/case_quality_facts.hpp"
#include "modules/orgs/org_tree.hpp"

namespace jieli::test {
namespace {

constexpr EpochMs kDay = 24 * 60 * kMinute;

class QualityFactsApiTest : public CaseworkApiTest {
 protected:
  std::int64_t Agency() { return OrgId("江城市阳光社会工作服务中心"); }

  std::vector<cases::CaseQualityFacts> Facts() {
    auto below = orgs::OrgTree(app_->db()).Below(Agency());
    EXPECT_TRUE(below.ok());
    if (!below.ok()) return {};
    auto facts = app_->services().cases.QualityFacts(*below, 0, clock_.Now() + 400 * kDay);
    EXPECT_TRUE(facts.ok());
    if (!facts.ok()) return {};
    return *facts;
  }

  std::int64_t StoredRows() { return Count("case_quality_facts"); }

  std::string IndicatorValues() {
    TestResponse r = SignIn("leader")->Get(
        "/api/v1/quality/indicators/values?from=2026-11-01&to=2027-12-31&by=worker&"
        "granularity=month");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }

  // Reads the facts as the indicators do (stored rows where valid, the rest
  // computed and stored), then once more with every stored row gone.
  void ExpectStoredEqualsRecomputed(const std::string& after) {
    SCOPED_TRACE(after);
    const auto stored = Facts();
    const std::string stored_values = IndicatorValues();
    EXPECT_GT(StoredRows(), 0);
    ASSERT_TRUE(app_->db().Execute("DELETE FROM case_quality_facts").ok());
    const auto recomputed = Facts();
    ASSERT_EQ(stored.size(), recomputed.size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
      EXPECT_TRUE(stored[i] == recomputed[i]) << "case " << stored[i].case_id;
    }
    EXPECT_TRUE(IndicatorValues() == stored_values) << "the indicators moved";
    // The recomputation stored them again: read back, they are the same.
    EXPECT_EQ(StoredRows(), static_cast<std::int64_t>(recomputed.size()));
    const auto again = Facts();
    ASSERT_EQ(again.size(), recomputed.size());
    for (std::size_t i = 0; i < again.size(); ++i) {
      EXPECT_TRUE(again[i] == recomputed[i]) << "case " << again[i].case_id;
    }
  }

  // The approval a move asked for, decided by the supervisor.
  void Approve(const TestResponse& asked) {
    ASSERT_EQ(asked.status, 202) << asked.body;
    const std::string decide = "/api/v1/approvals/" +
                               std::to_string(asked.Json()["approval"]["id"].get<std::int64_t>()) +
                               "/decision";
    ASSERT_EQ(SignIn("supervisor")->Post(decide, json{{"decision", "approve"}}.dump()).status, 200);
  }
};

TEST_P(QualityFactsApiTest, StoredFactsFollowEveryWrite) {
  auto worker = SignIn("worker");
  const std::int64_t a = NewCase(*worker, "周秀兰");
  const std::int64_t b = NewCase(*worker, "吴桂芳");
  ASSERT_EQ(Save(*worker, a, "intake", Intake()).status, 200);
  ASSERT_EQ(Save(*worker, b, "intake", Intake("crisis")).status, 200);
  ExpectStoredEqualsRecomputed("opened");

  // Stage moves and forms saved.
  ASSERT_EQ(MoveTo(*worker, a, "assessment").status, 200);
  ASSERT_EQ(MoveTo(*worker, b, "assessment").status, 200);
  ExpectStoredEqualsRecomputed("moved to assessment");
  ASSERT_EQ(Save(*worker, a, "assessment", Assessment()).status, 200);
  ExpectStoredEqualsRecomputed("assessment saved");
  ASSERT_EQ(MoveTo(*worker, a, "planning").status, 200);
  ASSERT_EQ(Save(*worker, a, "planning", Plan("2027-02-28")).status, 200);
  Approve(MoveTo(*worker, a, "intervention"));
  ASSERT_EQ(worker->Post(CasePath(a, "/services"), Service().dump()).status, 201);
  ASSERT_EQ(worker->Post(CasePath(b, "/services"), Service().dump()).status, 201);
  ExpectStoredEqualsRecomputed("plan approved, first contacts");
  ASSERT_EQ(MoveTo(*worker, a, "evaluation").status, 200);
  json evaluation = {{"goal_attainment",
                      {{{"name", "减少跌倒"}, {"weight", 2}, {"attained", 1}},
                       {{"name", "增加社会交往"}, {"weight", 1}, {"attained", 0}}}},
                     {"satisfaction", 4},
                     {"reflection", "家访频率合适"}};
  ASSERT_EQ(Save(*worker, a, "evaluation", evaluation).status, 200);
  ExpectStoredEqualsRecomputed("evaluation saved");

  // A closure requested (stored: its time), then approved (follow-ups).
  ASSERT_EQ(
      Save(*worker, a, "closed", {{"reason", "goals_met"}, {"summary", "目标基本达成"}}).status,
      200);
  TestResponse closing = MoveTo(*worker, a, "closed");
  ExpectStoredEqualsRecomputed("closure requested");
  Approve(closing);
  ExpectStoredEqualsRecomputed("closed");
  const auto closed = Facts();
  bool found = false;
  for (const auto& f : closed) {
    if (f.case_id != a) continue;
    found = true;
    EXPECT_EQ(f.followups.size(), 3u);
    EXPECT_EQ(f.closures.size(), 1u);
    EXPECT_TRUE(f.closure_requested_at.has_value());
    EXPECT_EQ(f.satisfaction, 4);
    EXPECT_TRUE(f.gas_t.has_value());
  }
  EXPECT_TRUE(found);

  // A follow-up done: no change to the cases row, yet a fact.
  clock_.Advance(30 * kDay);
  worker = SignIn("worker");
  json followups = worker->Get(CasePath(a, "/followups")).Json();
  ASSERT_EQ(followups["items"].size(), 3u);
  const std::string complete = "/api/v1/followups/" +
                               std::to_string(followups["items"][0]["id"].get<std::int64_t>()) +
                               "/complete";
  ASSERT_EQ(
      worker
          ->Post(complete,
                 json{{"note", "电话回访，情况稳定"}, {"situation", "same"}, {"channel", "phone"}}
                     .dump())
          .status,
      200);
  ExpectStoredEqualsRecomputed("follow-up done");

  // The agency's deadline policy and its form fields: the deadlines and the
  // completeness of every case of the agency and below.
  auto leader = SignIn("leader");
  json shorter = {{"assessment_days", 3},
                  {"planning_days", 10},
                  {"closure_days", 14},
                  {"crisis_first_contact_hours", 12}};
  const std::string agency = "/api/v1/orgs/" + std::to_string(Agency());
  ASSERT_EQ(leader->Put(agency + "/case-policy", shorter.dump()).status, 200);
  ExpectStoredEqualsRecomputed("policy changed");
  json fields = {{"properties", {{"housing_type", {{"type", "string"}, {"title", "住房类型"}}}}},
                 {"required", json::array()}};
  ASSERT_EQ(leader->Put(agency + "/case-forms/intake", fields.dump()).status, 200);
  ExpectStoredEqualsRecomputed("form fields changed");

  // Reopened: the due follow-ups cancelled, the closure reopened.
  TestResponse reopened =
      worker->Post(CasePath(a, "/reopen"), json{{"reason", "再次跌倒，需继续服务"}}.dump());
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  ExpectStoredEqualsRecomputed("reopened");

  // `jieli rollup rebuild` recomputes every case's row.
  auto rebuilt = app_->services().cases.RebuildQualityFacts();
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*rebuilt, Count("cases"));
  EXPECT_EQ(StoredRows(), Count("cases"));
}

TEST_P(QualityFactsApiTest, AStaleRowIsNotRead) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker, "郑玉珍");
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  const auto before = Facts();
  ASSERT_EQ(StoredRows(), 1);
  // A row left at an older version (as a write elsewhere would leave it) is
  // recomputed, not read; damage in a valid row is store.corrupt.
  ASSERT_TRUE(
      app_->db()
          .Execute("UPDATE case_quality_facts SET fields_filled = 999, version = version - 1")
          .ok());
  const auto after = Facts();
  ASSERT_EQ(after.size(), before.size());
  EXPECT_TRUE(after[0] == before[0]);
  ASSERT_TRUE(app_->db().Execute("UPDATE case_quality_facts SET followups = 'x:'").ok());
  auto below = orgs::OrgTree(app_->db()).Below(Agency());
  ASSERT_TRUE(below.ok());
  auto damaged = app_->services().cases.QualityFacts(*below, 0, clock_.Now() + kDay);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().code(), "store.corrupt");
}

JIELI_INSTANTIATE_API_TEST(QualityFactsApiTest);

}  // namespace
}  // namespace jieli::test
