// Masking: how personal identifiers are shown to people who may see that a
// record exists but not the identifier itself (lists, logs, exports).
//
// Each function keeps a few characters at the ends so that staff can tell
// records apart, and replaces the rest with '*', one star per character.
// Characters are Unicode code points of UTF-8 input, never bytes, so a masked
// Chinese name is never cut inside a character. A byte that is not valid UTF-8
// counts as one character. Empty input gives empty output.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace jieli {

// A resident ID number: keeps the first 3 and the last 4 characters
// ("110101199001011234" -> "110***********1234"). Shorter than 8 characters
// (not a real ID) it is masked like a short phone number.
std::string MaskIdNumber(std::string_view id);

// A phone number: "13812345678" -> "138****5678". Other lengths of 8 or more
// keep the first third (rounded down) and the last 4; shorter ones keep only
// the last 2, and at least one character is always masked.
std::string MaskPhone(std::string_view phone);

// A personal name: keeps the first character ("张三丰" -> "张**", "Li Lei" -> "L*****").
std::string MaskName(std::string_view utf8_name);

}  // namespace jieli
