#include "modules/orgs/org.hpp"

#include <utility>

#include "core/enum_names.hpp"

namespace jieli::orgs {
namespace {

constexpr EnumNames<RegionLevel, 4> kRegionLevels = {{
    {RegionLevel::kCity, "city"},
    {RegionLevel::kDistrict, "district"},
    {RegionLevel::kStreet, "street"},
    {RegionLevel::kCommunity, "community"},
}};

constexpr EnumNames<OrgKind, 5> kOrgKinds = {{
    {OrgKind::kBureau, "bureau"},
    {OrgKind::kAgency, "agency"},
    {OrgKind::kStation, "station"},
    {OrgKind::kDepartment, "department"},
    {OrgKind::kPartner, "partner"},
}};

constexpr EnumNames<Role, 9> kRoles = {{
    {Role::kAdmin, "admin"},
    {Role::kLeader, "leader"},
    {Role::kSupervisor, "supervisor"},
    {Role::kWorker, "worker"},
    {Role::kOperator, "operator"},
    {Role::kCommander, "commander"},
    {Role::kExpert, "expert"},
    {Role::kVolunteer, "volunteer"},
    {Role::kBureauOfficer, "bureau_officer"},
}};

}  // namespace

std::string_view ToString(RegionLevel level) { return EnumName(kRegionLevels, level); }
std::string_view ToString(OrgKind kind) { return EnumName(kOrgKinds, kind); }
std::string_view ToString(Role role) { return EnumName(kRoles, role); }
std::optional<RegionLevel> ParseRegionLevel(std::string_view text) {
  return ParseEnum(kRegionLevels, text);
}
std::optional<OrgKind> ParseOrgKind(std::string_view text) { return ParseEnum(kOrgKinds, text); }
std::optional<Role> ParseRole(std::string_view text) { return ParseEnum(kRoles, text); }

const std::vector<std::string>& RegionLevelNames() {
  static const auto kNames = EnumNameList(kRegionLevels);
  return kNames;
}
const std::vector<std::string>& OrgKindNames() {
  static const auto kNames = EnumNameList(kOrgKinds);
  return kNames;
}
const std::vector<std::string>& RoleNames() {
  static const auto kNames = EnumNameList(kRoles);
  return kNames;
}
const std::vector<std::string>& AgencyTypeNames() {
  static const std::vector<std::string> kNames = {"comprehensive", "specialised", "community"};
  return kNames;
}

}  // namespace jieli::orgs
