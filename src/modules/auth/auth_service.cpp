#include "modules/auth/auth_service.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/json.hpp"
#include "core/password_policy.hpp"
#include "core/totp.hpp"
#include "modules/auth/auth_sql.hpp"
#include "modules/auth/credentials.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/orgs/user_accounts.hpp"

namespace jieli::auth {
namespace {

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

// Ends the session or revokes the token the actor is using.
Status EndActorCredential(store::Executor& tx, const Actor& actor, EpochMs now) {
  Result<std::int64_t> ended = std::int64_t{0};
  if (actor.via_token) {
    ended = tx.Execute(kTokenRevokeByHashSql, {now, actor.token_hash});
  } else if (!actor.session_id_hash.empty()) {
    ended = tx.Execute(kSessionDeleteSql, {actor.session_id_hash});
  }
  if (!ended) return ended.error();
  return Ok();
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

Error AuthService::InvalidCredentials() const {
  return Error(ErrorKind::kUnauthenticated, "auth.invalid_credentials")
      .WithParam("max", std::to_string(options_.max_failed_logins))
      .WithParam("minutes", std::to_string(options_.lockout_ms / 60'000));
}

Error AuthService::LockedError(std::int64_t minutes) const {
  return Error(ErrorKind::kLocked, "auth.locked").WithParam("minutes", std::to_string(minutes));
}

Result<std::optional<std::int64_t>> AuthService::LockedMinutes(std::int64_t user_id,
                                                               const std::string& address) const {
  auto row = db_.QueryOne(kLockedUntilSql, {user_id, address});
  if (!row) return row.error();
  EpochMs now = clock_.Now();
  if (!*row) return std::optional<std::int64_t>();
  auto locked_until = (*row)->OptInt(0);
  if (!locked_until || *locked_until <= now) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*locked_until - now + 59'999) / 60'000);
}

Result<AuthService::FailureCount> AuthService::CountFailure(store::Executor& tx,
                                                            std::int64_t user_id,
                                                            const std::string& address) const {
  EpochMs now = clock_.Now();
  // One statement, so that failures arriving together are all counted.
  auto counted = tx.QueryOne(kLoginFailureCountSql, {user_id, address, now});
  if (!counted) return counted.error();
  FailureCount count;
  count.failures = *counted ? (*counted)->Int(0) : 1;
  if (count.failures < options_.max_failed_logins) return count;
  count.locked = true;
  EpochMs until = now + options_.lockout_ms;
  auto locked = tx.Execute(kLoginFailureLockSql, {until, user_id, address});
  if (!locked) return locked.error();
  JIELI_RETURN_IF_ERROR(orgs::UserAccounts(tx).ShowLockedUntil(user_id, until));
  return count;
}

Status AuthService::ClearFailures(store::Executor& tx, std::int64_t user_id,
                                  const std::string& address) const {
  auto cleared = tx.Execute(kLoginFailuresClearSql, {user_id, address});
  if (!cleared) return cleared.error();
  return Ok();
}

Result<LoginResult> AuthService::Login(const LoginInput& input) const {
  JIELI_ASSIGN_OR_RETURN(auto found, orgs::UserAccounts(db_).FindByName(input.username));
  if (!found) {
    (void)crypto::VerifyPassword(DummyHash(), input.password);
    return InvalidCredentials();
  }
  const orgs::SignInFacts& user = *found;
  std::int64_t user_id = user.id;
  bool totp_enabled = user.totp_enabled;
  EpochMs now = clock_.Now();
  // Locked out from this address: the same answer as a wrong password, in the
  // same time, whatever the password.
  auto locked = LockedMinutes(user_id, input.client_address);
  if (!locked) return locked.error();
  if (*locked) {
    (void)crypto::VerifyPassword(DummyHash(), input.password);
    return InvalidCredentials();
  }
  bool password_ok = crypto::VerifyPassword(user.password_hash, input.password);
  bool second_factor_ok = true;
  std::int64_t totp_step = -1;  // the step of an acceptable code
  if (password_ok && totp_enabled) {
    if (input.totp_code.empty()) return Error(ErrorKind::kUnauthenticated, "auth.totp_required");
    auto secret = cipher_.Decrypt(user.totp_secret.value_or(""));
    auto step = secret ? FindTotpStep(*secret, input.totp_code, now / 1000) : std::nullopt;
    // A code of the last step used, or of an earlier one, is a replay.
    if (step && (!user.totp_last_step || *step > *user.totp_last_step)) totp_step = *step;
    second_factor_ok = totp_step >= 0;
  }

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  if (totp_step >= 0) {
    // Of two sign-ins with the same code at once, one gets it.
    auto claimed = ClaimTotpStep(**tx, user_id, totp_step);
    if (!claimed) return claimed.error();
    second_factor_ok = *claimed;
  }
  if (!password_ok || !second_factor_ok) {
    auto count = CountFailure(**tx, user_id, input.client_address);
    if (!count) return count.error();
    JIELI_RETURN_IF_ERROR(RecordLoginEvent(**tx, user_id, input,
                                           count->locked ? "auth.locked" : "auth.login_failed",
                                           Json{{"failures", count->failures}}.dump()));
    JIELI_RETURN_IF_ERROR((*tx)->Commit());
    if (password_ok) return Error(ErrorKind::kUnauthenticated, "auth.totp_invalid");
    return InvalidCredentials();
  }
  if (!user.active) return Error(ErrorKind::kForbidden, "auth.inactive");

  auto requires_totp = RoleRequiresTotp(user_id);
  if (!requires_totp) return requires_totp.error();
  LoginResult result;
  result.user_id = user_id;
  result.session_token = crypto::RandomToken(32);
  result.csrf_token = crypto::RandomToken(24);
  result.needs_totp_setup = *requires_totp && !totp_enabled;
  JIELI_RETURN_IF_ERROR(ClearFailures(**tx, user_id, input.client_address));
  auto created = (*tx)->Execute(
      kSessionInsertSql,
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
  auto deleted = (*tx)->Execute(kSessionDeleteSql, {actor.session_id_hash});
  if (!deleted) return deleted.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.logout", "user",
                                      std::to_string(actor.user_id())));
  return (*tx)->Commit();
}

Result<Actor> AuthService::LoadActor(std::int64_t user_id) const {
  JIELI_ASSIGN_OR_RETURN(auto user, orgs::UserAccounts(db_).Name(user_id));
  if (!user || !user->active) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  JIELI_ASSIGN_OR_RETURN(auto memberships, orgs::OrgTree(db_).Memberships(user_id));
  return Actor(db_, user_id, user->username, user->display_name, std::move(memberships));
}

Result<Actor> AuthService::AuthenticateSession(const std::string& session_token,
                                               bool* needs_totp_setup) const {
  if (session_token.empty()) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  std::string id_hash = crypto::Sha256Hex(session_token);
  auto row = db_.QueryOne(kSessionByHashSql, {id_hash});
  if (!row) return row.error();
  if (!*row) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  EpochMs now = clock_.Now();
  EpochMs last_seen = (*row)->Int(2);
  if (now - last_seen > options_.idle_timeout_ms ||
      now - (*row)->Int(4) > options_.session_lifetime_ms) {
    auto deleted = db_.Execute(kSessionDeleteSql, {id_hash});
    if (!deleted) return deleted.error();
    return Error(ErrorKind::kUnauthenticated, "auth.session_expired");
  }
  if (now - last_seen > kTouchInterval) {
    auto touched = db_.Execute(kSessionTouchSql, {now, id_hash});
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
  auto row = db_.QueryOne(kTokenByHashSql, {crypto::Sha256Hex(token)});
  if (!row) return row.error();
  if (!*row) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  EpochMs now = clock_.Now();
  if (now - (*row)->OptInt(2).value_or(0) > kTouchInterval) {
    auto touched = db_.Execute(kTokenTouchSql, {now, (*row)->Int(0)});
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
  // sql ends where the IN list goes; condition and its params follow it.
  // Each row found goes to on_row.
  auto ask = [&](const std::vector<store::Value>& hashes, const std::string& sql,
                 const std::string& condition, const std::vector<store::Value>& condition_params,
                 const std::function<void(const store::Row&)>& on_row) -> Status {
    for (std::size_t from = 0; from < hashes.size(); from += kSlice) {
      const std::size_t to = std::min(hashes.size(), from + kSlice);
      std::vector<store::Value> params(hashes.begin() + static_cast<std::ptrdiff_t>(from),
                                       hashes.begin() + static_cast<std::ptrdiff_t>(to));
      params.insert(params.end(), condition_params.begin(), condition_params.end());
      auto rows = db_.Query(sql + InList(to - from) + condition, params);
      if (!rows) return rows.error();
      for (const auto& row : *rows) on_row(row);
    }
    return Ok();
  };
  const EpochMs now = clock_.Now();
  JIELI_RETURN_IF_ERROR(ask(sessions, kLiveSessionsInSql, kLiveSessionsCondition,
                            {now - options_.idle_timeout_ms, now - options_.session_lifetime_ms},
                            [&](const store::Row& row) { live.insert("s:" + row.Text(0)); }));
  // A token is good while it is not revoked and its user is active.
  std::vector<std::pair<std::string, std::int64_t>> unrevoked;  // hash, user
  std::set<std::int64_t> owners;
  JIELI_RETURN_IF_ERROR(ask(tokens, kUnrevokedTokensInSql, "", {}, [&](const store::Row& row) {
    unrevoked.emplace_back(row.Text(0), row.Int(1));
    owners.insert(row.Int(1));
  }));
  JIELI_ASSIGN_OR_RETURN(auto active, orgs::UserAccounts(db_).ActiveAmong(owners));
  for (const auto& [hash, user] : unrevoked) {
    if (active.contains(user)) live.insert("t:" + hash);
  }
  return live;
}

Status AuthService::RefuseWhileLocked(const Actor& actor) const {
  auto minutes = LockedMinutes(actor.user_id(), actor.client_address);
  if (!minutes) return minutes.error();
  if (!*minutes) return Ok();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  JIELI_RETURN_IF_ERROR(EndActorCredential(**tx, actor, clock_.Now()));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return LockedError(**minutes);
}

Status AuthService::FailCheck(store::Transaction& tx, const Actor& actor, const std::string& during,
                              Error refusal) const {
  auto count = CountFailure(tx, actor.user_id(), actor.client_address);
  if (!count) return count.error();
  JIELI_RETURN_IF_ERROR(
      audit_.Record(tx, actor, std::nullopt, count->locked ? "auth.locked" : "auth.login_failed",
                    "user", std::to_string(actor.user_id()),
                    Json{{"failures", count->failures}, {"during", during}}.dump()));
  // Whoever holds this session may be guessing: it ends with the lock-out.
  if (count->locked) JIELI_RETURN_IF_ERROR(EndActorCredential(tx, actor, clock_.Now()));
  JIELI_RETURN_IF_ERROR(tx.Commit());
  if (count->locked) return LockedError(options_.lockout_ms / 60'000);
  return refusal;
}

Status AuthService::ChangePassword(const Actor& actor, const std::string& current,
                                   const std::string& replacement) const {
  JIELI_RETURN_IF_ERROR(RefuseWhileLocked(actor));
  JIELI_ASSIGN_OR_RETURN(auto user, orgs::UserAccounts(db_).Find(actor.user_id()));
  if (!user) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  if (!crypto::VerifyPassword(user->password_hash, current)) {
    auto tx = db_.Begin();
    if (!tx) return tx.error();
    return FailCheck(
        **tx, actor, "password_change",
        InvalidError("auth.wrong_password").WithDetail({"current_password", "wrong_password"}));
  }
  auto issues = CheckPasswordPolicy(replacement, "new_password", actor.username());
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  auto hash = crypto::HashPassword(replacement);
  if (!hash) return hash.error();
  EpochMs now = clock_.Now();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  JIELI_RETURN_IF_ERROR(orgs::UserAccounts(**tx).SetPasswordHash(actor.user_id(), *hash, now));
  // Other sessions and every token may belong to whoever learnt the old password.
  auto revoked = EndUserCredentials(**tx, actor.user_id(), now, actor.session_id_hash);
  if (!revoked) return revoked.error();
  JIELI_RETURN_IF_ERROR(ClearFailures(**tx, actor.user_id(), actor.client_address));
  Json changes = {{"password", {{"after", "***"}}}};
  if (*revoked > 0) changes["api_tokens_revoked"] = {{"after", *revoked}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.password_change", "user",
                                      std::to_string(actor.user_id()), changes.dump()));
  return (*tx)->Commit();
}

Result<TotpSetup> AuthService::BeginTotpSetup(const Actor& actor) const {
  JIELI_ASSIGN_OR_RETURN(auto user, orgs::UserAccounts(db_).Find(actor.user_id()));
  if (!user) return NotFoundError("orgs.user_not_found");
  if (user->totp_enabled) return ConflictError("auth.totp_already_enabled");
  TotpSetup setup;
  setup.secret = NewTotpSecret();
  setup.uri = TotpUri("接力 Jieli", actor.username(), setup.secret);
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  JIELI_RETURN_IF_ERROR(
      orgs::UserAccounts(**tx).SetTotpSecret(actor.user_id(), cipher_.Encrypt(setup.secret)));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.totp_setup", "user",
                                      std::to_string(actor.user_id())));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return setup;
}

Status AuthService::EnableTotp(const Actor& actor, const std::string& code) const {
  auto step = CheckTotpCode(actor.user_id(), code, false);
  if (!step) return step.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto claimed = ClaimTotpStep(**tx, actor.user_id(), *step);
  if (!claimed) return claimed.error();
  if (!*claimed) return InvalidError("auth.totp_invalid").WithDetail({"code", "invalid_format"});
  JIELI_RETURN_IF_ERROR(orgs::UserAccounts(**tx).EnableTotp(actor.user_id()));
  auto lifted = (*tx)->Execute(kSessionsTotpSetupDoneSql, {actor.user_id()});
  if (!lifted) return lifted.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.totp_enable", "user",
                                      std::to_string(actor.user_id()),
                                      R"({"totp_enabled":{"before":false,"after":true}})"));
  return (*tx)->Commit();
}

Result<std::int64_t> AuthService::CheckTotpCode(std::int64_t user_id, const std::string& code,
                                                bool must_be_enabled) const {
  JIELI_ASSIGN_OR_RETURN(auto user, orgs::UserAccounts(db_).Find(user_id));
  if (!user || !user->totp_secret || (must_be_enabled && !user->totp_enabled)) {
    return ConflictError("auth.totp_not_started");
  }
  auto secret = cipher_.Decrypt(*user->totp_secret);
  if (!secret) return secret.error();
  auto step = FindTotpStep(*secret, code, clock_.Now() / 1000);
  auto last_step = user->totp_last_step;
  if (!step || (last_step && *step <= *last_step)) {
    return InvalidError("auth.totp_invalid").WithDetail({"code", "invalid_format"});
  }
  return *step;
}

Result<bool> AuthService::ClaimTotpStep(store::Executor& tx, std::int64_t user_id,
                                        std::int64_t step) const {
  return orgs::UserAccounts(tx).ClaimTotpStep(user_id, step);
}

Status AuthService::DisableTotp(const Actor& actor, const std::string& code) const {
  auto requires_totp = RoleRequiresTotp(actor.user_id());
  if (!requires_totp) return requires_totp.error();
  if (*requires_totp) return Error(ErrorKind::kForbidden, "auth.totp_setup_required");
  JIELI_RETURN_IF_ERROR(RefuseWhileLocked(actor));
  auto step = CheckTotpCode(actor.user_id(), code, true);
  if (!step && step.error().code() != "auth.totp_invalid") return step.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  bool accepted = false;
  if (step) {
    auto claimed = ClaimTotpStep(**tx, actor.user_id(), *step);
    if (!claimed) return claimed.error();
    accepted = *claimed;
  }
  if (!accepted) {
    return FailCheck(**tx, actor, "totp_disable",
                     InvalidError("auth.totp_invalid").WithDetail({"code", "invalid_format"}));
  }
  // totp_last_step stays: a code seen here must not work if TOTP is turned on again.
  JIELI_RETURN_IF_ERROR(orgs::UserAccounts(**tx).DisableTotp(actor.user_id()));
  JIELI_RETURN_IF_ERROR(ClearFailures(**tx, actor.user_id(), actor.client_address));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.totp_disable", "user",
                                      std::to_string(actor.user_id()),
                                      R"({"totp_enabled":{"before":true,"after":false}})"));
  return (*tx)->Commit();
}

Result<IssuedToken> AuthService::CreateToken(const std::string& username,
                                             const std::string& name) const {
  JIELI_ASSIGN_OR_RETURN(std::int64_t user_id, orgs::UserAccounts(db_).ActiveIdNamed(username));
  if (user_id == 0) return NotFoundError("orgs.user_not_found");
  IssuedToken issued;
  issued.token = "jl_" + crypto::RandomToken(32);
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto inserted = (*tx)->QueryOne(kTokenInsertSql,
                                  {user_id, name, crypto::Sha256Hex(issued.token), clock_.Now()});
  if (!inserted) return inserted.error();
  issued.id = (*inserted)->Int(0);
  Actor system = Actor::System(db_);
  JIELI_RETURN_IF_ERROR(audit_.Record(
      **tx, system, std::nullopt, "auth.token_create", "api_token", std::to_string(issued.id),
      Json{{"user", {{"after", username}}}, {"name", {{"after", name}}}}.dump()));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return issued;
}

Result<std::vector<TokenInfo>> AuthService::ListTokens(const Actor& actor) const {
  auto rows = db_.Query(kTokensOfUserSql, {actor.user_id()});
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
  auto revoked = (*tx)->Execute(kTokenRevokeOwnSql, {clock_.Now(), token_id, actor.user_id()});
  if (!revoked) return revoked.error();
  if (*revoked == 0) return NotFoundError("auth.token_not_found");
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "auth.token_revoke", "api_token",
                                      std::to_string(token_id)));
  return (*tx)->Commit();
}

Result<std::int64_t> AuthService::RevokeTokenById(std::int64_t token_id) const {
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto revoked = (*tx)->QueryOne(kTokenRevokeByIdSql, {clock_.Now(), token_id});
  if (!revoked) return revoked.error();
  if (!*revoked) return NotFoundError("auth.token_not_found");
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, Actor::System(db_), std::nullopt, "auth.token_revoke",
                                      "api_token", std::to_string(token_id)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return (*revoked)->Int(0);
}

Result<SecurityPolicy> AuthService::GetPolicy() const {
  auto row = db_.QueryOne(kSettingValueSql, {std::string(kSecurityPolicyKey)});
  if (!row) return row.error();
  SecurityPolicy policy;
  if (!*row) return policy;  // never set: no role needs a second factor
  // A policy that cannot be read must not read as "no second factor required".
  JIELI_ASSIGN_OR_RETURN(Json json, ParseStoredJson((*row)->Text(0), kSecurityPolicyKey));
  auto roles = json.is_object() ? json.find("totp_required_roles") : json.end();
  if (roles == json.end() || !roles->is_array()) return CorruptStoreError(kSecurityPolicyKey);
  for (const auto& name : *roles) {
    auto role = name.is_string() ? orgs::ParseRole(name.get<std::string>()) : std::nullopt;
    if (!role) return CorruptStoreError(kSecurityPolicyKey);
    policy.totp_required_roles.insert(*role);
  }
  return policy;
}

Result<SecurityPolicy> AuthService::GetPolicy(const Actor& actor) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kSettingsManage));
  return GetPolicy();
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
  auto saved = (*tx)->Execute(kSettingUpsertSql,
                              {std::string(kSecurityPolicyKey), value.dump(), clock_.Now()});
  if (!saved) return saved.error();
  Json changes = {
      {"totp_required_roles", {{"before", roles_json(*before)}, {"after", roles_json(policy)}}}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "settings.security", "settings",
                                      std::string(kSecurityPolicyKey), changes.dump()));
  return (*tx)->Commit();
}

Result<bool> AuthService::RoleRequiresTotp(std::int64_t user_id) const {
  auto policy = GetPolicy();
  if (!policy) return policy.error();
  if (policy->totp_required_roles.empty()) return false;
  JIELI_ASSIGN_OR_RETURN(auto memberships, orgs::OrgTree(db_).Memberships(user_id));
  return std::any_of(memberships.begin(), memberships.end(), [&](const orgs::Membership& m) {
    return policy->totp_required_roles.contains(m.role);
  });
}

Result<std::int64_t> AuthService::RemoveExpired(store::Transaction& tx) const {
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(std::int64_t sessions, tx.Execute(kExpiredSessionsDeleteSql,
                                                           {now - options_.idle_timeout_ms,
                                                            now - options_.session_lifetime_ms}));
  JIELI_ASSIGN_OR_RETURN(std::int64_t lockouts, tx.Execute(kSpentLockoutsDeleteSql, {now}));
  return sessions + lockouts;
}

}  // namespace jieli::auth
