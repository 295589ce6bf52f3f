// Supervision (督导), training, quality duties and improvement cycles (PDCA)
// over HTTP on both backends (issue 14): who records and who sees a session
// (another agency: 404), refused input changes nothing, corrections by the
// author within 7 days, actions done by their owner and on their work list,
// the cycle's legal and illegal moves, training hours per person.
#include "casework_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class QualitySupervisionApiTest : public CaseworkApiTest {
 protected:
  std::int64_t Sunshine() { return OrgId("江城市阳光社会工作服务中心"); }

  json Session(std::int64_t case_id = 0) {
    json body = {{"org_id", Sunshine()},
                 {"kind", "individual"},
                 {"date", "2026-11-24"},
                 {"minutes", 90},
                 {"supervisee_ids", {UserId("worker")}},
                 {"topics", "独居老人个案的风险评估"},
                 {"notes", "讨论了跌倒风险的评估方法"},
                 {"actions",
                  {{{"text", "补充居家安全评估表"},
                    {"owner_id", UserId("worker")},
                    {"due_on", "2026-12-01"}}}}};
    if (case_id != 0) body["case_ids"] = {case_id};
    return body;
  }

  json Record(TestClient& as, const json& body) {
    TestResponse created = as.Post("/api/v1/quality/supervision", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  static std::string SessionPath(const json& session) {
    return "/api/v1/quality/supervision/" + std::to_string(session["id"].get<std::int64_t>());
  }

  static std::string ActionPath(std::int64_t id, const std::string& rest) {
    return "/api/v1/quality/actions/" + std::to_string(id) + rest;
  }

  json Cycle() {
    return {{"org_id", Sunshine()},
            {"title", "评估逾期率偏高"},
            {"source_kind", "indicator_signal"},
            {"source_ref", "assessment_on_time:2026-10"},
            {"problem", "十月评估按时完成率降至 62%"}};
  }

  static std::string CyclePath(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/quality/improvements/" + std::to_string(id) + rest;
  }

  static std::string MoveBody(const std::string& to) { return json{{"to", to}}.dump(); }

  static constexpr EpochMs kDay = 24LL * 3600 * 1000;
};

TEST_P(QualitySupervisionApiTest, ASupervisorRecordsASessionAndTheRightPeopleSeeIt) {
  auto worker = SignIn("worker");
  const std::int64_t case_id = NewCase(*worker);
  auto supervisor = SignIn("supervisor");
  json session = Record(*supervisor, Session(case_id));
  EXPECT_EQ(session["supervisor"]["id"], UserId("supervisor"));
  EXPECT_EQ(session["supervisees"][0]["name"], "王芳");
  EXPECT_EQ(session["case_ids"], json({case_id}));
  ASSERT_EQ(session["actions"].size(), 1u);
  EXPECT_EQ(session["actions"][0]["owner"]["id"], UserId("worker"));
  EXPECT_EQ(session["actions"][0]["done"], false);
  EXPECT_EQ(AuditCount("quality.record_supervision"), 1);
  // Minutes per supervisee, for the indicator's plain sum.
  auto minutes = app_->db().QueryOne("SELECT SUM(minutes) FROM quality_supervisees");
  ASSERT_TRUE(minutes && *minutes);
  EXPECT_EQ((*minutes)->Int(0), 90);

  // The supervisee and the leader see it; a colleague who was not in it does not.
  EXPECT_EQ(worker->Get("/api/v1/quality/supervision").Json()["total"], 1);
  EXPECT_EQ(worker->Get(SessionPath(session)).status, 200);
  EXPECT_EQ(SignIn("leader")->Get("/api/v1/quality/supervision").Json()["total"], 1);
  auto colleague = SignIn("worker2");
  EXPECT_EQ(colleague->Get("/api/v1/quality/supervision").Json()["total"], 0);
  EXPECT_EQ(colleague->Get(SessionPath(session)).status, 404);
  // Another agency: not found, and not in its lists.
  auto other = SignIn("supervisor_b");
  TestResponse hidden = other->Get(SessionPath(session));
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(Code(hidden), "quality.not_found");
  EXPECT_EQ(other->Get("/api/v1/quality/supervision").Json()["total"], 0);

  // Filters: by supervisee and period.
  json by_supervisee =
      supervisor
          ->Get("/api/v1/quality/supervision?supervisee_id=" + std::to_string(UserId("worker")) +
                "&from=2026-11-01&to=2026-11-30")
          .Json();
  EXPECT_EQ(by_supervisee["total"], 1);
  EXPECT_EQ(supervisor->Get("/api/v1/quality/supervision?from=2026-11-25").Json()["total"], 0);
  EXPECT_EQ(supervisor->Get("/api/v1/quality/supervision?sort=topics").status, 400);
}

TEST_P(QualitySupervisionApiTest, RefusedSessionsChangeNothing) {
  auto supervisor = SignIn("supervisor");
  struct Bad {
    const char* name;
    std::function<void(json&)> change;
    std::string field;
  };
  const std::vector<Bad> bad = {
      {"future date", [](json& b) { b["date"] = "2026-11-26"; }, "date"},
      {"group of one", [](json& b) { b["kind"] = "group"; }, "supervisee_ids"},
      {"no topics", [](json& b) { b["topics"] = " "; }, "topics"},
      {"supervisee of another agency",
       [this](json& b) { b["supervisee_ids"] = {UserId("worker_b")}; }, "supervisee_ids[0]"},
      {"case nobody may read", [](json& b) { b["case_ids"] = {987654}; }, "case_ids[0]"},
      {"action without owner", [](json& b) { b["actions"][0].erase("owner_id"); },
       "actions[0].owner_id"},
      {"unknown field", [](json& b) { b["mood"] = "good"; }, "mood"},
  };
  for (const auto& b : bad) {
    json body = Session();
    b.change(body);
    TestResponse refused = supervisor->Post("/api/v1/quality/supervision", body.dump());
    EXPECT_EQ(refused.status, 400) << b.name << " " << refused.body;
    EXPECT_TRUE(Has(DetailFields(refused), b.field)) << b.name << " " << refused.body;
  }
  // A worker may not record; another agency's organisation is not found.
  EXPECT_EQ(SignIn("worker")->Post("/api/v1/quality/supervision", Session().dump()).status, 403);
  EXPECT_EQ(SignIn("supervisor_b")->Post("/api/v1/quality/supervision", Session().dump()).status,
            404);
  EXPECT_EQ(Count("quality_supervision_sessions"), 0);
  EXPECT_EQ(Count("quality_actions"), 0);
  EXPECT_EQ(AuditCount("quality.record_supervision"), 0);
}

TEST_P(QualitySupervisionApiTest, TheAuthorCorrectsASessionWithinAWeek) {
  auto supervisor = SignIn("supervisor");
  json session = Record(*supervisor, Session());
  json change = {{"kind", "group"},
                 {"date", "2026-11-23"},
                 {"minutes", 120},
                 {"supervisee_ids", {UserId("worker"), UserId("worker2")}},
                 {"topics", "团体督导：危机个案"}};
  TestResponse corrected = supervisor->Put(SessionPath(session), change.dump());
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.Json()["minutes"], 120);
  EXPECT_EQ(corrected.Json()["supervisees"].size(), 2u);
  EXPECT_EQ(corrected.Json()["actions"].size(), 1u);  // kept
  EXPECT_EQ(AuditCount("quality.correct_supervision"), 1);

  // Not the author: forbidden; after a week: fixed.
  TestResponse leader = SignIn("leader")->Put(SessionPath(session), change.dump());
  EXPECT_EQ(leader.status, 403);
  EXPECT_EQ(Code(leader), "quality.not_author");
  clock_.Advance(8 * kDay);
  supervisor = SignIn("supervisor");  // the session expired meanwhile
  TestResponse late = supervisor->Put(SessionPath(session), change.dump());
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Code(late), "quality.session_fixed");
  EXPECT_EQ(AuditCount("quality.correct_supervision"), 1);
}

TEST_P(QualitySupervisionApiTest, TheOwnerMarksAnActionDoneAndItLeavesTheirWork) {
  auto supervisor = SignIn("supervisor");
  json session = Record(*supervisor, Session());
  const std::int64_t action_id = session["actions"][0]["id"];
  auto worker = SignIn("worker");

  json work = worker->Get("/api/v1/quality/my-work").Json();
  ASSERT_EQ(work["total"], 1);
  EXPECT_EQ(work["overdue"], 0);
  EXPECT_EQ(work["items"][0]["context"], "独居老人个案的风险评估");
  // Overdue once its day has passed.
  clock_.Advance(7 * kDay);
  worker = SignIn("worker");  // the session expired meanwhile
  work = worker->Get("/api/v1/quality/my-work").Json();
  EXPECT_EQ(work["overdue"], 1);
  EXPECT_EQ(work["items"][0]["overdue"], true);

  // Someone else: not theirs to close.
  TestResponse other = SignIn("worker2")->Post(ActionPath(action_id, "/done"), "{}");
  EXPECT_EQ(other.status, 404);
  TestResponse progress =
      worker->Post(ActionPath(action_id, "/progress"), json{{"note", "已完成一半"}}.dump());
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(progress.Json()["progress"][0]["by"]["name"], "王芳");
  TestResponse done = worker->Post(ActionPath(action_id, "/done"), json{{"note", "已补充"}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["done"], true);
  EXPECT_EQ(done.Json()["done_by"]["id"], UserId("worker"));
  EXPECT_EQ(worker->Post(ActionPath(action_id, "/done"), "{}").status, 409);
  EXPECT_EQ(worker->Get("/api/v1/quality/my-work").Json()["total"], 0);
  EXPECT_EQ(AuditCount("quality.complete_action"), 1);
}

TEST_P(QualitySupervisionApiTest, ACycleMovesOnlyToItsNextPhaseWithWhatItNeeds) {
  auto supervisor = SignIn("supervisor");
  TestResponse opened = supervisor->Post("/api/v1/quality/improvements", Cycle().dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  json cycle = opened.Json();
  const std::int64_t id = cycle["id"];
  EXPECT_EQ(cycle["phase"], "plan");
  EXPECT_EQ(cycle["allowed_moves"], json::array());
  ASSERT_EQ(cycle["history"].size(), 1u);

  // Skipping a phase: illegal. Leaving plan without root cause, indicator and actions: refused.
  TestResponse skip = supervisor->Post(CyclePath(id, "/transitions"), MoveBody("check"));
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(Code(skip), "quality.invalid_transition");
  TestResponse early = supervisor->Post(CyclePath(id, "/transitions"), MoveBody("do"));
  EXPECT_EQ(early.status, 400);
  EXPECT_TRUE(Has(DetailFields(early), "root_cause"));
  EXPECT_TRUE(Has(DetailFields(early), "indicator"));
  EXPECT_TRUE(Has(DetailFields(early), "actions"));
  EXPECT_EQ(AuditCount("quality.move_improvement"), 0);

  json plan = {
      {"root_cause", "新社工不熟悉评估量表"},
      {"indicator", "assessment_on_time"},
      {"add_actions",
       {{{"text", "评估量表培训"}, {"owner_id", UserId("worker")}, {"due_on", "2026-12-10"}}}}};
  TestResponse planned = supervisor->Patch(CyclePath(id), plan.dump());
  ASSERT_EQ(planned.status, 200) << planned.body;
  EXPECT_EQ(planned.Json()["allowed_moves"], json({"do"}));
  // A worker sees the cycle but may not move it.
  EXPECT_EQ(SignIn("worker")->Post(CyclePath(id, "/transitions"), MoveBody("do")).status, 403);
  TestResponse moved = supervisor->Post(CyclePath(id, "/transitions"), MoveBody("do"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json()["phase"], "do");
  EXPECT_EQ(moved.Json()["history"].size(), 2u);
  EXPECT_EQ(moved.Json()["history"][1]["from"], "plan");
  ASSERT_EQ(supervisor->Post(CyclePath(id, "/transitions"), MoveBody("check")).status, 200);

  // check needs the values before and after, or a note.
  TestResponse unchecked = supervisor->Post(CyclePath(id, "/transitions"), MoveBody("act"));
  EXPECT_EQ(unchecked.status, 400);
  EXPECT_TRUE(Has(DetailFields(unchecked), "before_value"));
  ASSERT_EQ(
      supervisor->Patch(CyclePath(id), json{{"before_value", 0.62}, {"after_value", 0.81}}.dump())
          .status,
      200);
  ASSERT_EQ(supervisor->Post(CyclePath(id, "/transitions"), MoveBody("act")).status, 200);
  TestResponse unstandardised = supervisor->Post(CyclePath(id, "/transitions"), MoveBody("closed"));
  EXPECT_EQ(unstandardised.status, 400);
  EXPECT_TRUE(Has(DetailFields(unstandardised), "standard_kind"));
  ASSERT_EQ(supervisor
                ->Patch(CyclePath(id), json{{"standard_kind", "checklist_item"},
                                            {"standard_ref", "评估表新增“量表已完成”核对项"}}
                                           .dump())
                .status,
            200);
  TestResponse closed = supervisor->Post(CyclePath(id, "/transitions"), MoveBody("closed"));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json()["history"].size(), 5u);
  EXPECT_EQ(supervisor->Post(CyclePath(id, "/transitions"), MoveBody("plan")).status, 409);
  EXPECT_EQ(supervisor->Patch(CyclePath(id), json{{"title", "x"}}.dump()).status, 409);
  EXPECT_EQ(AuditCount("quality.move_improvement"), 4);

  // Another agency does not see it.
  EXPECT_EQ(SignIn("supervisor_b")->Get(CyclePath(id)).status, 404);
  EXPECT_EQ(SignIn("worker_b")->Get("/api/v1/quality/improvements").Json()["total"], 0);
  EXPECT_EQ(supervisor->Get("/api/v1/quality/improvements?phase=closed").Json()["total"], 1);
}

TEST_P(QualitySupervisionApiTest, ACyclesActionIsOnItsOwnersWork) {
  auto supervisor = SignIn("supervisor");
  json body = Cycle();
  body["actions"] = {
      {{"text", "每周抽查评估表"}, {"owner_id", UserId("worker")}, {"due_on", "2026-11-20"}}};
  TestResponse opened = supervisor->Post("/api/v1/quality/improvements", body.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  json work = SignIn("worker")->Get("/api/v1/quality/my-work").Json();
  ASSERT_EQ(work["total"], 1);
  EXPECT_EQ(work["overdue"], 1);
  EXPECT_EQ(work["items"][0]["context"], "评估逾期率偏高");
  EXPECT_FALSE(work["items"][0]["improvement_id"].is_null());
}

TEST_P(QualitySupervisionApiTest, TrainingHoursPerPerson) {
  auto supervisor = SignIn("supervisor");
  json training = {
      {"org_id", Sunshine()},
      {"title", "优势视角个案工作"},
      {"kind", "internal"},
      {"date", "2026-11-20"},
      {"hours", 3},
      {"trainer", "林晓燕"},
      {"attendance",
       {{{"user_id", UserId("worker")}}, {{"user_id", UserId("worker2")}, {"hours", 1.5}}}}};
  TestResponse created = supervisor->Post("/api/v1/quality/training", training.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["attendance"][0]["hours"], 3.0);
  training["attendance"] = {{{"user_id", UserId("worker")}}};
  training["date"] = "2026-11-22";
  training["hours"] = 2;
  ASSERT_EQ(supervisor->Post("/api/v1/quality/training", training.dump()).status, 201);

  const std::string hours_path =
      "/api/v1/quality/training/hours?org_id=" + std::to_string(Sunshine()) +
      "&from=2026-11-01&to=2026-11-30";
  json hours = supervisor->Get(hours_path).Json();
  ASSERT_EQ(hours["items"].size(), 2u);
  for (const auto& row : hours["items"]) {
    if (row["person"]["id"] == UserId("worker")) {
      EXPECT_EQ(row["hours"], 5.0);
      EXPECT_EQ(row["sessions"], 2);
    } else {
      EXPECT_EQ(row["hours"], 1.5);
    }
  }
  // A worker sees their own hours only (another agency's worker: none).
  json own = SignIn("worker2")->Get(hours_path).Json();
  ASSERT_EQ(own["items"].size(), 1u);
  EXPECT_EQ(own["items"][0]["person"]["id"], UserId("worker2"));
  json none = SignIn("worker_b")->Get(hours_path).Json();
  EXPECT_EQ(none["items"].size(), 0u);
  // An attendee of another agency is refused, and nothing is written.
  training["attendance"] = {{{"user_id", UserId("worker_b")}}};
  EXPECT_EQ(supervisor->Post("/api/v1/quality/training", training.dump()).status, 400);
  EXPECT_EQ(Count("quality_trainings"), 2);
  EXPECT_EQ(supervisor->Get("/api/v1/quality/training").Json()["total"], 2);
}

TEST_P(QualitySupervisionApiTest, QualityDutiesPerPostAreInheritedDownTheTree) {
  auto leader = SignIn("leader");
  json duties = {{"org_id", Sunshine()},
                 {"role", "worker"},
                 {"duties", {"按时完成预估与计划", "每次服务后 48 小时内录入服务记录"}}};
  TestResponse set = leader->Put("/api/v1/quality/duties", duties.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  json below =
      SignIn("worker")->Get("/api/v1/quality/duties?org_id=" + std::to_string(Casework())).Json();
  bool found = false;
  for (const auto& post : below["items"]) {
    if (post["role"] != "worker") continue;
    found = true;
    EXPECT_EQ(post["duties"].size(), 2u);
    EXPECT_EQ(post["from_org_id"], Sunshine());
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(SignIn("worker")->Put("/api/v1/quality/duties", duties.dump()).status, 403);
  EXPECT_EQ(AuditCount("quality.set_duties"), 1);
}

TEST_P(QualitySupervisionApiTest, SupervisionIsDueAfterThirtyDaysOrNever) {
  auto supervisor = SignIn("supervisor");
  const std::string due_path =
      "/api/v1/quality/supervision/due?org_id=" + std::to_string(Sunshine());
  auto find = [](const json& list, std::int64_t user) -> json {
    for (const auto& item : list["items"]) {
      if (item["person"]["id"] == user) return item;
    }
    return nullptr;
  };
  TestResponse before = supervisor->Get(due_path);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json()["due_after_days"], 30);
  json never = find(before.Json(), UserId("worker"));
  ASSERT_FALSE(never.is_null()) << before.body;
  EXPECT_TRUE(never["last_date"].is_null());
  EXPECT_TRUE(never["days_since"].is_null());
  EXPECT_EQ(never["due"], true);
  EXPECT_TRUE(find(before.Json(), UserId("supervisor")).is_null());  // not their own supervisee

  Record(*supervisor, Session());  // 王芳, yesterday
  json after = find(supervisor->Get(due_path).Json(), UserId("worker"));
  EXPECT_EQ(after["last_date"], "2026-11-24");
  EXPECT_EQ(after["days_since"], 1);
  EXPECT_EQ(after["due"], false);
  json colleague = find(supervisor->Get(due_path).Json(), UserId("worker2"));
  ASSERT_FALSE(colleague.is_null());
  EXPECT_EQ(colleague["due"], true);

  // Managers only, and only their own agency; org_id is required.
  EXPECT_EQ(SignIn("worker")->Get(due_path).status, 403);
  TestResponse other = SignIn("supervisor_b")->Get(due_path);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(Code(other), "quality.not_found");
  EXPECT_EQ(supervisor->Get("/api/v1/quality/supervision/due").status, 400);
}

JIELI_INSTANTIATE_API_TEST(QualitySupervisionApiTest);

}  // namespace
}  // namespace jieli::test
