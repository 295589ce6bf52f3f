// A stage form save as the case handler and service take it: the body
// {"data": {...}, "draft": bool} read like SaveStage reads it, an agency's
// extension of the stage's built-in schema checked and applied
// (ExtendTemplate), and the data validated against the result (ValidateForm,
// MissingRequired) as a draft and as a complete save.
//
// Input: one byte choosing the stage ('0' intake … '5' closed, taken mod 6),
// then either the save body alone, or the agency's fields (the body of
// PUT /orgs/{id}/case-forms/{stage}), a NUL byte, and the save body.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "http/json.hpp"
#include "modules/cases/form_schema.hpp"

namespace {

using jieli::FieldIssue;
using jieli::http::Json;

jieli::Result<Json> ParseBody(std::string_view text) {
  jieli::http::Request request;
  request.body = std::string(text);
  return jieli::http::ParseJsonBody(request);
}

bool SameIssue(const FieldIssue& a, const FieldIssue& b) {
  return a.field == b.field && a.code == b.code && a.params == b.params;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto stage = static_cast<jieli::cases::Stage>(data[0] % 6);
  auto parts = jieli::fuzz::Split(jieli::fuzz::AsText(data + 1, size - 1), '\0', 2);

  const Json& base = jieli::cases::BuiltInTemplate(stage);
  const Json* schema = &base;
  jieli::Result<Json> extended = Json();
  if (parts.size() == 2) {
    if (jieli::Result<Json> fields = ParseBody(parts[0])) {
      extended = jieli::cases::ExtendTemplate(base, *fields);
      if (extended) {
        const Json& properties = (*extended)["properties"];
        for (const auto& [name, property] : base["properties"].items()) {
          JIELI_FUZZ_CHECK(properties.contains(name) && properties[name] == property);
        }
        for (const auto& [name, property] : properties.items()) {
          JIELI_FUZZ_CHECK(base["properties"].contains(name) ||
                           property.value("x-agency", false) == true);
        }
        schema = &*extended;
      } else {
        JIELI_FUZZ_CHECK(extended.error().code() == "cases.schema_invalid");
        JIELI_FUZZ_CHECK(extended.error().details().size() == 1);
      }
    }
  }

  jieli::Result<Json> body = ParseBody(parts.back());
  if (!body) return 0;
  jieli::http::JsonReader reader(*body);
  const Json* form = reader.RequiredObject("data");
  reader.OptionalBool("draft");
  reader.RejectUnknownFields({"data", "draft"});
  if (form == nullptr) return 0;

  std::vector<FieldIssue> draft = jieli::cases::ValidateForm(*schema, *form, true);
  std::vector<FieldIssue> complete = jieli::cases::ValidateForm(*schema, *form, false);
  // A draft skips only the completeness checks: its issues are among the others.
  for (const FieldIssue& issue : draft) {
    JIELI_FUZZ_CHECK(issue.code != "required");
    bool found = std::any_of(complete.begin(), complete.end(),
                             [&](const FieldIssue& other) { return SameIssue(issue, other); });
    JIELI_FUZZ_CHECK(found);
  }
  std::vector<std::string> missing = jieli::cases::MissingRequired(*schema, *form);
  std::size_t required = static_cast<std::size_t>(
      std::count_if(complete.begin(), complete.end(),
                    [](const FieldIssue& issue) { return issue.code == "required"; }));
  JIELI_FUZZ_CHECK(missing.size() == required);
  JIELI_FUZZ_CHECK(complete.size() == draft.size() + required);
  jieli::http::ErrorResponse(jieli::ValidationFailed(std::move(complete)), jieli::Lang::kEn);
  return 0;
}
