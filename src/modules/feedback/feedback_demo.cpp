#include "modules/feedback/feedback_demo.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "core/local_time.hpp"
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
        auto done = s.feedback.CompleteFollowUp(worker, contact.id, "已联系社区医生，约定上门随访。");
        if (!done) return done.error();
      }
    }
  }
  return Ok();
}

}  // namespace

Status SeedDemoFeedback(modules::Services& s) {
  JIELI_RETURN_IF_ERROR(SeedCalendar(s));
  for (const char* username : {"worker", "worker2", "worker_b"}) {
    JIELI_RETURN_IF_ERROR(SeedContacts(s, username));
  }
  return Ok();
}

}  // namespace jieli::feedback
