#include "cli/seed.hpp"

#include "modules/cases/case_demo.hpp"
#include "modules/clients/client_demo.hpp"
#include "modules/feedback/feedback_demo.hpp"
#include "modules/quality/quality_demo.hpp"

namespace jieli::app {
namespace {

using orgs::Membership;
using orgs::OrgKind;
using orgs::RegionLevel;
using orgs::Role;

Result<bool> IsEmpty(store::Db& db) {
  auto row = db.QueryOne("SELECT COUNT(*) FROM organizations");
  if (!row) return row.error();
  return (*row)->Int(0) == 0;
}

Result<std::int64_t> AddRegion(modules::Services& s, const auth::Actor& system,
                               std::optional<std::int64_t> parent, RegionLevel level,
                               const char* code, const char* name) {
  auto region = s.orgs.CreateRegion(system, {parent, level, code, name});
  if (!region) return region.error();
  return region->id;
}

Result<std::int64_t> AddOrg(modules::Services& s, const auth::Actor& system,
                            std::optional<std::int64_t> parent, OrgKind kind,
                            const char* agency_type, const char* name,
                            std::optional<std::int64_t> region, const char* phone,
                            const char* address) {
  auto org = s.orgs.CreateOrg(system, {parent, kind, agency_type, name, region, phone, address});
  if (!org) return org.error();
  return org->id;
}

Status AddUser(modules::Services& s, const auth::Actor& system, const char* username,
               const char* display_name, const std::string& password,
               std::vector<Membership> memberships) {
  auto user = s.orgs.CreateUser(system, {username, display_name, password, std::move(memberships)});
  if (!user) return user.error();
  return Ok();
}

}  // namespace

Result<bool> SeedInitial(modules::Services& s, const std::string& bureau_name,
                         const std::string& admin_password) {
  auto empty = IsEmpty(s.db);
  if (!empty) return empty.error();
  if (!*empty) return false;
  auth::Actor system = auth::Actor::System(s.db);
  auto bureau = AddOrg(s, system, std::nullopt, OrgKind::kBureau, "", bureau_name.c_str(),
                       std::nullopt, "", "");
  if (!bureau) return bureau.error();
  JIELI_RETURN_IF_ERROR(
      AddUser(s, system, "admin", "系统管理员", admin_password, {{*bureau, Role::kAdmin}}));
  return true;
}

const std::vector<DemoAccount>& DemoAccounts() {
  static const std::vector<DemoAccount> kAccounts = {
      {"admin", "系统管理员", "系统管理员（市民政局）"},
      {"bureau", "周敏", "市民政局社会工作科"},
      {"leader", "陈志远", "阳光社工服务中心 机构负责人"},
      {"supervisor", "林晓燕", "阳光社工服务中心 督导"},
      {"worker", "王芳", "阳光社工服务中心 个案服务部 社工"},
      {"worker2", "李强", "阳光社工服务中心 水果湖街道社工站 社工"},
      {"worker_b", "赵丽", "启航社工服务社 社工（另一家机构）"},
      {"supervisor_b", "孙静", "启航社工服务社 督导（另一家机构）"},
      {"operator", "郑雨", "市民政局 接线员（为市级咨询预约分派机构）"},
  };
  return kAccounts;
}

Result<bool> SeedDemo(modules::Services& s, const std::string& password, DemoSize size) {
  auto empty = IsEmpty(s.db);
  if (!empty) return empty.error();
  if (!*empty) return false;
  auth::Actor system = auth::Actor::System(s.db);

  auto city = AddRegion(s, system, std::nullopt, RegionLevel::kCity, "420100", "江城市");
  if (!city) return city.error();
  auto donghu = AddRegion(s, system, *city, RegionLevel::kDistrict, "420106", "东湖区");
  if (!donghu) return donghu.error();
  auto xishan = AddRegion(s, system, *city, RegionLevel::kDistrict, "420107", "西山区");
  if (!xishan) return xishan.error();
  auto shuiguohu = AddRegion(s, system, *donghu, RegionLevel::kStreet, "420106001", "水果湖街道");
  if (!shuiguohu) return shuiguohu.error();
  auto dongting =
      AddRegion(s, system, *shuiguohu, RegionLevel::kCommunity, "420106001001", "东亭社区");
  if (!dongting) return dongting.error();
  auto xishan_street = AddRegion(s, system, *xishan, RegionLevel::kStreet, "420107002", "西山街道");
  if (!xishan_street) return xishan_street.error();
  auto cuiyuan =
      AddRegion(s, system, *xishan_street, RegionLevel::kCommunity, "420107002003", "翠苑社区");
  if (!cuiyuan) return cuiyuan.error();

  auto bureau = AddOrg(s, system, std::nullopt, OrgKind::kBureau, "", "江城市民政局", *city,
                       "027-86780000", "江城市东湖区民主路 88 号");
  if (!bureau) return bureau.error();
  auto sunshine =
      AddOrg(s, system, *bureau, OrgKind::kAgency, "comprehensive", "江城市阳光社会工作服务中心",
             *donghu, "027-87651234", "东湖区水果湖街道东亭路 12 号");
  if (!sunshine) return sunshine.error();
  auto station = AddOrg(s, system, *sunshine, OrgKind::kStation, "", "水果湖街道社工站", *shuiguohu,
                        "027-87659876", "东湖区水果湖街道便民服务中心二楼");
  if (!station) return station.error();
  auto casework =
      AddOrg(s, system, *sunshine, OrgKind::kDepartment, "", "个案服务部", *donghu, "", "");
  if (!casework) return casework.error();
  auto community =
      AddOrg(s, system, *sunshine, OrgKind::kDepartment, "", "社区发展部", *donghu, "", "");
  if (!community) return community.error();
  auto qihang =
      AddOrg(s, system, *bureau, OrgKind::kAgency, "specialised", "西山区启航社会工作服务社",
             *xishan, "027-83451122", "西山区西山街道翠苑路 5 号");
  if (!qihang) return qihang.error();

  const std::vector<std::pair<const char*, std::vector<Membership>>> kMemberships = {
      {"admin", {{*bureau, Role::kAdmin}}},
      {"bureau", {{*bureau, Role::kBureauOfficer}}},
      {"leader", {{*sunshine, Role::kLeader}}},
      {"supervisor", {{*sunshine, Role::kSupervisor}}},
      {"worker", {{*casework, Role::kWorker}}},
      {"worker2", {{*station, Role::kWorker}}},
      {"worker_b", {{*qihang, Role::kWorker}}},
      // Every case has a supervisor (issue 13): 启航 needs one to open its cases.
      {"supervisor_b", {{*qihang, Role::kSupervisor}}},
      // The city's operator hands the bookings that chose no agency to one.
      {"operator", {{*bureau, Role::kOperator}}},
  };
  for (std::size_t i = 0; i < kMemberships.size(); ++i) {
    const DemoAccount& account = DemoAccounts()[i];
    JIELI_RETURN_IF_ERROR(AddUser(s, system, account.username, account.display_name, password,
                                  kMemberships[i].second));
  }
  JIELI_RETURN_IF_ERROR(clients::SeedDemoClients(s, size.clients));
  // A demo with casework carries two years of history behind it, for the
  // quality charts; first, as it closes the cases of clients the current demo reuses.
  if (size.cases > 0) JIELI_RETURN_IF_ERROR(cases::SeedDemoHistory(s));
  JIELI_RETURN_IF_ERROR(cases::SeedDemoCases(s, size.cases));
  // Supervision discusses the demo cases; the API tests seed none, and start
  // without quality records too.
  if (size.cases > 0) JIELI_RETURN_IF_ERROR(quality::SeedDemoQuality(s));
  // The contact log follows the demo cases; the calendar is the year's.
  if (size.cases > 0) JIELI_RETURN_IF_ERROR(feedback::SeedDemoFeedback(s));
  // The nightly signal evaluation once, so that the demo opens with the
  // signals its history holds (阳光's assessments late in its last months).
  if (size.cases > 0) JIELI_RETURN_IF_ERROR(s.quality.EvaluateSignals());
  return true;
}

}  // namespace jieli::app
