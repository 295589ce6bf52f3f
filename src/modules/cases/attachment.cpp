#include "modules/cases/attachment.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace jieli::cases {

std::string SniffContentType(std::string_view name, std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.compare(0, magic.size(), magic) == 0; };
  auto ends = [&](std::string_view suffix) {
    if (name.size() < suffix.size()) return false;
    std::string tail(name.substr(name.size() - suffix.size()));
    std::transform(tail.begin(), tail.end(), tail.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return tail == suffix;
  };
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("PK\x03\x04")) {
    if (ends(".docx"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "";
  }
  if (ends(".txt") && bytes.find('\0') == std::string_view::npos && IsValidUtf8(bytes))
    return "text/plain; charset=utf-8";
  return "";
}

std::string CleanFileName(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  std::string_view base = name.substr(slash == std::string_view::npos ? 0 : slash + 1);
  std::string clean;
  for (char ch : base) {
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F && ch != '"') clean += ch;
  }
  if (CodePointCount(clean) > 200) return "";
  return clean;
}

Result<AcceptedFile> CheckAttachment(std::string_view file_name, std::string_view bytes) {
  AcceptedFile file;
  file.name = CleanFileName(file_name);
  if (IsBlank(file.name)) return ValidationFailed({{"name", "required", {}}});
  if (bytes.empty()) return InvalidError("cases.attachment_empty");
  if (static_cast<std::int64_t>(bytes.size()) > kMaxAttachmentBytes)
    return InvalidError("cases.attachment_too_large")
        .WithParam("max_mb", std::to_string(kMaxAttachmentBytes / (1024 * 1024)));
  file.content_type = SniffContentType(file.name, bytes);
  if (file.content_type.empty()) return InvalidError("cases.attachment_type");
  return file;
}

}  // namespace jieli::cases
