// Error: the one error type of Jieli.
//
// An Error carries a stable machine code ("cases.invalid_transition"), the kind of
// failure (which decides the HTTP status in src/http), optional per-field details
// and message parameters for the user's message, and a log-only detail that the
// client never sees. Errors are values: functions return Result<T> (result.hpp),
// never throw across a module boundary. Plain value type; not shared across threads.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jieli {

// What went wrong, independent of transport. src/http maps each to a status.
enum class ErrorKind {
  kInvalid,           // 400: the input is malformed or fails validation
  kUnauthenticated,   // 401: no valid session or token
  kForbidden,         // 403: signed in, but the action is not permitted (incl. CSRF)
  kNotFound,          // 404: absent, or outside the caller's scope
  kMethodNotAllowed,  // 405
  kConflict,          // 409: duplicate, stale state, illegal transition
  kTooLarge,          // 413
  kUnsupported,       // 415
  kLocked,            // 423: account locked out
  kRateLimited,       // 429
  kInternal,          // 500: a bug or an unexpected store failure
  kUnavailable,       // 503: the store cannot be reached
};

// One problem with one input field: field is a JSON path ("goals[0].weight"),
// code a stable reason ("required", "too_long"), params fill the message.
struct FieldIssue {
  std::string field;
  std::string code;
  std::map<std::string, std::string> params = {};
};

class Error {
 public:
  Error(ErrorKind kind, std::string code, std::string log_detail = {})
      : kind_(kind), code_(std::move(code)), log_detail_(std::move(log_detail)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  // Internal detail for the log only (SQL error text, errno, ...).
  const std::string& log_detail() const { return log_detail_; }
  const std::vector<FieldIssue>& details() const { return details_; }
  const std::map<std::string, std::string>& params() const { return params_; }

  Error& WithDetail(FieldIssue issue) {
    details_.push_back(std::move(issue));
    return *this;
  }
  // Named value substituted into the user's message ("{missing}").
  Error& WithParam(std::string name, std::string value) {
    params_[std::move(name)] = std::move(value);
    return *this;
  }

 private:
  ErrorKind kind_;
  std::string code_;
  std::string log_detail_;
  std::vector<FieldIssue> details_;
  std::map<std::string, std::string> params_;
};

// Shorthands for the common kinds; the code names the reason.
inline Error InvalidError(std::string code) { return {ErrorKind::kInvalid, std::move(code)}; }
inline Error NotFoundError(std::string code = "not_found") {
  return {ErrorKind::kNotFound, std::move(code)};
}
inline Error ForbiddenError(std::string code = "auth.forbidden") {
  return {ErrorKind::kForbidden, std::move(code)};
}
inline Error ConflictError(std::string code) { return {ErrorKind::kConflict, std::move(code)}; }
// "validation.failed" with one detail per issue.
inline Error ValidationFailed(std::vector<FieldIssue> issues) {
  Error error = InvalidError("validation.failed");
  for (auto& issue : issues) error.WithDetail(std::move(issue));
  return error;
}
inline Error InternalError(std::string log_detail) {
  return {ErrorKind::kInternal, "internal", std::move(log_detail)};
}

}  // namespace jieli
