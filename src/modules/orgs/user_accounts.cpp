#include "modules/orgs/user_accounts.hpp"

#include <vector>

#include "modules/auth/actor.hpp"
#include "modules/orgs/orgs_sql.hpp"

namespace jieli::orgs {
namespace {

Result<std::optional<SignInFacts>> SignIn(store::Executor& db, std::string_view sql,
                                          const store::Value& key) {
  JIELI_ASSIGN_OR_RETURN(auto row, db.QueryOne(sql, {key}));
  if (!row) return std::optional<SignInFacts>();
  SignInFacts facts;
  facts.id = row->Int(0);
  facts.password_hash = row->Text(1);
  facts.active = row->Int(2) != 0;
  facts.totp_enabled = row->Int(3) != 0;
  if (!row->IsNull(4)) facts.totp_secret = row->Bytes(4);
  facts.totp_last_step = row->OptInt(5);
  return std::optional<SignInFacts>(std::move(facts));
}

Status Changed(Result<std::int64_t> changed) {
  if (!changed) return std::move(changed).error();
  return Ok();
}

}  // namespace

Result<std::optional<SignInFacts>> UserAccounts::FindByName(const std::string& username) const {
  return SignIn(db_, kSignInByNameSql, username);
}

Result<std::optional<SignInFacts>> UserAccounts::Find(std::int64_t user_id) const {
  return SignIn(db_, kSignInByIdSql, user_id);
}

Result<std::optional<AccountName>> UserAccounts::Name(std::int64_t user_id) const {
  JIELI_ASSIGN_OR_RETURN(auto row, db_.QueryOne(kAccountNameSql, {user_id}));
  if (!row) return std::optional<AccountName>();
  return std::optional<AccountName>(AccountName{row->Text(0), row->Text(1), row->Int(2) != 0});
}

Result<std::int64_t> UserAccounts::ActiveIdNamed(const std::string& username) const {
  JIELI_ASSIGN_OR_RETURN(auto row, db_.QueryOne(kActiveUserIdByNameSql, {username}));
  return row ? row->Int(0) : std::int64_t{0};
}

Result<std::set<std::int64_t>> UserAccounts::ActiveAmong(const std::set<std::int64_t>& ids) const {
  std::set<std::int64_t> active;
  if (ids.empty()) return active;
  std::vector<store::Value> params(ids.begin(), ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db_.Query(std::string(kActiveUsersAmongSql) + auth::InList(ids.size()), params));
  for (const auto& row : rows) active.insert(row.Int(0));
  return active;
}

Status UserAccounts::ShowLockedUntil(std::int64_t user_id, EpochMs until) const {
  return Changed(db_.Execute(kShowLockedUntilSql, {until, user_id}));
}

Status UserAccounts::SetPasswordHash(std::int64_t user_id, const std::string& hash,
                                     EpochMs now) const {
  return Changed(db_.Execute(kSetPasswordHashSql, {hash, now, now, user_id}));
}

Status UserAccounts::SetTotpSecret(std::int64_t user_id,
                                   const std::string& encrypted_secret) const {
  return Changed(db_.Execute(kSetTotpSecretSql, {store::Blob{encrypted_secret}, user_id}));
}

Status UserAccounts::EnableTotp(std::int64_t user_id) const {
  return Changed(db_.Execute(kEnableTotpSql, {user_id}));
}

Status UserAccounts::DisableTotp(std::int64_t user_id) const {
  return Changed(db_.Execute(kDisableTotpSql, {user_id}));
}

Result<bool> UserAccounts::ClaimTotpStep(std::int64_t user_id, std::int64_t step) const {
  JIELI_ASSIGN_OR_RETURN(auto claimed, db_.Execute(kClaimTotpStepSql, {step, user_id, step}));
  return claimed == 1;
}

}  // namespace jieli::orgs
