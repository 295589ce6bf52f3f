// OrgTree: the reads of the orgs module's tables that other modules make
// (docs/decisions/0008-module-boundaries.md), on the demo city:
//   江城市民政局 (admin, bureau)
//   ├── 江城市阳光社会工作服务中心 (leader, supervisor)
//   │   ├── 水果湖街道社工站 (worker2)
//   │   ├── 个案服务部 (worker)
//   │   └── 社区发展部
//   └── 西山区启航社会工作服务社 (worker_b)
#include "api_fixture.hpp"
#include "modules/orgs/org_tree.hpp"

namespace jieli::test {
namespace {

using orgs::OrgTree;
using orgs::Role;

class OrgTreeApiTest : public ApiTest {
 protected:
  OrgTree Tree() { return OrgTree(app_->db()); }
};

std::set<std::int64_t> AsSet(const std::vector<std::int64_t>& ids) {
  return {ids.begin(), ids.end()};
}

TEST_P(OrgTreeApiTest, AboveWalksToTheRootNearestFirst) {
  auto above = Tree().Above(OrgId("个案服务部"));
  ASSERT_TRUE(above);
  EXPECT_EQ(*above,
            (std::vector<std::int64_t>{OrgId("个案服务部"), OrgId("江城市阳光社会工作服务中心"),
                                       OrgId("江城市民政局")}));
  auto root = Tree().Above(OrgId("江城市民政局"));
  ASSERT_TRUE(root);
  EXPECT_EQ(*root, std::vector<std::int64_t>{OrgId("江城市民政局")});
}

TEST_P(OrgTreeApiTest, AboveStopsOnACycleWrittenIntoTheStore) {
  // The service refuses such a parent; a hand edit must not hang the query.
  const std::int64_t bureau = OrgId("江城市民政局");
  const std::int64_t casework = OrgId("个案服务部");
  ASSERT_TRUE(app_->db().Execute("UPDATE organizations SET parent_id = ? WHERE id = ?",
                                 {casework, bureau}));
  auto above = Tree().Above(casework);
  ASSERT_TRUE(above);
  EXPECT_EQ(above->size(), static_cast<std::size_t>(orgs::kMaxOrgDepth));
  auto below = Tree().Below(casework);
  ASSERT_TRUE(below);
  // The whole tree, each once.
  EXPECT_EQ(below->size(), static_cast<std::size_t>(Count("organizations")));
}

TEST_P(OrgTreeApiTest, BelowTakesTheWholeSubtree) {
  auto below = Tree().Below(OrgId("江城市阳光社会工作服务中心"));
  ASSERT_TRUE(below);
  EXPECT_EQ(AsSet(*below),
            (std::set<std::int64_t>{OrgId("江城市阳光社会工作服务中心"), OrgId("水果湖街道社工站"),
                                    OrgId("个案服务部"), OrgId("社区发展部")}));
  auto leaf = Tree().Below(OrgId("社区发展部"));
  ASSERT_TRUE(leaf);
  EXPECT_EQ(*leaf, std::vector<std::int64_t>{OrgId("社区发展部")});
}

TEST_P(OrgTreeApiTest, RolesAreInheritedFromAboveNotFromBelowOrBeside) {
  const std::int64_t supervisor = UserId("supervisor");
  auto at_department = Tree().RolesAt(supervisor, OrgId("个案服务部"));
  ASSERT_TRUE(at_department);
  EXPECT_EQ(*at_department, std::set<Role>{Role::kSupervisor});
  auto at_bureau = Tree().RolesAt(supervisor, OrgId("江城市民政局"));
  ASSERT_TRUE(at_bureau);
  EXPECT_TRUE(at_bureau->empty());
  auto beside = Tree().RolesAt(UserId("worker"), OrgId("社区发展部"));
  ASSERT_TRUE(beside);
  EXPECT_TRUE(beside->empty());
}

TEST_P(OrgTreeApiTest, AnInactiveUserHoldsNoRole) {
  const std::int64_t worker = UserId("worker");
  ASSERT_TRUE(app_->db().Execute("UPDATE users SET active = 0 WHERE id = ?", {worker}));
  auto roles = Tree().RolesAt(worker, OrgId("个案服务部"));
  ASSERT_TRUE(roles);
  EXPECT_TRUE(roles->empty());
}

TEST_P(OrgTreeApiTest, HoldersAboveAreTheActiveOnesAtOrAbove) {
  auto holders = Tree().HoldersAbove(OrgId("个案服务部"), {Role::kSupervisor, Role::kLeader});
  ASSERT_TRUE(holders);
  std::vector<orgs::RoleHolder> expected = {{UserId("leader"), Role::kLeader},
                                            {UserId("supervisor"), Role::kSupervisor}};
  std::sort(expected.begin(), expected.end(),
            [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
  EXPECT_EQ(*holders, expected);
  // The other agency has its own supervisor (issue 13) and nobody of the first.
  auto elsewhere =
      Tree().HoldersAbove(OrgId("西山区启航社会工作服务社"), {Role::kSupervisor, Role::kLeader});
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(*elsewhere,
            (std::vector<orgs::RoleHolder>{{UserId("supervisor_b"), Role::kSupervisor}}));
}

TEST_P(OrgTreeApiTest, DisplayNamesOfTheUsersThatExist) {
  auto names = Tree().DisplayNames({UserId("worker"), UserId("leader"), 999999});
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (std::map<std::int64_t, std::string>{{UserId("worker"), "王芳"},
                                                         {UserId("leader"), "陈志远"}}));
  auto none = Tree().DisplayNames({});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(OrgTreeApiTest, MembershipScopeReachesEverythingBelowEachMembership) {
  auto scope = Tree().BelowMemberships(UserId("leader"));
  ASSERT_TRUE(scope);
  std::set<std::int64_t> orgs;
  for (const auto& entry : *scope) {
    EXPECT_EQ(entry.root_id, OrgId("江城市阳光社会工作服务中心"));
    orgs.insert(entry.org_id);
  }
  EXPECT_EQ(orgs.size(), 4u);
}

JIELI_INSTANTIATE_API_TEST(OrgTreeApiTest);

}  // namespace
}  // namespace jieli::test
