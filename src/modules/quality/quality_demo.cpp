#include "modules/quality/quality_demo.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/local_time.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/services.hpp"

namespace jieli::quality {
namespace {

Result<auth::Actor> ActorFor(modules::Services& s, const std::string& username) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t user_id, orgs::OrgTree(s.db).UserIdNamed(username));
  if (user_id == 0) return NotFoundError("orgs.not_found");
  return s.auth.LoadActor(user_id);
}

Result<std::int64_t> OrgNamed(modules::Services& s, const std::string& name) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, orgs::OrgTree(s.db).OrgIdNamed(name));
  if (id == 0) return NotFoundError("orgs.not_found");
  return id;
}

constexpr std::array<const char*, 6> kIndividualTopics = {"独居老人个案的风险评估与安全计划",
                                                          "家庭冲突个案的介入策略",
                                                          "服务对象阻抗的处理",
                                                          "结案时机与结案面谈",
                                                          "危机个案的转介与跟进",
                                                          "个案记录的规范书写"};
constexpr std::array<const char*, 6> kGroupTopics = {
    "优势视角在社区个案中的运用", "同理心与专业界限", "GAS 目标的设定与评分",
    "个案会议：多重需求家庭",     "社工的自我照顾",   "年度个案质量回顾"};
constexpr std::array<const char*, 6> kActions = {
    "补充居家安全评估表",     "与家属召开一次家庭会议",       "整理服务对象的支持网络图",
    "完成结案评估并提交审批", "联系精神卫生中心确认转介进度", "按模板补全三份服务记录"};

// The first cases of a worker, for the sessions to discuss.
Result<std::vector<std::int64_t>> CasesOf(modules::Services& s, const auth::Actor& supervisor,
                                          std::int64_t worker_id) {
  cases::CaseFilter filter;
  filter.worker_id = worker_id;
  filter.open_only = true;
  JIELI_ASSIGN_OR_RETURN(auto page, s.cases.List(supervisor, filter, 0, 3));
  std::vector<std::int64_t> ids;
  for (const auto& c : page.items) ids.push_back(c.id);
  return ids;
}

std::string DaysAgo(EpochMs now, int days) { return FormatDate(AddDays(LocalDateOf(now), -days)); }

// Six months of monthly individual sessions for each supervisee (and a group
// session a month when there are two or more), the older actions done.
Status SeedSessions(modules::Services& s, const auth::Actor& supervisor, std::int64_t org_id,
                    const std::vector<const auth::Actor*>& supervisees) {
  const EpochMs now = s.clock.Now();
  std::vector<std::int64_t> ids;
  for (const auto* person : supervisees) ids.push_back(person->user_id());
  for (int month = 5; month >= 0; --month) {
    for (std::size_t i = 0; i < supervisees.size(); ++i) {
      const auth::Actor& supervisee = *supervisees[i];
      SupervisionInput input;
      input.org_id = org_id;
      input.kind = SupervisionKind::kIndividual;
      input.date = DaysAgo(now, month * 30 + 3 + static_cast<int>(i) * 2);
      input.minutes = 60 + 15 * ((month + static_cast<int>(i)) % 3);
      input.supervisee_ids = {supervisee.user_id()};
      input.topics = kIndividualTopics[(month + i) % kIndividualTopics.size()];
      input.notes = "回顾了近期个案进展，讨论了评估与计划中的难点，明确了下一步工作重点。";
      JIELI_ASSIGN_OR_RETURN(auto cases, CasesOf(s, supervisor, supervisee.user_id()));
      if (!cases.empty()) input.case_ids = {cases[month % cases.size()]};
      // The action's due date: two weeks after the session (the newest ones
      // still open, the one of last month overdue).
      input.actions = {{kActions[(month + i) % kActions.size()], supervisee.user_id(),
                        DaysAgo(now, month * 30 + 3 + static_cast<int>(i) * 2 - 14)}};
      JIELI_ASSIGN_OR_RETURN(auto session, s.quality.RecordSupervision(supervisor, input));
      if (month >= 2) {
        JIELI_RETURN_IF_ERROR(
            s.quality.CompleteAction(supervisee, session.actions.front().id, "已按督导意见完成。"));
      }
    }
    if (ids.size() >= 2) {
      SupervisionInput group;
      group.org_id = org_id;
      group.kind = SupervisionKind::kGroup;
      group.date = DaysAgo(now, month * 30 + 10);
      group.minutes = 120;
      group.supervisee_ids = ids;
      group.topics = kGroupTopics[month % kGroupTopics.size()];
      group.notes = "团体督导：成员分享个案，督导就专业方法与伦理议题进行点评。";
      JIELI_RETURN_IF_ERROR(s.quality.RecordSupervision(supervisor, group));
    }
  }
  return Ok();
}

Status SeedTraining(modules::Services& s, const auth::Actor& manager, std::int64_t org_id,
                    const std::vector<const auth::Actor*>& staff, int offset) {
  struct Session {
    const char* title;
    TrainingKind kind;
    int days_ago;
    int minutes;
    const char* trainer;
  };
  const std::array<Session, 4> sessions = {{
      {"优势视角个案工作方法", TrainingKind::kInternal, 150, 180, "林晓燕"},
      {"社会工作伦理与个人信息保护", TrainingKind::kExternal, 100, 360, "市社会工作协会"},
      {"督导者培训：个别督导的结构", TrainingKind::kSupervision, 60, 240, "省社工督导中心"},
      {"GAS 目标达成量表的使用", TrainingKind::kInternal, 20, 120, "陈志远"},
  }};
  const EpochMs now = s.clock.Now();
  for (auto k = static_cast<std::size_t>(offset); k < sessions.size(); ++k) {
    const auto& session = sessions[k];
    TrainingInput input{org_id,          session.title,
                        session.kind,    DaysAgo(now, session.days_ago),
                        session.minutes, session.trainer};
    std::vector<Attendee> attendees;
    for (std::size_t i = 0; i < staff.size(); ++i) {
      // Not everyone stays the whole day.
      attendees.push_back({staff[i]->user_id(), (i + k) % 3 == 2
                                                    ? std::optional<int>(session.minutes / 2)
                                                    : std::nullopt});
    }
    JIELI_RETURN_IF_ERROR(s.quality.RecordTraining(manager, input, attendees));
  }
  return Ok();
}

Status SeedDuties(modules::Services& s, const auth::Actor& leader, std::int64_t org_id) {
  JIELI_RETURN_IF_ERROR(s.quality.SetDuties(
      leader, org_id, orgs::Role::kLeader,
      {"制定机构质量方针与年度质量目标", "每季度主持质量回顾会议", "为持续改进提供资源"}));
  JIELI_RETURN_IF_ERROR(s.quality.SetDuties(
      leader, org_id, orgs::Role::kSupervisor,
      {"每月为每名社工提供不少于 1 小时个别督导", "审核个案计划与结案", "跟进督导中约定的行动"}));
  JIELI_RETURN_IF_ERROR(s.quality.SetDuties(
      leader, org_id, orgs::Role::kWorker,
      {"按时限完成接案、预估与计划", "每次服务后 48 小时内录入服务记录", "按期完成结案回访"}));
  return Ok();
}

// Cycles left in each phase, each moved through the real transitions.
Status SeedCycles(modules::Services& s, const auth::Actor& owner, std::int64_t org_id,
                  std::int64_t worker_id, const std::vector<Phase>& targets) {
  struct Script {
    const char* title;
    SourceKind source;
    const char* ref;
    const char* problem;
    const char* cause;
    const char* indicator;
    const char* action;
    double before;
    double after;
    StandardKind standard;
    const char* where;
  };
  const std::array<Script, 5> scripts = {{
      {"评估按时完成率偏低", SourceKind::kIndicatorSignal, "assessment_on_time:2026-08",
       "八月评估按时完成率降至 61%，连续三个月低于中心线",
       "新入职社工不熟悉评估量表，预估面谈排期过晚", "assessment_on_time", "组织评估量表实操培训",
       0.61, 0.83, StandardKind::kChecklistItem, "接案表新增“预估面谈已排期”核对项"},
      {"结案回访不及时", SourceKind::kAuditFinding, "audit-2026-Q3-07",
       "案卷评审发现 30% 的结案个案未在期限内回访", "回访提醒只发给原社工，调岗后无人接手",
       "followup_on_time", "回访任务随个案转移给新社工", 0.70, 0.92, StandardKind::kDeadline,
       "回访期限改为结案后 30 天，逾期升级给督导"},
      {"服务对象对等候时间不满", SourceKind::kComplaint, "complaint-2026-0412",
       "两名服务对象投诉首次面谈等候超过两周", "接案岗位人手不足，未区分紧急程度",
       "first_contact_24h", "建立接案分级与当日回电制度", 0.0, 0.0, StandardKind::kFormField,
       "接案表新增“紧急程度”必填字段"},
      {"满意度调查得分下降", SourceKind::kSurvey, "survey-2026-09",
       "九月满意度调查均分由 4.5 降至 4.1", "部分服务记录缺少与服务对象共同确认的目标",
       "client_satisfaction", "在计划阶段与服务对象共同签署目标", 4.1, 4.4,
       StandardKind::kTechnique, "将“共同订立目标”纳入新社工带教内容"},
      {"个案记录完整度不足", SourceKind::kFree, "", "部分个案的服务记录缺少下一步计划",
       "记录模板未提示填写下一步计划", "case_file_completeness", "修订服务记录模板并组织讲解", 0.72,
       0.90, StandardKind::kFormField, "服务记录“下一步计划”设为建议填写项"},
  }};
  const EpochMs now = s.clock.Now();
  for (std::size_t k = 0; k < targets.size() && k < scripts.size(); ++k) {
    const Script& script = scripts[k];
    ImprovementInput input;
    input.org_id = org_id;
    input.title = script.title;
    input.source_kind = script.source;
    input.source_ref = script.ref;
    input.problem = script.problem;
    input.root_cause = script.cause;
    input.indicator = script.indicator;
    // Due dates from two weeks ahead to a month back: some overdue.
    input.actions = {{script.action, worker_id, DaysAgo(now, -14 + static_cast<int>(k) * 10)}};
    JIELI_ASSIGN_OR_RETURN(auto cycle, s.quality.OpenImprovement(owner, input));
    const Phase target = targets[k];
    Phase phase = Phase::kPlan;
    while (phase != target) {
      if (phase == Phase::kCheck) {
        ImprovementChange change;
        if (script.before > 0) {
          change.before_value = script.before;
          change.after_value = script.after;
        } else {
          change.check_note = "等候时间由平均 15 天缩短至 3 天，暂无新的投诉。";
        }
        JIELI_RETURN_IF_ERROR(s.quality.ChangeImprovement(owner, cycle.id, change));
      }
      if (phase == Phase::kAct) {
        ImprovementChange change;
        change.standard_kind = script.standard;
        change.standard_ref = script.where;
        JIELI_RETURN_IF_ERROR(s.quality.ChangeImprovement(owner, cycle.id, change));
      }
      const Phase next = *NextPhase(phase);
      JIELI_RETURN_IF_ERROR(s.quality.MoveImprovement(owner, cycle.id, next, ""));
      phase = next;
    }
  }
  return Ok();
}

// A quality policy and objectives (质量目标) for an agency, set through the
// service. Each objective is {indicator, target, granularity, note}.
struct DemoObjective {
  const char* indicator;
  double target;
  Granularity granularity;
  const char* note;
};

Status SeedObjectives(modules::Services& s, const auth::Actor& manager, std::int64_t org_id,
                      std::int64_t owner_id, const std::string& policy,
                      const std::vector<DemoObjective>& objectives) {
  if (!policy.empty()) JIELI_RETURN_IF_ERROR(s.quality.SetPolicy(manager, org_id, policy));
  for (const auto& o : objectives) {
    ObjectiveInput input;
    input.org_id = org_id;
    input.indicator = o.indicator;
    input.target = o.target;
    input.granularity = o.granularity;
    input.owner_id = owner_id;
    input.note = o.note;
    JIELI_RETURN_IF_ERROR(s.quality.SetObjective(manager, input));
  }
  return Ok();
}

// How a demo auditor finds the file against an item: most met, some partly,
// a few not — fixed by the case's place in the sample and the item's.
ItemScore DemoScore(std::int64_t position, std::size_t item) {
  const auto spread = static_cast<std::size_t>(position) * 7 + item * 3;
  switch (spread % 11) {
    case 7:
    case 8:
      return ItemScore::kPartly;
    case 9:  // not met in about a third of the files
      return position % 3 == 0 ? ItemScore::kNotMet : ItemScore::kPartly;
    case 10:
      return item == 0 ? ItemScore::kMet : ItemScore::kNotApplicable;
    default:
      return ItemScore::kMet;
  }
}

struct DemoAuditors {
  std::vector<const auth::Actor*> people;
  const auth::Actor* Of(std::int64_t user_id) const {
    for (const auto* a : people) {
      if (a->user_id() == user_id) return a;
    }
    return nullptr;
  }
};

// A round drawn through the service and audited: the first `scored` cases
// of the sample scored by their auditors (done), a finding on the first
// not-met item of each, due `due_in` days from today (negative: overdue).
// Returns the round and its findings' ids.
struct AuditedRound {
  AuditRound round;
  std::vector<std::int64_t> findings;
};
Result<AuditedRound> SeedRound(modules::Services& s, const auth::Actor& manager,
                               const AuditRoundInput& input, const DemoAuditors& auditors,
                               std::size_t scored, int due_in) {
  AuditedRound out;
  JIELI_ASSIGN_OR_RETURN(out.round, s.quality.CreateRound(manager, input));
  const EpochMs now = s.clock.Now();
  std::size_t done = 0;
  for (const auto& c : out.round.cases) {
    const auth::Actor* auditor = auditors.Of(c.auditor ? c.auditor->id : 0);
    if (auditor == nullptr || !c.excluded.empty() || done == scored) continue;
    CaseScoreInput scores;
    scores.done = true;
    std::optional<ItemScoreInput> missing;
    const auto items = Applicable(out.round.checklist, c.stages);
    for (std::size_t i = 0; i < items.size(); ++i) {
      ItemScoreInput item{items[i]->key, DemoScore(c.position, i), ""};
      if (item.score == ItemScore::kNotMet && !missing) {
        item.comment = "档案中未见相关记录";
        missing = item;
      }
      scores.items.push_back(std::move(item));
    }
    scores.comment = missing ? "档案基本完整，个别环节记录缺失，需补正。" : "档案完整规范。";
    JIELI_RETURN_IF_ERROR(s.quality.ScoreCase(*auditor, out.round.id, c.case_id, scores));
    ++done;
    if (!missing) continue;
    FindingInput finding;
    finding.case_id = c.case_id;
    finding.item_key = missing->key;
    const auto* item = *std::find_if(items.begin(), items.end(), [&](const ChecklistItem* it) {
      return it->key == missing->key;
    });
    finding.severity = item->weight >= 3 ? FindingSeverity::kMajor : FindingSeverity::kMinor;
    finding.text = "「" + item->text_zh + "」未达要求：请补充相关记录并在个案中注明补正日期。";
    finding.due_on = DaysAgo(now, -due_in);
    JIELI_ASSIGN_OR_RETURN(auto raised, s.quality.RaiseFinding(*auditor, out.round.id, finding));
    out.findings.push_back(raised.id);
  }
  return out;
}

// Case-file audits (档案评审): the last three months' closed cases at 阳光, audited by
// the supervisor and the leader, findings corrected and verified (one left
// open, one the source of an improvement cycle), the round finished; this
// month's spot check of 王芳's files half done, with findings on her work
// list; 启航's last three months.
Status SeedAudits(modules::Services& s, const auth::Actor& leader, const auth::Actor& supervisor,
                  const auth::Actor& worker, const auth::Actor& supervisor_b, std::int64_t sunshine,
                  std::int64_t qihang) {
  const EpochMs now = s.clock.Now();
  const LocalDate today = LocalDateOf(now);
  const LocalDate this_month = today.year() / today.month() / date::day{1};
  const LocalDate quarter_ago = this_month - date::months{3};
  const std::string last_month_end = FormatDate(AddDays(this_month, -1));
  const DemoAuditors auditors{{&leader, &supervisor, &supervisor_b}};

  AuditRoundInput closed;
  closed.org_id = sunshine;
  closed.title = "近三个月结案个案档案评审";
  closed.from = FormatDate(quarter_ago);
  closed.to = last_month_end;
  closed.basis = PeriodBasis::kClosed;
  closed.sample_size = 8;
  closed.auditor_ids = {supervisor.user_id(), leader.user_id()};
  closed.seed = 20261;
  JIELI_ASSIGN_OR_RETURN(auto past, SeedRound(s, supervisor, closed, auditors, 8, 0));
  for (std::size_t i = 0; i < past.findings.size(); ++i) {
    if (i + 1 == past.findings.size() && i > 0) break;  // the last one still open
    JIELI_ASSIGN_OR_RETURN(auto f, s.quality.GetFinding(supervisor, past.findings[i]));
    JIELI_ASSIGN_OR_RETURN(auto owner, s.auth.LoadActor(f.owner.id));
    JIELI_RETURN_IF_ERROR(s.quality.CorrectFindingBy(owner, f.id, "已补充记录并注明补正日期。"));
    const auth::Actor* auditor = auditors.Of(f.auditor.id);
    JIELI_RETURN_IF_ERROR(
        s.quality.VerifyFindingBy(auditor ? *auditor : supervisor, f.id, "已核实，符合要求。"));
  }
  if (!past.findings.empty()) {
    JIELI_RETURN_IF_ERROR(s.quality.ImproveFromFinding(supervisor, past.findings.back()));
  }
  JIELI_RETURN_IF_ERROR(s.quality.FinishRound(supervisor, past.round.id));

  AuditRoundInput spot;
  spot.org_id = sunshine;
  spot.title = "王芳个案档案抽查";
  spot.from = FormatDate(AddDays(today, -90));
  spot.to = FormatDate(today);
  spot.worker_id = worker.user_id();
  spot.sample_size = 6;
  spot.auditor_ids = {supervisor.user_id()};
  spot.seed = 20262;
  JIELI_RETURN_IF_ERROR(SeedRound(s, supervisor, spot, auditors, 3, 7));
  AuditRoundInput qihang_round = closed;
  qihang_round.org_id = qihang;
  qihang_round.title = "近三个月结案个案档案评审";
  qihang_round.sample_size = 4;
  qihang_round.auditor_ids = {supervisor_b.user_id()};
  qihang_round.seed = 20263;
  JIELI_RETURN_IF_ERROR(SeedRound(s, supervisor_b, qihang_round, auditors, 4, 10));
  return Ok();
}

}  // namespace

Status SeedDemoQuality(modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(auto leader, ActorFor(s, "leader"));
  JIELI_ASSIGN_OR_RETURN(auto supervisor, ActorFor(s, "supervisor"));
  JIELI_ASSIGN_OR_RETURN(auto worker, ActorFor(s, "worker"));
  JIELI_ASSIGN_OR_RETURN(auto worker2, ActorFor(s, "worker2"));
  JIELI_ASSIGN_OR_RETURN(auto supervisor_b, ActorFor(s, "supervisor_b"));
  JIELI_ASSIGN_OR_RETURN(auto worker_b, ActorFor(s, "worker_b"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t sunshine, OrgNamed(s, "江城市阳光社会工作服务中心"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t qihang, OrgNamed(s, "西山区启航社会工作服务社"));

  JIELI_RETURN_IF_ERROR(SeedSessions(s, supervisor, sunshine, {&worker, &worker2}));
  JIELI_RETURN_IF_ERROR(SeedSessions(s, supervisor_b, qihang, {&worker_b}));
  JIELI_RETURN_IF_ERROR(SeedTraining(s, supervisor, sunshine, {&supervisor, &worker, &worker2}, 0));
  JIELI_RETURN_IF_ERROR(SeedTraining(s, supervisor_b, qihang, {&supervisor_b, &worker_b}, 2));
  JIELI_RETURN_IF_ERROR(SeedDuties(s, leader, sunshine));
  JIELI_RETURN_IF_ERROR(
      SeedCycles(s, supervisor, sunshine, worker.user_id(),
                 {Phase::kPlan, Phase::kDo, Phase::kCheck, Phase::kAct, Phase::kClosed}));
  JIELI_RETURN_IF_ERROR(
      SeedCycles(s, supervisor_b, qihang, worker_b.user_id(), {Phase::kDo, Phase::kClosed}));

  // Objectives: the agency's, and one department's own stricter-or-looser
  // target for assessments (its override; the station inherits the agency's).
  JIELI_RETURN_IF_ERROR(SeedObjectives(
      s, leader, sunshine, leader.user_id(),
      "以服务对象为中心，依法依规、专业规范、及时回应、持续改进：每一个个案按时预估、按时计划、"
      "按时结案，服务过程有记录、可追溯、可评估。",
      {{"assessment_on_time", 90, Granularity::kQuarter, "立案后 7 天内完成预估"},
       {"plan_on_time", 70, Granularity::kQuarter, "督导在时限内批准计划"},
       {"closure_on_time", 85, Granularity::kYear, ""},
       {"caseload", 80, Granularity::kMonth, "人均在案量控制在 80 个以内"},
       {"reopen_90d", 10, Granularity::kYear, "结案 90 天内重开的比例"}}));
  JIELI_ASSIGN_OR_RETURN(std::int64_t casework, OrgNamed(s, "个案服务部"));
  JIELI_RETURN_IF_ERROR(SeedObjectives(s, leader, casework, supervisor.user_id(), "",
                                       {{"assessment_on_time", 85, Granularity::kQuarter,
                                         "个案服务部个案多、情况复杂，目标略低于中心"}}));
  JIELI_RETURN_IF_ERROR(SeedObjectives(
      s, supervisor_b, qihang, supervisor_b.user_id(),
      "扎根社区、专业服务、规范记录、持续改进，让每一位服务对象得到及时、有效、有尊严的帮助。",
      {{"assessment_on_time", 85, Granularity::kQuarter, ""},
       {"caseload", 50, Granularity::kMonth, "小机构人手少，控制在案量"}}));
  return SeedAudits(s, leader, supervisor, worker, supervisor_b, sunshine, qihang);
}

}  // namespace jieli::quality
