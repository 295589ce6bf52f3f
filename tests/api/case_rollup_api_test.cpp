// The case rollup (issue 14, "counts that do not grow with the records") on both
// backends: after a realistic mix of casework through the services and over
// HTTP — cases opened, moved on and stepped back, approved, closed and
// reopened, transferred, their risk set by assessments, service records added,
// corrected and withdrawn — the rollup equals a recount from the records, and
// again after `RebuildRollup`; and /cases/stats, which reads it, answers what
// the scans of the cases it replaced answered.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "casework_fixture.hpp"
#include "core/local_time.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_demo.hpp"
#include "modules/cases/rollup.hpp"
#include "modules/orgs/org_tree.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;
// A row of counts by its key, both as text: compared as a whole.
using Counted = std::map<std::string, std::string>;

class CaseRollupApiTest : public CaseworkApiTest {
 protected:
  // The rows of a query as "key columns → count columns", the first `keys`
  // columns the key; rows whose counts are all zero left out (the rollup keeps
  // a count that fell to zero).
  Counted Rows(const std::string& sql, std::size_t keys) {
    auto rows = app_->db().Query(sql);
    EXPECT_TRUE(rows) << rows.error().log_detail() << "\n" << sql;
    Counted out;
    if (!rows) return out;
    for (const auto& row : *rows) {
      std::string key, counts;
      bool any = false;
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i < keys) {
          key += row.Text(i) + "|";
        } else {
          any = any || row.Int(i) != 0;
          counts += std::to_string(row.Int(i)) + "|";
        }
      }
      if (any) out[key] = counts;
    }
    return out;
  }

  // The recount from the records, written here on its own rather than taken
  // from the migration. Local day: (ms + 8 h) / 1 day.
  void ExpectRollupEqualsRecount(const std::string& when) {
    SCOPED_TRACE(when);
    EXPECT_EQ(Rows("SELECT org_id, worker_id, stage, risk, cases FROM case_rollup_state", 4),
              Rows("SELECT org_id, primary_worker_id, stage, risk, COUNT(*) FROM cases "
                   "GROUP BY org_id, primary_worker_id, stage, risk",
                   4));
    // The days: each stage time counted on its own, then added up per key.
    const char* const columns[] = {"opened_at",       "assessment_at", "planning_at",
                                   "intervention_at", "evaluation_at", "closed_at"};
    std::map<std::string, std::vector<std::int64_t>> recount, recount_months;
    for (std::size_t c = 0; c < std::size(columns); ++c) {
      const std::string column = columns[c];
      auto rows = app_->db().Query("SELECT org_id, (" + column +
                                   " + 28800000) / 86400000, primary_worker_id, COUNT(*) "
                                   "FROM cases WHERE " +
                                   column + " IS NOT NULL GROUP BY org_id, (" + column +
                                   " + 28800000) / 86400000, primary_worker_id");
      ASSERT_TRUE(rows) << rows.error().log_detail();
      for (const auto& row : *rows) {
        auto& counts = recount[row.Text(0) + "|" + row.Text(1) + "|" + row.Text(2) + "|"];
        counts.resize(std::size(columns));
        counts[c] += row.Int(3);
        // The month of the day, from the calendar.
        const LocalDate date{date::sys_days{date::days{row.Int(1)}}};
        const std::string month = std::to_string(static_cast<int>(date.year()) * 100 +
                                                 static_cast<unsigned>(date.month()));
        auto& of_month = recount_months[row.Text(0) + "|" + month + "|"];
        of_month.resize(std::size(columns));
        of_month[c] += row.Int(3);
      }
    }
    auto as_text = [](const std::map<std::string, std::vector<std::int64_t>>& counted) {
      Counted out;
      for (const auto& [key, counts] : counted) {
        std::string text;
        for (auto n : counts) text += std::to_string(n) + "|";
        out[key] = text;
      }
      return out;
    };
    const Counted expected = as_text(recount);
    EXPECT_EQ(Rows("SELECT org_id, month, opened, entered_assessment, entered_planning, "
                   "entered_intervention, entered_evaluation, closed FROM case_rollup_months",
                   2),
              as_text(recount_months));
    EXPECT_EQ(Rows("SELECT org_id, day, worker_id, opened, entered_assessment, entered_planning, "
                   "entered_intervention, entered_evaluation, closed FROM case_rollup_days",
                   3),
              expected);
    EXPECT_EQ(Rows("SELECT org_id, service_date, author_id, records, minutes "
                   "FROM case_rollup_services",
                   3),
              Rows("SELECT c.org_id, s.service_date, s.created_by, COUNT(*), SUM(s.minutes) "
                   "FROM case_services s, cases c WHERE c.id = s.case_id AND s.withdrawn_at IS "
                   "NULL GROUP BY c.org_id, s.service_date, s.created_by",
                   3));
  }

  // /cases/stats as it was computed before the rollup: scans of the cases of
  // the organisations below org.
  json StatsAsScanned(std::int64_t org) {
    auto below = orgs::OrgTree(app_->db()).Below(org);
    EXPECT_TRUE(below);
    std::vector<store::Value> params(below->begin(), below->end());
    const std::string scope = " WHERE c.org_id " + auth::InList(params.size());
    const EpochMs now = clock_.Now();
    auto query = [&](const std::string& sql, std::vector<store::Value> extra = {}) {
      std::vector<store::Value> all = params;
      all.insert(all.end(), extra.begin(), extra.end());
      auto rows = app_->db().Query(sql, all);
      EXPECT_TRUE(rows) << sql;
      return rows ? std::move(*rows) : store::Rows{};
    };
    json stats;
    stats["by_stage"] = json::object();
    for (const auto& row :
         query("SELECT c.stage, COUNT(*) FROM cases c" + scope + " GROUP BY c.stage"))
      stats["by_stage"][row.Text(0)] = row.Int(1);
    stats["by_risk"] = json::object();
    for (const auto& row : query("SELECT c.risk, COUNT(*) FROM cases c" + scope +
                                 " AND c.stage <> 'closed' GROUP BY c.risk"))
      stats["by_risk"][row.Text(0)] = row.Int(1);
    stats["overdue"] =
        query("SELECT COUNT(*) FROM cases c" + scope + " AND c.stage <> 'closed' AND c.due_at < ?",
              {now})[0]
            .Int(0);
    stats["by_worker"] = json::array();
    std::vector<store::Value> now_first = {now};  // the ? in the SELECT list comes first
    now_first.insert(now_first.end(), params.begin(), params.end());
    auto workers = app_->db().Query(
        "SELECT c.primary_worker_id, COUNT(*), SUM(CASE WHEN c.due_at < ? THEN 1 ELSE 0 END) "
        "FROM cases c" +
            scope +
            " AND c.stage <> 'closed' GROUP BY c.primary_worker_id "
            "ORDER BY COUNT(*) DESC, c.primary_worker_id LIMIT 100",
        now_first);
    EXPECT_TRUE(workers);
    for (const auto& row : *workers)
      stats["by_worker"].push_back({row.Int(0), row.Int(1), row.Int(2)});
    // The months: every opening and closing time read and bucketed.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> months;
    for (const char* column : {"opened_at", "closed_at"}) {
      for (const auto& row : query(std::string("SELECT c.") + column + " FROM cases c" + scope +
                                   " AND c." + column + " IS NOT NULL")) {
        auto& month = months[FormatDate(LocalDateOf(row.Int(0))).substr(0, 7)];
        (std::string(column) == "opened_at" ? month.first : month.second) += 1;
      }
    }
    stats["months"] = json::object();
    for (const auto& [month, counts] : months)
      stats["months"][month] = {counts.first, counts.second};
    return stats;
  }

  // The same facts from /cases/stats.
  static json StatsAnswered(const json& answer) {
    json stats;
    stats["by_stage"] = json::object();
    for (auto it = answer["by_stage"].begin(); it != answer["by_stage"].end(); ++it)
      if (it.value() != 0) stats["by_stage"][it.key()] = it.value();
    stats["by_risk"] = json::object();
    for (auto it = answer["by_risk"].begin(); it != answer["by_risk"].end(); ++it)
      if (it.value() != 0) stats["by_risk"][it.key()] = it.value();
    stats["overdue"] = answer["overdue"];
    stats["by_worker"] = json::array();
    for (const auto& w : answer["by_worker"])
      stats["by_worker"].push_back({w["worker"]["id"], w["open"], w["overdue"]});
    stats["months"] = json::object();
    for (const auto& m : answer["per_month"]) {
      stats["months"][m["month"].get<std::string>()] = {m["opened"], m["closed"]};
    }
    return stats;
  }
};

TEST_P(CaseRollupApiTest, TheRollupEqualsARecountAfterEveryKindOfChangeAndARebuild) {
  // Opened, moved on and stepped back, approved, closed, assessed with a risk,
  // records added, corrected and withdrawn: the demo works through the services.
  ASSERT_TRUE(cases::SeedDemoCases(app_->services(), 60).ok());
  ExpectRollupEqualsRecount("after the demo cases");

  auto leader = SignIn("leader");
  auto worker = SignIn("worker");
  // A new case, its records, one corrected to another day, one withdrawn.
  const std::int64_t id = NewCase(*worker);
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
  ASSERT_EQ(Save(*worker, id, "assessment", Assessment()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "planning").status, 200);
  ASSERT_EQ(Save(*worker, id, "planning", Plan("2027-02-28")).status, 200);
  TestResponse asked = MoveTo(*worker, id, "intervention");
  ASSERT_EQ(asked.status, 202) << asked.body;
  const std::int64_t approval = asked.Json()["approval"]["id"].get<std::int64_t>();
  TestResponse approved = SignIn("supervisor")
                              ->Post("/api/v1/approvals/" + std::to_string(approval) + "/decision",
                                     json{{"decision", "approve"}}.dump());
  ASSERT_EQ(approved.status, 200) << approved.body;
  ExpectRollupEqualsRecount("after a plan approved");
  TestResponse back = worker->Post(CasePath(id, "/transitions"),
                                   json{{"to", "planning"}, {"reason", "计划需调整"}}.dump());
  ASSERT_EQ(back.status, 200) << back.body;  // a step back clears intervention_at
  clock_.Advance(2 * 24 * 60 * kMinute);
  worker = SignIn("worker");
  std::vector<std::int64_t> records;
  for (const char* date : {"2026-11-25", "2026-11-26", "2026-11-27"}) {
    TestResponse added = worker->Post(CasePath(id, "/services"), Service(date).dump());
    ASSERT_EQ(added.status, 201) << added.body;
    records.push_back(added.Json()["id"].get<std::int64_t>());
  }
  TestResponse corrected = worker->Patch("/api/v1/services/" + std::to_string(records[0]),
                                         json{{"date", "2026-11-26"}, {"minutes", 95}}.dump());
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  TestResponse withdrawn =
      worker->Post("/api/v1/services/" + std::to_string(records[1]) + "/withdraw",
                   json{{"reason", "重复录入，与另一条相同。"}}.dump());
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  ExpectRollupEqualsRecount("after a new case and its records");

  // Open cases handed to the leader, and closed ones reopened, a day later.
  clock_.Advance(24 * 60 * kMinute);
  leader = SignIn("leader");
  json open = leader->Get("/api/v1/cases?stage=intervention&page_size=3").Json();
  ASSERT_FALSE(open["items"].empty());
  int transferred = 0;
  for (const auto& c : open["items"]) {
    TestResponse moved =
        leader->Post(CasePath(c["id"].get<std::int64_t>(), "/transfer"),
                     json{{"worker_id", UserId("leader")}, {"reason", "调整工作量"}}.dump());
    if (moved.status == 200) ++transferred;
  }
  EXPECT_GT(transferred, 0);
  json closed = leader->Get("/api/v1/cases?stage=closed&page_size=2").Json();
  ASSERT_FALSE(closed["items"].empty());
  for (const auto& c : closed["items"]) {
    TestResponse reopened = leader->Post(CasePath(c["id"].get<std::int64_t>(), "/reopen"),
                                         json{{"reason", "案主再次求助"}}.dump());
    EXPECT_EQ(reopened.status, 200) << reopened.body;
  }
  ExpectRollupEqualsRecount("after transfers and reopenings");

  // A rebuild from the records gives the same rows.
  auto rebuilt = cases::RebuildRollup(app_->db());
  ASSERT_TRUE(rebuilt) << rebuilt.error().log_detail();
  EXPECT_EQ(rebuilt->cases, Count("cases"));
  EXPECT_EQ(rebuilt->service_records,
            app_->db()
                .QueryOne("SELECT COUNT(*) FROM case_services WHERE withdrawn_at IS NULL")
                ->value()
                .Int(0));
  ExpectRollupEqualsRecount("after a rebuild");
}

TEST_P(CaseRollupApiTest, StatsAnswerWhatTheScansOfTheCasesAnswered) {
  ASSERT_TRUE(cases::SeedDemoCases(app_->services(), 60).ok());
  const std::int64_t agency = OrgId("江城市阳光社会工作服务中心");
  // Twelve months back from today, and again forty days on.
  for (int day = 0; day < 2; ++day) {
    SCOPED_TRACE(day);
    TestResponse answer = SignIn("leader")->Get("/api/v1/cases/stats");
    ASSERT_EQ(answer.status, 200) << answer.body;
    json answered = StatsAnswered(answer.Json());
    json scanned = StatsAsScanned(agency);
    // The answer covers twelve months; the scan every month: compare those twelve.
    for (auto it = scanned["months"].begin(); it != scanned["months"].end();) {
      if (!answered["months"].contains(it.key())) {
        it = scanned["months"].erase(it);
      } else {
        ++it;
      }
    }
    for (auto it = answered["months"].begin(); it != answered["months"].end(); ++it) {
      if (!scanned["months"].contains(it.key())) scanned["months"][it.key()] = {0, 0};
    }
    EXPECT_EQ(answered, scanned);
    EXPECT_FALSE(answered["by_worker"].empty());
    clock_.Advance(40 * 24 * 60 * kMinute);  // more deadlines passed, another month
  }
}

// The counts are kept between requests (stats_cache.hpp) under the rollup's
// versions: every change shows in the next answer, and the time of asking
// still moves the overdue cases.
TEST_P(CaseRollupApiTest, StatsKeptBetweenRequestsShowEveryChangeAtOnce) {
  ASSERT_TRUE(cases::SeedDemoCases(app_->services(), 40).ok());
  const std::int64_t agency = OrgId("江城市阳光社会工作服务中心");
  auto leader = SignIn("leader");
  auto worker = SignIn("worker");
  auto expect_current = [&](const std::string& after) {
    SCOPED_TRACE(after);
    for (int twice = 0; twice < 2; ++twice) {  // the second answer from what was kept
      TestResponse answer = leader->Get("/api/v1/cases/stats");
      ASSERT_EQ(answer.status, 200) << answer.body;
      json answered = StatsAnswered(answer.Json());
      json scanned = StatsAsScanned(agency);
      EXPECT_EQ(answered["by_stage"], scanned["by_stage"]);
      EXPECT_EQ(answered["by_risk"], scanned["by_risk"]);
      EXPECT_EQ(answered["by_worker"], scanned["by_worker"]);
      EXPECT_EQ(answered["overdue"], scanned["overdue"]);
      const std::string this_month = FormatDate(LocalDateOf(clock_.Now())).substr(0, 7);
      EXPECT_EQ(answered["months"][this_month], scanned["months"].value(this_month, json{0, 0}));
    }
  };
  expect_current("nothing changed");
  const std::int64_t id = NewCase(*worker);
  expect_current("a case opened");
  ASSERT_EQ(Save(*worker, id, "intake", Intake()).status, 200);
  ASSERT_EQ(MoveTo(*worker, id, "assessment").status, 200);
  expect_current("a case moved on");
  ASSERT_EQ(Save(*worker, id, "assessment", Assessment()).status, 200);
  expect_current("a risk assessed");
  TestResponse moved =
      leader->Post(CasePath(id, "/transfer"),
                   json{{"worker_id", UserId("leader")}, {"reason", "调整工作量"}}.dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  expect_current("a case handed to another worker");
  clock_.Advance(20 * 24 * 60 * kMinute);  // deadlines pass; no write
  leader = SignIn("leader");
  expect_current("twenty days on");
  auto rebuilt = cases::RebuildRollup(app_->db());
  ASSERT_TRUE(rebuilt) << rebuilt.error().log_detail();
  EXPECT_GT(app_->db().QueryOne("SELECT COUNT(*) FROM case_rollup_versions")->value().Int(0), 0);
  expect_current("a rebuild");
}

JIELI_INSTANTIATE_API_TEST(CaseRollupApiTest);

}  // namespace
}  // namespace jieli::test
