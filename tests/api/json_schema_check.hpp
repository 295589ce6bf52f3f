// SchemaProblems: checks a JSON value against a JSON Schema of the OpenAPI
// document, for the keywords the route table uses and nothing more: $ref
// (within the document), allOf, oneOf, type (a name or a list), enum, const,
// properties, required, additionalProperties (false or a schema), items,
// minimum and maximum. Annotations (description, format) are not checked;
// a keyword outside the list is itself reported, so that a schema cannot
// silently say more than this check reads. Stricter than JSON Schema in one
// way: an object schema that lists properties (across its allOf and $ref
// parts) and says nothing of additionalProperties is closed, so an answer
// member the document does not declare is reported too. Test code; header-only.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jieli::test {

class SchemaCheck {
 public:
  using json = nlohmann::json;

  // document: the OpenAPI document that "$ref": "#/components/schemas/…" points into.
  explicit SchemaCheck(const json& document) : document_(document) {}

  // What is wrong with value against schema, one line per problem with the
  // JSON path ("$.items[0].name: required"); empty when it conforms.
  std::vector<std::string> Problems(const json& value, const json& schema) const {
    std::vector<std::string> problems;
    Check(value, schema, "$", problems, 0);
    return problems;
  }

 private:
  static bool IsType(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    return false;
  }

  const json* Resolve(const std::string& ref) const {
    const std::string prefix = "#/";
    if (ref.rfind(prefix, 0) != 0) return nullptr;
    json::json_pointer pointer(ref.substr(1));
    if (!document_.contains(pointer)) return nullptr;
    return &document_.at(pointer);
  }

  // Adds the property names schema declares, through $ref and allOf; false
  // when a part leaves the object open (additionalProperties).
  bool DeclaredProperties(const json& schema, std::set<std::string>& names, int depth) const {
    if (!schema.is_object() || depth > 32) return false;
    bool closed = !schema.contains("additionalProperties");
    const json properties = schema.value("properties", json::object());
    for (const auto& item : properties.items()) names.insert(item.key());
    if (schema.contains("$ref")) {
      const json* target = Resolve(schema["$ref"].get<std::string>());
      closed = closed && target && DeclaredProperties(*target, names, depth + 1);
    }
    for (const json& part : schema.value("allOf", json::array())) {
      closed = DeclaredProperties(part, names, depth + 1) && closed;
    }
    return closed;
  }

  // outer: the value is checked against this schema as a whole, not as one
  // of its allOf or $ref parts (which see only some of its properties).
  void Check(const json& value, const json& schema, const std::string& path,
             std::vector<std::string>& problems, int depth, bool outer = true) const {
    static const std::set<std::string> kKnown = {"$ref",        "allOf",    "oneOf",
                                                 "type",        "enum",     "const",
                                                 "properties",  "required", "additionalProperties",
                                                 "items",       "minimum",  "maximum",
                                                 "description", "format"};
    if (depth > 32) {
      problems.push_back(path + ": schema nested too deeply (a $ref cycle?)");
      return;
    }
    if (!schema.is_object()) {
      problems.push_back(path + ": the schema is not an object");
      return;
    }
    for (const auto& item : schema.items()) {
      if (!kKnown.count(item.key())) problems.push_back(path + ": unchecked keyword " + item.key());
    }
    if (schema.contains("$ref")) {
      const json* target = Resolve(schema["$ref"].get<std::string>());
      if (!target) {
        problems.push_back(path + ": unresolved $ref " + schema["$ref"].get<std::string>());
        return;
      }
      Check(value, *target, path, problems, depth + 1, false);
    }
    if (schema.contains("allOf")) {
      for (const json& part : schema["allOf"]) Check(value, part, path, problems, depth + 1, false);
    }
    if (outer && value.is_object()) {
      std::set<std::string> names;
      if (DeclaredProperties(schema, names, depth) && !names.empty()) {
        for (const auto& member : value.items()) {
          if (!names.count(member.key())) {
            problems.push_back(path + "." + member.key() + ": not declared in the schema");
          }
        }
      }
    }
    if (schema.contains("oneOf")) {
      int matches = 0;
      for (const json& part : schema["oneOf"]) {
        std::vector<std::string> inner;
        Check(value, part, path, inner, depth + 1);
        if (inner.empty()) ++matches;
      }
      if (matches != 1) {
        problems.push_back(path + ": matches " + std::to_string(matches) + " of oneOf, not 1");
      }
    }
    if (schema.contains("type")) {
      const json& type = schema["type"];
      bool ok = false;
      if (type.is_string()) ok = IsType(value, type.get<std::string>());
      for (const json& one : type.is_array() ? type : json::array()) {
        ok = ok || IsType(value, one.get<std::string>());
      }
      if (!ok) {
        problems.push_back(path + ": expected type " + type.dump() + ", got " + value.dump());
        return;
      }
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const json& allowed : schema["enum"]) found = found || allowed == value;
      if (!found) problems.push_back(path + ": " + value.dump() + " is not in the enum");
    }
    if (schema.contains("const") && schema["const"] != value) {
      problems.push_back(path + ": expected " + schema["const"].dump());
    }
    if (value.is_number()) {
      if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
        problems.push_back(path + ": below the minimum");
      }
      if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
        problems.push_back(path + ": above the maximum");
      }
    }
    if (value.is_object()) CheckObject(value, schema, path, problems, depth);
    if (value.is_array() && schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        Check(value[i], schema["items"], path + "[" + std::to_string(i) + "]", problems, depth + 1);
      }
    }
  }

  void CheckObject(const json& value, const json& schema, const std::string& path,
                   std::vector<std::string>& problems, int depth) const {
    for (const json& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems.push_back(path + "." + name.get<std::string>() + ": required");
      }
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& member : value.items()) {
      const std::string member_path = path + "." + member.key();
      if (properties.contains(member.key())) {
        Check(member.value(), properties[member.key()], member_path, problems, depth + 1);
        continue;
      }
      if (!schema.contains("additionalProperties")) continue;
      const json& extra = schema["additionalProperties"];
      if (extra.is_boolean()) {
        if (!extra.get<bool>()) problems.push_back(member_path + ": not declared");
      } else {
        Check(member.value(), extra, member_path, problems, depth + 1);
      }
    }
  }

  const json& document_;
};

}  // namespace jieli::test
