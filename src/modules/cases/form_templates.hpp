// The text of the built-in stage form templates (JSON Schema documents in
// Chinese). Data, not logic: the wording is what workers see in the forms.
// Use BuiltInTemplate (form_schema.hpp) for the parsed documents.
#pragma once

#include <string_view>

#include "modules/cases/stage.hpp"

namespace jieli::cases {

// The JSON text of stage's built-in template (kClosed: the closure form).
std::string_view BuiltInTemplateText(Stage stage);

}  // namespace jieli::cases
