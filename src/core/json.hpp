// Json: the JSON value type of Jieli (nlohmann::json) for code that builds or
// reads JSON without being a handler — domain services, stored JSON columns,
// event and job payloads — and the one way to read JSON back from the store.
// Handlers get the same alias from http/json.hpp with the request readers.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace jieli {

using Json = nlohmann::json;

// JSON text that Jieli itself stored (a column, a setting, a job payload) as a
// value. `what` names the stored value for the log ("settings.security_policy").
// Stored JSON that does not parse means the store was damaged or written by
// something else, never "empty": the error is "store.corrupt" (internal, 500,
// logged with `what`), so nothing carries on as if the value were absent.
Result<Json> ParseStoredJson(std::string_view text, std::string_view what);

// Error "store.corrupt" for a stored value that parses but has the wrong shape.
Error CorruptStoreError(std::string_view what);

}  // namespace jieli
