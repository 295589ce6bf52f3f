// Two years of casework behind the demo agencies, for the quality charts: a
// stable first year to serve as baseline, month-to-month noise, and two true
// stories the screens should find —
//  - a signal: in 阳光 a worker left about four months ago and caseloads rose,
//    so assessments done on time fall from ~88 % to well under half;
//  - a funnel outlier: worker2 (水果湖街道社工站) gets plans approved on time
//    far less often than anyone else (plans handed in late, sent back).
// The story is chosen here; the cases are worked by WorkDemoHistory in
// case_demo.cpp through CaseService, so every date and deadline is real.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "modules/cases/case_demo.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/services.hpp"

namespace jieli::cases {
namespace {

constexpr EpochMs kHour = 60LL * 60 * 1000;
constexpr EpochMs kDay = 24 * kHour;
constexpr int kMonths = 25;  // 24 whole calendar months back from any day
constexpr int kMonthDays = 30;
// A case opened later than this cannot be played to its closure before
// today (intake, assessment, plan, up to 75 days of intervention, evaluation).
constexpr int kDaysToClose = 115;

struct HistoryWorker {
  const char* worker;
  const char* supervisor;
  const char* org;
  int per_month;
  double plan_on_time;     // the worker's usual share of plans approved in time
  bool overloaded_lately;  // caught in 阳光's last months
};
constexpr HistoryWorker kWorkers[] = {
    {"worker", "supervisor", "个案服务部", 15, 0.9, true},
    {"worker2", "supervisor", "水果湖街道社工站", 4, 0.08, true},
    {"worker_b", "supervisor_b", "西山区启航社会工作服务社", 3, 0.85, false},
};
constexpr int kOverloadedMonths = 4;  // the last four months of 阳光
// Clients kept free of the current demo (SeedDemoCases takes each org's
// first clients), for the history's cases still open today.
constexpr int kSpareClients = 18;

}  // namespace

Status SeedDemoHistory(modules::Services& s) {
  const EpochMs now = s.clock.Now();
  std::mt19937_64 random(20241201);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
  auto between = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  std::vector<DemoHistoryCase> history;
  for (const auto& w : kWorkers) {
    JIELI_ASSIGN_OR_RETURN(const std::int64_t org_id,
                           orgs::OrgTree(s.db).OrgIdNamed(std::string(w.org)));
    if (org_id == 0) return NotFoundError("orgs.not_found");
    JIELI_ASSIGN_OR_RETURN(auto clients, s.clients.FirstClientsOf(org_id, 10000));
    if (clients.empty()) return NotFoundError("orgs.not_found");
    // 启航's current demo takes all its clients: its history stops at closed cases.
    const std::size_t spare_from = w.overloaded_lately && clients.size() > kSpareClients
                                       ? clients.size() - kSpareClients
                                       : clients.size();
    std::size_t next_closed = 0, next_open = spare_from;
    for (int month = kMonths - 1; month >= 0; --month) {
      // Month-to-month noise: a busier or quieter month, a better or worse one.
      const int count = std::max(1, w.per_month + between(-1, 1));
      const bool overloaded = w.overloaded_lately && month < kOverloadedMonths;
      const double assessment_on_time = overloaded ? 0.35 : 0.88 + between(-4, 4) / 100.0;
      const double plan_on_time = w.plan_on_time + between(-5, 5) / 100.0;
      for (int i = 0; i < count; ++i) {
        DemoHistoryCase c;
        c.worker = w.worker;
        c.supervisor = w.supervisor;
        c.org = w.org;
        c.timing.opened_at = now - (month + 1) * kMonthDays * kDay +
                             between(0, kMonthDays - 1) * kDay + between(8, 17) * kHour;
        c.left_open = c.timing.opened_at > now - kDaysToClose * kDay;
        if (c.left_open) {
          if (next_open >= clients.size()) continue;  // no free client left
          c.client_id = clients[next_open].first;
          c.category = clients[next_open++].second;
        } else {
          c.client_id = clients[next_closed % spare_from].first;
          c.category = clients[next_closed++ % spare_from].second;
        }
        // Assessment due 7 days after opening: done by day 3–6, or late at 8–12.
        c.timing.intake_days = between(1, 2);
        const int assessed_by = chance(assessment_on_time) ? between(3, 6) : between(8, 12);
        c.timing.assessment_days = std::max(1, assessed_by - c.timing.intake_days);
        // The plan is due 10 days after assessment began; approval comes about
        // half the approval days after it is handed in.
        const int room = 10 - c.timing.assessment_days;
        c.timing.approval_days = chance(plan_on_time) && room >= 4
                                     ? between(1, std::min(3, room - 3))
                                     : 2 * std::max(room, 0) + between(4, 10);
        c.timing.late_first_contact = chance(0.3);
        c.timing.services = between(2, 4);  // fewer than today's cases: keeps init quick
        history.push_back(std::move(c));
      }
    }
  }
  // In the order the work happened, so each client's earlier case is closed first.
  std::stable_sort(history.begin(), history.end(), [](const auto& a, const auto& b) {
    return a.timing.opened_at < b.timing.opened_at;
  });
  return WorkDemoHistory(s, history);
}

}  // namespace jieli::cases
