#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "modules/clients/xlsx_reader.hpp"
#include "modules/clients/xlsx_writer.hpp"
#include "support/zip_parts.hpp"

namespace jieli::clients {
namespace {

// A workbook whose first sheet has sheet_data inside <sheetData>.
std::string Workbook(const std::string& sheet_data, const std::string& shared_strings = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/worksheets/sheet1.xml",
       "<worksheet><sheetData>" + sheet_data + "</sheetData></worksheet>"}};
  if (!shared_strings.empty()) {
    parts.emplace_back("xl/sharedStrings.xml", "<sst>" + shared_strings + "</sst>");
  }
  return test::ZipParts(parts);
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
  auto table =
      ReadXlsx(test::ZipParts({{"xl/sharedStrings.xml", "<sst><si><t>姓名</t></si></sst>"},
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
    auto table = ReadXlsx(
        test::ZipParts({{"xl/sharedStrings.xml", "<sst><si><t>a</t></si></sst>"},
                        {"xl/worksheets/sheet1.xml",
                         Sheet(std::string("<c r=\"A1\" t=\"s\"><v>") + index + "</v></c>")}}));
    ASSERT_FALSE(table) << index;
    EXPECT_EQ(table.error().code(), "clients.import_bad_xlsx") << index;
  }
}

TEST(Xlsx, GarbageIsRefused) {
  for (const std::string& bytes :
       {std::string("PK\x03\x04garbage"), std::string("hello"), std::string()}) {
    auto table = ReadXlsx(bytes);
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code(), "clients.import_bad_xlsx");
  }
  EXPECT_FALSE(LooksLikeXlsx("a,b\n"));
}

TEST(Xlsx, SharedStringIndexIsADecimalInRange) {
  const std::string shared = "<si><t>姓名</t></si><si><t>王秀英</t></si>";
  auto cell = [&](const std::string& value) {
    return ReadXlsx(Workbook(R"(<row><c t="s"><v>)" + value + "</v></c></row>", shared));
  };
  auto second = cell("1");
  ASSERT_TRUE(second) << second.error().log_detail();
  EXPECT_EQ((*second)[0][0].text, "王秀英");
  auto empty = cell("");
  ASSERT_TRUE(empty) << empty.error().log_detail();
  EXPECT_TRUE((*empty)[0].empty());
  // The first used to throw std::out_of_range out of std::stoull.
  for (std::string bad : {"99999999999999999999999", "2", "-1", "+1", " 1", "1x", "0x1"}) {
    auto table = cell(bad);
    ASSERT_FALSE(table) << bad;
    EXPECT_EQ(table.error().code(), "clients.import_bad_xlsx") << bad;
  }
}

TEST(Xlsx, RichTextRunsAreJoinedWithoutTheirPhoneticGuide) {
  auto table =
      ReadXlsx(Workbook(R"(<row><c t="s"><v>0</v></c><c t="inlineStr"><is><r><t>李</t></r>)"
                        R"(<r><rPr/><t>强</t></r></is></c></row>)",
                        "<si><r><t>类</t></r><r><rPr><b/></rPr><t>别</t></r>"
                        "<rPh sb=\"0\" eb=\"2\"><t>ルイベツ</t></rPh></si>"));
  ASSERT_TRUE(table) << table.error().log_detail();
  EXPECT_EQ((*table)[0][0].text, "类别");
  EXPECT_EQ((*table)[0][1].text, "李强");
}

TEST(Xlsx, DeepNestingDoesNotExhaustTheStack) {
  // 200,000 levels: a 1.4 MB part that deflates to a few KB. Collecting its
  // text recursively overflowed the stack and took the whole server down.
  constexpr int kDepth = 200000;
  std::string open;
  std::string close;
  for (int i = 0; i < kDepth; ++i) {
    open += "<r>";
    close += "</r>";
  }
  auto table = ReadXlsx(Workbook(R"(<row><c t="s"><v>0</v></c><c t="inlineStr"><is>)" + open +
                                     "<t>李强</t>" + close + "</is></c></row>",
                                 "<si>" + open + "<t>王秀英</t>" + close + "</si>"));
  ASSERT_TRUE(table) << table.error().log_detail();
  EXPECT_EQ((*table)[0][0].text, "王秀英");
  EXPECT_EQ((*table)[0][1].text, "李强");
}

TEST(Xlsx, RowNumbersCountFromOne) {
  auto table = ReadXlsx(Workbook(R"(<row r="2"><c t="str"><v>姓名</v></c></row><row/>)"
                                 R"(<row r="5"><c t="str"><v>李强</v></c></row>)"));
  ASSERT_TRUE(table) << table.error().log_detail();
  ASSERT_EQ(table->size(), 5u);
  EXPECT_TRUE((*table)[0].empty());
  EXPECT_EQ((*table)[1][0].text, "姓名");
  EXPECT_EQ((*table)[4][0].text, "李强");
  for (std::string bad : {"0", "x", "", "-1", "99999999999999999999999"}) {
    auto refused = ReadXlsx(Workbook(R"(<row r=")" + bad + R"("><c t="str"><v>1</v></c></row>)"));
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code(), "clients.import_bad_xlsx") << bad;
  }
  auto too_far = ReadXlsx(Workbook(R"(<row r="100001"><c t="str"><v>1</v></c></row>)"));
  ASSERT_FALSE(too_far);
  EXPECT_EQ(too_far.error().code(), "clients.import_too_many_rows");
}

TEST(Xlsx, EmptyCellsTakeNoRoom) {
  auto table = ReadXlsx(Workbook(R"(<row><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>)"
                                 R"(<c r="GR1" s="3"/><c r="GQ1" t="s"/></row>)"
                                 R"(<row><c r="B2" s="1"/><c r="GR2" t="str"><v></v></c></row>)"));
  ASSERT_TRUE(table) << table.error().log_detail();
  ASSERT_EQ(table->size(), 2u);
  EXPECT_EQ((*table)[0].size(), 1u);
  EXPECT_TRUE((*table)[1].empty());
}

// rows rows, each with a value in its first and in its 200th column.
std::string WideRows(int rows) {
  std::string data;
  for (int i = 1; i <= rows; ++i) {
    std::string n = std::to_string(i);
    data += R"(<row r=")" + n + R"("><c r="A)" + n + R"(" t="str"><v>张三</v></c><c r="GR)" + n +
            R"("><v>1</v></c></row>)";
  }
  return Workbook(data);
}

TEST(Xlsx, TheCellsHeldAreBoundedByTheLargestImport) {
  // A header and kMaxImportRows rows, 200 columns wide: the most an import takes.
  auto largest = ReadXlsx(WideRows(static_cast<int>(kMaxImportRows) + 1));
  ASSERT_TRUE(largest) << largest.error().code();
  EXPECT_EQ(largest->size(), kMaxImportRows + 1);
  // One row more is refused while reading, not after the memory is taken:
  // 100,000 such rows used to hold 20 million cells (800 MB).
  for (int rows : {static_cast<int>(kMaxImportRows) + 2, 99999}) {
    auto table = ReadXlsx(WideRows(rows));
    ASSERT_FALSE(table) << rows;
    EXPECT_EQ(table.error().code(), "clients.import_too_many_rows");
    EXPECT_EQ(table.error().params().at("max"), std::to_string(kMaxImportRows));
  }
}

}  // namespace
}  // namespace jieli::clients
