#include "modules/orgs/org_rules.hpp"

#include <gtest/gtest.h>

namespace jieli::orgs {
namespace {

TEST(RegionRules, EachLevelSitsBelowTheOneAbove) {
  struct Case {
    RegionLevel child;
    std::optional<RegionLevel> parent;
    bool ok;
  };
  const Case cases[] = {
      {RegionLevel::kCity, std::nullopt, true},
      {RegionLevel::kDistrict, RegionLevel::kCity, true},
      {RegionLevel::kStreet, RegionLevel::kDistrict, true},
      {RegionLevel::kCommunity, RegionLevel::kStreet, true},
      {RegionLevel::kDistrict, std::nullopt, false},
      {RegionLevel::kStreet, RegionLevel::kCity, false},
      {RegionLevel::kCity, RegionLevel::kCity, false},
      {RegionLevel::kCommunity, RegionLevel::kDistrict, false},
  };
  for (const auto& c : cases) {
    Status status = CheckRegionParent(c.child, c.parent);
    EXPECT_EQ(status.ok(), c.ok) << ToString(c.child);
    if (!status.ok()) {
      EXPECT_EQ(status.error().code(), "orgs.region_level");
    }
  }
}

TEST(OrgRules, KindsNestAsAgenciesAreRun) {
  struct Case {
    OrgKind child;
    std::optional<OrgKind> parent;
    bool ok;
  };
  const Case cases[] = {
      {OrgKind::kBureau, std::nullopt, true},
      {OrgKind::kBureau, OrgKind::kBureau, false},
      {OrgKind::kAgency, OrgKind::kBureau, true},
      {OrgKind::kAgency, std::nullopt, true},
      {OrgKind::kAgency, OrgKind::kAgency, false},
      {OrgKind::kStation, OrgKind::kAgency, true},
      {OrgKind::kStation, OrgKind::kBureau, false},
      {OrgKind::kStation, std::nullopt, false},
      {OrgKind::kDepartment, OrgKind::kAgency, true},
      {OrgKind::kDepartment, OrgKind::kStation, true},
      {OrgKind::kDepartment, OrgKind::kDepartment, false},
      {OrgKind::kPartner, OrgKind::kBureau, true},
      {OrgKind::kPartner, OrgKind::kAgency, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CheckOrgParent(c.child, c.parent).ok(), c.ok)
        << ToString(c.child) << " under " << (c.parent ? ToString(*c.parent) : "-");
  }
}

TEST(OrgRules, CycleDetection) {
  // 1 <- 2 <- 3 (3's parent is 2, 2's parent is 1)
  std::map<std::int64_t, std::optional<std::int64_t>> parents = {
      {1, std::nullopt}, {2, 1}, {3, 2}, {4, std::nullopt}};
  EXPECT_TRUE(WouldCreateCycle(1, 3, parents));   // 1 under its grandchild
  EXPECT_TRUE(WouldCreateCycle(2, 2, parents));   // under itself
  EXPECT_FALSE(WouldCreateCycle(3, 1, parents));  // move up
  EXPECT_FALSE(WouldCreateCycle(4, 3, parents));  // unrelated subtree
}

TEST(OrgNames, RoundTrip) {
  for (const auto& name : RoleNames()) {
    auto role = ParseRole(name);
    ASSERT_TRUE(role.has_value()) << name;
    EXPECT_EQ(ToString(*role), name);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseOrgKind("").has_value());
}

}  // namespace
}  // namespace jieli::orgs
