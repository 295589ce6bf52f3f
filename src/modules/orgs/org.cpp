#include "modules/orgs/org.hpp"

#include <array>
#include <utility>

namespace jieli::orgs {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                          std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view Name(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "";
}

template <class Enum, std::size_t N>
std::vector<std::string> Names(const std::array<std::pair<Enum, std::string_view>, N>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.emplace_back(entry.second);
  return names;
}

constexpr std::array<std::pair<RegionLevel, std::string_view>, 4> kRegionLevels = {{
    {RegionLevel::kCity, "city"},
    {RegionLevel::kDistrict, "district"},
    {RegionLevel::kStreet, "street"},
    {RegionLevel::kCommunity, "community"},
}};

constexpr std::array<std::pair<OrgKind, std::string_view>, 5> kOrgKinds = {{
    {OrgKind::kBureau, "bureau"},
    {OrgKind::kAgency, "agency"},
    {OrgKind::kStation, "station"},
    {OrgKind::kDepartment, "department"},
    {OrgKind::kPartner, "partner"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 9> kRoles = {{
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

std::string_view ToString(RegionLevel level) { return Name(kRegionLevels, level); }
std::string_view ToString(OrgKind kind) { return Name(kOrgKinds, kind); }
std::string_view ToString(Role role) { return Name(kRoles, role); }
std::optional<RegionLevel> ParseRegionLevel(std::string_view text) {
  return Parse(kRegionLevels, text);
}
std::optional<OrgKind> ParseOrgKind(std::string_view text) { return Parse(kOrgKinds, text); }
std::optional<Role> ParseRole(std::string_view text) { return Parse(kRoles, text); }

const std::vector<std::string>& RegionLevelNames() {
  static const auto kNames = Names(kRegionLevels);
  return kNames;
}
const std::vector<std::string>& OrgKindNames() {
  static const auto kNames = Names(kOrgKinds);
  return kNames;
}
const std::vector<std::string>& RoleNames() {
  static const auto kNames = Names(kRoles);
  return kNames;
}
const std::vector<std::string>& AgencyTypeNames() {
  static const std::vector<std::string> kNames = {"comprehensive", "specialised", "community"};
  return kNames;
}

}  // namespace jieli::orgs
