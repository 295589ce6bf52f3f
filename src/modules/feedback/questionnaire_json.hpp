// A questionnaire and an answer sheet as JSON: what the API takes and answers
// and what the surveys table keeps. Reading reports every misshapen field as
// a FieldIssue under the given path ("questionnaire.items[2].options") and
// leaves the rules (CheckQuestionnaire, CheckAnswers) to questionnaire.hpp.
// Pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/feedback/questionnaire.hpp"

namespace jieli::feedback {

nlohmann::json QuestionnaireToJson(const Questionnaire& questionnaire);
Questionnaire QuestionnaireFromJson(const nlohmann::json& json, const std::string& path,
                                    std::vector<FieldIssue>& issues);

nlohmann::json AnswersToJson(const Answers& answers);
Answers AnswersFromJson(const nlohmann::json& json, const std::string& path,
                        std::vector<FieldIssue>& issues);

}  // namespace jieli::feedback
