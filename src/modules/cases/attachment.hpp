// Attachments (附件): which files a case takes. A file's type is judged by its
// first bytes, never by what the browser claims, so that a renamed program is
// refused; its name is cleaned of paths and control characters before it is
// stored or sent back in a header. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jieli::cases {

// The largest file a case takes, in bytes (also the upload route's body limit).
inline constexpr std::int64_t kMaxAttachmentBytes = 10 * 1024 * 1024;

// The type of a file judged by its first bytes (and, for the zip-based Office
// formats and plain text, its name), or "" when Jieli does not take it:
// PDF, PNG, JPEG, .docx, .xlsx, and .txt that is UTF-8 without NUL bytes.
std::string SniffContentType(std::string_view name, std::string_view bytes);

// The last path component of name, without control characters or '"'; ""
// when that is longer than 200 characters.
std::string CleanFileName(std::string_view name);

// A file a case may take: its cleaned name and its content type.
struct AcceptedFile {
  std::string name;
  std::string content_type;
};

// Checks a file named file_name holding bytes, in this order:
//   no name left after cleaning (CleanFileName) → ValidationFailed, name "required"
//   no bytes                                    → InvalidError("cases.attachment_empty")
//   more than kMaxAttachmentBytes               → InvalidError("cases.attachment_too_large"),
//                                                 param max_mb
//   a type Jieli does not take                  → InvalidError("cases.attachment_type")
Result<AcceptedFile> CheckAttachment(std::string_view file_name, std::string_view bytes);

}  // namespace jieli::cases
