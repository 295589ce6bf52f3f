// JSON in and out of handlers: parsing a body, reading typed fields with
// per-field validation issues, and building responses (including the one error
// shape). The Json type itself is core/json.hpp's, for code that is not a handler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace jieli::http {

using Json = jieli::Json;

// The body as a JSON object. Errors: "http.invalid_json" (400) for malformed
// JSON or invalid UTF-8, "http.expected_object" when the top level is not an
// object, "http.unsupported_media_type" (415) when Content-Type is set and is
// not application/json, "http.too_deep" when nesting exceeds 64 levels.
Result<Json> ParseJsonBody(const Request& request);

// Reads fields of one JSON object, collecting every issue instead of stopping at
// the first, so the user sees all mistakes at once. Finish() returns
// InvalidError("validation.failed") with a FieldIssue per problem.
class JsonReader {
 public:
  explicit JsonReader(const Json& object, std::string prefix = "");

  // Strings are trimmed; max_chars counts Unicode code points.
  std::string RequiredString(const std::string& field, std::size_t max_chars = 200);
  std::optional<std::string> OptionalString(const std::string& field, std::size_t max_chars = 200);
  std::int64_t RequiredInt(const std::string& field, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> OptionalInt(const std::string& field, std::int64_t min,
                                          std::int64_t max);
  std::optional<bool> OptionalBool(const std::string& field);
  // One of allowed; issue "invalid_choice" otherwise.
  std::string RequiredEnum(const std::string& field, const std::vector<std::string>& allowed);
  std::optional<std::string> OptionalEnum(const std::string& field,
                                          const std::vector<std::string>& allowed);
  // A nested object or array, or nullptr when absent (an issue "required" for
  // Required*) or of the wrong type (issue "wrong_type", expected "object" /
  // "array"). The pointer refers into the object given to the constructor.
  const Json* RequiredObject(const std::string& field);
  const Json* OptionalObject(const std::string& field);
  const Json* RequiredArray(const std::string& field);
  const Json* OptionalArray(const std::string& field);
  // Adds an issue "unknown" for every member whose name is not in known.
  void RejectUnknownFields(const std::vector<std::string>& known);
  // Adds an issue found by the caller's own rule.
  void AddIssue(const std::string& field, const std::string& code,
                std::map<std::string, std::string> params = {});
  bool Has(const std::string& field) const;
  // The full path of field under this reader's prefix ("goals[0].weight"),
  // for building the prefix of a nested reader.
  std::string FieldPath(const std::string& field) const;
  // Takes over the issues of a nested reader (whose prefix already names them).
  void Merge(const JsonReader& nested);
  const std::vector<FieldIssue>& issues() const { return issues_; }

  Status Finish() const;

 private:
  const Json& object_;
  std::string prefix_;
  std::vector<FieldIssue> issues_;
};

Response JsonResponse(int status, const Json& body);
// The error shape {"error": {"code", "message", "details": [{"field","code","message"}]}}
// with the status from the error's kind; kInternal's log detail is logged, never sent.
// Lists at most kMaxListedIssues field issues, then one "more_issues" entry
// (field "", params.count) for the rest.
inline constexpr std::size_t kMaxListedIssues = 100;
Response ErrorResponse(const Error& error, Lang lang, const std::string& request_id = "");
int StatusFor(ErrorKind kind);

// Page parameters from ?page=&page_size= (defaults 1 and 20, page_size ≤ 200).
struct PageParams {
  std::int64_t page = 1;
  std::int64_t page_size = 20;
  std::int64_t offset() const { return (page - 1) * page_size; }
};
Result<PageParams> ReadPageParams(const Request& request);

}  // namespace jieli::http
