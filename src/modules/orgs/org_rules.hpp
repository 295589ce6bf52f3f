// Structural rules of the region and organisation trees, free of storage.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "core/result.hpp"
#include "modules/orgs/org.hpp"

namespace jieli::orgs {

// A region sits exactly one level below its parent; only a city may be a root.
// Error "orgs.region_level" (params child, parent).
Status CheckRegionParent(RegionLevel child, std::optional<RegionLevel> parent);

// Which kinds may sit under which: stations under agencies; departments under
// agencies or stations; agencies and partners under the bureau or at the root;
// the bureau only at the root. Error "orgs.parent_kind" (params child, parent).
Status CheckOrgParent(OrgKind child, std::optional<OrgKind> parent);

// Whether making new_parent the parent of org would close a cycle, given the
// current parent links (org id -> parent id).
bool WouldCreateCycle(std::int64_t org, std::int64_t new_parent,
                      const std::map<std::int64_t, std::optional<std::int64_t>>& parents);

}  // namespace jieli::orgs
