#include "modules/clients/client_rules.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace jieli::clients {
namespace {

const LocalDate kToday = date::year(2026) / 11 / 25;

bool HasIssue(const std::vector<FieldIssue>& issues, const std::string& field,
              const std::string& code) {
  return std::any_of(issues.begin(), issues.end(), [&](const FieldIssue& issue) {
    return issue.field == field && issue.code == code;
  });
}

ClientInput Valid() {
  ClientInput input;
  input.name = "王秀英";
  input.gender = Gender::kFemale;
  input.birth_date = "1990-03-07";
  input.id_number = "420106199003071238";
  input.phone = "13812345678";
  return input;
}

TEST(ClientRules, AValidClientHasNoIssues) {
  EXPECT_TRUE(ValidateClient(Valid(), kToday).empty());
  ClientInput minimal;
  minimal.name = "李";
  EXPECT_TRUE(ValidateClient(minimal, kToday).empty());
}

TEST(ClientRules, FieldProblemsAreReportedByField) {
  struct Case {
    const char* what;
    void (*change)(ClientInput&);
    const char* field;
    const char* code;
  };
  const Case kCases[] = {
      {"no name", [](ClientInput& c) { c.name = ""; }, "name", "required"},
      {"long name", [](ClientInput& c) { c.name = std::string(51 * 3, 'a'); }, "name", "too_long"},
      {"bad checksum", [](ClientInput& c) { c.id_number = "420106199003071239"; }, "id_number",
       "id_number_invalid"},
      {"short id", [](ClientInput& c) { c.id_number = "4201061990"; }, "id_number",
       "id_number_invalid"},
      {"birth mismatch", [](ClientInput& c) { c.birth_date = "1990-03-08"; }, "birth_date",
       "id_number_birth_mismatch"},
      {"bad date", [](ClientInput& c) { c.birth_date = "1990-02-30"; }, "birth_date",
       "invalid_date"},
      {"future", [](ClientInput& c) { c.id_number = "", c.birth_date = "2027-01-01"; },
       "birth_date", "date_in_future"},
      {"phone", [](ClientInput& c) { c.phone = "12812345678"; }, "phone", "phone_invalid"},
      {"phone letters", [](ClientInput& c) { c.phone = "1381234567a"; }, "phone", "phone_invalid"},
      {"level range",
       [](ClientInput& c) { c.categories = {Category::kDisabled}, c.disability_level = 5; },
       "disability_level", "out_of_range"},
      {"level alone", [](ClientInput& c) { c.disability_level = 2; }, "disability_level",
       "disability_level_without_category"},
      {"household",
       [](ClientInput& c) {
         c.household = {{"", "配偶", ""}};
       },
       "household[0].name", "required"},
      {"consent date",
       [](ClientInput& c) {
         c.consents = {{"service", "", "2026-13-01", ""}};
       },
       "consents[0].given_on", "invalid_date"},
      {"withdrawn",
       [](ClientInput& c) {
         c.consents = {{"service", "", "2026-05-01", "2026-04-01"}};
       },
       "consents[0].withdrawn_on", "withdrawn_before_given"},
      {"flag", [](ClientInput& c) { c.risk_flags = {""}; }, "risk_flags[0]", "required"},
      {"many flags", [](ClientInput& c) { c.risk_flags.assign(21, "x"); }, "risk_flags",
       "too_long"},
  };
  for (const auto& c : kCases) {
    ClientInput input = Valid();
    c.change(input);
    auto issues = ValidateClient(input, kToday);
    EXPECT_TRUE(HasIssue(issues, c.field, c.code)) << c.what;
  }
}

TEST(ClientRules, NormalizeTrimsAndDeduplicates) {
  ClientInput input = Valid();
  input.name = "  王秀英\xE3\x80\x80";
  input.id_number = " 11010519491231002x ";
  input.phone = "138 1234 5678";
  input.categories = {Category::kElderly, Category::kElderly, Category::kWomen};
  Normalize(input);
  EXPECT_EQ(input.name, "王秀英");
  EXPECT_EQ(input.id_number, "11010519491231002X");
  EXPECT_EQ(input.phone, "13812345678");
  EXPECT_EQ(input.categories, (std::vector<Category>{Category::kElderly, Category::kWomen}));
}

TEST(ClientRules, Phones) {
  struct Case {
    const char* phone;
    bool valid;
  };
  const Case kCases[] = {
      {"13812345678", true},    {"19912345678", true},     {"12812345678", false},
      {"1381234567", false},    {"138123456789", false},   {"027-87651234", true},
      {"02787651234", true},    {"0755-1234567", true},    {"027-87651234-801", true},
      {"27-87651234", false},   {"027-876", false},        {"", false},
      {"027--87651234", false}, {"+8613812345678", false},
  };
  for (const auto& c : kCases) EXPECT_EQ(IsValidPhone(c.phone), c.valid) << c.phone;
  EXPECT_EQ(NormalizePhoneForIndex("027-8765 1234"), "02787651234");
}

TEST(ClientRules, SimilarNames) {
  struct Case {
    const char* a;
    const char* b;
    bool similar;
  };
  const Case kCases[] = {
      {"张伟", "张伟", true},      {"张伟", "张玮", true},    {"王秀英", "王秀瑛", true},
      {"王秀英", "汪秀瑛", false}, {"张伟", "张伟伟", false}, {"李", "王", false},
      {" 张伟 ", "张伟", true},    {"", "", false},           {"Li Lei", "Li Lai", true},
  };
  for (const auto& c : kCases) EXPECT_EQ(NamesSimilar(c.a, c.b), c.similar) << c.a << " " << c.b;
}

TEST(ClientRules, FormulasAreNeutralised) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case kCases[] = {
      {"=cmd()", "'=cmd()"}, {"+1", "'+1"},    {"-2", "'-2"},  {"@SUM(A1)", "'@SUM(A1)"},
      {"\tx", "'\tx"},       {"王芳", "王芳"}, {"a=b", "a=b"}, {"", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(NeutralizeFormula(c.in), c.out) << c.in;
}

TEST(ClientRules, CsvFollowsRfc4180) {
  auto table = ParseCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\nlast");
  ASSERT_TRUE(table);
  ASSERT_EQ(table->size(), 4u);
  EXPECT_EQ((*table)[0][2].text, "c");
  EXPECT_EQ((*table)[1][0].text, "x, y");
  EXPECT_EQ((*table)[1][1].text, "say \"hi\"");
  EXPECT_EQ((*table)[1][2].text, "two\nlines");
  EXPECT_EQ((*table)[2].size(), 3u);
  EXPECT_EQ((*table)[3][0].text, "last");
  auto open = ParseCsv("a\n\"never closed\n");
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code(), "clients.import_malformed");
  EXPECT_EQ(open.error().params().at("row"), "2");
}

TEST(ClientRules, CsvEncodings) {
  auto bom = DecodeCsvText("\xEF\xBB\xBF姓名\n");
  ASSERT_TRUE(bom);
  EXPECT_EQ(*bom, "姓名\n");
  // 姓名 in GBK.
  auto gbk = DecodeCsvText("\xD0\xD5\xC3\xFB\n");
  ASSERT_TRUE(gbk);
  EXPECT_EQ(*gbk, "姓名\n");
  auto garbage = DecodeCsvText("\xFF\xFF\xFF");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), "clients.import_encoding");
}

TEST(ClientRules, ExcelSerialDates) {
  struct Case {
    const char* serial;
    const char* day;
  };
  const Case kCases[] = {{"1", "1900-01-01"},     {"59", "1900-02-28"},
                         {"61", "1900-03-01"},    {"32874", "1990-01-01"},
                         {"46351", "2026-11-25"}, {"46351.5", "2026-11-25"}};
  for (const auto& c : kCases) {
    auto day = ExcelSerialToDate(c.serial);
    ASSERT_TRUE(day) << c.serial;
    EXPECT_EQ(FormatDate(*day), c.day) << c.serial;
  }
  EXPECT_FALSE(ExcelSerialToDate("abc"));
  EXPECT_FALSE(ExcelSerialToDate("0"));
  // from_chars reads these as numbers; NaN used to reach a cast to int.
  for (const char* serial : {"nan", "-nan", "NAN", "nan(0x7ff)", "inf", "-infinity", "2958466"}) {
    EXPECT_FALSE(ExcelSerialToDate(serial)) << serial;
  }
}

ImportTable Table(const std::vector<std::vector<std::string>>& rows) {
  ImportTable table;
  for (const auto& row : rows) {
    ImportRowCells cells;
    for (const auto& text : row) cells.push_back({text, false});
    table.push_back(std::move(cells));
  }
  return table;
}

TEST(ClientRules, ImportRowsAreReadAndValidated) {
  ImportTable table = Table({
      {"姓名", "性别", "出生日期", "身份证号", "手机号", "地址", "类别", "备注", "无关列"},
      {"王秀英", "女", "1990/3/7", "420106199003071238", "13812345678", "东亭社区",
       "妇女、残疾人2级", "", "x"},
      {"", "男", "", "", "", "", "", "", ""},
      {"", "", "", "", "", "", "", "", ""},
      {"张伟", "雄", "1955-08-12", "420106195508124561", "123", "", "外星人", "", ""},
      {"李娜", "女", "", "420106199003071238", "", "", "低保,留守", "", ""},
  });
  table[4][2] = {"20152", true};  // 1955-03-04 as an Excel serial: mismatch with the ID
  auto rows = ReadImportRows(table, kToday);
  ASSERT_TRUE(rows) << rows.error().code();
  ASSERT_EQ(rows->size(), 4u);
  const auto& first = (*rows)[0];
  EXPECT_EQ(first.row, 2);
  EXPECT_TRUE(first.issues.empty()) << first.issues.front().code;
  EXPECT_EQ(first.input.birth_date, "1990-03-07");
  EXPECT_EQ(first.input.categories, (std::vector<Category>{Category::kWomen, Category::kDisabled}));
  EXPECT_EQ(first.input.disability_level, 2);
  EXPECT_TRUE(HasIssue((*rows)[1].issues, "name", "required"));
  const auto& bad = (*rows)[2];
  EXPECT_EQ(bad.row, 5);
  EXPECT_EQ(bad.values.at("birth_date"), "1955-03-04");
  EXPECT_TRUE(HasIssue(bad.issues, "gender", "invalid_choice"));
  EXPECT_TRUE(HasIssue(bad.issues, "id_number", "id_number_invalid"));
  EXPECT_TRUE(HasIssue(bad.issues, "phone", "phone_invalid"));
  EXPECT_TRUE(HasIssue(bad.issues, "categories", "unknown_category"));
  const auto& repeated = (*rows)[3];
  EXPECT_TRUE(HasIssue(repeated.issues, "id_number", "duplicate_in_file"));
  EXPECT_EQ(repeated.input.categories,
            (std::vector<Category>{Category::kLowIncome, Category::kLeftBehind}));
}

TEST(ClientRules, ImportHeadersInEnglishAndNumericIds) {
  ImportTable table = Table({{"name", "ID_NUMBER"}, {"王芳", "420106199003071238"}});
  table[1][1].numeric = true;
  auto rows = ReadImportRows(table, kToday);
  ASSERT_TRUE(rows);
  EXPECT_TRUE(HasIssue((*rows)[0].issues, "id_number", "id_number_as_number"));
  EXPECT_EQ((*rows)[0].issues.size(), 1u);

  struct Case {
    ImportTable table;
    const char* code;
  };
  const Case kErrors[] = {
      {Table({{"性别"}, {"男"}}), "clients.import_no_header"},
      {Table({{"姓名"}}), "clients.import_empty"},
      {Table({}), "clients.import_empty"},
  };
  for (const auto& c : kErrors) {
    auto result = ReadImportRows(c.table, kToday);
    ASSERT_FALSE(result) << c.code;
    EXPECT_EQ(result.error().code(), c.code);
  }
}

TEST(ClientModel, NamesRoundTrip) {
  for (const auto& name : CategoryNames()) {
    auto category = ParseCategory(name);
    ASSERT_TRUE(category) << name;
    EXPECT_EQ(ToString(*category), name);
    EXPECT_EQ(ParseCategoryLabel(ChineseLabel(*category)), category);
  }
  for (const auto& name : GenderNames()) {
    auto gender = ParseGender(name);
    ASSERT_TRUE(gender) << name;
    EXPECT_EQ(ToString(*gender), name);
    EXPECT_EQ(ParseGenderLabel(ChineseLabel(*gender)), gender);
  }
  EXPECT_FALSE(ParseCategory("martian"));
}

TEST(ClientRules, MaskedContactsSentBackKeepTheStoredOnes) {
  const std::vector<HouseholdMember> stored = {{"周大山", "父亲", "13800001111"},
                                               {"周小河", "兄弟", "13800002222"},
                                               {"李梅", "母亲", "13911112222"}};
  struct Case {
    std::string what;
    std::vector<HouseholdMember> sent;
    std::vector<std::string> contacts;  // after
  };
  const std::vector<Case> kCases = {
      {"as shown",
       {{"周大山", "父亲", "138****1111"}, {"周小河", "兄弟", "138****2222"}},
       {"13800001111", "13800002222"}},
      {"first removed: matched by mask, not position",
       {{"周小河", "兄弟", "138****2222"}, {"李梅", "母亲", "139****2222"}},
       {"13800002222", "13911112222"}},
      {"a new number is taken as entered", {{"周大山", "父亲", "13700009999"}}, {"13700009999"}},
      {"a mask of nothing stored stays as typed", {{"新成员", "", "137****0000"}}, {"137****0000"}},
      {"cleared", {{"周大山", "父亲", ""}}, {""}},
      {"a new member with a stored member's mask gets it",
       {{"王五", "", "139****2222"}},
       {"13911112222"}},
  };
  for (const auto& c : kCases) {
    std::vector<HouseholdMember> sent = c.sent;
    RestoreMaskedContacts(sent, stored);
    std::vector<std::string> contacts;
    for (const auto& m : sent) contacts.push_back(m.contact);
    EXPECT_EQ(contacts, c.contacts) << c.what;
  }
  // Two stored contacts with the same mask: the one at the same position, then the same name.
  const std::vector<HouseholdMember> alike = {{"甲", "", "13800001234"}, {"乙", "", "13899991234"}};
  std::vector<HouseholdMember> sent = {{"甲", "", "138****1234"}, {"乙", "", "138****1234"}};
  RestoreMaskedContacts(sent, alike);
  EXPECT_EQ(sent[0].contact, "13800001234");
  EXPECT_EQ(sent[1].contact, "13899991234");
  sent = {{"乙", "", "138****1234"}};
  RestoreMaskedContacts(sent, alike);
  EXPECT_EQ(sent[0].contact, "13899991234");
}

bool SameInput(const ClientInput& a, const ClientInput& b) {
  return a.name == b.name && a.gender == b.gender && a.birth_date == b.birth_date &&
         a.id_number == b.id_number && a.phone == b.phone && a.address == b.address &&
         a.region_id == b.region_id && a.household == b.household && a.categories == b.categories &&
         a.disability_level == b.disability_level && a.consents == b.consents &&
         a.risk_flags == b.risk_flags && a.notes == b.notes;
}

TEST(ClientRules, APatchChangesOnlyTheFieldsItHolds) {
  ClientInput stored;
  stored.name = "周大山";
  stored.gender = Gender::kMale;
  stored.birth_date = "1950-03-01";
  stored.id_number = "110101195003011234";
  stored.phone = "13800001111";
  stored.address = "幸福路 1 号";
  stored.region_id = 7;
  stored.household = {{"李梅", "配偶", "13911112222"}};
  stored.categories = {Category::kElderly, Category::kDisabled};
  stored.disability_level = 2;
  stored.consents = {{"service", "", "2026-01-05", ""}};
  stored.risk_flags = {"独居"};
  stored.notes = "喜欢下棋";
  struct Case {
    const char* label;
    ClientPatch patch;
    void (*want)(ClientInput&);  // the change to stored the patch should make
  };
  auto patch = [](void (*fill)(ClientPatch&)) {
    ClientPatch p;
    fill(p);
    return p;
  };
  const Case cases[] = {
      {"empty patch", {}, [](ClientInput&) {}},
      {"name", patch([](ClientPatch& p) { p.name = "周大川"; }),
       [](ClientInput& in) { in.name = "周大川"; }},
      {"gender", patch([](ClientPatch& p) { p.gender = Gender::kFemale; }),
       [](ClientInput& in) { in.gender = Gender::kFemale; }},
      {"birth date cleared", patch([](ClientPatch& p) { p.birth_date = ""; }),
       [](ClientInput& in) { in.birth_date = ""; }},
      {"id number", patch([](ClientPatch& p) { p.id_number = "11010119500301123X"; }),
       [](ClientInput& in) { in.id_number = "11010119500301123X"; }},
      {"phone cleared", patch([](ClientPatch& p) { p.phone = ""; }),
       [](ClientInput& in) { in.phone = ""; }},
      {"address", patch([](ClientPatch& p) { p.address = "和平街 2 号"; }),
       [](ClientInput& in) { in.address = "和平街 2 号"; }},
      {"region cleared with null",
       patch([](ClientPatch& p) { p.region_id = std::optional<std::int64_t>(); }),
       [](ClientInput& in) { in.region_id.reset(); }},
      {"region moved", patch([](ClientPatch& p) { p.region_id = std::optional<std::int64_t>(9); }),
       [](ClientInput& in) { in.region_id = 9; }},
      {"categories replaced, not merged",
       patch([](ClientPatch& p) { p.categories = std::vector<Category>{Category::kChild}; }),
       [](ClientInput& in) { in.categories = {Category::kChild}; }},
      {"disability level cleared with null",
       patch([](ClientPatch& p) { p.disability_level = std::optional<int>(); }),
       [](ClientInput& in) { in.disability_level.reset(); }},
      {"consents emptied", patch([](ClientPatch& p) { p.consents = std::vector<Consent>{}; }),
       [](ClientInput& in) { in.consents.clear(); }},
      {"risk flags", patch([](ClientPatch& p) { p.risk_flags = std::vector<std::string>{"跌倒"}; }),
       [](ClientInput& in) { in.risk_flags = {"跌倒"}; }},
      {"notes", patch([](ClientPatch& p) { p.notes = ""; }),
       [](ClientInput& in) { in.notes = ""; }},
      {"household sent back masked keeps the clear contact", patch([](ClientPatch& p) {
         p.household = std::vector<HouseholdMember>{{"李梅", "配偶", "139****2222"},
                                                    {"周小河", "儿子", "13700003333"}};
       }),
       [](ClientInput& in) {
         in.household = {{"李梅", "配偶", "13911112222"}, {"周小河", "儿子", "13700003333"}};
       }},
      {"household emptied",
       patch([](ClientPatch& p) { p.household = std::vector<HouseholdMember>{}; }),
       [](ClientInput& in) { in.household.clear(); }},
      {"several fields at once", patch([](ClientPatch& p) {
         p.name = "周大川";
         p.phone = "13800009999";
         p.notes = "搬家了";
       }),
       [](ClientInput& in) {
         in.name = "周大川";
         in.phone = "13800009999";
         in.notes = "搬家了";
       }},
  };
  for (const auto& c : cases) {
    ClientInput want = stored;
    c.want(want);
    EXPECT_TRUE(SameInput(ApplyPatch(stored, c.patch), want)) << c.label;
  }
}

}  // namespace
}  // namespace jieli::clients
