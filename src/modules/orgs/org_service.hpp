// OrgService: regions, organisations and users, with every read and write
// checked against the caller's scope and permissions, and every change written
// to the audit log in the same transaction.
//
// Errors: "orgs.not_found" / "orgs.user_not_found" / "orgs.region_not_found"
// (also for targets outside the caller's scope), "auth.forbidden",
// "validation.failed" with field issues, "orgs.username_taken", "orgs.parent_kind",
// "orgs.parent_cycle", "orgs.region_level", store errors.
// Thread-safe: holds references only; each call uses its own transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/orgs/org.hpp"
#include "store/db.hpp"

namespace jieli::orgs {

struct RegionInput {
  std::optional<std::int64_t> parent_id;
  RegionLevel level = RegionLevel::kCity;
  std::string code;
  std::string name;
};

struct OrgInput {
  std::optional<std::int64_t> parent_id;
  OrgKind kind = OrgKind::kAgency;
  std::string agency_type;
  std::string name;
  std::optional<std::int64_t> region_id;
  std::string contact_phone;
  std::string address;
};

// A partial update: only the fields present change.
struct OrgPatch {
  std::optional<std::string> name;
  std::optional<std::string> agency_type;
  std::optional<std::optional<std::int64_t>> region_id;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> contact_phone;
  std::optional<std::string> address;
  std::optional<bool> active;
};

struct OrgFilter {
  std::optional<OrgKind> kind;
  std::optional<std::int64_t> parent_id;
  std::optional<bool> active;
  std::string text;           // substring of the name
  std::string sort = "name";  // name | -name | created_at | -created_at | id
};

struct UserInput {
  std::string username;
  std::string display_name;
  std::string password;  // already checked against the password policy
  std::vector<Membership> memberships;
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::vector<Membership>> memberships;
  std::optional<bool> active;
};

struct UserFilter {
  std::optional<std::int64_t> org_id;
  bool below = false;  // org_id and the organisations below it (a department's staff)
  std::optional<Role> role;
  std::optional<bool> active;
  std::string text;  // substring of user name or display name
  std::string sort =
      "username";  // username | -username | display_name | -display_name | created_at | -created_at
};

class OrgService {
 public:
  OrgService(store::Db& db, const Clock& clock, const audit::AuditLog& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  // Regions are shared reference data: every signed-in user may read them.
  Result<std::vector<Region>> ListRegions(const auth::Actor& actor) const;
  Result<Region> CreateRegion(const auth::Actor& actor, const RegionInput& input) const;
  Result<Region> RenameRegion(const auth::Actor& actor, std::int64_t id, const std::string& name,
                              const std::string& code) const;

  Result<Page<Organization>> ListOrgs(const auth::Actor& actor, const OrgFilter& filter,
                                      std::int64_t offset, std::int64_t limit) const;
  Result<Organization> GetOrg(const auth::Actor& actor, std::int64_t id) const;
  // A root organisation (no parent) may only be created by the system actor.
  Result<Organization> CreateOrg(const auth::Actor& actor, const OrgInput& input) const;
  Result<Organization> UpdateOrg(const auth::Actor& actor, std::int64_t id,
                                 const OrgPatch& patch) const;

  Result<Page<User>> ListUsers(const auth::Actor& actor, const UserFilter& filter,
                               std::int64_t offset, std::int64_t limit) const;
  // The user with the roles they hold in the caller's scope only: a user of
  // two agencies shows each agency its own role, never the other agency.
  Result<User> GetUser(const auth::Actor& actor, std::int64_t id) const;
  // Needs users.manage on every organisation named in the memberships.
  Result<User> CreateUser(const auth::Actor& actor, const UserInput& input) const;
  // Returns the user as GetUser shows them.
  Result<User> UpdateUser(const auth::Actor& actor, std::int64_t id, const UserPatch& patch) const;
  // Sets a new password, lifts the user's lock-outs from every address, ends
  // their sessions and revokes their API tokens. Errors: "orgs.user_not_found",
  // "auth.forbidden", "validation.failed" (password policy, field new_password).
  Status ResetPassword(const auth::Actor& actor, std::int64_t id,
                       const std::string& new_password) const;

  // Looks a user up by name, unscoped (CLI and sign-in).
  Result<std::optional<User>> FindUserByName(const std::string& username) const;

 private:
  Result<std::optional<Organization>> LoadOrg(store::Executor& db, std::int64_t id) const;
  Result<std::optional<User>> LoadUser(store::Executor& db, std::int64_t id) const;
  Result<std::vector<Membership>> LoadMemberships(store::Executor& db, std::int64_t user_id) const;
  // Users.manage over a user: on at least one of their memberships (or, for a
  // user without memberships, anywhere).
  Status RequireUserManage(const auth::Actor& actor, const User& user) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
};

}  // namespace jieli::orgs
