#include <gtest/gtest.h>

#include "modules/clients/xlsx_reader.hpp"
#include "modules/clients/xlsx_writer.hpp"

namespace jieli::clients {
namespace {

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
