#include "modules/auth/credentials.hpp"

#include "modules/auth/auth_sql.hpp"

namespace jieli::auth {

Result<std::int64_t> EndUserCredentials(store::Executor& tx, std::int64_t user_id, EpochMs now,
                                        const std::string& keep_session_hash) {
  auto ended = tx.Execute(kOtherSessionsOfUserDeleteSql, {user_id, keep_session_hash});
  if (!ended) return ended.error();
  auto revoked = tx.Execute(kTokensOfUserRevokeSql, {now, user_id});
  if (!revoked) return revoked.error();
  return static_cast<std::int64_t>(*revoked);
}

Status LiftLockOuts(store::Executor& tx, std::int64_t user_id) {
  auto lifted = tx.Execute(kLoginFailuresOfUserDeleteSql, {user_id});
  if (!lifted) return lifted.error();
  return Ok();
}

}  // namespace jieli::auth
