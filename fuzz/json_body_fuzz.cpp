// A JSON request body as every handler takes it: ParseJsonBody (UTF-8 check,
// depth limit, parse), then JsonReader reading each member the way handlers
// read fields (strings with trimming and length limits, integers in ranges,
// booleans, choices, nested objects and arrays with their own readers), and
// the error response built from the issues, in both languages.
//
// Input: the body. The Content-Type check is fed the body's first line too.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "http/json.hpp"

namespace {

using jieli::FieldIssue;
using jieli::Lang;
using jieli::http::Json;
using jieli::http::JsonReader;

// Whether text begins or ends with what JsonReader trims.
bool HasBlankEnd(const std::string& text) {
  if (text.empty()) return false;
  auto blank = [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  return blank(static_cast<unsigned char>(text.front())) ||
         blank(static_cast<unsigned char>(text.back())) || text.starts_with("\xE3\x80\x80") ||
         text.ends_with("\xE3\x80\x80");
}

std::size_t CodePoints(const std::string& text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

void CheckString(const std::optional<std::string>& text, std::size_t max_chars) {
  if (!text) return;
  JIELI_FUZZ_CHECK(CodePoints(*text) <= max_chars);
  JIELI_FUZZ_CHECK(!HasBlankEnd(*text));
}

// Reads every member of object in every way a handler might, and recurses
// once into nested objects and arrays of objects, as handlers do for lists
// (household, goals, …).
void ReadAll(const Json& object, JsonReader& reader, int depth) {
  static const std::vector<std::string> kChoices = {"male", "female", "其他", ""};
  std::size_t members = 0;
  for (const auto& item : object.items()) {
    if (++members > 16) break;
    const std::string& key = item.key();
    CheckString(reader.OptionalString(key, 5), 5);
    CheckString(reader.OptionalString(key), 200);
    if (auto number = reader.OptionalInt(key, -10, 10)) {
      JIELI_FUZZ_CHECK(*number >= -10 && *number <= 10);
    }
    reader.OptionalInt(key, INT64_MIN, INT64_MAX);
    reader.OptionalBool(key);
    if (auto choice = reader.OptionalEnum(key, kChoices)) {
      JIELI_FUZZ_CHECK(std::find(kChoices.begin(), kChoices.end(), *choice) != kChoices.end());
    }
    if (depth > 0) continue;
    if (const Json* nested = reader.OptionalObject(key)) {
      JsonReader inner(*nested, reader.FieldPath(key));
      ReadAll(*nested, inner, depth + 1);
      reader.Merge(inner);
    }
    if (const Json* list = reader.OptionalArray(key)) {
      for (std::size_t i = 0; i < list->size() && i < 4; ++i) {
        if (!(*list)[i].is_object()) continue;
        JsonReader inner((*list)[i], reader.FieldPath(key + "[" + std::to_string(i) + "]"));
        ReadAll((*list)[i], inner, depth + 1);
        reader.Merge(inner);
      }
    }
  }
}

// The one error shape, in both languages; the Chinese one is read back.
void CheckRendered(const jieli::Error& error) {
  jieli::http::Response english = jieli::http::ErrorResponse(error, Lang::kEn, "fuzz");
  jieli::http::Response chinese = jieli::http::ErrorResponse(error, Lang::kZh, "fuzz");
  JIELI_FUZZ_CHECK(english.status == chinese.status);
  JIELI_FUZZ_CHECK(chinese.status == 400 || chinese.status == 415);
  Json body = Json::parse(chinese.body, nullptr, /*allow_exceptions=*/false);
  JIELI_FUZZ_CHECK(body.is_object() && body.contains("error"));
  // Every issue up to kMaxListedIssues, then one entry counting the rest.
  const std::size_t issues = error.details().size();
  const std::size_t listed = std::min(issues, jieli::http::kMaxListedIssues);
  JIELI_FUZZ_CHECK(body["error"]["details"].size() == listed + (issues > listed ? 1 : 0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = jieli::fuzz::AsText(data, size);

  jieli::http::Request typed;
  typed.headers["Content-Type"] = std::string(input.substr(0, input.find('\n')).substr(0, 200));
  typed.body = "{}";
  jieli::Result<Json> by_type = jieli::http::ParseJsonBody(typed);
  JIELI_FUZZ_CHECK(by_type || by_type.error().code() == "http.unsupported_media_type");

  jieli::http::Request request;
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.body = std::string(input);
  jieli::Result<Json> body = jieli::http::ParseJsonBody(request);
  if (!body) {
    CheckRendered(body.error());
    return 0;
  }
  JIELI_FUZZ_CHECK(body->is_object());

  // What was accepted goes out again unchanged.
  jieli::http::Response echoed = jieli::http::JsonResponse(200, *body);
  JIELI_FUZZ_CHECK(Json::parse(echoed.body, nullptr, false) == *body);

  JsonReader reader(*body);
  reader.RequiredString("name", 50);
  reader.RequiredInt("org_id", 1, INT64_MAX);
  reader.RequiredEnum("stage", {"intake", "assessment", "planning"});
  reader.RequiredObject("data");
  reader.RequiredArray("items");
  ReadAll(*body, reader, 0);
  reader.RejectUnknownFields({"name", "org_id", "stage", "data", "items"});
  jieli::Status status = reader.Finish();
  JIELI_FUZZ_CHECK(status.ok() == reader.issues().empty());
  if (!status) CheckRendered(status.error());
  return 0;
}
