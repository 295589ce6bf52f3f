#include "modules/orgs/org_rules.hpp"

#include <set>
#include <string>

namespace jieli::orgs {

Status CheckRegionParent(RegionLevel child, std::optional<RegionLevel> parent) {
  bool ok = parent ? static_cast<int>(child) == static_cast<int>(*parent) + 1
                   : child == RegionLevel::kCity;
  if (ok) return Ok();
  return InvalidError("orgs.region_level")
      .WithParam("child", std::string(ToString(child)))
      .WithParam("parent", parent ? std::string(ToString(*parent)) : "-");
}

Status CheckOrgParent(OrgKind child, std::optional<OrgKind> parent) {
  bool ok = false;
  switch (child) {
    case OrgKind::kBureau:
      ok = !parent;
      break;
    case OrgKind::kAgency:
    case OrgKind::kPartner:
      ok = !parent || *parent == OrgKind::kBureau;
      break;
    case OrgKind::kStation:
      ok = parent && *parent == OrgKind::kAgency;
      break;
    case OrgKind::kDepartment:
      ok = parent && (*parent == OrgKind::kAgency || *parent == OrgKind::kStation);
      break;
  }
  if (ok) return Ok();
  return InvalidError("orgs.parent_kind")
      .WithParam("child", std::string(ToString(child)))
      .WithParam("parent", parent ? std::string(ToString(*parent)) : "-");
}

bool WouldCreateCycle(std::int64_t org, std::int64_t new_parent,
                      const std::map<std::int64_t, std::optional<std::int64_t>>& parents) {
  std::set<std::int64_t> seen;
  std::optional<std::int64_t> cursor = new_parent;
  while (cursor) {
    if (*cursor == org) return true;
    if (!seen.insert(*cursor).second) return true;  // an existing cycle: refuse too
    auto it = parents.find(*cursor);
    if (it == parents.end()) return false;
    cursor = it->second;
  }
  return false;
}

}  // namespace jieli::orgs
