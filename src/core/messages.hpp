// The message catalogue: user-facing text for every error code and field-issue
// code, in Chinese (default) and English. C++ logic never hard-codes user text;
// it names a code and the catalogue (messages.cpp) supplies the words.
// Thread-safe: the catalogue is immutable after static initialisation.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace jieli {

enum class Lang { kZh, kEn };

// Picks the language from an Accept-Language header: English when the first
// supported tag is "en…", otherwise Chinese (also when absent or unparseable).
Lang LangFromAcceptLanguage(std::string_view header);

// "zh-CN" / "en".
std::string_view LangTag(Lang lang);

// The text for code in lang with "{name}" placeholders filled from params.
// A code's wording for when a parameter is given, keyed "code{param}", comes
// first ("auth.forbidden{permission}" names the permission lacked).
// Unknown codes fall back to the generic text of their first segment
// ("cases.foo" -> "cases"), then to a generic "request failed" text.
std::string Message(std::string_view code, Lang lang,
                    const std::map<std::string, std::string>& params = {});

// Field-issue text: looks up "field." + code.
std::string FieldMessage(std::string_view code, Lang lang,
                         const std::map<std::string, std::string>& params = {});

// Whether the catalogue has an exact entry for code (tests use it to prove
// that every code the server emits is translated).
bool HasMessage(std::string_view code);

}  // namespace jieli
