// Password policy: what a new password must satisfy before it is hashed.
//
// At least 8 and at most 128 characters (Unicode code points, not bytes), and
// at least three of four classes: ASCII upper case, ASCII lower case, ASCII
// digits, and everything else (symbols, spaces, and non-ASCII letters such as
// Chinese characters, which have no case). The upper bound keeps argon2 input
// bounded; it is far above anything a person types. A password may not contain
// the user's name (ASCII letters compared case-insensitively): the first guess
// of anyone who knows whose account it is.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace jieli {

inline constexpr int kPasswordMinLength = 8;
inline constexpr int kPasswordMaxLength = 128;

// The problems with password, all reported against field; empty when acceptable.
// username is the account the password is for ("" when not known, which skips
// that check). Issue codes: "password_too_short" {min}, "too_long" {max},
// "password_classes", "password_contains_username".
std::vector<FieldIssue> CheckPasswordPolicy(std::string_view password,
                                            const std::string& field = "password",
                                            std::string_view username = {});

}  // namespace jieli
