// Ending a user's credentials: what a password change, a password reset and a
// deactivation do to the sessions and API tokens that proved the old identity
// (and what a reset does to the user's lock-outs).
// Sessions are deleted; tokens are revoked for good (revoked_at set), so that
// reactivating the user does not bring them back — the user creates new ones.
// Callers tell the live-event streams (EventBus::CredentialsEnded) after they commit.
// Thread-safe: free functions over the caller's transaction.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace jieli::auth {

// Deletes the user's sessions but keep_session_hash ("" keeps none) and
// revokes all their API tokens not yet revoked, at now. Returns the number of
// tokens revoked.
Result<std::int64_t> EndUserCredentials(store::Executor& tx, std::int64_t user_id, EpochMs now,
                                        const std::string& keep_session_hash = "");

// Forgets the user's failed sign-ins and lifts their lock-outs, from every
// address (a password reset by an administrator).
Status LiftLockOuts(store::Executor& tx, std::int64_t user_id);

}  // namespace jieli::auth
