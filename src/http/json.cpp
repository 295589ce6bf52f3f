#include "http/json.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <utility>

#include <spdlog/spdlog.h>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::http {
namespace {

constexpr int kMaxDepth = 64;

// Nesting depth of brackets outside strings. Scanning first means a body of a
// million '[' is rejected without ever handing it to a parser.
bool DepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsJsonMediaType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() &&
         std::equal(media.begin(), media.end(), kJson.begin(),
                    [](char a, char b) { return AsciiLower(a) == b; });
}

// A NUL (only ever written "\u0000" in valid JSON) in any key or string:
// PostgreSQL's text cannot hold one, and no record a social worker writes has one.
bool HasNul(const Json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().find('\0') != std::string::npos;
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (key.find('\0') != std::string::npos || HasNul(member)) return true;
    }
  } else if (value.is_array()) {
    for (const Json& element : value) {
      if (HasNul(element)) return true;
    }
  }
  return false;
}

std::string Dump(const Json& value) {
  // replace: a string that slipped in with invalid UTF-8 must not turn a
  // response into an exception.
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

Result<Json> ParseJsonBody(const Request& request) {
  std::string content_type = request.Header("Content-Type");
  if (!content_type.empty() && !IsJsonMediaType(content_type)) {
    return Error(ErrorKind::kUnsupported, "http.unsupported_media_type");
  }
  const std::string& body = request.body;
  if (body.empty() || !IsValidUtf8(body)) return InvalidError("http.invalid_json");
  if (!DepthWithin(body, kMaxDepth)) return InvalidError("http.too_deep");
  Json parsed;
  try {
    parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  } catch (const std::exception&) {
    return InvalidError("http.invalid_json");
  }
  if (parsed.is_discarded()) return InvalidError("http.invalid_json");
  if (!parsed.is_object()) return InvalidError("http.expected_object");
  if (HasNul(parsed)) return InvalidError("http.nul_character");
  return parsed;
}

JsonReader::JsonReader(const Json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

namespace {

// The member, or nullptr when absent or null (JSON null means "not given").
const Json* Member(const Json& object, const std::string& field) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

std::string JsonReader::FieldPath(const std::string& field) const {
  if (prefix_.empty()) return field;
  if (field.empty()) return prefix_;
  return prefix_ + "." + field;
}

void JsonReader::AddIssue(const std::string& field, const std::string& code,
                          std::map<std::string, std::string> params) {
  issues_.push_back(FieldIssue{FieldPath(field), code, std::move(params)});
}

bool JsonReader::Has(const std::string& field) const { return Member(object_, field) != nullptr; }

void JsonReader::Merge(const JsonReader& nested) {
  issues_.insert(issues_.end(), nested.issues_.begin(), nested.issues_.end());
}

std::optional<std::string> JsonReader::OptionalString(const std::string& field,
                                                      std::size_t max_chars) {
  const Json* value = Member(object_, field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    AddIssue(field, "wrong_type", {{"expected", "string"}});
    return std::nullopt;
  }
  std::string text = Trim(value->get_ref<const std::string&>());
  if (CodePointCount(text) > max_chars) {
    AddIssue(field, "too_long", {{"max", std::to_string(max_chars)}});
    return std::nullopt;
  }
  return text;
}

std::string JsonReader::RequiredString(const std::string& field, std::size_t max_chars) {
  if (!Has(field)) {
    AddIssue(field, "required");
    return {};
  }
  std::size_t before = issues_.size();
  std::optional<std::string> text = OptionalString(field, max_chars);
  if (issues_.size() != before || !text) return {};
  // A string of blanks is as good as nothing for a required field.
  if (text->empty()) AddIssue(field, "required");
  return std::move(*text);
}

std::optional<std::int64_t> JsonReader::OptionalInt(const std::string& field, std::int64_t min,
                                                    std::int64_t max) {
  const Json* value = Member(object_, field);
  if (value == nullptr) return std::nullopt;
  auto out_of_range = [&] {
    AddIssue(field, "out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
    return std::nullopt;
  };
  if (value->is_number_unsigned()) {
    auto number = value->get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return out_of_range();
    }
    auto signed_number = static_cast<std::int64_t>(number);
    if (signed_number < min || signed_number > max) return out_of_range();
    return signed_number;
  }
  if (value->is_number_integer()) {
    auto number = value->get<std::int64_t>();
    if (number < min || number > max) return out_of_range();
    return number;
  }
  // Floats included: 2.5 (and even 2.0) where a count is expected is a client bug.
  AddIssue(field, "wrong_type", {{"expected", "integer"}});
  return std::nullopt;
}

std::int64_t JsonReader::RequiredInt(const std::string& field, std::int64_t min, std::int64_t max) {
  if (!Has(field)) {
    AddIssue(field, "required");
    return 0;
  }
  return OptionalInt(field, min, max).value_or(0);
}

std::optional<bool> JsonReader::OptionalBool(const std::string& field) {
  const Json* value = Member(object_, field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    AddIssue(field, "wrong_type", {{"expected", "boolean"}});
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::string> JsonReader::OptionalEnum(const std::string& field,
                                                    const std::vector<std::string>& allowed) {
  const Json* value = Member(object_, field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    AddIssue(field, "wrong_type", {{"expected", "string"}});
    return std::nullopt;
  }
  std::string text = Trim(value->get_ref<const std::string&>());
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
    AddIssue(field, "invalid_choice", {{"allowed", JoinNames(allowed)}});
    return std::nullopt;
  }
  return text;
}

std::string JsonReader::RequiredEnum(const std::string& field,
                                     const std::vector<std::string>& allowed) {
  if (!Has(field)) {
    AddIssue(field, "required");
    return {};
  }
  return OptionalEnum(field, allowed).value_or(std::string());
}

const Json* JsonReader::OptionalObject(const std::string& field) {
  const Json* value = Member(object_, field);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    AddIssue(field, "wrong_type", {{"expected", "object"}});
    return nullptr;
  }
  return value;
}

const Json* JsonReader::RequiredObject(const std::string& field) {
  if (!Has(field)) {
    AddIssue(field, "required");
    return nullptr;
  }
  return OptionalObject(field);
}

const Json* JsonReader::OptionalArray(const std::string& field) {
  const Json* value = Member(object_, field);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    AddIssue(field, "wrong_type", {{"expected", "array"}});
    return nullptr;
  }
  return value;
}

const Json* JsonReader::RequiredArray(const std::string& field) {
  if (!Has(field)) {
    AddIssue(field, "required");
    return nullptr;
  }
  return OptionalArray(field);
}

void JsonReader::RejectUnknownFields(const std::vector<std::string>& known) {
  if (!object_.is_object()) return;
  for (const auto& item : object_.items()) {
    if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
      AddIssue(item.key(), "unknown");
    }
  }
}

Status JsonReader::Finish() const {
  if (issues_.empty()) return Ok();
  return ValidationFailed(issues_);
}

Response JsonResponse(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = Dump(body);
  return response;
}

Response ErrorResponse(const Error& error, Lang lang, const std::string& request_id) {
  if (error.kind() == ErrorKind::kInternal || error.kind() == ErrorKind::kUnavailable) {
    // The detail may hold SQL text or paths: it goes to the log, never to the client.
    spdlog::error("{} error {} (request {}): {}",
                  error.kind() == ErrorKind::kInternal ? "internal" : "unavailable", error.code(),
                  request_id.empty() ? "-" : request_id, error.log_detail());
  }
  Json details = Json::array();
  // A 1 MiB body of wrong items can name hundreds of thousands of issues:
  // the first ones tell the user what to mend, and the answer stays small.
  const std::size_t listed = std::min(error.details().size(), kMaxListedIssues);
  for (std::size_t i = 0; i < listed; ++i) {
    const FieldIssue& issue = error.details()[i];
    Json detail = {{"field", issue.field},
                   {"code", issue.code},
                   {"message", FieldMessage(issue.code, lang, issue.params)}};
    // The values behind the message (an existing record's id, a limit) for
    // clients that act on them, e.g. to link to a duplicate.
    if (!issue.params.empty()) detail["params"] = issue.params;
    details.push_back(std::move(detail));
  }
  if (listed < error.details().size()) {
    const std::map<std::string, std::string> more = {
        {"count", std::to_string(error.details().size() - listed)}};
    details.push_back({{"field", ""},
                       {"code", "more_issues"},
                       {"message", FieldMessage("more_issues", lang, more)},
                       {"params", more}});
  }
  Json inner = {{"code", error.code()},
                {"message", Message(error.code(), lang, error.params())},
                {"details", std::move(details)}};
  // The values behind the message (the open case a new one would duplicate)
  // for clients that act on them.
  if (!error.params().empty()) inner["params"] = error.params();
  if (!request_id.empty()) inner["request_id"] = request_id;
  return JsonResponse(StatusFor(error.kind()), Json{{"error", std::move(inner)}});
}

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid:
      return kBadRequest;
    case ErrorKind::kUnauthenticated:
      return kUnauthorized;
    case ErrorKind::kForbidden:
      return kForbidden;
    case ErrorKind::kNotFound:
      return kNotFound;
    case ErrorKind::kMethodNotAllowed:
      return kMethodNotAllowed;
    case ErrorKind::kConflict:
      return kConflict;
    case ErrorKind::kTooLarge:
      return kPayloadTooLarge;
    case ErrorKind::kUnsupported:
      return kUnsupportedMediaType;
    case ErrorKind::kLocked:
      return kLocked;
    case ErrorKind::kRateLimited:
      return kTooManyRequests;
    case ErrorKind::kInternal:
      return kInternalServerError;
    case ErrorKind::kUnavailable:
      return kServiceUnavailable;
  }
  return 500;
}

namespace {

// Reads one positive page parameter; an empty value counts as absent.
void ReadPageParam(const Request& request, const std::string& name, std::int64_t max,
                   std::int64_t& out, Error& error, bool& failed) {
  std::optional<std::string> text = request.Query(name);
  if (!text || text->empty()) return;
  std::int64_t value = 0;
  const char* first = text->data();
  const char* last = first + text->size();
  auto [end, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::invalid_argument || (ec == std::errc() && end != last)) {
    error.WithDetail({name, "wrong_type", {{"expected", "integer"}}});
    failed = true;
    return;
  }
  if (ec != std::errc() || value < 1 || value > max) {
    error.WithDetail({name, "out_of_range", {{"min", "1"}, {"max", std::to_string(max)}}});
    failed = true;
    return;
  }
  out = value;
}

}  // namespace

Result<PageParams> ReadPageParams(const Request& request) {
  // A page cap keeps offset() far from overflow and from absurd scans.
  constexpr std::int64_t kMaxPage = 1'000'000;
  constexpr std::int64_t kMaxPageSize = 200;
  PageParams params;
  Error error = InvalidError("http.invalid_query");
  bool failed = false;
  ReadPageParam(request, "page", kMaxPage, params.page, error, failed);
  ReadPageParam(request, "page_size", kMaxPageSize, params.page_size, error, failed);
  if (failed) return error;
  return params;
}

}  // namespace jieli::http
