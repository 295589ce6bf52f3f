#include "modules/feedback/feedback_demo.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "core/local_time.hpp"
#include "modules/feedback/intake_service.hpp"
#include "modules/feedback/questionnaire.hpp"
#include "modules/feedback/survey_service.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/services.hpp"

namespace jieli::feedback {
namespace {

constexpr EpochMs kHourMs = 3600LL * 1000;
constexpr EpochMs kDayMs = 24 * kHourMs;

Result<auth::Actor> ActorFor(modules::Services& s, const std::string& username) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t user_id, orgs::OrgTree(s.db).UserIdNamed(username));
  if (user_id == 0) return NotFoundError("orgs.not_found");
  return s.auth.LoadActor(user_id);
}

// 2026's days as the State Council's notice set them out (休 and 调休上班);
// the screen asks the admin to check them against the notice.
struct Stretch {
  const char* first;
  int days;
  CalendarDayKind kind;
  const char* name;
};
constexpr std::array<Stretch, 12> k2026 = {{
    {"2026-01-01", 3, CalendarDayKind::kHoliday, "元旦"},
    {"2026-01-04", 1, CalendarDayKind::kWorkday, "元旦调休上班"},
    {"2026-02-14", 1, CalendarDayKind::kWorkday, "春节调休上班"},
    {"2026-02-15", 9, CalendarDayKind::kHoliday, "春节"},
    {"2026-02-28", 1, CalendarDayKind::kWorkday, "春节调休上班"},
    {"2026-04-04", 3, CalendarDayKind::kHoliday, "清明节"},
    {"2026-05-01", 5, CalendarDayKind::kHoliday, "劳动节"},
    {"2026-05-09", 1, CalendarDayKind::kWorkday, "劳动节调休上班"},
    {"2026-06-19", 3, CalendarDayKind::kHoliday, "端午节"},
    {"2026-09-20", 1, CalendarDayKind::kWorkday, "国庆节调休上班"},
    {"2026-10-01", 7, CalendarDayKind::kHoliday, "国庆节、中秋节"},
    {"2026-10-10", 1, CalendarDayKind::kWorkday, "国庆节调休上班"},
}};

Status SeedCalendar(modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(auto admin, ActorFor(s, "admin"));
  std::vector<CalendarDay> days;
  for (const Stretch& stretch : k2026) {
    const LocalDate first = *ParseDate(stretch.first);
    for (int i = 0; i < stretch.days; ++i) {
      days.push_back({AddDays(first, i), stretch.kind, stretch.name});
    }
  }
  if (auto set = s.feedback.SetCalendar(admin, 2026, days); !set) return set.error();
  return Ok();
}

// One exchange of a case's log: how many days ago, at what hour, and what.
struct Exchange {
  int days_ago;
  int hour;
  Channel channel;
  Direction direction;
  const char* summary;
  int follow_up_in_days;  // < 0: none
  bool follow_up_done;
};
constexpr std::array<Exchange, 4> kLog = {{
    {24, 10, Channel::kPhone, Direction::kOut,
     "电话联系案主，确认首次面谈时间为下周二上午，案主表示愿意配合。", -1, false},
    {17, 15, Channel::kHomeVisit, Direction::kOut,
     "入户探访，了解居住环境与日常照料情况；案主提到近期睡眠不好，需联系社区医生。", 3, true},
    {9, 20, Channel::kWechat, Direction::kIn,
     "案主家属微信留言，询问临时救助申请的进度，已告知材料已提交街道。", 4, false},
    {2, 11, Channel::kPhone, Direction::kIn,
     "案主来电，反映本周社区助餐没有按时送达，希望社工帮忙协调。", 5, false},
}};

Status SeedContacts(modules::Services& s, const std::string& username) {
  JIELI_ASSIGN_OR_RETURN(auto worker, ActorFor(s, username));
  cases::CaseFilter filter;
  filter.worker_id = worker.user_id();
  filter.open_only = true;
  JIELI_ASSIGN_OR_RETURN(auto open, s.cases.List(worker, filter, 0, 6));
  const EpochMs now = s.clock.Now();
  const EpochMs midnight = StartOfLocalDay(LocalDateOf(now));
  std::set<std::int64_t> clients;  // a client with two open cases is called about one
  std::size_t n = 0;
  for (const auto& c : open.items) {
    if (n == 3 || !clients.insert(c.client_id).second) continue;
    const std::size_t first = n++;  // the later cases have fewer exchanges
    for (std::size_t i = first; i < kLog.size(); ++i) {
      const Exchange& e = kLog[i];
      ContactInput input;
      input.client_id = c.client_id;
      input.case_id = c.id;
      input.channel = e.channel;
      input.direction = e.direction;
      input.at = std::min(now, midnight - e.days_ago * kDayMs + e.hour * kHourMs);
      input.summary = e.summary;
      if (e.follow_up_in_days >= 0) {
        input.follow_up = FollowUpInput{
            FormatDate(AddDays(LocalDateOf(input.at), e.follow_up_in_days)), "跟进并回复案主"};
      }
      JIELI_ASSIGN_OR_RETURN(auto contact, s.feedback.RecordContact(worker, input));
      if (e.follow_up_done) {
        auto done =
            s.feedback.CompleteFollowUp(worker, contact.id, "已联系社区医生，约定上门随访。");
        if (!done) return done.error();
      }
    }
  }
  return Ok();
}

// 回访: of the worker's overdue follow-ups of closed cases, the oldest done
// with new needs (the case for them is left to open: a click in the demo),
// the next finding the client worse; the others stay on the worklist.
Status SeedCaseFollowUps(modules::Services& s, const std::string& username) {
  JIELI_ASSIGN_OR_RETURN(auto worker, ActorFor(s, username));
  JIELI_ASSIGN_OR_RETURN(auto work, s.cases.Worklist(worker));
  std::vector<cases::WorkItem> overdue;
  for (const auto& item : work) {
    if (item.kind == "followup" && item.overdue && item.followup_id) overdue.push_back(item);
  }
  const EpochMs yesterday = StartOfLocalDay(LocalDateOf(s.clock.Now())) - 14 * kHourMs;
  const FollowUpVisit visits[] = {
      {{"上门回访：案主已能独立完成日常起居，按时复诊；家属反映老人白天独处时间长。",
        cases::Situation::kBetter,
        "案主希望报名社区老年大学书法班，并咨询居家养老服务补贴的申请。"},
       Channel::kHomeVisit,
       yesterday},
      {{"电话回访：案主近两周血压不稳，情绪低落，子女已陪同就医；约定下周再次电话跟进。",
        cases::Situation::kWorse, ""},
       Channel::kPhone,
       yesterday + 3 * kHourMs},
  };
  for (std::size_t i = 0; i < std::size(visits) && i + 1 < overdue.size(); ++i) {
    if (auto done = s.feedback.RecordFollowUp(worker, *overdue[i].followup_id, visits[i]); !done)
      return done.error();
  }
  return Ok();
}

Result<std::int64_t> OrgNamed(modules::Services& s, const std::string& name) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, orgs::OrgTree(s.db).OrgIdNamed(name));
  if (id == 0) return NotFoundError("orgs.not_found");
  return id;
}

// A complaint as the front desk took it, received days_ago at hour.
ComplaintInput Received(modules::Services& s, std::int64_t org_id, FeedbackKind kind,
                        ComplaintCategory category, Channel channel, const char* subject,
                        const char* details, const char* who, int days_ago, int hour) {
  const EpochMs midnight = StartOfLocalDay(LocalDateOf(s.clock.Now()));
  ComplaintInput input;
  input.org_id = org_id;
  input.kind = kind;
  input.category = category;
  input.channel = channel;
  input.subject = subject;
  input.details = details;
  input.complainant_name = who;
  input.complainant_contact = "13907150000";
  input.received_at = std::min(s.clock.Now(), midnight - days_ago * kDayMs + hour * kHourMs);
  return input;
}

Status Act(modules::Services& s, const auth::Actor& actor, std::int64_t id, ComplaintAction action,
           std::string resolution = "", std::string cause = "",
           std::optional<HandlingSatisfaction> satisfaction = std::nullopt) {
  ComplaintActionInput input;
  input.action = action;
  input.resolution = std::move(resolution);
  input.cause = std::move(cause);
  input.satisfaction = satisfaction;
  if (auto done = s.feedback.ActOnComplaint(actor, id, input); !done) return done.error();
  return Ok();
}

// 阳光 and 启航's complaints, suggestions and praise in every state: one
// handled and closed, one past its deadline to resolve (red, told to the
// supervisor by the escalation job run at the end), one just in, praise
// passed on, and at 启航 (its own, longer deadlines) one resolved that opened
// an improvement cycle.
Status SeedComplaints(modules::Services& s) {
  using A = ComplaintAction;
  JIELI_ASSIGN_OR_RETURN(auto worker, ActorFor(s, "worker"));
  JIELI_ASSIGN_OR_RETURN(auto supervisor, ActorFor(s, "supervisor"));
  JIELI_ASSIGN_OR_RETURN(auto worker_b, ActorFor(s, "worker_b"));
  JIELI_ASSIGN_OR_RETURN(auto supervisor_b, ActorFor(s, "supervisor_b"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t casework, OrgNamed(s, "个案服务部"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t sunshine, OrgNamed(s, "江城市阳光社会工作服务中心"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t qihang, OrgNamed(s, "西山区启航社会工作服务社"));
  JIELI_ASSIGN_OR_RETURN(auto worker2_id, orgs::OrgTree(s.db).UserIdNamed("worker2"));

  ComplaintInput late = Received(
      s, casework, FeedbackKind::kComplaint, ComplaintCategory::kTimeliness, Channel::kPhone,
      "约好的家访两次改期", "案主女儿来电反映：原定上周二、周四的家访两次临时改期，老人在家空等。",
      "刘女士", 12, 10);
  late.severity = Severity::kHigh;
  JIELI_ASSIGN_OR_RETURN(auto overdue, s.feedback.ReceiveComplaint(worker, late));
  JIELI_RETURN_IF_ERROR(Act(s, supervisor, overdue.id, A::kAcknowledge));

  ComplaintInput attitude =
      Received(s, sunshine, FeedbackKind::kComplaint, ComplaintCategory::kAttitude,
               Channel::kWalkIn, "社工解释政策时语气生硬",
               "服务对象来访称社工解释低保政策时不耐烦，希望换一位社工跟进。", "陈先生", 20, 15);
  attitude.worker_concerned_id = worker2_id;
  JIELI_ASSIGN_OR_RETURN(auto handled, s.feedback.ReceiveComplaint(supervisor, attitude));
  JIELI_RETURN_IF_ERROR(Act(s, supervisor, handled.id, A::kAcknowledge));
  JIELI_RETURN_IF_ERROR(Act(s, supervisor, handled.id, A::kResolve,
                            "督导约谈社工并陪同再次解释政策，服务对象表示理解。",
                            "社工对新政策不熟悉，沟通技巧不足。"));
  JIELI_RETURN_IF_ERROR(
      Act(s, supervisor, handled.id, A::kClose, "", "", HandlingSatisfaction::kSatisfied));

  JIELI_ASSIGN_OR_RETURN(
      auto suggestion,
      s.feedback.ReceiveComplaint(
          worker,
          Received(s, casework, FeedbackKind::kSuggestion, ComplaintCategory::kEnvironment,
                   Channel::kWechat, "建议活动室增加扶手",
                   "多位老人建议在社区活动室走廊加装扶手，方便行动不便的老人。", "王阿姨", 1, 16)));
  (void)suggestion;

  JIELI_ASSIGN_OR_RETURN(
      auto praise,
      s.feedback.ReceiveComplaint(
          worker, Received(s, casework, FeedbackKind::kPraise, ComplaintCategory::kServiceQuality,
                           Channel::kLetter, "感谢王芳社工的耐心帮助",
                           "案主家属来信感谢社工帮助申请临时救助并陪同就医。", "张先生", 5, 9)));
  JIELI_RETURN_IF_ERROR(Act(s, supervisor, praise.id, A::kResolve, "已在部门例会上转达表扬。"));
  JIELI_RETURN_IF_ERROR(Act(s, supervisor, praise.id, A::kClose));

  JIELI_ASSIGN_OR_RETURN(auto policy, s.feedback.SetPolicy(supervisor_b, qihang, {2, 10, 2}));
  (void)policy;
  JIELI_ASSIGN_OR_RETURN(
      auto privacy,
      s.feedback.ReceiveComplaint(
          worker_b,
          Received(s, qihang, FeedbackKind::kComplaint, ComplaintCategory::kPrivacy,
                   Channel::kPhone, "个案信息在小组活动中被提及",
                   "服务对象反映在小组活动中被其他组员知道了自己的家庭情况。", "匿名", 9, 11)));
  JIELI_RETURN_IF_ERROR(Act(s, supervisor_b, privacy.id, A::kAcknowledge));
  JIELI_RETURN_IF_ERROR(Act(s, supervisor_b, privacy.id, A::kResolve,
                            "向服务对象致歉，小组带领者重申保密原则。",
                            "小组开场未约定保密规则，带领者举例时使用了真实个案。"));
  if (auto cycle = s.feedback.ImproveFromComplaint(supervisor_b, privacy.id); !cycle) {
    return cycle.error();
  }

  // The escalation job once, as a running server would have by now.
  JIELI_ASSIGN_OR_RETURN(auto tx, s.db.Begin());
  JIELI_RETURN_IF_ERROR(s.feedback.EscalateComplaints(*tx, s.clock.Now()));
  return tx->Commit();
}

// A closed case's client answers the built-in questionnaire: each item's
// value ("1"–"4") from the pattern, shifted by the answer's number.
Answers BuiltInAnswers(std::size_t n) {
  static constexpr std::array<const char*, 4> kPatterns = {"44434444", "43334343", "44443444",
                                                           "33232333"};
  const std::string pattern = kPatterns[n % kPatterns.size()];
  Answers answers;
  std::size_t i = 0;
  for (const auto& item : BuiltInSatisfaction().items) {
    answers[item.id].choices = {std::string(1, pattern[i++ % pattern.size()])};
  }
  return answers;
}

// 服务满意度调查 at 阳光: the supervisor makes it from the built-in
// questionnaire; the workers send it to the clients of their closed cases,
// three in four of whom answer (the others' links still open); and an anonymous 社区活动反馈
// questionnaire of the agency's own with a condition and free text, answered from a few phones.
Status SeedSurveys(modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(auto supervisor, ActorFor(s, "supervisor"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t agency, OrgNamed(s, "江城市阳光社会工作服务中心"));
  SurveyInput input;
  input.org_id = agency;
  input.title_zh = "2026年度服务满意度调查";
  input.title_en = "2026 service satisfaction survey";
  JIELI_ASSIGN_OR_RETURN(auto survey, s.surveys.Create(supervisor, input));
  std::size_t answered = 0;
  for (const char* username : {"worker", "worker2"}) {
    JIELI_ASSIGN_OR_RETURN(auto worker, ActorFor(s, username));
    cases::CaseFilter filter;
    filter.worker_id = worker.user_id();
    filter.stage = cases::Stage::kClosed;
    JIELI_ASSIGN_OR_RETURN(auto closed, s.cases.List(worker, filter, 0, 8));
    std::set<std::int64_t> clients;
    for (const auto& c : closed.items) {
      if (!clients.insert(c.client_id).second) continue;
      SendInput send;
      send.client_ids = {c.client_id};
      send.case_id = c.id;
      JIELI_ASSIGN_OR_RETURN(auto links, s.surveys.Send(worker, survey.id, send));
      if (links.empty() || !links.front().token) continue;
      // Every fourth client has not answered yet.
      if (clients.size() % 4 == 0) continue;
      JIELI_RETURN_IF_ERROR(s.surveys.Answer(*links.front().token, "", BuiltInAnswers(answered++)));
    }
  }

  Questionnaire activity;
  activity.title_zh = "社区活动反馈";
  activity.title_en = "Community activity feedback";
  Item liked;
  liked.id = "liked";
  liked.type = ItemType::kSingle;
  liked.text_zh = "您对这次社区活动满意吗？";
  liked.text_en = "Were you satisfied with this community activity?";
  liked.required = true;
  liked.options = {{"yes", "满意", "Yes", std::nullopt}, {"no", "不满意", "No", std::nullopt}};
  Item why;
  why.id = "improve";
  why.type = ItemType::kText;
  why.text_zh = "您觉得哪些地方需要改进？";
  why.text_en = "What should we improve?";
  why.show_if = Condition{"liked", {"no"}};
  Item stars;
  stars.id = "stars";
  stars.type = ItemType::kRating;
  stars.text_zh = "请为本次活动打分（1–5 分）";
  stars.text_en = "Rate the activity (1–5)";
  stars.required = true;
  stars.scored = true;
  stars.scale_max = 5;
  Item next;
  next.id = "next_topics";
  next.type = ItemType::kMultiple;
  next.text_zh = "您希望下次活动的主题是？（可多选）";
  next.text_en = "What should the next activity be about? (any)";
  next.options = {{"health", "健康讲座", "Health talk", std::nullopt},
                  {"fraud", "防诈骗宣传", "Fraud awareness", std::nullopt},
                  {"culture", "文艺活动", "Arts and culture", std::nullopt},
                  {"outing", "户外出行", "Outing", std::nullopt}};
  activity.items = {liked, why, stars, next};
  SurveyInput anonymous;
  anonymous.org_id = agency;
  anonymous.anonymous = true;
  anonymous.questionnaire = activity;
  JIELI_ASSIGN_OR_RETURN(auto feedback, s.surveys.Create(supervisor, anonymous));
  struct Sheet {
    bool liked;
    const char* improve;
    int stars;
    std::vector<std::string> topics;
  };
  const std::vector<Sheet> sheets = {
      {true, "", 5, {"health", "culture"}},
      {true, "", 4, {"fraud"}},
      {false, "活动时间太短，希望能多留一些交流时间。", 3, {"health"}},
      {true, "", 5, {"outing", "culture"}},
      {false, "场地离家较远，希望在社区内就近举办。", 2, {}},
  };
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    Answers answers;
    answers["liked"].choices = {sheets[i].liked ? "yes" : "no"};
    if (*sheets[i].improve != '\0') answers["improve"].text = sheets[i].improve;
    answers["stars"].rating = sheets[i].stars;
    if (!sheets[i].topics.empty()) answers["next_topics"].choices = sheets[i].topics;
    JIELI_RETURN_IF_ERROR(
        s.surveys.Answer(*feedback.anonymous_token, "demo-device-" + std::to_string(i), answers));
  }
  return Ok();
}

// Whether a call that answers a value succeeded (the demo needs only that).
template <class T>
Status Done(const Result<T>& result) {
  if (!result) return result.error();
  return Ok();
}

BookingInput Booked(modules::Services& s, std::optional<std::int64_t> org_id, const char* name,
                    const char* phone, const char* category, const char* need, int days_ahead,
                    DaySlot slot) {
  BookingInput input;
  input.name = name;
  input.phone = phone;
  input.org_id = org_id;
  input.need_category = category;
  input.need = need;
  input.preferred_date = FormatDate(AddDays(LocalDateOf(s.clock.Now()), days_ahead));
  input.preferred_slot = slot;
  input.agree = true;
  return input;
}

// Bookings from the public page: 阳光's queue with new ones, one taken on as a
// case and one declined; one at 启航; the city's queue with one waiting and
// one handed to 启航; and a suggestion filed on the public complaints page.
Status SeedIntake(modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t sunshine, OrgNamed(s, "江城市阳光社会工作服务中心"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t qihang, OrgNamed(s, "西山区启航社会工作服务社"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t casework, OrgNamed(s, "个案服务部"));
  JIELI_ASSIGN_OR_RETURN(auto supervisor, ActorFor(s, "supervisor"));
  JIELI_ASSIGN_OR_RETURN(auto city, ActorFor(s, "operator"));
  JIELI_ASSIGN_OR_RETURN(auto worker, ActorFor(s, "worker"));

  JIELI_RETURN_IF_ERROR(Done(s.intake.Book(
      Booked(s, sunshine, "刘桂兰", "13907151234", "elderly",
             "母亲82岁独居，最近常忘记吃药，想请社工上门看看。", 1, DaySlot::kMorning))));
  JIELI_RETURN_IF_ERROR(Done(s.intake.Book(
      Booked(s, sunshine, "张晓明", "13607152345", "youth",
             "孩子上初二，沉迷手机，和我们说不上话，想咨询亲子沟通。", 3, DaySlot::kEvening))));
  JIELI_ASSIGN_OR_RETURN(
      std::string taken,
      s.intake.Book(Booked(s, sunshine, "陈秀珍", "13807153456", "disabled",
                           "丈夫中风后右侧偏瘫，出院回家，想了解康复和照护补贴。", 2,
                           DaySlot::kAfternoon)));
  JIELI_ASSIGN_OR_RETURN(std::string spam,
                         s.intake.Book(Booked(s, sunshine, "测试", "13000000000", "other",
                                              "测试测试", 0, DaySlot::kAny)));
  JIELI_RETURN_IF_ERROR(
      Done(s.intake.Book(Booked(s, qihang, "黄立新", "13507154567", "low_income",
                                "失业半年，房租交不上，想问问有什么救助。", 1, DaySlot::kAny))));
  JIELI_RETURN_IF_ERROR(Done(s.intake.Book(
      Booked(s, std::nullopt, "王建国", "13707155678", "elderly",
             "父亲有阿尔茨海默病，家里照顾不过来，不知道该找哪家机构。", 2, DaySlot::kMorning))));
  JIELI_ASSIGN_OR_RETURN(
      std::string handed,
      s.intake.Book(Booked(s, std::nullopt, "周丽", "13307156789", "women",
                           "住在西山区，离婚后带两个孩子，想找人聊聊。", 4, DaySlot::kAfternoon)));

  IntakeFilter all;
  JIELI_ASSIGN_OR_RETURN(auto queue, s.intake.List(supervisor, all, 0, 50));
  for (const auto& request : queue.items) {
    if (request.reference == taken) {
      AcceptInput accept;
      accept.version = request.version;
      accept.org_id = casework;
      accept.primary_worker_id = worker.user_id();
      JIELI_RETURN_IF_ERROR(Done(s.intake.Accept(supervisor, request.id, accept)));
    } else if (request.reference == spam) {
      JIELI_RETURN_IF_ERROR(Done(
          s.intake.Decline(supervisor, request.id, request.version, DeclineReason::kSpam, "")));
    }
  }
  IntakeFilter city_queue;
  city_queue.city = true;
  JIELI_ASSIGN_OR_RETURN(auto waiting, s.intake.List(city, city_queue, 0, 50));
  for (const auto& request : waiting.items) {
    if (request.reference == handed) {
      JIELI_RETURN_IF_ERROR(Done(s.intake.Assign(city, request.id, request.version, qihang)));
    }
  }

  ComplaintInput suggestion;
  suggestion.org_id = sunshine;
  suggestion.kind = FeedbackKind::kSuggestion;
  suggestion.category = ComplaintCategory::kTimeliness;
  suggestion.subject = "希望周末也能预约上门服务";
  suggestion.details = "我们上班的子女只有周末在家，希望周六也能安排社工上门。";
  suggestion.complainant_name = "市民";
  return Done(s.feedback.ReceivePublicComplaint(suggestion));
}

}  // namespace

Status SeedDemoFeedback(modules::Services& s) {
  JIELI_RETURN_IF_ERROR(SeedCalendar(s));
  for (const char* username : {"worker", "worker2", "worker_b"}) {
    JIELI_RETURN_IF_ERROR(SeedContacts(s, username));
  }
  JIELI_RETURN_IF_ERROR(SeedCaseFollowUps(s, "worker"));
  JIELI_RETURN_IF_ERROR(SeedComplaints(s));
  JIELI_RETURN_IF_ERROR(SeedIntake(s));
  return SeedSurveys(s);
}

}  // namespace jieli::feedback
