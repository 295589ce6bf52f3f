#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

#include "modules/clients/xlsx_reader.hpp"
#include "modules/clients/xlsx_writer.hpp"

namespace jieli::clients {
namespace {

// A zip of the given parts, written in memory: workbooks no spreadsheet
// program would write.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer_create(content.data(), content.size(), 0, &error);
    zip_file_add(zip, name.c_str(), part, ZIP_FL_ENC_UTF_8);
  }
  zip_close(zip);
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    char chunk[4096];
    zip_int64_t n;
    while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
      bytes.append(chunk, static_cast<std::size_t>(n));
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

std::string Sheet(const std::string& cells) {
  return "<worksheet><sheetData><row r=\"1\">" + cells + "</row></sheetData></worksheet>";
}

TEST(Xlsx, WhatIsWrittenIsReadBack) {
  std::vector<std::vector<XlsxCell>> rows = {
      {"姓名", "出生日期", "身份证号"},
      {"王秀英", 32874.0, "420106199003071238"},
      {},
      {"'=cmd()", "", 420106199003071238.0},
  };
  auto bytes = WriteXlsx("服务对象", rows);
  ASSERT_TRUE(bytes) << bytes.error().log_detail();
  EXPECT_TRUE(LooksLikeXlsx(*bytes));
  auto table = ReadXlsx(*bytes);
  ASSERT_TRUE(table) << table.error().code() << " " << table.error().log_detail();
  ASSERT_EQ(table->size(), 4u);
  EXPECT_EQ((*table)[0][0].text, "姓名");
  EXPECT_EQ((*table)[1][0].text, "王秀英");
  EXPECT_EQ((*table)[1][1].text, "32874");
  EXPECT_TRUE((*table)[1][1].numeric);
  EXPECT_FALSE((*table)[1][2].numeric);
  EXPECT_EQ((*table)[1][2].text, "420106199003071238");
  EXPECT_TRUE((*table)[2].empty());
  EXPECT_EQ((*table)[3][0].text, "'=cmd()");
  EXPECT_TRUE((*table)[3][2].numeric);
  EXPECT_NE((*table)[3][2].text, "420106199003071238");  // a double keeps ~15 digits
}

TEST(Xlsx, TextThatIsNotUtf8IsABadWorkbook) {
  // PostgreSQL refused to store such a name: the import answered 500.
  for (std::string text :
       {std::string("\xFF\xFE"), std::string("王\xC3\x28"), std::string("\xED\xA0\x80")}) {
    auto bytes = WriteXlsx("s", {{"姓名"}, {text}});
    ASSERT_TRUE(bytes) << bytes.error().log_detail();
    auto table = ReadXlsx(*bytes);
    ASSERT_FALSE(table) << "read back as " << (*table)[1][0].text;
    EXPECT_EQ(table.error().code(), "clients.import_bad_xlsx");
  }
}

TEST(Xlsx, AHandMadeWorkbookIsRead) {
  auto table = ReadXlsx(Zip({{"xl/sharedStrings.xml", "<sst><si><t>姓名</t></si></sst>"},
                             {"xl/worksheets/sheet1.xml",
                              Sheet("<c r=\"A1\" t=\"s\"><v>0</v></c>"
                                    "<c r=\"B1\" t=\"inlineStr\"><is><t>王芳</t></is></c>")}}));
  ASSERT_TRUE(table) << table.error().log_detail();
  EXPECT_EQ((*table)[0][0].text, "姓名");
  EXPECT_EQ((*table)[0][1].text, "王芳");
}

TEST(Xlsx, AnImpossibleSharedStringIndexIsABadWorkbook) {
  // An index beyond unsigned long long threw out of the reader: a 500.
  for (const char* index : {"1", "99999999999999999999999", "-1", "x"}) {
    auto table =
        ReadXlsx(Zip({{"xl/sharedStrings.xml", "<sst><si><t>a</t></si></sst>"},
                      {"xl/worksheets/sheet1.xml",
                       Sheet(std::string("<c r=\"A1\" t=\"s\"><v>") + index + "</v></c>")}}));
    ASSERT_FALSE(table) << index;
    EXPECT_EQ(table.error().code(), "clients.import_bad_xlsx") << index;
  }
}

TEST(Xlsx, GarbageIsRefused) {
  for (std::string bytes :
       {std::string("PK\x03\x04garbage"), std::string("hello"), std::string()}) {
    auto table = ReadXlsx(bytes);
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code(), "clients.import_bad_xlsx");
  }
  EXPECT_FALSE(LooksLikeXlsx("a,b\n"));
}

}  // namespace
}  // namespace jieli::clients
