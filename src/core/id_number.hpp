// Resident ID numbers (居民身份证号码) of mainland China, GB 11643-1999.
//
// 18 characters: a 6-digit address code, the birth date YYYYMMDD, a 3-digit
// sequence number and a check character (a digit or 'X' for ten) computed
// with ISO 7064 MOD 11-2 over the first 17 digits. Address codes are not
// checked against the (changing) list of administrative divisions, and the old
// 15-digit numbers are not accepted.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace jieli {

// Whether id is a well-formed 18-character ID number: 17 digits and a check
// digit or X/x, a real birth date with year >= 1900 (future dates are not
// refused), and a correct checksum. No trimming: normalise input first.
bool IsValidIdNumber(std::string_view id);

// id without surrounding whitespace (ASCII, and the full-width space U+3000
// that Chinese input methods produce) and with a trailing 'x' made 'X', the
// form to store, index and compare. Does not validate.
std::string NormalizeIdNumber(std::string_view id);

}  // namespace jieli
