// The notifications module's answers as JSON Schema (OpenAPI components): a
// notification (kind + params; the words are the web app's) and the page of
// them with the unread count. Registered by RegisterNotificationRoutes.
#pragma once

#include "http/api_schema.hpp"

namespace jieli::notifications {

inline void AddNotificationSchemas(http::Router& router) {
  router.AddSchema("Notification",
                   R"json({"type":"object","required":["id","kind","org_id","subject_type",
"subject_id","params","created_at","read_at"],
"properties":{"id":{"type":"integer"},
"kind":{"type":"string","description":"approval_requested, approval_decided, case_transferred, deadline_soon, deadline_overdue, case_escalated, followup_due"},
"org_id":{"type":["integer","null"]},"subject_type":{"type":"string"},"subject_id":{"type":["integer","null"]},
"params":{"type":"object","additionalProperties":{"type":["string","number","boolean","null"]},
"description":"The values the kind's text is made of"},
"created_at":{"type":"string","format":"date-time"},"read_at":{"type":["string","null"],"format":"date-time"}}})json");
  router.AddSchema("MarkedCount", R"json({"type":"object","required":["marked"],
"properties":{"marked":{"type":"integer"}}})json");
}

}  // namespace jieli::notifications
