// The feedback module's SQL (feedback_sql.cpp); the tables are in feedback_schema.hpp.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace jieli::feedback {

// Audit changes and notification params as text (invalid UTF-8 replaced).
std::string DumpJson(const nlohmann::json& json);

// Params: first day, last day ("YYYY-MM-DD"). Rows: day, kind, name, updated_by, updated_at.
extern const char* const kCalendarBetweenSql;
// Params: first day, last day.
extern const char* const kCalendarDeleteBetweenSql;
// Params: day, kind, name, updated_by, updated_at.
extern const char* const kCalendarInsertSql;

// Columns of LoadContacts' rows; append " WHERE …".
extern const char* const kContactSelect;
extern const char* const kContactCount;
// Params: org, client, case, channel, direction, at, summary, due, note, by, now. Returns id.
extern const char* const kContactInsertSql;
// Params: now, by, note, id — only while not done.
extern const char* const kFollowUpDoneSql;

}  // namespace jieli::feedback

namespace jieli::feedback {

// Columns of LoadComplaints' rows; append " WHERE …".
extern const char* const kComplaintSelect;
extern const char* const kComplaintCount;
extern const char* const kComplaintFactsSql;      // from, to; append the IN list
extern const char* const kComplainantContactSql;  // the encrypted contact of complaint ?
extern const char* const kComplaintInsertSql;     // returns id
extern const char* const kComplaintEventInsertSql;
extern const char* const kComplaintEventsOfSql;  // append the IN list
// Params: org ids (IN list appended). Rows: org_id, acknowledge_days, resolve_days,
// leader_after_days.
extern const char* const kPoliciesOfSql;
extern const char* const kPolicyUpsertSql;
// Open complaints whose running deadline passed before the param (now) and
// not yet told to the leaders.
extern const char* const kOverdueComplaintsSql;

}  // namespace jieli::feedback

namespace jieli::feedback {

// Columns of SurveyService::Load's rows; append " WHERE …". The bare select
// answers 0 for the counts (the public page needs none of them).
extern const std::string kSurveySelect;
extern const std::string kSurveyBareSelect;
extern const char* const kSurveyCount;
extern const char* const kSurveyInsertSql;  // returns id
// Params: id, version — only while open and at that version.
extern const char* const kSurveyCloseSql;
// Params: survey, client, now — an earlier unanswered link of the client.
extern const char* const kLinksSupersedeSql;
extern const char* const kLinkInsertSql;
extern const char* const kLinkSelect;  // append " WHERE …"
extern const char* const kLinkCount;
// Rows: links, answered links; append " WHERE …".
extern const char* const kLinkRateSelect;
// Params: token hash. Rows: link id, survey id, org, client, case, worker,
// expires_on, answered_at, superseded_at.
extern const char* const kLinkByTokenSql;
// Params: anonymous token. Rows: survey id, org.
extern const char* const kSurveyByAnonymousTokenSql;
// Params: now, link id — only while unanswered.
extern const char* const kLinkAnsweredSql;
// Params: survey, device hash.
extern const char* const kDeviceAnsweredSql;
extern const char* const kResponseInsertSql;
// Columns of the answers results read; append " WHERE …".
extern const char* const kResponseSelect;
// Append the organisations' IN list. Rows: survey, case, total — the scored
// answers to links sent for a case.
extern const char* const kCaseScoresSql;

}  // namespace jieli::feedback

namespace jieli::feedback {

// Columns of IntakeService::Load's rows; append " WHERE …".
extern const char* const kIntakeSelect;
extern const char* const kIntakeCount;
// Params: reference, org, name, phone_enc, phone_masked, phone_index,
// need_category, need, preferred_date, preferred_slot, now.
extern const char* const kIntakeInsertSql;
// Params: id. Rows: phone_enc, org_id.
extern const char* const kIntakePhoneSql;
// Append the phone indexes' IN list. Rows: phone index, new requests.
extern const char* const kNewRequestsByPhoneSql;

}  // namespace jieli::feedback
