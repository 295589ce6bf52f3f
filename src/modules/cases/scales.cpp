#include "modules/cases/scales.hpp"

#include <cmath>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/text.hpp"

namespace jieli::cases {
namespace {

using nlohmann::json;

// The most scales an agency keeps beside the built-in ones.
constexpr std::size_t kMaxAgencyScales = 50;
constexpr std::size_t kMaxCodeLength = 40;
constexpr std::size_t kMaxNameLength = 100;

// 5 → "5", 62.5 → "62.5": how a range reads in a message.
std::string NumberText(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  return json(value).dump();
}

FieldIssue OutOfRange(std::string path, double min, double max) {
  return {std::move(path), "out_of_range", {{"min", NumberText(min)}, {"max", NumberText(max)}}};
}

bool IsScaleCode(const std::string& code) {
  if (code.empty() || code.size() > kMaxCodeLength) return false;
  if (code.front() < 'a' || code.front() > 'z') return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

const Scale* Find(const std::vector<Scale>& catalogue, const std::string& code) {
  for (const auto& scale : catalogue) {
    if (scale.code == code) return &scale;
  }
  return nullptr;
}

std::string TextAt(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json* NumberAt(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? &*it : nullptr;
}

struct Range {
  double min;
  double max;
};

// The range of a scale item ({"scale", "name", "min", "max", ...}): the
// catalogue's, or for "other" its own min and max when both are given.
std::optional<Range> RangeOf(const json& item, const std::vector<Scale>& catalogue) {
  const std::string code = TextAt(item, "scale");
  if (code == kOtherScale) {
    const json* min = NumberAt(item, "min");
    const json* max = NumberAt(item, "max");
    if (!min || !max) return std::nullopt;
    return Range{min->get<double>(), max->get<double>()};
  }
  if (const Scale* scale = Find(catalogue, code)) return Range{scale->min, scale->max};
  return std::nullopt;
}

// The assessment's first scale item that the evaluation's result item answers.
const json* MatchingBaseline(const json& assessment, const json& result) {
  auto scales = assessment.find("scales");
  if (scales == assessment.end() || !scales->is_array()) return nullptr;
  const std::string code = TextAt(result, "scale");
  if (code.empty()) return nullptr;
  for (const auto& item : *scales) {
    if (!item.is_object() || TextAt(item, "scale") != code) continue;
    if (code == kOtherScale && Trim(TextAt(item, "name")) != Trim(TextAt(result, "name"))) continue;
    return &item;
  }
  return nullptr;
}

// The schema of a form's "scale" member of stage, or null when it has none.
json* ScaleField(json& schema, Stage stage) {
  const char* array = stage == Stage::kAssessment   ? "scales"
                      : stage == Stage::kEvaluation ? "scale_results"
                                                    : nullptr;
  if (!array) return nullptr;
  auto props = schema.find("properties");
  if (props == schema.end() || !props->contains(array)) return nullptr;
  json& items = (*props)[array]["items"];
  if (!items.is_object() || !items.contains("properties") || !items["properties"].contains("scale"))
    return nullptr;
  return &items["properties"]["scale"];
}

}  // namespace

const std::vector<Scale>& BuiltInScales() {
  // Total-score ranges as commonly published; SAS and SDS as standard scores
  // (raw 20–80 × 1.25).
  static const std::vector<Scale> kScales = {
      {"sas", "焦虑自评量表（SAS，标准分）", "Self-Rating Anxiety Scale (SAS, standard score)", 25,
       100, false},
      {"sds", "抑郁自评量表（SDS，标准分）", "Self-Rating Depression Scale (SDS, standard score)",
       25, 100, false},
      {"phq_9", "患者健康问卷（PHQ-9）", "Patient Health Questionnaire (PHQ-9)", 0, 27, false},
      {"gad_7", "广泛性焦虑量表（GAD-7）", "Generalized Anxiety Disorder scale (GAD-7)", 0, 21,
       false},
      {"gds_15", "老年抑郁量表（GDS-15）", "Geriatric Depression Scale (GDS-15)", 0, 15, false},
      {"ucla_loneliness", "UCLA 孤独感量表", "UCLA Loneliness Scale", 20, 80, false},
      {"rosenberg_self_esteem", "Rosenberg 自尊量表", "Rosenberg Self-Esteem Scale", 10, 40, true},
      {"adl_barthel", "日常生活活动能力（Barthel 指数）",
       "Activities of daily living (Barthel Index)", 0, 100, true},
      {"family_apgar", "家庭功能评估（家庭 APGAR）", "Family APGAR", 0, 10, true},
      {"ssrs", "社会支持评定量表（SSRS）", "Social Support Rating Scale (SSRS)", 12, 66, true},
  };
  return kScales;
}

std::vector<Scale> Catalogue(const std::vector<Scale>& agency_scales) {
  std::vector<Scale> all = BuiltInScales();
  all.insert(all.end(), agency_scales.begin(), agency_scales.end());
  return all;
}

Status ValidateAgencyScales(const std::vector<Scale>& scales) {
  std::vector<FieldIssue> issues;
  if (scales.size() > kMaxAgencyScales) {
    issues.push_back(
        {"scales", "out_of_range", {{"min", "0"}, {"max", std::to_string(kMaxAgencyScales)}}});
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const Scale& s = scales[i];
    const std::string at = "scales[" + std::to_string(i) + "].";
    if (!IsScaleCode(s.code)) {
      issues.push_back({at + "code", "invalid_format", {}});
    } else if (s.code == kOtherScale || Find(BuiltInScales(), s.code)) {
      issues.push_back({at + "code", "name_taken", {}});
    } else if (!seen.insert(s.code).second) {
      issues.push_back({at + "code", "duplicate_value", {}});
    }
    if (IsBlank(s.name_zh)) {
      issues.push_back({at + "name", "required", {}});
    } else if (CodePointCount(s.name_zh) > kMaxNameLength) {
      issues.push_back({at + "name", "too_long", {{"max", std::to_string(kMaxNameLength)}}});
    }
    if (CodePointCount(s.name_en) > kMaxNameLength) {
      issues.push_back({at + "name_en", "too_long", {{"max", std::to_string(kMaxNameLength)}}});
    }
    if (!std::isfinite(s.min))
      issues.push_back({at + "min", "wrong_type", {{"expected", "number"}}});
    if (!std::isfinite(s.max)) {
      issues.push_back({at + "max", "wrong_type", {{"expected", "number"}}});
    } else if (std::isfinite(s.min) && s.min >= s.max) {
      issues.push_back(
          {at + "max", "out_of_range", {{"min", ">" + NumberText(s.min)}, {"max", ""}}});
    }
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  return Ok();
}

void ListScales(json& schema, Stage stage, const std::vector<Scale>& catalogue) {
  json* field = ScaleField(schema, stage);
  if (!field) return;
  json codes = json::array();
  json labels = json::array();
  json labels_en = json::array();
  for (const auto& scale : catalogue) {
    codes.push_back(scale.code);
    labels.push_back(scale.name_zh);
    // An agency's scale may have no English name: its Chinese one stands in.
    labels_en.push_back(scale.name_en.empty() ? scale.name_zh : scale.name_en);
  }
  codes.push_back(kOtherScale);
  labels.push_back("其他量表");
  labels_en.push_back("Other scale");
  (*field)["enum"] = std::move(codes);
  (*field)["x-enum-labels"] = std::move(labels);
  (*field)["x-enum-labels-en"] = std::move(labels_en);
}

std::vector<FieldIssue> CheckScaleScores(const json& assessment,
                                         const std::vector<Scale>& catalogue) {
  std::vector<FieldIssue> issues;
  auto scales = assessment.find("scales");
  if (scales == assessment.end() || !scales->is_array()) return issues;
  for (std::size_t i = 0; i < scales->size(); ++i) {
    const json& item = (*scales)[i];
    if (!item.is_object()) continue;
    const std::string at = "scales[" + std::to_string(i) + "].";
    auto range = RangeOf(item, catalogue);
    if (!range) continue;
    if (range->min > range->max) {
      issues.push_back(
          {at + "max", "out_of_range", {{"min", NumberText(range->min)}, {"max", ""}}});
      continue;
    }
    const json* baseline = NumberAt(item, "baseline");
    if (baseline &&
        (baseline->get<double>() < range->min || baseline->get<double>() > range->max)) {
      issues.push_back(OutOfRange(at + "baseline", range->min, range->max));
    }
  }
  return issues;
}

std::vector<FieldIssue> FillScaleChanges(const json& assessment, json& evaluation,
                                         const std::vector<Scale>& catalogue) {
  std::vector<FieldIssue> issues;
  auto results = evaluation.find("scale_results");
  if (results == evaluation.end() || !results->is_array()) return issues;
  for (std::size_t i = 0; i < results->size(); ++i) {
    json& item = (*results)[i];
    if (!item.is_object()) continue;
    item.erase("pre");
    item.erase("change");
    const json* baseline_item = MatchingBaseline(assessment, item);
    const json* pre = baseline_item ? NumberAt(*baseline_item, "baseline") : nullptr;
    if (pre) item["pre"] = *pre;
    // "other" takes its range from the assessment, where it was written.
    auto range = RangeOf(
        baseline_item && TextAt(item, "scale") == kOtherScale ? *baseline_item : item, catalogue);
    const json* post = NumberAt(item, "post");
    if (post && range && (post->get<double>() < range->min || post->get<double>() > range->max)) {
      issues.push_back(
          OutOfRange("scale_results[" + std::to_string(i) + "].post", range->min, range->max));
    }
    if (pre && post) {
      // Rounded to 0.01: 62.5 − 50.1 is not 12.399999999999999 on the form.
      item["change"] = std::round((post->get<double>() - pre->get<double>()) * 100) / 100;
    }
  }
  return issues;
}

json ScalesToJson(const std::vector<Scale>& scales) {
  json out = json::array();
  for (const auto& s : scales) {
    out.push_back({{"code", s.code},
                   {"name", s.name_zh},
                   {"name_en", s.name_en},
                   {"min", s.min},
                   {"max", s.max},
                   {"higher_is_better", s.higher_is_better}});
  }
  return out;
}

Result<std::vector<Scale>> ParseScales(const json& value) {
  if (!value.is_array())
    return ValidationFailed({{"scales", "wrong_type", {{"expected", "array"}}}});
  std::vector<FieldIssue> issues;
  std::vector<Scale> scales;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const json& item = value[i];
    const std::string at = "scales[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      issues.push_back({at, "wrong_type", {{"expected", "object"}}});
      continue;
    }
    Scale s;
    for (const auto& [key, member] : item.items()) {
      if (key != "code" && key != "name" && key != "name_en" && key != "min" && key != "max" &&
          key != "higher_is_better")
        issues.push_back({at + "." + key, "unknown", {}});
    }
    for (const char* key : {"code", "name", "name_en"}) {
      auto it = item.find(key);
      if (it == item.end() || it->is_null()) continue;
      if (!it->is_string()) {
        issues.push_back({at + "." + key, "wrong_type", {{"expected", "string"}}});
        continue;
      }
      std::string_view k(key);
      (k == "code" ? s.code : k == "name" ? s.name_zh : s.name_en) = it->get<std::string>();
    }
    for (const char* key : {"min", "max"}) {
      auto it = item.find(key);
      if (it == item.end() || it->is_null()) {
        issues.push_back({at + "." + key, "required", {}});
      } else if (!it->is_number()) {
        issues.push_back({at + "." + key, "wrong_type", {{"expected", "number"}}});
      } else {
        (std::string_view(key) == "min" ? s.min : s.max) = it->get<double>();
      }
    }
    auto better = item.find("higher_is_better");
    if (better != item.end() && !better->is_null()) {
      if (!better->is_boolean()) {
        issues.push_back({at + ".higher_is_better", "wrong_type", {{"expected", "boolean"}}});
      } else {
        s.higher_is_better = better->get<bool>();
      }
    }
    scales.push_back(std::move(s));
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  return scales;
}

}  // namespace jieli::cases
