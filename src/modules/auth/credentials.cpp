#include "modules/auth/credentials.hpp"

namespace jieli::auth {

Result<std::int64_t> EndUserCredentials(store::Executor& tx, std::int64_t user_id, EpochMs now,
                                        const std::string& keep_session_hash) {
  auto ended = tx.Execute("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?",
                          {user_id, keep_session_hash});
  if (!ended) return ended.error();
  auto revoked =
      tx.Execute("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                 {now, user_id});
  if (!revoked) return revoked.error();
  return static_cast<std::int64_t>(*revoked);
}

Status LiftLockOuts(store::Executor& tx, std::int64_t user_id) {
  auto lifted = tx.Execute("DELETE FROM login_failures WHERE user_id = ?", {user_id});
  if (!lifted) return lifted.error();
  return Ok();
}

}  // namespace jieli::auth
