// The job queue on both backends: a job's work commits exactly once however
// many nodes claim at once; a node that lost its lease cannot commit; failed
// work is retried with a pause and given up after its attempts; recurring
// slots are queued once; and the administrators' view of the queue.
#include <chrono>
#include <map>
#include <thread>

#include "api_fixture.hpp"
#include "modules/jobs/job_handlers.hpp"
#include "modules/jobs/job_queue.hpp"
#include "modules/jobs/job_rules.hpp"
#include "modules/jobs/job_runner.hpp"

namespace jieli::test {
namespace {

using jobs::Job;
using jobs::JobQueue;
using jobs::JobRunner;
using jobs::NewJob;
using nlohmann::json;

class JobsApiTest : public ApiTest {
 protected:
  std::int64_t Scalar(const std::string& sql, const std::vector<store::Value>& params = {}) {
    auto row = app_->db().QueryOne(sql, params);
    EXPECT_TRUE(row && *row) << sql;
    return row && *row ? (*row)->Int(0) : -1;
  }

  NewJob Probe(const std::string& key = "") {
    NewJob job;
    job.kind = std::string(jobs::kProbeKind);
    job.dedupe_key = key;
    return job;
  }
};

TEST_P(JobsApiTest, AThousandJobsOnThreeNodesAreEachDoneExactlyOnce) {
  JobQueue queue(app_->db(), clock_);
  {
    auto tx = app_->db().Begin();
    ASSERT_TRUE(tx);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(queue.Enqueue(**tx, Probe()));
    ASSERT_TRUE((*tx)->Commit());
  }
  // Three nodes; on PostgreSQL each over a store of its own, as separate
  // processes would be.
  std::vector<std::unique_ptr<store::Db>> stores;
  std::vector<std::unique_ptr<JobRunner>> nodes;
  for (int i = 0; i < 3; ++i) {
    store::Db* db = &app_->db();
    if (GetParam() == store::Backend::kPostgres) {
      auto opened = store::Db::Open(app_->config().db_url);
      ASSERT_TRUE(opened) << opened.error().log_detail();
      stores.push_back(std::move(opened).value());
      db = stores.back().get();
    }
    jobs::RunnerOptions options;
    options.workers = 2;
    options.poll_ms = 20;
    nodes.push_back(std::make_unique<JobRunner>(*db, clock_, "node" + std::to_string(i), options));
    jobs::RegisterProbe(*nodes.back());
  }
  for (auto& node : nodes) ASSERT_TRUE(node->Start());
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'done'") < 1000 &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& node : nodes) node->Stop();

  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'done'"), 1000);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM job_runs WHERE outcome = 'done'"), 1000);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM (SELECT job_id FROM job_runs GROUP BY job_id "
                   "HAVING COUNT(*) > 1) twice"),
            0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE attempts <> 1"), 0);
}

TEST_P(JobsApiTest, ANodeThatLostItsLeaseCannotCommit) {
  JobQueue queue(app_->db(), clock_);
  ASSERT_TRUE(queue.Enqueue(Probe()));
  auto first = queue.Claim("slow", 10, 1000);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 1u);
  // Nobody else may take it while the lease holds.
  auto none = queue.Claim("fast", 10, 1000);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  // The lease runs out (the slow node stalled); another node claims it again.
  clock_.Advance(1001);
  auto second = queue.Claim("fast", 10, 1000);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].attempts, 2);

  // The slow node wakes up: its work and its "done" roll back together.
  {
    auto tx = app_->db().Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(
        (*tx)->Execute("INSERT INTO settings (key, value, updated_at) VALUES "
                       "('probe.slow', 'x', 0)"));
    auto finished = queue.Finish(**tx, (*first)[0], "slow", clock_.Now());
    ASSERT_FALSE(finished);
    EXPECT_EQ(finished.error().code(), "jobs.lease_lost");
  }
  EXPECT_TRUE(queue.Fail((*first)[0], "slow", clock_.Now(), "too late"));  // ignored
  {
    auto tx = app_->db().Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(queue.Finish(**tx, (*second)[0], "fast", clock_.Now()));
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM settings WHERE key = 'probe.slow'"), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM job_runs"), 1);
  auto runs = queue.Runs((*second)[0].id);
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].node, "fast");
  EXPECT_EQ((*runs)[0].attempt, 2);
}

TEST_P(JobsApiTest, FailedWorkIsRetriedAfterAPauseThenGivenUp) {
  JobRunner runner(app_->db(), clock_, "here");
  int calls = 0;
  runner.Register("test.flaky", [&calls](store::Transaction& tx, const Job&) -> Status {
    ++calls;
    // Written, then rolled back with the failure.
    auto written = tx.Execute("INSERT INTO settings (key, value, updated_at) VALUES (?, 'x', 0)",
                              {"flaky." + std::to_string(calls)});
    if (!written) return written.error();
    return InternalError("the agency's mail server did not answer");
  });
  NewJob job;
  job.kind = "test.flaky";
  job.max_attempts = 2;
  ASSERT_TRUE(runner.queue().Enqueue(job));

  auto ran = runner.RunDue();
  ASSERT_TRUE(ran);
  EXPECT_EQ(*ran, 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'pending' AND attempts = 1"), 1);
  // Not again before its pause is over.
  ASSERT_TRUE(runner.RunDue());
  EXPECT_EQ(calls, 1);
  clock_.Advance(jobs::RetryDelay(1));
  ASSERT_TRUE(runner.RunDue());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'failed' AND attempts = 2"), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM settings WHERE key LIKE 'flaky.%'"), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM job_runs WHERE outcome = 'retry'"), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM job_runs WHERE outcome = 'failed'"), 1);
  clock_.Advance(24 * 60 * kMinute);
  ASSERT_TRUE(runner.RunDue());
  EXPECT_EQ(calls, 2);  // given up for good
}

TEST_P(JobsApiTest, AJobWhoseNodeDiedOnItsLastAttemptIsFailed) {
  JobQueue queue(app_->db(), clock_);
  NewJob job = Probe();
  job.max_attempts = 1;
  ASSERT_TRUE(queue.Enqueue(job));
  auto claimed = queue.Claim("dead", 10, 1000);
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  clock_.Advance(5000);
  auto again = queue.Claim("alive", 10, 1000);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  auto failed = queue.FailExhausted();
  ASSERT_TRUE(failed);
  EXPECT_EQ(*failed, 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'failed'"), 1);
}

TEST_P(JobsApiTest, ARecurringSlotIsQueuedOnceAndDedupeKeysHold) {
  JobRunner a(app_->db(), clock_, "a");
  JobRunner b(app_->db(), clock_, "b");
  for (JobRunner* node : {&a, &b}) {
    node->Register("test.tick", [](store::Transaction&, const Job&) { return Ok(); });
    node->Schedule("test.tick", 5 * kMinute);
  }
  ASSERT_TRUE(a.RunDue());
  ASSERT_TRUE(b.RunDue());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.tick'"), 1);
  const std::string key = jobs::SlotKey("test.tick", jobs::SlotStart(clock_.Now(), 5 * kMinute));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE dedupe_key = ?", {key}), 1);
  clock_.Advance(5 * kMinute);
  ASSERT_TRUE(b.RunDue());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.tick' AND status = 'done'"), 2);

  JobQueue queue(app_->db(), clock_);
  auto first = queue.Enqueue(Probe("once"));
  auto second = queue.Enqueue(Probe("once"));
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(first->has_value());
  EXPECT_FALSE(second->has_value());
}

TEST_P(JobsApiTest, AdministratorsSeeTheQueueAndOthersDoNot) {
  JobQueue queue(app_->db(), clock_);
  auto id = queue.Enqueue(Probe());
  ASSERT_TRUE(id && id->has_value());
  ASSERT_TRUE(app_->jobs().RunDue());

  auto admin = SignIn("admin");
  TestResponse listed = admin->Get("/api/v1/jobs?status=done");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json body = listed.Json();
  EXPECT_GE(body["summary"]["done"].get<int>(), 1);
  EXPECT_EQ(body["items"][0]["status"], "done");
  TestResponse one = admin->Get("/api/v1/jobs/" + std::to_string(**id));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json()["runs"][0]["outcome"], "done");
  EXPECT_EQ(one.Json()["runs"][0]["node"], app_->jobs().node());
  EXPECT_EQ(admin->Get("/api/v1/jobs/999999").status, 404);
  EXPECT_EQ(admin->Get("/api/v1/jobs?status=sleeping").status, 400);
  // "due": pending and due now — here, one queued a minute ahead is not.
  NewJob later = Probe();
  later.run_at = clock_.Now() + kMinute;
  ASSERT_TRUE(queue.Enqueue(later));
  ASSERT_TRUE(queue.Enqueue(Probe()));
  json due = admin->Get("/api/v1/jobs?status=due").Json();
  EXPECT_EQ(due["total"], 1);
  EXPECT_EQ(due["summary"]["due"], 1);
  EXPECT_EQ(due["summary"]["pending"], 2);
  for (const char* who : {"leader", "supervisor", "worker", "bureau"}) {
    EXPECT_EQ(SignIn(who)->Get("/api/v1/jobs").status, 403) << who;
  }
  EXPECT_EQ(Client()->Get("/api/v1/jobs").status, 401);
}

JIELI_INSTANTIATE_API_TEST(JobsApiTest);

}  // namespace
}  // namespace jieli::test
