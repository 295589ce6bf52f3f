// Notifications and live events on both backends: the supervisor hears of an
// approval waiting, the worker of the decision, a colleague of a case handed
// to them; the deadline scans announce, warn and escalate once each; every
// user reaches only their own; and the event stream delivers them live.
#include <chrono>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "casework_fixture.hpp"
#include "modules/cases/deadline.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

constexpr EpochMs kDay = 24 * 60 * kMinute;

// An open GET /api/v1/events, read as raw bytes (the test client waits for a
// whole response, which a stream never is).
class EventStream {
 public:
  // Opened with a session cookie, or with "Bearer TOKEN".
  EventStream(std::uint16_t port, const std::string& credential) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return;
    const std::string header = credential.starts_with("Bearer ")
                                   ? "Authorization: " + credential
                                   : "Cookie: jieli_session=" + credential;
    const std::string request =
        "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n" + header +
        "\r\n\r\n";
    if (::send(fd_, request.data(), request.size(), 0) < 0) return;
  }
  ~EventStream() {
    if (fd_ >= 0) ::close(fd_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Reads until text has arrived (true) or timeout passes (false).
  bool WaitFor(const std::string& text,
               std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return Read([&] { return received_.find(text) != std::string::npos; }, timeout) == kDone;
  }

  // Reads until the server closes the connection (true) or timeout passes.
  bool WaitForEnd(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return Read([] { return false; }, timeout) == kEnded;
  }

  const std::string& received() const { return received_; }

 private:
  enum ReadOutcome { kDone, kEnded, kTimedOut };

  // Reads what arrives until done() holds, the connection ends or timeout passes.
  template <class Done>
  ReadOutcome Read(Done done, std::chrono::milliseconds timeout) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          give_up - std::chrono::steady_clock::now());
      if (left.count() <= 0) return kTimedOut;
      pollfd fd{fd_, POLLIN, 0};
      if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) return kTimedOut;
      char buffer[4096];
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return kEnded;
      received_.append(buffer, static_cast<std::size_t>(n));
    }
    return kDone;
  }

  int fd_ = -1;
  std::string received_;
};

class NotificationsApiTest : public CaseworkApiTest {
 protected:
  json Notifications(TestClient& as, const std::string& query = "") {
    TestResponse listed = as.Get("/api/v1/notifications" + query);
    EXPECT_EQ(listed.status, 200) << listed.body;
    return listed.Json();
  }

  std::vector<std::string> Kinds(TestClient& as) {
    std::vector<std::string> kinds;
    const json listed = Notifications(as);  // (a temporary would end before the loop)
    for (const auto& item : listed["items"]) kinds.push_back(item["kind"]);
    return kinds;
  }

  // A case of `worker` taken to planning with its plan saved.
  std::int64_t CaseReadyForApproval(TestClient& worker) {
    const std::int64_t id = NewCase(worker);
    EXPECT_EQ(Save(worker, id, "intake", Intake()).status, 200);
    EXPECT_EQ(MoveTo(worker, id, "assessment").status, 200);
    EXPECT_EQ(Save(worker, id, "assessment", Assessment()).status, 200);
    EXPECT_EQ(MoveTo(worker, id, "planning").status, 200);
    EXPECT_EQ(Save(worker, id, "planning", Plan("2027-02-28")).status, 200);
    return id;
  }

  std::int64_t Scalar(const std::string& sql, const std::vector<store::Value>& params = {}) {
    auto row = app_->db().QueryOne(sql, params);
    EXPECT_TRUE(row && *row) << sql;
    return row && *row ? (*row)->Int(0) : -1;
  }
};

TEST_P(NotificationsApiTest, ApprovalsAndTransfersReachThePeopleConcerned) {
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  auto worker_b = SignIn("worker_b");
  const std::int64_t id = CaseReadyForApproval(*worker);
  const json before = Notifications(*supervisor, "?unread=true");

  TestResponse asked = MoveTo(*worker, id, "intervention");
  ASSERT_EQ(asked.status, 202) << asked.body;
  const std::int64_t approval = asked.Json()["approval"]["id"].get<std::int64_t>();
  json inbox = Notifications(*supervisor, "?unread=true");
  ASSERT_EQ(inbox["unread"].get<int>(), before["unread"].get<int>() + 1);
  const json note = inbox["items"][0];
  EXPECT_EQ(note["kind"], "approval_requested");
  EXPECT_EQ(note["subject_type"], "case");
  EXPECT_EQ(note["subject_id"], id);
  EXPECT_EQ(note["params"]["client_name"], "孙桂英");
  EXPECT_EQ(note["params"]["to"], "intervention");
  EXPECT_EQ(note["params"]["approval_id"], approval);
  EXPECT_TRUE(note["read_at"].is_null());

  // Another's notification is not found; one's own is marked once.
  const std::string read =
      "/api/v1/notifications/" + std::to_string(note["id"].get<int>()) + "/read";
  EXPECT_EQ(worker->Post(read, "").status, 404);
  EXPECT_EQ(worker_b->Post(read, "").status, 404);
  TestResponse marked = supervisor->Post(read, "");
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_TRUE(marked.Json()["read_at"].is_string());
  EXPECT_EQ(Notifications(*supervisor, "?unread=true")["unread"], before["unread"]);

  // The decision goes back to the worker who asked.
  const std::string decide = "/api/v1/approvals/" + std::to_string(approval) + "/decision";
  ASSERT_EQ(
      supervisor->Post(decide, json{{"decision", "reject"}, {"comment", "目标二需更具体"}}.dump())
          .status,
      200);
  json decided = Notifications(*worker)["items"][0];
  EXPECT_EQ(decided["kind"], "approval_decided");
  EXPECT_EQ(decided["params"]["decision"], "reject");
  EXPECT_EQ(decided["params"]["comment"], "目标二需更具体");

  // A case handed over is announced to its new worker.
  auto colleague = SignInNewUser("worker_d", "worker", Casework());
  ASSERT_EQ(worker
                ->Post(CasePath(id, "/transfer"),
                       json{{"worker_id", UserId("worker_d")}, {"reason", "工作调整"}}.dump())
                .status,
            200);
  json handed = Notifications(*colleague)["items"][0];
  EXPECT_EQ(handed["kind"], "case_transferred");
  EXPECT_EQ(handed["params"]["reason"], "工作调整");

  // The second agency heard none of it.
  EXPECT_EQ(Notifications(*worker_b)["total"], 0);
  ASSERT_EQ(worker->Post("/api/v1/notifications/read-all", "").status, 200);
  EXPECT_EQ(Notifications(*worker)["unread"], 0);
  EXPECT_EQ(Client()->Get("/api/v1/notifications").status, 401);
  EXPECT_EQ(worker->Get("/api/v1/notifications?unread=perhaps").status, 400);
}

TEST_P(NotificationsApiTest, DeadlinesAreAnnouncedPassedAndEscalatedOnceEach) {
  auto worker = SignIn("worker");
  const std::int64_t id = NewCase(*worker, "钱秀兰");
  // Opened 2026-11-25 09:00: the assessment is due 2026-12-02 23:59:59.999.
  const json c = worker->Get(CasePath(id)).Json();
  ASSERT_EQ(c["due_at"], "2026-12-02T23:59:59+08:00");
  const EpochMs due = kStartTime + 7 * kDay + 15 * 60 * kMinute - 1;
  auto scan_at = [&](EpochMs at) {
    clock_.Set(at);
    auto ran = app_->jobs().RunDue();
    ASSERT_TRUE(ran) << ran.error().log_detail();
  };
  auto kinds_of_worker = [&] {
    auto again = SignIn("worker");  // the clock moved past the idle timeout
    return Kinds(*again);
  };

  scan_at(due - kDay + 2 * kMinute);
  EXPECT_EQ(kinds_of_worker(), std::vector<std::string>{"deadline_soon"});
  scan_at(due - kDay + 3 * kMinute);  // the same slot again, on a retry
  EXPECT_EQ(kinds_of_worker().size(), 1u);

  scan_at(due + 2 * kMinute);
  EXPECT_EQ(kinds_of_worker(), (std::vector<std::string>{"deadline_overdue", "deadline_soon"}));

  scan_at(due + cases::kEscalateAfterDays * kDay + 2 * kMinute);
  auto supervisor = SignIn("supervisor");
  json escalated = Notifications(*supervisor)["items"][0];
  EXPECT_EQ(escalated["kind"], "case_escalated");
  EXPECT_EQ(escalated["subject_id"], id);
  EXPECT_EQ(escalated["params"]["days"], cases::kEscalateAfterDays);
  EXPECT_EQ(kinds_of_worker()[0], "case_escalated");
  json timeline = supervisor->Get(CasePath(id, "/timeline")).Json();
  EXPECT_EQ(timeline["items"][0]["kind"], "escalated");
  scan_at(due + cases::kEscalateAfterDays * kDay + 4 * kMinute);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM case_escalations WHERE case_id = ?", {id}), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'case_escalated' AND "
                   "subject_id = ?",
                   {id}),
            2);  // the worker and the supervisor, once each
  EXPECT_EQ(
      Scalar("SELECT COUNT(*) FROM case_events WHERE kind = 'escalated' AND case_id = ?", {id}), 1);
  // A worker of the second agency heard nothing.
  EXPECT_EQ(Notifications(*SignIn("worker_b"))["total"], 0);
}

TEST_P(NotificationsApiTest, TheEventStreamDeliversLiveToTheRightUser) {
  app_->services().streams.SetHeartbeat(std::chrono::milliseconds(200));
  ASSERT_TRUE(app_->StartBackground());
  auto worker = SignIn("worker");
  auto supervisor = SignIn("supervisor");
  auto worker_b = SignIn("worker_b");
  const std::int64_t id = CaseReadyForApproval(*worker);

  EventStream to_supervisor(server_->port(), *supervisor->Cookie("jieli_session"));
  EventStream to_worker_b(server_->port(), *worker_b->Cookie("jieli_session"));
  ASSERT_TRUE(to_supervisor.WaitFor("event: ready")) << to_supervisor.received();
  ASSERT_TRUE(to_worker_b.WaitFor("event: ready")) << to_worker_b.received();
  EXPECT_NE(to_supervisor.received().find("text/event-stream"), std::string::npos);

  ASSERT_EQ(MoveTo(*worker, id, "intervention").status, 202);
  EXPECT_TRUE(to_supervisor.WaitFor("event: notification\ndata: {\"kind\":\"approval_requested\"}"))
      << to_supervisor.received();
  EXPECT_FALSE(to_worker_b.WaitFor("event: notification", std::chrono::milliseconds(500)));

  // Without a session there is no stream; nor beyond the per-user limit.
  TestResponse anonymous = Client()->Get("/api/v1/events");
  EXPECT_EQ(anonymous.status, 401);
  std::vector<std::unique_ptr<EventStream>> tabs;
  for (std::size_t i = 1; i < http::EventStreams::kMaxStreamsPerUser; ++i) {
    tabs.push_back(
        std::make_unique<EventStream>(server_->port(), *supervisor->Cookie("jieli_session")));
    ASSERT_TRUE(tabs.back()->WaitFor("event: ready"));
  }
  EventStream one_too_many(server_->port(), *supervisor->Cookie("jieli_session"));
  EXPECT_TRUE(one_too_many.WaitFor("events.too_many_streams")) << one_too_many.received();
  EXPECT_NE(one_too_many.received().find("429"), std::string::npos);

  // Signing out ends the session's streams at once, so
  // nothing more reaches a browser that has left.
  ASSERT_EQ(supervisor->Post("/api/v1/auth/logout", "").status, 200);
  EXPECT_TRUE(to_supervisor.WaitFor("event: signed_out")) << to_supervisor.received();
  EXPECT_TRUE(to_supervisor.WaitForEnd());
  // worker_b's stream stays.
  EXPECT_FALSE(to_worker_b.WaitFor("signed_out", std::chrono::milliseconds(500)));
  app_->StopBackground();
}

TEST_P(NotificationsApiTest, EndedCredentialsEndTheirStreamsAtOnce) {
  // A heartbeat far beyond every wait below: a stream that ends here was ended
  // by the nudge of the change itself, not by a heartbeat's check.
  app_->services().streams.SetHeartbeat(std::chrono::minutes(10));
  ASSERT_TRUE(app_->StartBackground());
  auto here = SignIn("worker");
  auto there = SignIn("worker");  // the same worker in another browser
  auto supervisor = SignIn("supervisor");
  auto worker_b = SignIn("worker_b");
  auto admin = SignIn("admin");
  auto issued = app_->services().auth.CreateToken("worker2", "大屏");
  ASSERT_TRUE(issued);

  EventStream on_there(server_->port(), *there->Cookie("jieli_session"));
  EventStream to_supervisor(server_->port(), *supervisor->Cookie("jieli_session"));
  EventStream by_token(server_->port(), "Bearer " + issued->token);
  EventStream to_worker_b(server_->port(), *worker_b->Cookie("jieli_session"));
  for (EventStream* stream : {&on_there, &to_supervisor, &by_token, &to_worker_b}) {
    ASSERT_TRUE(stream->WaitFor("event: ready")) << stream->received();
  }

  // A new password ends the worker's other sessions, and their streams with them.
  json change = {{"current_password", kDemoPassword}, {"new_password", "Xin#Mima2026"}};
  ASSERT_EQ(here->Post("/api/v1/me/password", change.dump()).status, 200);
  EXPECT_TRUE(on_there.WaitFor("event: signed_out")) << on_there.received();
  EXPECT_TRUE(on_there.WaitForEnd());

  // A deactivated account: its sessions' streams, and its tokens' too.
  const std::string deactivate =
      "/api/v1/users/" + std::to_string(UserId("supervisor")) + "/deactivate";
  ASSERT_EQ(admin->Post(deactivate, "").status, 200);
  EXPECT_TRUE(to_supervisor.WaitFor("event: signed_out")) << to_supervisor.received();
  json inactive = {{"active", false}};
  ASSERT_EQ(
      admin->Patch("/api/v1/users/" + std::to_string(UserId("worker2")), inactive.dump()).status,
      200);
  EXPECT_TRUE(by_token.WaitFor("event: signed_out")) << by_token.received();
  EXPECT_TRUE(by_token.WaitForEnd());

  // Nobody else's stream ended.
  EXPECT_FALSE(to_worker_b.WaitFor("signed_out", std::chrono::milliseconds(500)));
  app_->StopBackground();
}

JIELI_INSTANTIATE_API_TEST(NotificationsApiTest);

}  // namespace
}  // namespace jieli::test
