// Actor: who is making a request, how they proved it, and what they may reach.
//
// An Actor is built by the auth service for one request. Its organisation scope
// (the organisations the user belongs to and every one below them, with the
// roles that apply there) is loaded lazily on first use, once per request.
// Services take `const Actor&` and check it before every read and write: a
// target outside the scope is reported as not found, inside the scope but
// without a granting role as forbidden.
// Not thread-safe: one request, one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/messages.hpp"
#include "core/result.hpp"
#include "modules/auth/permission.hpp"
#include "modules/orgs/org.hpp"
#include "store/db.hpp"

namespace jieli::auth {

class Actor {
 public:
  // A signed-in user. db is used to load the scope and must outlive the Actor.
  Actor(store::Db& db, std::int64_t user_id, std::string username, std::string display_name,
        std::vector<orgs::Membership> memberships);
  // The system itself (CLI commands, demo data): every permission on every
  // organisation that exists.
  static Actor System(store::Db& db);

  std::int64_t user_id() const { return user_id_; }
  const std::string& username() const { return username_; }
  const std::string& display_name() const { return display_name_; }
  const std::vector<orgs::Membership>& memberships() const { return memberships_; }
  bool is_system() const { return is_system_; }

  // Request facts for the audit log.
  std::string request_id;
  std::string client_address;
  Lang lang = Lang::kZh;
  // How the actor authenticated: a browser session (CSRF applies) or a token.
  bool via_token = false;
  std::string session_id_hash;
  std::string token_hash;  // via_token: the SHA-256 of the bearer token
  std::string csrf_token;

  // Ok when permission is granted on org_id. Errors: NotFoundError(not_found_code)
  // when the organisation is outside the scope, "auth.forbidden" otherwise.
  Status Require(Permission permission, std::int64_t org_id,
                 const std::string& not_found_code = "orgs.not_found") const;
  // Ok when permission is granted on at least one organisation in scope;
  // else NotHeldAnywhereError, in the actor's language.
  Status RequireAnywhere(Permission permission) const;
  bool CanSee(std::int64_t org_id) const;
  bool Can(Permission permission, std::int64_t org_id) const;
  // The organisations in scope where permission is granted (for list filters).
  Result<std::vector<std::int64_t>> OrgsWhere(Permission permission) const;
  // Every organisation in scope.
  Result<std::set<std::int64_t>> VisibleOrgs() const;
  // The permissions held anywhere, for the UI menu.
  std::vector<Permission> PermissionsAnywhere() const;

 private:
  Status LoadScope() const;
  bool HoldsAnywhere(Permission permission) const;

  store::Db* db_;
  std::int64_t user_id_ = 0;
  std::string username_;
  std::string display_name_;
  std::vector<orgs::Membership> memberships_;
  bool is_system_ = false;
  // org id -> roles that apply there (inherited from memberships above it).
  mutable std::optional<std::map<std::int64_t, std::set<orgs::Role>>> scope_;
  mutable std::optional<Error> scope_error_;
};

// "IN (?, ?, …)" text for n values; n == 0 gives "IN (NULL)", which matches nothing.
std::string InList(std::size_t n);

}  // namespace jieli::auth
