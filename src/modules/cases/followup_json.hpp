// The API's FollowUp (schema "FollowUp" in cases_api_schema.hpp), for the
// routes of other modules that answer with one (feedback's 回访 entry).
#pragma once

#include <nlohmann/json.hpp>

#include "modules/cases/case.hpp"

namespace jieli::cases {

nlohmann::json FollowUpJson(const FollowUp& f);

}  // namespace jieli::cases
