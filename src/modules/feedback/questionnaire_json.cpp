#include "modules/feedback/questionnaire_json.hpp"

#include <limits>

namespace jieli::feedback {
namespace {

using Json = nlohmann::json;

std::string At(const std::string& path, const std::string& field) {
  return path.empty() ? field : path + "." + field;
}

void WrongType(std::vector<FieldIssue>& issues, const std::string& field, const char* expected) {
  issues.push_back({field, "wrong_type", {{"expected", expected}}});
}

// The string member `name`, "" when absent; an issue when not a string.
std::string Text(const Json& object, const char* name, const std::string& path,
                 std::vector<FieldIssue>& issues) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return "";
  if (!it->is_string()) {
    WrongType(issues, At(path, name), "string");
    return "";
  }
  return it->get<std::string>();
}

bool Flag(const Json& object, const char* name, const std::string& path,
          std::vector<FieldIssue>& issues) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    WrongType(issues, At(path, name), "boolean");
    return false;
  }
  return it->get<bool>();
}

// A whole number that fits an int, else an issue.
std::optional<int> Whole(const Json& value, const std::string& field,
                         std::vector<FieldIssue>& issues) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < std::numeric_limits<int>::min() ||
      value.get<std::int64_t>() > std::numeric_limits<int>::max()) {
    WrongType(issues, field, "integer");
    return std::nullopt;
  }
  return static_cast<int>(value.get<std::int64_t>());
}

const Json* ArrayMember(const Json& object, const char* name, const std::string& path,
                        std::vector<FieldIssue>& issues) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  if (!it->is_array()) {
    WrongType(issues, At(path, name), "array");
    return nullptr;
  }
  return &*it;
}

Option OptionFromJson(const Json& json, const std::string& path, std::vector<FieldIssue>& issues) {
  Option option;
  if (!json.is_object()) {
    WrongType(issues, path, "object");
    return option;
  }
  option.value = Text(json, "value", path, issues);
  option.label_zh = Text(json, "label_zh", path, issues);
  option.label_en = Text(json, "label_en", path, issues);
  if (auto it = json.find("score"); it != json.end() && !it->is_null()) {
    if (it->is_number() && std::abs(it->get<double>()) <= 1000) {
      option.score = it->get<double>();
    } else {
      issues.push_back({At(path, "score"), "out_of_range", {{"min", "-1000"}, {"max", "1000"}}});
    }
  }
  return option;
}

Item ItemFromJson(const Json& json, const std::string& path, std::vector<FieldIssue>& issues) {
  Item item;
  if (!json.is_object()) {
    WrongType(issues, path, "object");
    return item;
  }
  item.id = Text(json, "id", path, issues);
  const std::string type = Text(json, "type", path, issues);
  if (auto parsed = ParseItemType(type)) {
    item.type = *parsed;
  } else {
    issues.push_back({At(path, "type"), "not_allowed"});
  }
  item.text_zh = Text(json, "text_zh", path, issues);
  item.text_en = Text(json, "text_en", path, issues);
  item.required = Flag(json, "required", path, issues);
  item.scored = Flag(json, "scored", path, issues);
  if (auto it = json.find("scale_max"); it != json.end() && !it->is_null()) {
    if (auto n = Whole(*it, At(path, "scale_max"), issues)) item.scale_max = *n;
  }
  if (const Json* options = ArrayMember(json, "options", path, issues)) {
    if (options->size() > kMaxOptions) {
      issues.push_back({At(path, "options"), "too_many", {{"max", std::to_string(kMaxOptions)}}});
    } else {
      for (std::size_t i = 0; i < options->size(); ++i) {
        item.options.push_back(
            OptionFromJson((*options)[i], At(path, "options[" + std::to_string(i) + "]"), issues));
      }
    }
  }
  if (auto it = json.find("show_if"); it != json.end() && !it->is_null()) {
    const std::string at = At(path, "show_if");
    if (!it->is_object()) {
      WrongType(issues, at, "object");
    } else {
      Condition condition;
      condition.item = Text(*it, "item", at, issues);
      if (const Json* values = ArrayMember(*it, "any_of", at, issues)) {
        if (values->size() > kMaxOptions) {
          issues.push_back({At(at, "any_of"), "too_many", {{"max", std::to_string(kMaxOptions)}}});
        } else {
          for (const auto& value : *values) {
            if (value.is_string()) {
              condition.any_of.push_back(value.get<std::string>());
            } else {
              WrongType(issues, At(at, "any_of"), "string");
            }
          }
        }
      }
      item.show_if = std::move(condition);
    }
  }
  return item;
}

}  // namespace

Json QuestionnaireToJson(const Questionnaire& questionnaire) {
  Json items = Json::array();
  for (const auto& item : questionnaire.items) {
    Json options = Json::array();
    for (const auto& o : item.options) {
      options.push_back({{"value", o.value},
                         {"label_zh", o.label_zh},
                         {"label_en", o.label_en},
                         {"score", o.score ? Json(*o.score) : Json()}});
    }
    Json show_if;
    if (item.show_if) show_if = {{"item", item.show_if->item}, {"any_of", item.show_if->any_of}};
    items.push_back({{"id", item.id},
                     {"type", ToString(item.type)},
                     {"text_zh", item.text_zh},
                     {"text_en", item.text_en},
                     {"required", item.required},
                     {"scored", item.scored},
                     {"scale_max", item.scale_max},
                     {"options", std::move(options)},
                     {"show_if", std::move(show_if)}});
  }
  return {{"title_zh", questionnaire.title_zh},
          {"title_en", questionnaire.title_en},
          {"items", std::move(items)}};
}

Questionnaire QuestionnaireFromJson(const Json& json, const std::string& path,
                                    std::vector<FieldIssue>& issues) {
  Questionnaire questionnaire;
  if (!json.is_object()) {
    WrongType(issues, path, "object");
    return questionnaire;
  }
  questionnaire.title_zh = Text(json, "title_zh", path, issues);
  questionnaire.title_en = Text(json, "title_en", path, issues);
  const Json* items = ArrayMember(json, "items", path, issues);
  if (items == nullptr) {
    if (json.find("items") == json.end()) issues.push_back({At(path, "items"), "required"});
    return questionnaire;
  }
  if (items->size() > kMaxItems) {
    issues.push_back({At(path, "items"), "too_many", {{"max", std::to_string(kMaxItems)}}});
    return questionnaire;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    questionnaire.items.push_back(
        ItemFromJson((*items)[i], At(path, "items[" + std::to_string(i) + "]"), issues));
  }
  return questionnaire;
}

Json AnswersToJson(const Answers& answers) {
  Json json = Json::object();
  for (const auto& [id, answer] : answers) {
    Json one = Json::object();
    if (!answer.choices.empty()) one["choices"] = answer.choices;
    if (answer.rating) one["rating"] = *answer.rating;
    if (!answer.text.empty()) one["text"] = answer.text;
    json[id] = std::move(one);
  }
  return json;
}

Answers AnswersFromJson(const Json& json, const std::string& path,
                        std::vector<FieldIssue>& issues) {
  Answers answers;
  if (!json.is_object()) {
    WrongType(issues, path, "object");
    return answers;
  }
  if (json.size() > kMaxItems) {
    issues.push_back({path, "too_many", {{"max", std::to_string(kMaxItems)}}});
    return answers;
  }
  for (const auto& [id, value] : json.items()) {
    const std::string at = At(path, id.size() <= kMaxItemIdChars ? id : "?");
    if (!value.is_object()) {
      WrongType(issues, at, "object");
      continue;
    }
    Answer answer;
    if (const Json* choices = ArrayMember(value, "choices", at, issues)) {
      if (choices->size() > kMaxOptions) {
        issues.push_back({At(at, "choices"), "too_many", {{"max", std::to_string(kMaxOptions)}}});
      } else {
        for (const auto& choice : *choices) {
          if (choice.is_string()) {
            answer.choices.push_back(choice.get<std::string>());
          } else {
            WrongType(issues, At(at, "choices"), "string");
          }
        }
      }
    }
    if (auto it = value.find("rating"); it != value.end() && !it->is_null()) {
      answer.rating = Whole(*it, At(at, "rating"), issues);
    }
    answer.text = Text(value, "text", at, issues);
    answers[id] = std::move(answer);
  }
  return answers;
}

}  // namespace jieli::feedback
