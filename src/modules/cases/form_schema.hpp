// Stage forms (阶段表单) of a case: one built-in template per stage as a JSON
// Schema document (a draft-07 subset), in Chinese, from which the web app
// renders the form; an agency's extension of a template with its own fields;
// and the validation of every save against the (extended) schema.
//
// The subset: "type" (object, array, string, integer, number, boolean),
// "title", "description", "properties", "required", "items", "enum" with
// "x-enum-labels" (Chinese labels, same order), "minimum", "maximum",
// "exclusiveMinimum", "maxLength" (in characters, not bytes), "minItems",
// "maxItems", "format": "date" (strict YYYY-MM-DD, a real day), "readOnly",
// and Jieli's own keywords:
//   "x-prefill"      where prefill.cpp takes the value from ("intake.presenting_problem")
//   "x-required-if"  {"sibling": value or [values]}: required when the siblings match
//   "x-unique"       on an array of objects: that member must differ between items
//                    (a repeat is "duplicate_value")
//   "x-not-before"   on a date: not earlier than the named sibling date
//   "x-agency"       marks a field an agency added
//   "x-stage"        on the root: the stage the form belongs to
//   "x-order"        on an object: its property names in the order of the form
//                    (JSON objects are unordered; the web app renders in this order)
//   "x-sensitive"    true: the value is a case note (health, family, risk details):
//                    only those who read progress notes see it (WithholdSensitive)
//   "x-title-en"     the English title beside the Chinese "title" (every built-in
//                    field has one; an agency's fields may)
//   "x-description-en", "x-enum-labels-en"
//                    the English description and choice labels beside the Chinese
//                    ones (every built-in field has them; an agency's fields may)
// Unknown fields in data are an issue; null and "" count as "not filled in".
// The templates are immutable after first use; all functions are thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/result.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

// The built-in template of a stage's form (kClosed: the closure form 结案表).
const nlohmann::json& BuiltInTemplate(Stage stage);

// base plus an agency's fields. agency_fields is
//   {"properties": {"snake_name": {schema}, ...}, "required": ["snake_name", ...]}
// ("required" optional; it may name the new fields or built-in top-level ones).
// Each new field needs "type" and "title" and may use only: title,
// description, x-title-en, x-description-en, type, enum, x-enum-labels, x-enum-labels-en,
// minimum, maximum, maxLength, format
// ("date"), items, properties, required, minItems, maxItems, x-sensitive. New fields are
// marked "x-agency": true. Error "cases.schema_invalid" (kInvalid; params field,
// reason; one FieldIssue at the offending path) for a name that is not
// snake_case ASCII (a-z, 0-9, _; starting with a letter; ≤ 64), a name that
// is already in base, an unsupported keyword or a malformed keyword value.
Result<nlohmann::json> ExtendTemplate(const nlohmann::json& base,
                                      const nlohmann::json& agency_fields);

// ExtendTemplate for fields an agency saved earlier: a top-level built-in field
// added to the template since, under the name of one of the agency's, gives
// way to the agency's (its "x-order" place and "required" entry go too), so
// the forms saved with the agency's field stay valid. Other errors as ExtendTemplate.
Result<nlohmann::json> ExtendTemplateAsStored(const nlohmann::json& base,
                                              const nlohmann::json& agency_fields);

// Every problem of data against schema, in document order, with field paths
// like "goals[0].levels[2].description". Codes: required, wrong_type
// (param expected), too_long (max), out_of_range (min, max), invalid_choice
// (allowed), invalid_format, unknown, duplicate_value (x-unique). A draft (draft = true) skips
// completeness: "required", "x-required-if" and "minItems".
std::vector<FieldIssue> ValidateForm(const nlohmann::json& schema, const nlohmann::json& data,
                                     bool draft);

// The paths of what is still missing for the form to be complete (required
// fields, conditional requirements, arrays shorter than minItems), in document
// order. Empty = complete (given ValidateForm also finds no issue).
std::vector<std::string> MissingRequired(const nlohmann::json& schema, const nlohmann::json& data);

// A form as shown to someone who may not read case notes: data without the
// values the schema marks "x-sensitive" (at any depth; an array's items too),
// and the paths of those that were filled in ("needs[0].description").
// clang-tidy 14 wrongly suspects the implicit moves of a struct holding nlohmann::json.
struct WithheldForm {  // NOLINT(bugprone-exception-escape)
  nlohmann::json data;
  std::vector<std::string> withheld;
};
WithheldForm WithholdSensitive(const nlohmann::json& schema, nlohmann::json data);

// Whether a value counts as not filled in: null, an all-blank string, an empty array.
bool IsEmptyValue(const nlohmann::json& value);

}  // namespace jieli::cases
