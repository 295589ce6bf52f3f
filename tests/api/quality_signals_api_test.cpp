// Indicator signals over HTTP on both backends: the nightly evaluation over a
// fixture with a designed break (one signal for the agency, its owners told
// once), a second run that finds nothing new, dismissal, opening an
// improvement cycle from a signal (once), and scope.
#include <string>

#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

constexpr EpochMs kDay = 24 * 60 * kMinute;

class QualitySignalsApiTest : public CaseworkApiTest {
 protected:
  // The demo worker holds one open case for twenty months, then three: the
  // caseload (an XmR chart, its baseline the first 12 of the last 24 months
  // all at 1) jumps in the last ended month — a rule-1 break on 阳光's chart
  // (and the city's). Returns that month's key.
  std::string BuildFixture() {
    auto worker = SignIn("worker");
    NewCase(*worker, "周秀兰");
    clock_.Advance(600 * kDay);
    // Into the first days of a month, then two more cases; the month ends.
    LocalDate today = LocalDateOf(clock_.Now());
    const date::year_month month{today.year(), today.month()};
    clock_.Advance((date::sys_days((month + date::months{1}) / 1) - date::sys_days(today)).count() *
                   kDay);
    today = LocalDateOf(clock_.Now());
    worker = SignIn("worker");
    NewCase(*worker, "吴桂芳");
    NewCase(*worker, "郑玉珍");
    clock_.Advance(35 * kDay);
    const date::year_month broke{today.year(), today.month()};
    char key[16];
    std::snprintf(key, sizeof key, "%04d-%02u", static_cast<int>(broke.year()),
                  static_cast<unsigned>(broke.month()));
    return key;
  }

  quality::SignalRun Evaluate() {
    auto run = app_->services().quality.EvaluateSignals();
    EXPECT_TRUE(run.ok()) << run.error().log_detail();
    return run.ok() ? *run : quality::SignalRun{};
  }

  std::int64_t Sunshine() { return OrgId("江城市阳光社会工作服务中心"); }

  json SignalsOf(TestClient& as, const std::string& query) {
    TestResponse r = as.Get("/api/v1/quality/signals?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json();
  }

  static int SignalNotifications(TestClient& as) {
    json page = as.Get("/api/v1/notifications?page_size=100").Json();
    int n = 0;
    for (const auto& item : page["items"]) n += item["kind"] == "quality_signal" ? 1 : 0;
    return n;
  }
};

TEST_P(QualitySignalsApiTest, NightlyRunRecordsAndNotifiesOnceThenCyclesAndDismissals) {
  const std::string period = BuildFixture();
  quality::SignalRun first = Evaluate();
  EXPECT_GE(first.new_signals, 1);  // 阳光's and the city's
  EXPECT_EQ(first.found, first.new_signals);

  auto leader = SignIn("leader");
  json mine = SignalsOf(*leader, "org_id=" + std::to_string(Sunshine()));
  ASSERT_EQ(mine["total"], 1) << mine.dump();
  json signal = mine["items"][0];
  EXPECT_EQ(signal["indicator"], "caseload");
  EXPECT_EQ(signal["period"], period);
  EXPECT_EQ(signal["state"], "open");
  EXPECT_EQ(signal["value"], 3);
  EXPECT_EQ(signal["centre"], 1);
  EXPECT_EQ(signal["rules"][0], 1);
  EXPECT_EQ(signal["org_name"], "江城市阳光社会工作服务中心");
  // Told once: the leader and the supervisor of 阳光.
  EXPECT_EQ(SignalNotifications(*leader), 1);
  auto supervisor = SignIn("supervisor");
  EXPECT_EQ(SignalNotifications(*supervisor), 1);
  // A worker is no owner: neither told nor shown the agency's signals.
  auto worker = SignIn("worker");
  EXPECT_EQ(SignalNotifications(*worker), 0);
  EXPECT_EQ(SignalsOf(*worker, "")["total"], 0);

  // The next night finds nothing new and tells no one again.
  quality::SignalRun second = Evaluate();
  EXPECT_EQ(second.found, 0);
  EXPECT_EQ(second.new_signals, 0);
  EXPECT_EQ(second.notifications, 0);
  EXPECT_EQ(SignalsOf(*leader, "org_id=" + std::to_string(Sunshine()))["total"], 1);
  EXPECT_EQ(SignalNotifications(*leader), 1);

  // Another agency's people do not reach it.
  const std::string path = "/api/v1/quality/signals/" + std::to_string(signal["id"].get<int>());
  auto other = SignIn("supervisor_b");
  EXPECT_EQ(other->Post(path + "/improvement", "{}").status, 404);
  EXPECT_EQ(other->Post(path + "/dismiss", R"({"note":"x"})").status, 404);
  EXPECT_EQ(SignalsOf(*other, "")["total"], 0);

  // An improvement cycle from it: its source is the signal; a second time 409.
  TestResponse opened = leader->Post(path + "/improvement", "{}");
  ASSERT_EQ(opened.status, 201) << opened.body;
  json cycle = opened.Json();
  EXPECT_EQ(cycle["phase"], "plan");
  EXPECT_EQ(cycle["source_kind"], "indicator_signal");
  EXPECT_EQ(cycle["source_ref"], "caseload:" + period);
  EXPECT_EQ(cycle["indicator"], "caseload");
  EXPECT_NE(cycle["title"].get<std::string>().find(period), std::string::npos);
  EXPECT_EQ(cycle["org_id"], Sunshine());
  TestResponse again = leader->Post(path + "/improvement", "{}");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Code(again), "quality.signal_handled");
  json linked = SignalsOf(*leader, "state=cycle_opened")["items"][0];
  EXPECT_EQ(linked["improvement_id"], cycle["id"]);
  // Handled: it cannot be dismissed any more.
  EXPECT_EQ(leader->Post(path + "/dismiss", R"({"note":"已开启改进"})").status, 409);

  // The city's signal: the bureau officer sees it; dismissing needs quality.manage.
  auto bureau = SignIn("bureau");
  json city = SignalsOf(*bureau, "state=open&indicator=caseload");
  ASSERT_GE(city["total"].get<int>(), 1) << city.dump();
  const std::string city_path =
      "/api/v1/quality/signals/" + std::to_string(city["items"][0]["id"].get<int>());
  EXPECT_EQ(bureau->Post(city_path + "/dismiss", R"({"note":"x"})").status, 403);
}

TEST_P(QualitySignalsApiTest, DismissalNeedsANoteAndHappensOnce) {
  BuildFixture();
  Evaluate();
  auto leader = SignIn("leader");
  json signal = SignalsOf(*leader, "org_id=" + std::to_string(Sunshine()))["items"][0];
  const std::string path =
      "/api/v1/quality/signals/" + std::to_string(signal["id"].get<int>()) + "/dismiss";
  TestResponse blank = leader->Post(path, R"({"note":"  "})");
  EXPECT_EQ(blank.status, 400) << blank.body;
  TestResponse missing = leader->Post(path, "{}");
  EXPECT_EQ(missing.status, 400) << missing.body;
  TestResponse done = leader->Post(path, R"({"note":"两名新案主同日转介，属正常波动"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["state"], "dismissed");
  EXPECT_EQ(done.Json()["note"], "两名新案主同日转介，属正常波动");
  EXPECT_EQ(done.Json()["handled_by"]["id"], UserId("leader"));
  EXPECT_EQ(leader->Post(path, R"({"note":"again"})").status, 409);
  EXPECT_EQ(SignalsOf(*leader, "state=open&org_id=" + std::to_string(Sunshine()))["total"], 0);
  // Dismissed stays dismissed: the next night does not raise it again.
  Evaluate();
  EXPECT_EQ(SignalsOf(*leader, "state=open&org_id=" + std::to_string(Sunshine()))["total"], 0);
  // A worker of the agency may not dismiss (quality.manage).
  auto worker = SignIn("worker");
  EXPECT_EQ(worker->Post(path, R"({"note":"x"})").status, 403);
  // Filters are checked.
  EXPECT_EQ(leader->Get("/api/v1/quality/signals?state=closed").status, 400);
  EXPECT_EQ(leader->Get("/api/v1/quality/signals?indicator=nope").status, 400);
}

}  // namespace

JIELI_INSTANTIATE_API_TEST(QualitySignalsApiTest);

}  // namespace jieli::test
