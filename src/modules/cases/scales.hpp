// Standard scales (标准化量表): the small catalogue of well-known scales an
// assessment may score (names and score ranges only, never item text), an
// agency's own scales beside them, and the rules on the scores: a baseline at
// assessment and a post-test at evaluation lie in the scale's range, and the
// evaluation's pre-test and change are the server's, never typed. Pure and
// thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/result.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

struct Scale {
  std::string code;     // snake_case, "sas"
  std::string name_zh;  // 焦虑自评量表（SAS，标准分）
  std::string name_en;  // Self-Rating Anxiety Scale (SAS, standard score)
  double min = 0;       // the lowest and highest total score
  double max = 0;
  bool higher_is_better = false;  // Barthel: yes; SAS: no (more anxious)
};

// The code of a scale not in the catalogue; its name, min and max are written in the form.
inline constexpr const char* kOtherScale = "other";

// The built-in catalogue, in the order the forms list it.
const std::vector<Scale>& BuiltInScales();

// The built-in scales followed by an agency's own.
std::vector<Scale> Catalogue(const std::vector<Scale>& agency_scales);

// Checks the scales an agency adds. ValidationFailed with one issue per
// problem, paths "scales[i].<member>": code not snake_case ASCII (≤ 40;
// invalid_format), a built-in code or "other" (name_taken), a code repeated
// (duplicate_value), a Chinese name missing (required) or longer than 100
// characters (too_long; so is an English name), min or max not finite or
// min ≥ max (max: out_of_range), more than 50 scales (scales: out_of_range).
Status ValidateAgencyScales(const std::vector<Scale>& scales);

// The schema of stage (assessment or evaluation; others unchanged) with the
// catalogue as the choices of its scales' "scale" member, "other" last, and
// the Chinese names as labels.
void ListScales(nlohmann::json& schema, Stage stage, const std::vector<Scale>& catalogue);

// Issues of the assessment's baseline scores outside their scale's range:
// "scales[i].baseline" out_of_range with params min, max. A scale not in the
// catalogue (code unknown: the schema already refuses it) is not checked;
// "other" takes the item's own min and max when both are given, and a min
// above the max is itself an issue ("scales[i].max" out_of_range).
std::vector<FieldIssue> CheckScaleScores(const nlohmann::json& assessment,
                                         const std::vector<Scale>& catalogue);

// The evaluation's scale results completed by the server: each result's
// "pre" is the baseline of the assessment's first scale with the same code
// (and, for "other", the same name), or absent when there is none; "change" is
// post − pre when both are known, else absent (whatever came in is dropped).
// Returns the issues of post scores outside their range
// ("scale_results[i].post" out_of_range, params min, max).
std::vector<FieldIssue> FillScaleChanges(const nlohmann::json& assessment,
                                         nlohmann::json& evaluation,
                                         const std::vector<Scale>& catalogue);

// Agency scales as stored and served: [{"code", "name", "name_en", "min", "max",
// "higher_is_better"}]. ParseScales refuses a non-array or a malformed item
// (ValidationFailed, wrong_type / required at "scales[i].<member>").
nlohmann::json ScalesToJson(const std::vector<Scale>& scales);
Result<std::vector<Scale>> ParseScales(const nlohmann::json& json);

}  // namespace jieli::cases
