// Text: the small UTF-8 helpers every layer needs — trimming what users paste
// around a value, counting and splitting characters, checking that bytes are
// UTF-8 at all. Characters are Unicode code points, never bytes, so a limit of
// 200 characters means 200 Chinese characters too.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jieli {

// Text without the whitespace a user may paste around a value: ASCII (space,
// \t to \r), the ideographic space U+3000 of Chinese input methods, the
// no-break space U+00A0 and a stray byte-order mark U+FEFF.
std::string Trim(std::string_view text);

// Whether text holds nothing but that whitespace (a required field left "empty").
bool IsBlank(std::string_view text);

// The code points of UTF-8 text, each as the bytes that encode it. A byte that
// does not start a complete sequence is a piece of its own, so nothing is
// dropped and every byte is in exactly one piece.
std::vector<std::string_view> SplitCodePoints(std::string_view text);

// How many pieces SplitCodePoints gives: the code points of UTF-8 text, a
// malformed byte counting as one.
std::size_t CodePointCount(std::string_view text);

// Whether text is strict UTF-8 (RFC 3629): no overlong forms, no surrogates,
// nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text);

// The longest prefix of text of at most max_bytes that does not end inside a
// UTF-8 sequence.
std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace jieli
