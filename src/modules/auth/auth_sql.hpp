// The SQL of the auth module as named constants. Internal to src/modules/auth.
#pragma once

namespace jieli::auth {

extern const char* const kOtherSessionsOfUserDeleteSql;
extern const char* const kTokensOfUserRevokeSql;
extern const char* const kLoginFailuresOfUserDeleteSql;
extern const char* const kTokenRevokeByHashSql;
extern const char* const kLockedUntilSql;
// … RETURNING failures
extern const char* const kLoginFailureCountSql;
extern const char* const kLoginFailureLockSql;
extern const char* const kLoginFailuresClearSql;
extern const char* const kSessionInsertSql;
extern const char* const kExpiredSessionsDeleteSql;
extern const char* const kSpentLockoutsDeleteSql;
extern const char* const kSessionByHashSql;
extern const char* const kSessionDeleteSql;
extern const char* const kSessionTouchSql;
extern const char* const kTokenByHashSql;
extern const char* const kTokenTouchSql;
// Append auth::InList(n), n id hashes, then kLiveSessionsCondition.
extern const char* const kLiveSessionsInSql;
extern const char* const kLiveSessionsCondition;  // params: idle and lifetime cut-offs
// Append auth::InList(n) and n token hashes.
extern const char* const kUnrevokedTokensInSql;
extern const char* const kSessionsTotpSetupDoneSql;
// … RETURNING id
extern const char* const kTokenInsertSql;
extern const char* const kTokensOfUserSql;
extern const char* const kTokenRevokeOwnSql;
// … RETURNING user_id
extern const char* const kTokenRevokeByIdSql;
extern const char* const kSettingValueSql;
extern const char* const kSettingUpsertSql;

}  // namespace jieli::auth
