#include "modules/auth/auth_service.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/password_policy.hpp"
#include "core/totp.hpp"

namespace jieli::auth {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kSecurityPolicyKey = "security_policy";
// Writing last_seen_at on every request would turn every read into a write;
// a minute's precision is plenty for a 30-minute idle timeout.
constexpr EpochMs kTouchInterval = 60 * 1000;

// Verifying against a fixed hash when the user does not exist keeps the
// answer time the same, so user names cannot be probed by timing.
const std::string& DummyHash() {
  static const std::string kHash = [] {
    auto hash = crypto::HashPassword("jieli-dummy-password-Aa1!");
    return hash ? *hash : std::string();
  }();
  return kHash;
}

}  // namespace

Status AuthService::RecordLoginEvent(store::Executor& tx, std::optional<std::int64_t> user_id,
                                     const LoginInput& input, const std::string& action,
                                     const std::string& changes) const {
  audit::AuditEntry entry;
  entry.actor_id = user_id;
  entry.actor_name = input.username;
  entry.action = action;
  entry.entity_type = "user";
  entry.entity_id = user_id ? std::to_string(*user_id) : "";
  entry.changes = changes;
  entry.request_id = input.request_id;
  entry.client_address = input.client_address;
  return audit_.Append(tx, std::move(entry));
}

Result<LoginResult> AuthService::Login(const LoginInput& input) const {
  auto row = db_.QueryOne(
      "SELECT id, password_hash, active, failed_logins, locked_until, totp_enabled, totp_secret "
      "FROM users WHERE username = ?",
      {input.username});
  if (!row) return row.error();
  if (!*row) {
    (void)crypto::VerifyPassword(DummyHash(), input.password);
    return Error(ErrorKind::kUnauthenticated, "auth.invalid_credentials");
  }
  const store::Row& user = **row;
  std::int64_t user_id = user.Int(0);
  EpochMs now = clock_.Now();
  if (auto locked_until = user.OptInt(4); locked_until && *locked_until > now) {
    std::int64_t minutes = (*locked_until - now + 59'999) / 60'000;
    return Error(ErrorKind::kLocked, "auth.locked").WithParam("minutes", std::to_string(minutes));
  }
  bool password_ok = crypto::VerifyPassword(user.Text(1), input.password);
  bool second_factor_ok = true;
  if (password_ok && user.Int(5) != 0) {
    if (input.totp_code.empty()) return Error(ErrorKind::kUnauthenticated, "auth.totp_required");
    auto secret = cipher_.Decrypt(user.Bytes(6));
    second_factor_ok =
        secret && VerifyTotp(*secret, input.totp_code, now / 1000);
  }

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  if (!password_ok || !second_factor_ok) {
    std::int64_t failures = user.Int(3) + 1;
    bool lock = failures >= options_.max_failed_logins;
    auto updated = (*tx)->Execute(
        "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
        {lock ? std::int64_t{0} : failures,
         lock ? store::Value(now + options_.lockout_ms) : store::Null(), user_id});
    if (!updated) return updated.error();
    JIELI_RETURN_IF_ERROR(RecordLoginEvent(**tx, user_id, input,
                                           lock ? "auth.locked" : "auth.login_failed",
                                           Json{{"failures", failures}}.dump()));
    JIELI_RETURN_IF_ERROR((*tx)->Commit());
    if (lock) {
      return Error(ErrorKind::kLocked, "auth.locked")
          .WithParam("minutes", std::to_string(options_.lockout_ms / 60'000));
    }
    return Error(ErrorKind::kUnauthenticated,
                 password_ok ? "auth.totp_invalid" : "auth.invalid_credentials");
  }
  if (user.Int(2) == 0) return Error(ErrorKind::kForbidden, "auth.inactive");

  auto requires_totp = RoleRequiresTotp(user_id);
  if (!requires_totp) return requires_totp.error();
  LoginResult result;
  result.user_id = user_id;
  result.session_token = crypto::RandomToken(32);
  result.csrf_token = crypto::RandomToken(24);
  result.needs_totp_setup = *requires_totp && user.Int(5) == 0;
  auto reset = (*tx)->Execute(
      "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", {user_id});
  if (!reset) return reset.error();
  auto created = (*tx)->Execute(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, "
      "client_address, needs_totp_setup) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {crypto::Sha256Hex(result.session_token), user_id, result.csrf_token, now, now,
       input.client_address, static_cast<std::int64_t>(result.needs_totp_setup ? 1 : 0)});
  if (!created) return created.error();
  JIELI_RETURN_IF_ERROR(RecordLoginEvent(**tx, user_id, input, "auth.login", "{}"));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return result;
}

Status AuthService::Logout(const Actor& actor) const {
  if (actor.via_token || actor.session_id_hash.empty()) return Ok();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto deleted = (*tx)->Execute("DELETE FROM sessions WHERE id_hash = ?", {actor.session_id_hash});
  if (!deleted) return deleted.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.logout", "user",
                                      std::to_string(actor.user_id())));
  return (*tx)->Commit();
}

Result<Actor> AuthService::LoadActor(std::int64_t user_id) const {
  auto user = db_.QueryOne("SELECT username, display_name, active FROM users WHERE id = ?",
                           {user_id});
  if (!user) return user.error();
  if (!*user || (*user)->Int(2) == 0) {
    return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  }
  auto rows = db_.Query("SELECT org_id, role FROM memberships WHERE user_id = ?", {user_id});
  if (!rows) return rows.error();
  std::vector<orgs::Membership> memberships;
  for (const auto& row : *rows) {
    if (auto role = orgs::ParseRole(row.Text(1))) memberships.push_back({row.Int(0), *role});
  }
  return Actor(db_, user_id, (*user)->Text(0), (*user)->Text(1), std::move(memberships));
}

Result<Actor> AuthService::AuthenticateSession(const std::string& session_token,
                                               bool* needs_totp_setup) const {
  if (session_token.empty()) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  std::string id_hash = crypto::Sha256Hex(session_token);
  auto row = db_.QueryOne(
      "SELECT user_id, csrf_token, last_seen_at, needs_totp_setup FROM sessions WHERE id_hash = ?",
      {id_hash});
  if (!row) return row.error();
  if (!*row) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  EpochMs now = clock_.Now();
  EpochMs last_seen = (*row)->Int(2);
  if (now - last_seen > options_.idle_timeout_ms) {
    auto deleted = db_.Execute("DELETE FROM sessions WHERE id_hash = ?", {id_hash});
    if (!deleted) return deleted.error();
    return Error(ErrorKind::kUnauthenticated, "auth.session_expired");
  }
  if (now - last_seen > kTouchInterval) {
    auto touched = db_.Execute("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?",
                               {now, id_hash});
    if (!touched) return touched.error();
  }
  auto actor = LoadActor((*row)->Int(0));
  if (!actor) return actor.error();
  actor->session_id_hash = id_hash;
  actor->csrf_token = (*row)->Text(1);
  if (needs_totp_setup != nullptr) *needs_totp_setup = (*row)->Int(3) != 0;
  return actor;
}

Result<Actor> AuthService::AuthenticateToken(const std::string& token) const {
  if (token.empty()) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  auto row = db_.QueryOne(
      "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
      {crypto::Sha256Hex(token)});
  if (!row) return row.error();
  if (!*row) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  EpochMs now = clock_.Now();
  if (now - (*row)->OptInt(2).value_or(0) > kTouchInterval) {
    auto touched = db_.Execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                               {now, (*row)->Int(0)});
    if (!touched) return touched.error();
  }
  auto actor = LoadActor((*row)->Int(1));
  if (!actor) return actor.error();
  actor->via_token = true;
  actor->token_hash = crypto::Sha256Hex(token);
  return actor;
}

std::string Credential(const Actor& actor) {
  if (actor.via_token) return "t:" + actor.token_hash;
  if (!actor.session_id_hash.empty()) return "s:" + actor.session_id_hash;
  return "";
}

Result<std::set<std::string>> AuthService::LiveCredentials(
    const std::vector<std::string>& credentials) const {
  std::vector<store::Value> sessions, tokens;
  for (const auto& credential : credentials) {
    if (credential.starts_with("s:")) sessions.emplace_back(credential.substr(2));
    if (credential.starts_with("t:")) tokens.emplace_back(credential.substr(2));
  }
  std::set<std::string> live;
  // In slices: a node may hold thousands of streams.
  constexpr std::size_t kSlice = 500;
  auto ask = [&](const std::vector<store::Value>& hashes, const std::string& sql,
                 const std::string& prefix, std::optional<EpochMs> since) -> Status {
    for (std::size_t from = 0; from < hashes.size(); from += kSlice) {
      const std::size_t to = std::min(hashes.size(), from + kSlice);
      std::vector<store::Value> params(hashes.begin() + static_cast<std::ptrdiff_t>(from),
                                       hashes.begin() + static_cast<std::ptrdiff_t>(to));
      if (since) params.emplace_back(*since);
      auto rows = db_.Query(sql + InList(to - from) + (since ? " AND last_seen_at >= ?" : ""),
                            params);
      if (!rows) return rows.error();
      for (const auto& row : *rows) live.insert(prefix + row.Text(0));
    }
    return Ok();
  };
  JIELI_RETURN_IF_ERROR(ask(sessions, "SELECT id_hash FROM sessions WHERE id_hash ", "s:",
                            clock_.Now() - options_.idle_timeout_ms));
  // A token is good while it is not revoked and its user is active.
  JIELI_RETURN_IF_ERROR(ask(tokens,
                            "SELECT t.token_hash FROM api_tokens t JOIN users u ON u.id = t.user_id "
                            "WHERE t.revoked_at IS NULL AND u.active = 1 AND t.token_hash ",
                            "t:", std::nullopt));
  return live;
}

Status AuthService::ChangePassword(const Actor& actor, const std::string& current,
                                   const std::string& replacement) const {
  auto row = db_.QueryOne("SELECT password_hash FROM users WHERE id = ?", {actor.user_id()});
  if (!row) return row.error();
  if (!*row || !crypto::VerifyPassword((*row)->Text(0), current)) {
    return InvalidError("auth.wrong_password")
        .WithDetail({"current_password", "wrong_password"});
  }
  auto issues = CheckPasswordPolicy(replacement, "new_password");
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  auto hash = crypto::HashPassword(replacement);
  if (!hash) return hash.error();
  EpochMs now = clock_.Now();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto updated = (*tx)->Execute(
      "UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
      {*hash, now, now, actor.user_id()});
  if (!updated) return updated.error();
  // Other sessions may belong to whoever learnt the old password.
  auto ended = (*tx)->Execute("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?",
                              {actor.user_id(), actor.session_id_hash});
  if (!ended) return ended.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.password_change", "user",
                                      std::to_string(actor.user_id()),
                                      R"({"password":{"after":"***"}})"));
  return (*tx)->Commit();
}

Result<TotpSetup> AuthService::BeginTotpSetup(const Actor& actor) const {
  auto row = db_.QueryOne("SELECT totp_enabled FROM users WHERE id = ?", {actor.user_id()});
  if (!row) return row.error();
  if (!*row) return NotFoundError("orgs.user_not_found");
  if ((*row)->Int(0) != 0) return ConflictError("auth.totp_already_enabled");
  TotpSetup setup;
  setup.secret = NewTotpSecret();
  setup.uri = TotpUri("接力 Jieli", actor.username(), setup.secret);
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto updated = (*tx)->Execute("UPDATE users SET totp_secret = ? WHERE id = ?",
                                {store::Blob{cipher_.Encrypt(setup.secret)}, actor.user_id()});
  if (!updated) return updated.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.totp_setup", "user",
                                      std::to_string(actor.user_id())));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return setup;
}

Status AuthService::EnableTotp(const Actor& actor, const std::string& code) const {
  JIELI_RETURN_IF_ERROR(CheckTotpCode(actor.user_id(), code, false));
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto updated = (*tx)->Execute("UPDATE users SET totp_enabled = 1 WHERE id = ?",
                                {actor.user_id()});
  if (!updated) return updated.error();
  auto lifted = (*tx)->Execute("UPDATE sessions SET needs_totp_setup = 0 WHERE user_id = ?",
                               {actor.user_id()});
  if (!lifted) return lifted.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.totp_enable", "user",
                                      std::to_string(actor.user_id()),
                                      R"({"totp_enabled":{"before":false,"after":true}})"));
  return (*tx)->Commit();
}

Status AuthService::CheckTotpCode(std::int64_t user_id, const std::string& code,
                                  bool must_be_enabled) const {
  auto row = db_.QueryOne("SELECT totp_secret, totp_enabled FROM users WHERE id = ?", {user_id});
  if (!row) return row.error();
  if (!*row || (*row)->IsNull(0) || (must_be_enabled && (*row)->Int(1) == 0)) {
    return ConflictError("auth.totp_not_started");
  }
  auto secret = cipher_.Decrypt((*row)->Bytes(0));
  if (!secret) return secret.error();
  if (!VerifyTotp(*secret, code, clock_.Now() / 1000)) {
    return InvalidError("auth.totp_invalid").WithDetail({"code", "invalid_format"});
  }
  return Ok();
}

Status AuthService::DisableTotp(const Actor& actor, const std::string& code) const {
  auto requires_totp = RoleRequiresTotp(actor.user_id());
  if (!requires_totp) return requires_totp.error();
  if (*requires_totp) return Error(ErrorKind::kForbidden, "auth.totp_setup_required");
  JIELI_RETURN_IF_ERROR(CheckTotpCode(actor.user_id(), code, true));
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto updated = (*tx)->Execute(
      "UPDATE users SET totp_enabled = 0, totp_secret = NULL WHERE id = ?", {actor.user_id()});
  if (!updated) return updated.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.totp_disable", "user",
                                      std::to_string(actor.user_id()),
                                      R"({"totp_enabled":{"before":true,"after":false}})"));
  return (*tx)->Commit();
}

Result<IssuedToken> AuthService::CreateToken(const std::string& username,
                                             const std::string& name) const {
  auto user = db_.QueryOne("SELECT id FROM users WHERE username = ? AND active = 1", {username});
  if (!user) return user.error();
  if (!*user) return NotFoundError("orgs.user_not_found");
  std::int64_t user_id = (*user)->Int(0);
  IssuedToken issued;
  issued.token = "jl_" + crypto::RandomToken(32);
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto inserted = (*tx)->QueryOne(
      "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) "
      "RETURNING id",
      {user_id, name, crypto::Sha256Hex(issued.token), clock_.Now()});
  if (!inserted) return inserted.error();
  issued.id = (*inserted)->Int(0);
  Actor system = Actor::System(db_);
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, system, std::nullopt, "auth.token_create", "api_token",
                                      std::to_string(issued.id),
                                      Json{{"user", {{"after", username}}},
                                           {"name", {{"after", name}}}}
                                          .dump()));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return issued;
}

Result<std::vector<TokenInfo>> AuthService::ListTokens(const Actor& actor) const {
  auto rows = db_.Query(
      "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? "
      "ORDER BY id",
      {actor.user_id()});
  if (!rows) return rows.error();
  std::vector<TokenInfo> tokens;
  for (const auto& row : *rows) {
    tokens.push_back({row.Int(0), row.Text(1), row.Int(2), row.OptInt(3), row.OptInt(4)});
  }
  return tokens;
}

Status AuthService::RevokeToken(const Actor& actor, std::int64_t token_id) const {
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto revoked = (*tx)->Execute(
      "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
      {clock_.Now(), token_id, actor.user_id()});
  if (!revoked) return revoked.error();
  if (*revoked == 0) return NotFoundError("auth.token_not_found");
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.token_revoke", "api_token",
                                      std::to_string(token_id)));
  return (*tx)->Commit();
}

Result<std::int64_t> AuthService::RevokeTokenById(std::int64_t token_id) const {
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto revoked = (*tx)->QueryOne(
      "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING user_id",
      {clock_.Now(), token_id});
  if (!revoked) return revoked.error();
  if (!*revoked) return NotFoundError("auth.token_not_found");
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, Actor::System(db_), std::nullopt, "auth.token_revoke",
                                      "api_token", std::to_string(token_id)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return (*revoked)->Int(0);
}

Result<SecurityPolicy> AuthService::GetPolicy() const {
  auto row = db_.QueryOne("SELECT value FROM settings WHERE key = ?",
                          {std::string(kSecurityPolicyKey)});
  if (!row) return row.error();
  SecurityPolicy policy;
  if (!*row) return policy;
  Json json = Json::parse((*row)->Text(0), nullptr, false);
  if (json.is_object() && json.contains("totp_required_roles") &&
      json["totp_required_roles"].is_array()) {
    for (const auto& name : json["totp_required_roles"]) {
      if (!name.is_string()) continue;
      if (auto role = orgs::ParseRole(name.get<std::string>())) {
        policy.totp_required_roles.insert(*role);
      }
    }
  }
  return policy;
}

Status AuthService::SetPolicy(const Actor& actor, const SecurityPolicy& policy) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kSettingsManage));
  auto before = GetPolicy();
  if (!before) return before.error();
  auto roles_json = [](const SecurityPolicy& p) {
    Json roles = Json::array();
    for (auto role : p.totp_required_roles) roles.push_back(orgs::ToString(role));
    return roles;
  };
  Json value = {{"totp_required_roles", roles_json(policy)}};
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto saved = (*tx)->Execute(
      "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      {std::string(kSecurityPolicyKey), value.dump(), clock_.Now()});
  if (!saved) return saved.error();
  Json changes = {{"totp_required_roles", {{"before", roles_json(*before)},
                                           {"after", roles_json(policy)}}}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "settings.security", "settings",
                                      std::string(kSecurityPolicyKey), changes.dump()));
  return (*tx)->Commit();
}

Result<bool> AuthService::RoleRequiresTotp(std::int64_t user_id) const {
  auto policy = GetPolicy();
  if (!policy) return policy.error();
  if (policy->totp_required_roles.empty()) return false;
  auto rows = db_.Query("SELECT role FROM memberships WHERE user_id = ?", {user_id});
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    auto role = orgs::ParseRole(row.Text(0));
    if (role && policy->totp_required_roles.contains(*role)) return true;
  }
  return false;
}

}  // namespace jieli::auth
