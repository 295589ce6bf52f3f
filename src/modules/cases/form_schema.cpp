#include "modules/cases/form_schema.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>
#include <string_view>
#include <utility>

#include "core/local_time.hpp"
#include "core/text.hpp"
#include "modules/cases/form_templates.hpp"

namespace jieli::cases {
namespace {

using nlohmann::json;

std::string Child(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out = path;
  out += '.';
  out += key;
  return out;
}

std::string Index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// 5 → "5", 0.5 → "0.5".
std::string NumberText(const json& number) {
  if (number.is_number_integer()) return number.dump();
  double value = number.get<double>();
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return number.dump();
}

std::string Joined(const json& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

std::string TypeOf(const json& schema) {
  auto it = schema.find("type");
  return it != schema.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool HasType(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    if (!value.is_number_float()) return false;
    double d = value.get<double>();
    return std::isfinite(d) && std::floor(d) == d;
  }
  return true;  // a schema without a type accepts anything
}

// Whether sibling values satisfy an "x-required-if" condition: every named
// sibling equals the value (or one of the values, when an array is given).
bool ConditionHolds(const json& condition, const json& object) {
  if (!condition.is_object()) return false;
  for (const auto& [key, want] : condition.items()) {
    auto it = object.find(key);
    if (it == object.end()) return false;
    if (want.is_array()) {
      if (std::find(want.begin(), want.end(), *it) == want.end()) return false;
    } else if (*it != want) {
      return false;
    }
  }
  return true;
}

// The names of props in the order of the schema's "x-order", then any others.
// Each name once. An agency's schema may have thousands of fields, so the
// names placed are looked up in a set, not in the list.
std::vector<std::string> PropertyOrder(const json& schema, const json& props) {
  std::vector<std::string> names;
  std::set<std::string> placed;
  auto order = schema.find("x-order");
  if (order != schema.end() && order->is_array()) {
    for (const auto& name : *order) {
      if (name.is_string() && props.contains(name.get<std::string>()) &&
          placed.insert(name.get<std::string>()).second) {
        names.push_back(name.get<std::string>());
      }
    }
  }
  for (const auto& [name, sub] : props.items()) {
    if (placed.insert(name).second) names.push_back(name);
  }
  return names;
}

// nlohmann::json keeps object keys sorted; the order a form is written in is
// recorded as "x-order" on every object schema (the web app renders fields in it).
void RecordOrder(const nlohmann::ordered_json& source, json& target) {
  auto props = source.find("properties");
  if (props != source.end() && props->is_object()) {
    json order = json::array();
    for (const auto& [name, sub] : props->items()) {
      order.push_back(name);
      RecordOrder(sub, target["properties"][name]);
    }
    target["x-order"] = std::move(order);
  }
  auto items = source.find("items");
  if (items != source.end() && items->is_object()) RecordOrder(*items, target["items"]);
}

void Add(std::vector<FieldIssue>& out, const std::string& path, const char* code,
         std::map<std::string, std::string> params = {}) {
  out.push_back({path, code, std::move(params)});
}

void Check(const json& schema, const json& value, const std::string& path, bool draft,
           std::vector<FieldIssue>& out);

void CheckRange(const json& schema, const json& value, const std::string& path,
                std::vector<FieldIssue>& out) {
  const double v = value.get<double>();
  auto min = schema.find("minimum");
  auto xmin = schema.find("exclusiveMinimum");
  auto max = schema.find("maximum");
  bool bad = (min != schema.end() && min->is_number() && v < min->get<double>()) ||
             (xmin != schema.end() && xmin->is_number() && v <= xmin->get<double>()) ||
             (max != schema.end() && max->is_number() && v > max->get<double>());
  if (!bad) return;
  std::map<std::string, std::string> params;
  if (min != schema.end() && min->is_number()) params["min"] = NumberText(*min);
  if (xmin != schema.end() && xmin->is_number()) params["min"] = ">" + NumberText(*xmin);
  if (max != schema.end() && max->is_number()) params["max"] = NumberText(*max);
  Add(out, path, "out_of_range", std::move(params));
}

void CheckObject(const json& schema, const json& value, const std::string& path, bool draft,
                 std::vector<FieldIssue>& out) {
  static const json kNoProperties = json::object();
  auto props_it = schema.find("properties");
  const json& props = props_it != schema.end() && props_it->is_object() ? *props_it : kNoProperties;
  std::set<std::string> required;
  if (!draft) {
    auto req = schema.find("required");
    if (req != schema.end() && req->is_array()) {
      for (const auto& name : *req) {
        if (name.is_string()) required.insert(name.get<std::string>());
      }
    }
    for (const auto& [name, sub] : props.items()) {
      auto cond = sub.find("x-required-if");
      if (cond != sub.end() && ConditionHolds(*cond, value)) required.insert(name);
    }
  }
  // Properties in the form's order ("x-order"), so issues come in that order.
  for (const std::string& name : PropertyOrder(schema, props)) {
    const json& sub = props[name];
    const std::string field = Child(path, name);
    auto it = value.find(name);
    if (it == value.end() || IsEmptyValue(*it)) {
      if (required.count(name) != 0) Add(out, field, "required");
      if (it == value.end()) continue;
    }
    Check(sub, *it, field, draft, out);
    auto not_before = sub.find("x-not-before");
    if (not_before != sub.end() && not_before->is_string() && it->is_string()) {
      auto other = value.find(not_before->get<std::string>());
      if (other != value.end() && other->is_string()) {
        auto mine = ParseDate(it->get<std::string>());
        auto theirs = ParseDate(other->get<std::string>());
        if (mine.ok() && theirs.ok() && *mine < *theirs) {
          Add(out, field, "out_of_range", {{"min", other->get<std::string>()}, {"max", ""}});
        }
      }
    }
  }
  for (const auto& [name, sub] : value.items()) {
    if (!props.contains(name)) Add(out, Child(path, name), "unknown");
  }
}

void CheckArray(const json& schema, const json& value, const std::string& path, bool draft,
                std::vector<FieldIssue>& out) {
  auto min_items = schema.find("minItems");
  auto max_items = schema.find("maxItems");
  if (max_items != schema.end() && max_items->is_number_integer() &&
      value.size() > max_items->get<std::size_t>()) {
    Add(out, path, "out_of_range",
        {{"min", min_items != schema.end() ? min_items->dump() : "0"}, {"max", max_items->dump()}});
  }
  if (!draft && min_items != schema.end() && min_items->is_number_integer() && !value.empty() &&
      value.size() < min_items->get<std::size_t>()) {
    Add(out, path, "required", {{"min", min_items->dump()}});
  }
  auto items = schema.find("items");
  if (items != schema.end() && items->is_object()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      Check(*items, value[i], Index(path, i), draft, out);
  }
  auto unique = schema.find("x-unique");
  if (unique != schema.end() && unique->is_string()) {
    const std::string key = unique->get<std::string>();
    // Ordered, not a list searched item by item: the array is as long as the
    // sender makes it (maxItems only adds an issue), and 70,000 items took 17 s.
    // json's ordering treats 1 and 1.0 as one value, as its == does.
    std::set<json> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_object()) continue;
      auto it = value[i].find(key);
      if (it == value[i].end() || IsEmptyValue(*it)) continue;
      if (!seen.insert(*it).second) Add(out, Child(Index(path, i), key), "duplicate_value", {});
    }
  }
}

void Check(const json& schema, const json& value, const std::string& path, bool draft,
           std::vector<FieldIssue>& out) {
  if (value.is_null()) return;
  if (value.is_string() && value.get_ref<const std::string&>().empty()) return;
  const std::string type = TypeOf(schema);
  if (!HasType(value, type)) {
    Add(out, path, "wrong_type", {{"expected", type}});
    return;
  }
  auto choices = schema.find("enum");
  if (choices != schema.end() && choices->is_array()) {
    bool found = std::any_of(choices->begin(), choices->end(), [&](const json& c) {
      return c == value ||
             (c.is_number() && value.is_number() && c.get<double>() == value.get<double>());
    });
    if (!found) {
      Add(out, path, "invalid_choice", {{"allowed", Joined(*choices)}});
      return;
    }
  }
  if (type == "string") {
    const auto& text = value.get_ref<const std::string&>();
    auto max = schema.find("maxLength");
    if (max != schema.end() && max->is_number_integer() &&
        CodePointCount(text) > max->get<std::size_t>()) {
      Add(out, path, "too_long", {{"max", max->dump()}});
    }
    auto format = schema.find("format");
    if (format != schema.end() && *format == "date" && !ParseDate(text).ok()) {
      Add(out, path, "invalid_format");
    }
  } else if (type == "integer" || type == "number") {
    CheckRange(schema, value, path, out);
  } else if (type == "object") {
    CheckObject(schema, value, path, draft, out);
  } else if (type == "array") {
    CheckArray(schema, value, path, draft, out);
  }
}

// --- agency extensions --------------------------------------------------------

bool IsSnakeName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Error SchemaInvalid(const std::string& path, const char* reason, const char* field_code) {
  // The field messages of wrong_type and invalid_choice name what was
  // expected, which a malformed keyword has no words for: say "invalid format".
  std::string code = field_code;
  if (code == "wrong_type" || code == "invalid_choice") code = "invalid_format";
  return InvalidError("cases.schema_invalid")
      .WithParam("field", path)
      .WithParam("reason", reason)
      .WithDetail({path, code});
}

bool IsNonNegativeInt(const json& v) {
  return v.is_number_unsigned() || (v.is_number_integer() && v.get<long long>() >= 0);
}

// Checks one field schema an agency wrote; path names it ("properties.pets").
Status CheckAgencySchema(const json& schema, const std::string& path) {
  static const std::set<std::string> kAllowed = {
      "title",      "description",      "type",
      "enum",       "x-enum-labels",    "minimum",
      "maximum",    "maxLength",        "format",
      "items",      "properties",       "required",
      "minItems",   "maxItems",         "x-sensitive",
      "x-title-en", "x-description-en", "x-enum-labels-en"};
  static const std::set<std::string> kTypes = {"string",  "integer", "number",
                                               "boolean", "object",  "array"};
  if (!schema.is_object()) return SchemaInvalid(path, "not_an_object", "wrong_type");
  for (const auto& [key, v] : schema.items()) {
    if (kAllowed.count(key) == 0)
      return SchemaInvalid(Child(path, key), "unsupported_keyword", "unknown");
  }
  auto type_it = schema.find("type");
  if (type_it == schema.end())
    return SchemaInvalid(Child(path, "type"), "type_missing", "required");
  if (!type_it->is_string() || kTypes.count(type_it->get<std::string>()) == 0) {
    return SchemaInvalid(Child(path, "type"), "bad_type", "invalid_choice");
  }
  const std::string type = type_it->get<std::string>();
  auto title = schema.find("title");
  if (title == schema.end() || !title->is_string() || IsEmptyValue(*title)) {
    return SchemaInvalid(Child(path, "title"), "title_missing", "required");
  }
  for (const char* key : {"description", "x-title-en", "x-description-en"}) {
    if (schema.contains(key) && !schema[key].is_string())
      return SchemaInvalid(Child(path, key), "bad_value", "wrong_type");
  }
  if (schema.contains("x-sensitive") && !schema["x-sensitive"].is_boolean()) {
    return SchemaInvalid(Child(path, "x-sensitive"), "bad_value", "wrong_type");
  }
  const bool numeric = type == "integer" || type == "number";
  for (const char* key : {"minimum", "maximum"}) {
    if (!schema.contains(key)) continue;
    if (!numeric || !schema[key].is_number())
      return SchemaInvalid(Child(path, key), "bad_value", "wrong_type");
  }
  if (schema.contains("maxLength") &&
      (type != "string" || !IsNonNegativeInt(schema["maxLength"]) || schema["maxLength"] == 0)) {
    return SchemaInvalid(Child(path, "maxLength"), "bad_value", "wrong_type");
  }
  if (schema.contains("format") && (type != "string" || schema["format"] != "date")) {
    return SchemaInvalid(Child(path, "format"), "bad_value", "invalid_choice");
  }
  for (const char* key : {"minItems", "maxItems"}) {
    if (!schema.contains(key)) continue;
    if (type != "array" || !IsNonNegativeInt(schema[key])) {
      return SchemaInvalid(Child(path, key), "bad_value", "wrong_type");
    }
  }
  if (schema.contains("enum")) {
    const json& choices = schema["enum"];
    if (!choices.is_array() || choices.empty() || type == "object" || type == "array" ||
        !std::all_of(choices.begin(), choices.end(),
                     [&](const json& c) { return HasType(c, type); })) {
      return SchemaInvalid(Child(path, "enum"), "bad_value", "wrong_type");
    }
  }
  for (const char* key : {"x-enum-labels", "x-enum-labels-en"}) {
    if (!schema.contains(key)) continue;
    const json& labels = schema[key];
    if (!schema.contains("enum") || !labels.is_array() || labels.size() != schema["enum"].size() ||
        !std::all_of(labels.begin(), labels.end(), [](const json& l) { return l.is_string(); })) {
      return SchemaInvalid(Child(path, key), "bad_value", "wrong_type");
    }
  }
  if (type == "array") {
    if (!schema.contains("items"))
      return SchemaInvalid(Child(path, "items"), "items_missing", "required");
    JIELI_RETURN_IF_ERROR(CheckAgencySchema(schema["items"], Child(path, "items")));
  } else if (schema.contains("items")) {
    return SchemaInvalid(Child(path, "items"), "bad_value", "wrong_type");
  }
  if (type == "object") {
    auto props = schema.find("properties");
    if (props == schema.end() || !props->is_object() || props->empty()) {
      return SchemaInvalid(Child(path, "properties"), "properties_missing", "required");
    }
    for (const auto& [name, sub] : props->items()) {
      const std::string sub_path = Child(Child(path, "properties"), name);
      if (!IsSnakeName(name)) return SchemaInvalid(sub_path, "bad_name", "invalid_name");
      JIELI_RETURN_IF_ERROR(CheckAgencySchema(sub, sub_path));
    }
    if (schema.contains("required")) {
      const json& req = schema["required"];
      if (!req.is_array()) return SchemaInvalid(Child(path, "required"), "bad_value", "wrong_type");
      for (const auto& name : req) {
        if (!name.is_string() || !props->contains(name.get<std::string>())) {
          return SchemaInvalid(Child(path, "required"), "unknown_required", "not_found");
        }
      }
    }
  } else if (schema.contains("properties") || schema.contains("required")) {
    return SchemaInvalid(Child(path, schema.contains("properties") ? "properties" : "required"),
                         "bad_value", "wrong_type");
  }
  return Ok();
}

bool IsSensitive(const json& schema) {
  auto flag = schema.find("x-sensitive");
  return flag != schema.end() && flag->is_boolean() && flag->get<bool>();
}

// Removes from data (at path) what schema marks sensitive, recording the
// paths of the values that were filled in.
void Withhold(const json& schema, json& data, const std::string& path,
              std::vector<std::string>& withheld) {
  if (!schema.is_object()) return;
  if (data.is_object()) {
    auto props = schema.find("properties");
    if (props == schema.end() || !props->is_object()) return;
    for (const auto& [name, sub] : props->items()) {
      auto value = data.find(name);
      if (value == data.end()) continue;
      const std::string child = Child(path, name);
      if (sub.is_object() && IsSensitive(sub)) {
        if (!IsEmptyValue(*value)) withheld.push_back(child);
        data.erase(value);
      } else {
        Withhold(sub, *value, child, withheld);
      }
    }
  } else if (data.is_array()) {
    auto items = schema.find("items");
    if (items == schema.end() || !items->is_object()) return;
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (IsSensitive(*items)) {
        if (!IsEmptyValue(data[i])) withheld.push_back(Index(path, i));
        data[i] = nullptr;
      } else {
        Withhold(*items, data[i], Index(path, i), withheld);
      }
    }
  }
}

}  // namespace

WithheldForm WithholdSensitive(const json& schema, json data) {
  WithheldForm form;
  Withhold(schema, data, "", form.withheld);
  form.data = std::move(data);
  return form;
}

bool IsEmptyValue(const json& value) {
  if (value.is_null()) return true;
  if (value.is_string()) {
    // A required field holding only whitespace, the ideographic space of
    // Chinese input methods included, was left empty.
    return IsBlank(value.get_ref<const std::string&>());
  }
  if (value.is_array()) return value.empty();
  return false;
}

const json& BuiltInTemplate(Stage stage) {
  // Parsed once; the texts are tested to parse, so a failure here is a bug.
  static const std::array<json, 6> kTemplates = [] {
    std::array<json, 6> all;
    for (Stage s : AllStages()) {
      auto ordered = nlohmann::ordered_json::parse(BuiltInTemplateText(s));
      json& schema = all[static_cast<std::size_t>(s)];
      schema = json::parse(BuiltInTemplateText(s));
      RecordOrder(ordered, schema);
    }
    return all;
  }();
  return kTemplates[static_cast<std::size_t>(stage)];
}

Result<json> ExtendTemplate(const json& base, const json& agency_fields) {
  if (!agency_fields.is_object()) return SchemaInvalid("", "not_an_object", "wrong_type");
  for (const auto& [key, v] : agency_fields.items()) {
    if (key != "properties" && key != "required" && key != "x-order") {
      return SchemaInvalid(key, "unsupported_keyword", "unknown");
    }
  }
  json extended = base;
  if (!extended.contains("properties")) extended["properties"] = json::object();
  json& props = extended["properties"];
  auto added = agency_fields.find("properties");
  const json none = json::object();
  if (added != agency_fields.end() && !added->is_object())
    return SchemaInvalid("properties", "not_an_object", "wrong_type");
  const json& fields = added != agency_fields.end() ? *added : none;
  for (const auto& [name, schema] : fields.items()) {
    const std::string path = Child("properties", name);
    if (!IsSnakeName(name)) return SchemaInvalid(path, "bad_name", "invalid_name");
    if (base.contains("properties") && base["properties"].contains(name)) {
      return SchemaInvalid(path, "builtin_field", "name_taken");
    }
    JIELI_RETURN_IF_ERROR(CheckAgencySchema(schema, path));
    json field = schema;
    field["x-agency"] = true;
    props[name] = std::move(field);
  }
  // The agency's fields follow the built-in ones, in the agency's "x-order"
  // (JSON objects keep no order here), then any it did not name.
  // Sets beside the lists: a megabyte of fields is some 20,000 of them, and
  // searching the lists made this quadratic (6 s for each form read or save).
  std::vector<std::string> order;
  std::set<std::string> placed;
  auto agency_order = agency_fields.find("x-order");
  if (agency_order != agency_fields.end()) {
    if (!agency_order->is_array()) return SchemaInvalid("x-order", "bad_value", "wrong_type");
    for (const auto& name : *agency_order) {
      if (!name.is_string() || !fields.contains(name.get<std::string>()))
        return SchemaInvalid("x-order", "unknown_field", "not_found");
      if (!placed.insert(name.get<std::string>()).second)
        return SchemaInvalid("x-order", "repeated_field", "duplicate_value");
      order.push_back(name.get<std::string>());
    }
  }
  for (const auto& [name, schema] : fields.items()) {
    if (placed.insert(name).second) order.push_back(name);
  }
  if (extended.contains("x-order") && extended["x-order"].is_array()) {
    for (auto& name : order) extended["x-order"].push_back(std::move(name));
  }
  auto required = agency_fields.find("required");
  if (required != agency_fields.end()) {
    if (!required->is_array()) return SchemaInvalid("required", "bad_value", "wrong_type");
    if (!extended.contains("required")) extended["required"] = json::array();
    json& all = extended["required"];
    std::set<json> listed(all.begin(), all.end());
    for (const auto& name : *required) {
      if (!name.is_string() || !props.contains(name.get<std::string>())) {
        return SchemaInvalid("required", "unknown_required", "not_found");
      }
      if (listed.insert(name).second) all.push_back(name);
    }
  }
  return extended;
}

Result<json> ExtendTemplateAsStored(const json& base, const json& agency_fields) {
  auto added = agency_fields.is_object() ? agency_fields.find("properties") : agency_fields.end();
  if (!agency_fields.is_object() || added == agency_fields.end() || !added->is_object() ||
      !base.contains("properties")) {
    return ExtendTemplate(base, agency_fields);
  }
  json yielded = base;
  json& props = yielded["properties"];
  for (const auto& [name, field] : added->items()) {
    if (!props.contains(name)) continue;
    props.erase(name);
    for (const char* list : {"x-order", "required"}) {
      auto it = yielded.find(list);
      if (it == yielded.end() || !it->is_array()) continue;
      json kept = json::array();
      for (auto& entry : *it) {
        if (entry != name) kept.push_back(std::move(entry));
      }
      *it = std::move(kept);
    }
  }
  return ExtendTemplate(yielded, agency_fields);
}

std::vector<FieldIssue> ValidateForm(const json& schema, const json& data, bool draft) {
  std::vector<FieldIssue> issues;
  const json empty = json::object();
  const json& form = data.is_null() ? empty : data;
  if (!form.is_object()) {
    Add(issues, "", "wrong_type", {{"expected", "object"}});
    return issues;
  }
  Check(schema, form, "", draft, issues);
  return issues;
}

std::vector<std::string> MissingRequired(const json& schema, const json& data) {
  std::vector<std::string> missing;
  for (auto& issue : ValidateForm(schema, data, false)) {
    if (issue.code == "required") missing.push_back(std::move(issue.field));
  }
  return missing;
}

}  // namespace jieli::cases
