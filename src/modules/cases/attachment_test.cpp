#include "modules/cases/attachment.hpp"

#include <string>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

using namespace std::string_literals;

const std::string kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const std::string kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

TEST(Attachment, SniffsTheTypeFromTheBytes) {
  struct Case {
    const char* name;
    std::string bytes;
    std::string want;  // "" = refused
  };
  const Case cases[] = {
      {"报告.pdf", "%PDF-1.7\n..."s, "application/pdf"},
      {"no-extension", "%PDF-1.4"s, "application/pdf"},  // the bytes decide, not the name
      {"照片.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s, "image/png"},
      {"photo.jpg", "\xFF\xD8\xFF\xE0\0\x10JFIF"s, "image/jpeg"},
      {"renamed.txt", "\xFF\xD8\xFF\xE1"s, "image/jpeg"},
      {"计划.docx", "PK\x03\x04\x14\0\x06\0"s, kDocx},
      {"PLAN.DOCX", "PK\x03\x04"s, kDocx},  // the name's case does not matter
      {"台账.xlsx", "PK\x03\x04\x14\0"s, kXlsx},
      {"archive.zip", "PK\x03\x04\x14\0"s, ""},  // other zip files are refused
      {"note.docx.zip", "PK\x03\x04"s, ""},
      {"记录.txt", "今天家访。\nline two"s, "text/plain; charset=utf-8"},
      {"empty-ish.TXT", "a"s, "text/plain; charset=utf-8"},
      {"binary.txt", "abc\0def"s, ""},       // a NUL byte is not text
      {"gbk.txt", "\xC4\xE3\xBA\xC3"s, ""},  // not UTF-8
      {"notes.md", "# notes"s, ""},          // text only as .txt
      {"setup.exe", "MZ\x90\0\x03"s, ""},
      {"setup.pdf", "MZ\x90\0\x03"s, ""},  // a program renamed is still refused
      {"page.html", "<html><script>"s, ""},
      {"short.pdf", "%PD"s, ""},  // shorter than the magic
      {"empty.pdf", ""s, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(SniffContentType(c.name, c.bytes), c.want) << c.name;
}

TEST(Attachment, CleansTheFileName) {
  struct Case {
    std::string name;
    std::string want;
  };
  const Case cases[] = {
      {"报告.pdf", "报告.pdf"},
      {"C:\\Users\\社工\\报告.pdf", "报告.pdf"},
      {"/etc/passwd", "passwd"},
      {"../../x.txt", "x.txt"},
      {"dir/", ""},
      {"a\"b\".pdf", "ab.pdf"},
      {"line\r\nbreak\t.pdf", "linebreak.pdf"},
      {"del\x7F.pdf", "del.pdf"},
      {"", ""},
      {std::string(200, 'a'), std::string(200, 'a')},
      {std::string(201, 'a'), ""},  // too long: no name
  };
  for (const auto& c : cases) EXPECT_EQ(CleanFileName(c.name), c.want) << c.name;
  std::string chinese;
  for (int i = 0; i < 200; ++i) chinese += "文";  // 600 bytes, 200 characters
  EXPECT_EQ(CleanFileName(chinese), chinese);
}

TEST(Attachment, ChecksNameSizeAndTypeInOrder) {
  struct Case {
    const char* label;
    std::string name;
    std::string bytes;
    std::string want;  // the error code, or the content type when accepted
  };
  const std::string too_big = "%PDF-" + std::string(kMaxAttachmentBytes, 'x');
  const Case cases[] = {
      {"accepted", "报告.pdf", "%PDF-1.7", "application/pdf"},
      {"no name", "", "%PDF-1.7", "validation.failed"},
      {"blank name", "   ", "%PDF-1.7", "validation.failed"},
      {"path only", "a/b/", "%PDF-1.7", "validation.failed"},
      {"name before bytes", "", "", "validation.failed"},
      {"empty file", "a.pdf", "", "cases.attachment_empty"},
      {"at the limit", "a.pdf", too_big.substr(0, kMaxAttachmentBytes), "application/pdf"},
      {"too large", "a.pdf", too_big, "cases.attachment_too_large"},
      {"size before type", "a.exe", "MZ" + too_big, "cases.attachment_too_large"},
      {"refused type", "a.exe", "MZ\x90", "cases.attachment_type"},
  };
  for (const auto& c : cases) {
    auto file = CheckAttachment(c.name, c.bytes);
    EXPECT_EQ(file ? file->content_type : file.error().code(), c.want) << c.label;
  }
  auto file = CheckAttachment("C:\\tmp\\计划.docx", "PK\x03\x04");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->name, "计划.docx");
  auto large = CheckAttachment("a.pdf", too_big);
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().params().at("max_mb"), "10");
  auto nameless = CheckAttachment("", "%PDF-");
  ASSERT_FALSE(nameless);
  ASSERT_EQ(nameless.error().details().size(), 1u);
  EXPECT_EQ(nameless.error().details()[0].field, "name");
  EXPECT_EQ(nameless.error().details()[0].code, "required");
}

}  // namespace
}  // namespace jieli::cases
