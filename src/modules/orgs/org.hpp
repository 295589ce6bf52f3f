// The organisation model: regions (city → district → street → community),
// organisations arranged in a tree (bureau, agency, station, department,
// partner), users, and the roles a user holds in an organisation.
// Plain value types with string conversions for storage and JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace jieli::orgs {

enum class RegionLevel { kCity, kDistrict, kStreet, kCommunity };  // 市 区 街道 社区
enum class OrgKind {
  kBureau,
  kAgency,
  kStation,
  kDepartment,
  kPartner
};  // 民政局 社工机构 社工站 部门 合作方
enum class Role {
  kAdmin,          // 系统管理员
  kLeader,         // 机构负责人
  kSupervisor,     // 督导
  kWorker,         // 社工
  kOperator,       // 接线员
  kCommander,      // 应急指挥
  kExpert,         // 专家顾问
  kVolunteer,      // 志愿者
  kBureauOfficer,  // 民政局工作人员
};

std::string_view ToString(RegionLevel level);
std::string_view ToString(OrgKind kind);
std::string_view ToString(Role role);
std::optional<RegionLevel> ParseRegionLevel(std::string_view text);
std::optional<OrgKind> ParseOrgKind(std::string_view text);
std::optional<Role> ParseRole(std::string_view text);
const std::vector<std::string>& RegionLevelNames();
const std::vector<std::string>& OrgKindNames();
const std::vector<std::string>& RoleNames();
const std::vector<std::string>&
AgencyTypeNames();  // comprehensive 综合型, specialised 特色型, community 社区型

struct Region {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  RegionLevel level = RegionLevel::kCity;
  std::string code;  // administrative division code, may be empty
  std::string name;
};

struct Organization {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  OrgKind kind = OrgKind::kAgency;
  std::string agency_type;  // for agencies only; "" otherwise
  std::string name;
  std::optional<std::int64_t> region_id;
  std::string contact_phone;
  std::string address;
  bool active = true;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

struct Membership {
  std::int64_t org_id = 0;
  Role role = Role::kWorker;
  bool operator==(const Membership&) const = default;
};

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  bool active = true;
  bool totp_enabled = false;
  std::optional<EpochMs> locked_until;
  std::vector<Membership> memberships;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

}  // namespace jieli::orgs
