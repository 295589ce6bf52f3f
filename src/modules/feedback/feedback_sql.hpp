// The feedback module's SQL (feedback_sql.cpp); the tables are in feedback_schema.hpp.
#pragma once

namespace jieli::feedback {

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
