#include "modules/clients/client_rules.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <set>

#include <iconv.h>

#include "core/id_number.hpp"
#include "core/mask.hpp"
#include "core/text.hpp"

namespace jieli::clients {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void CheckLength(std::vector<FieldIssue>& issues, const std::string& field, std::string_view text,
                 std::size_t max) {
  if (CodePointCount(text) > max)
    issues.push_back({field, "too_long", {{"max", std::to_string(max)}}});
}

bool IsAllDigits(std::string_view text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "1990/1/5" and "1990.1.5" as "1990-01-05"; anything else unchanged.
std::string NormalizeDateText(const std::string& text) {
  std::array<std::string, 3> parts;
  int part = 0;
  for (char c : text) {
    if (c == '/' || c == '.' || c == '-') {
      if (++part > 2) return text;
    } else if (c >= '0' && c <= '9') {
      parts[static_cast<std::size_t>(part)] += c;
    } else {
      return text;
    }
  }
  if (part != 2 || parts[0].size() != 4 || parts[1].empty() || parts[1].size() > 2 ||
      parts[2].empty() || parts[2].size() > 2) {
    return text;
  }
  auto pad = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  return parts[0] + "-" + pad(parts[1]) + "-" + pad(parts[2]);
}

struct ColumnName {
  std::string_view key;
  std::string_view header;
};
constexpr std::array<ColumnName, 8> kColumns = {{
    {"name", "姓名"},
    {"gender", "性别"},
    {"birth_date", "出生日期"},
    {"id_number", "身份证号"},
    {"phone", "手机号"},
    {"address", "地址"},
    {"categories", "类别"},
    {"notes", "备注"},
}};

std::optional<std::string> ColumnKeyOf(const std::string& header) {
  std::string text = Trim(header);
  std::string lower = Lower(text);
  for (const auto& column : kColumns) {
    if (column.header == text || column.key == lower) return std::string(column.key);
  }
  if (text == "身份证号码" || text == "证件号码") return std::string("id_number");
  if (text == "电话" || text == "联系电话" || text == "手机") return std::string("phone");
  if (text == "服务对象类别" || text == "类型") return std::string("categories");
  return std::nullopt;
}

// Splits "老年人、残疾人2级" into tokens on 、 , ， ; ；.
std::vector<std::string> SplitCategories(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  for (auto cp : SplitCodePoints(text)) {
    if (cp == "、" || cp == "," || cp == "，" || cp == ";" || cp == "；") {
      tokens.push_back(Trim(current));
      current.clear();
    } else {
      current += cp;
    }
  }
  tokens.push_back(Trim(current));
  tokens.erase(std::remove(tokens.begin(), tokens.end(), std::string()), tokens.end());
  return tokens;
}

// A category token, possibly with a disability level: "残疾人2级", "残疾人(二级)", "disabled:3".
bool ParseCategoryToken(const std::string& token, ImportRow& row) {
  if (auto category = ParseCategoryLabel(token)) {
    row.input.categories.push_back(*category);
    return true;
  }
  for (std::string_view prefix : {std::string_view("残疾人"), std::string_view("disabled")}) {
    if (!token.starts_with(prefix)) continue;
    std::string_view rest = std::string_view(token).substr(prefix.size());
    static constexpr std::array<std::pair<std::string_view, int>, 8> kLevels = {
        {{"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}, {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}}};
    for (const auto& [text, level] : kLevels) {
      if (rest.find(text) != std::string_view::npos) {
        row.input.categories.push_back(Category::kDisabled);
        row.input.disability_level = level;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

void Normalize(ClientInput& input) {
  input.name = Trim(input.name);
  input.birth_date = Trim(input.birth_date);
  input.id_number = NormalizeIdNumber(input.id_number);
  std::string phone;
  for (char c : input.phone) {
    if (!IsSpace(c)) phone += c;
  }
  input.phone = Trim(phone);
  input.address = Trim(input.address);
  input.notes = Trim(input.notes);
  for (auto& member : input.household) {
    member.name = Trim(member.name);
    member.relation = Trim(member.relation);
    member.contact = Trim(member.contact);
  }
  for (auto& consent : input.consents) {
    consent.kind = Trim(consent.kind);
    consent.scope = Trim(consent.scope);
    consent.given_on = Trim(consent.given_on);
    consent.withdrawn_on = Trim(consent.withdrawn_on);
  }
  for (auto& flag : input.risk_flags) flag = Trim(flag);
  std::vector<Category> unique;
  for (Category c : input.categories) {
    if (std::find(unique.begin(), unique.end(), c) == unique.end()) unique.push_back(c);
  }
  input.categories = std::move(unique);
}

bool IsValidPhone(std::string_view phone) {
  if (phone.size() == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9' &&
      IsAllDigits(phone, 11, 11)) {
    return true;
  }
  // Landline: 0 + 2–3 digit area code, optional '-', 7–8 digits, optional "-ext".
  if (phone.empty() || phone[0] != '0') return false;
  std::string_view extension;
  std::string_view main = phone;
  auto last_dash = phone.rfind('-');
  auto first_dash = phone.find('-');
  if (last_dash != std::string_view::npos && last_dash != first_dash) {
    extension = phone.substr(last_dash + 1);
    main = phone.substr(0, last_dash);
    if (!IsAllDigits(extension, 1, 6)) return false;
  }
  auto dash = main.find('-');
  if (dash != std::string_view::npos) {
    return IsAllDigits(main.substr(0, dash), 3, 4) && IsAllDigits(main.substr(dash + 1), 7, 8);
  }
  return IsAllDigits(main, 10, 12);
}

std::string NormalizePhoneForIndex(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

std::vector<FieldIssue> ValidateClient(const ClientInput& input, LocalDate today) {
  std::vector<FieldIssue> issues;
  if (input.name.empty()) {
    issues.push_back({"name", "required"});
  } else {
    CheckLength(issues, "name", input.name, kMaxNameChars);
  }
  std::optional<LocalDate> birth;
  if (!input.birth_date.empty()) {
    auto parsed = ParseDate(input.birth_date);
    if (!parsed) {
      issues.push_back({"birth_date", "invalid_date"});
    } else if (date::sys_days(*parsed) > date::sys_days(today)) {
      issues.push_back({"birth_date", "date_in_future"});
    } else {
      birth = *parsed;
    }
  }
  if (!input.id_number.empty()) {
    if (!IsValidIdNumber(input.id_number)) {
      issues.push_back({"id_number", "id_number_invalid"});
    } else if (birth) {
      std::string from_id = input.id_number.substr(6, 4) + "-" + input.id_number.substr(10, 2) +
                            "-" + input.id_number.substr(12, 2);
      if (from_id != FormatDate(*birth)) {
        issues.push_back({"birth_date", "id_number_birth_mismatch", {{"date", from_id}}});
      }
    }
  }
  if (!input.phone.empty() && !IsValidPhone(input.phone)) {
    issues.push_back({"phone", "phone_invalid"});
  }
  CheckLength(issues, "address", input.address, kMaxAddressChars);
  CheckLength(issues, "notes", input.notes, kMaxNotesChars);
  bool disabled = std::find(input.categories.begin(), input.categories.end(),
                            Category::kDisabled) != input.categories.end();
  if (input.disability_level) {
    if (*input.disability_level < 1 || *input.disability_level > 4) {
      issues.push_back({"disability_level", "out_of_range", {{"min", "1"}, {"max", "4"}}});
    } else if (!disabled) {
      issues.push_back({"disability_level", "disability_level_without_category"});
    }
  }
  auto check_list = [&](const char* field, std::size_t size) {
    if (size > kMaxListEntries) {
      issues.push_back({field, "too_long", {{"max", std::to_string(kMaxListEntries)}}});
    }
  };
  check_list("household", input.household.size());
  check_list("consents", input.consents.size());
  check_list("risk_flags", input.risk_flags.size());
  for (std::size_t i = 0; i < input.household.size() && i < kMaxListEntries; ++i) {
    std::string prefix = "household[" + std::to_string(i) + "].";
    const auto& member = input.household[i];
    if (member.name.empty()) issues.push_back({prefix + "name", "required"});
    CheckLength(issues, prefix + "name", member.name, kMaxShortChars);
    CheckLength(issues, prefix + "relation", member.relation, kMaxShortChars);
    CheckLength(issues, prefix + "contact", member.contact, kMaxShortChars);
  }
  for (std::size_t i = 0; i < input.consents.size() && i < kMaxListEntries; ++i) {
    std::string prefix = "consents[" + std::to_string(i) + "].";
    const auto& consent = input.consents[i];
    if (consent.kind.empty()) issues.push_back({prefix + "kind", "required"});
    CheckLength(issues, prefix + "kind", consent.kind, kMaxShortChars);
    CheckLength(issues, prefix + "scope", consent.scope, kMaxAddressChars);
    auto given = ParseDate(consent.given_on);
    if (consent.given_on.empty()) {
      issues.push_back({prefix + "given_on", "required"});
    } else if (!given) {
      issues.push_back({prefix + "given_on", "invalid_date"});
    }
    if (!consent.withdrawn_on.empty()) {
      auto withdrawn = ParseDate(consent.withdrawn_on);
      if (!withdrawn) {
        issues.push_back({prefix + "withdrawn_on", "invalid_date"});
      } else if (given && date::sys_days(*withdrawn) < date::sys_days(*given)) {
        issues.push_back({prefix + "withdrawn_on", "withdrawn_before_given"});
      }
    }
  }
  for (std::size_t i = 0; i < input.risk_flags.size() && i < kMaxListEntries; ++i) {
    std::string field = "risk_flags[" + std::to_string(i) + "]";
    if (input.risk_flags[i].empty()) issues.push_back({field, "required"});
    CheckLength(issues, field, input.risk_flags[i], kMaxShortChars);
  }
  return issues;
}

void RestoreMaskedContacts(std::vector<HouseholdMember>& sent,
                           const std::vector<HouseholdMember>& stored) {
  auto masks = [&](std::size_t j, const std::string& contact) {
    return !stored[j].contact.empty() && stored[j].contact != contact &&
           MaskPhone(stored[j].contact) == contact;
  };
  for (std::size_t i = 0; i < sent.size(); ++i) {
    HouseholdMember& member = sent[i];
    if (member.contact.find('*') == std::string::npos) continue;
    std::optional<std::size_t> found;
    const bool same_place = i < stored.size() && masks(i, member.contact);
    if (same_place && stored[i].name == member.name) found = i;
    for (std::size_t j = 0; !found && j < stored.size(); ++j) {
      if (stored[j].name == member.name && masks(j, member.contact)) found = j;
    }
    if (!found && same_place) found = i;
    for (std::size_t j = 0; !found && j < stored.size(); ++j) {
      if (masks(j, member.contact)) found = j;
    }
    if (found) member.contact = stored[*found].contact;
  }
}

ClientInput ApplyPatch(const ClientInput& stored, const ClientPatch& patch) {
  ClientInput input = stored;
  if (patch.name) input.name = *patch.name;
  if (patch.gender) input.gender = *patch.gender;
  if (patch.birth_date) input.birth_date = *patch.birth_date;
  if (patch.id_number) input.id_number = *patch.id_number;
  if (patch.phone) input.phone = *patch.phone;
  if (patch.address) input.address = *patch.address;
  if (patch.region_id) input.region_id = *patch.region_id;
  if (patch.household) {
    input.household = *patch.household;
    RestoreMaskedContacts(input.household, stored.household);
  }
  if (patch.categories) input.categories = *patch.categories;
  if (patch.disability_level) input.disability_level = *patch.disability_level;
  if (patch.consents) input.consents = *patch.consents;
  if (patch.risk_flags) input.risk_flags = *patch.risk_flags;
  if (patch.notes) input.notes = *patch.notes;
  return input;
}

bool NamesSimilar(std::string_view a, std::string_view b) {
  std::string ta = Trim(a);
  std::string tb = Trim(b);
  if (ta.empty() || tb.empty()) return false;
  if (ta == tb) return true;
  auto ca = SplitCodePoints(ta);
  auto cb = SplitCodePoints(tb);
  if (ca.size() != cb.size() || ca.size() < 2) return false;
  int differences = 0;
  for (std::size_t i = 0; i < ca.size(); ++i) {
    if (ca[i] != cb[i]) ++differences;
  }
  return differences == 1;
}

std::string NeutralizeFormula(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

// --- import -----------------------------------------------------------------------

Result<std::string> DecodeCsvText(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (IsValidUtf8(bytes)) return std::string(bytes);
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  // iconv_open reports failure as (iconv_t)-1.
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
    return InvalidError("clients.import_encoding");
  }
  std::string out(bytes.size() * 2 + 16, '\0');
  std::string in(bytes);
  char* in_ptr = in.data();
  std::size_t in_left = in.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  std::size_t converted = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (converted == static_cast<std::size_t>(-1) || in_left != 0) {
    return InvalidError("clients.import_encoding");
  }
  out.resize(out.size() - out_left);
  if (!IsValidUtf8(out)) return InvalidError("clients.import_encoding");
  return out;
}

Result<ImportTable> ParseCsv(std::string_view text) {
  ImportTable table;
  ImportRowCells row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  int line = 1;
  int quote_line = 0;
  auto end_field = [&] {
    row.push_back({std::move(field), false});
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    table.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the '\n' ends the record.
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    return InvalidError("clients.import_malformed").WithParam("row", std::to_string(quote_line));
  }
  if (field_started || !row.empty()) end_row();
  return table;
}

std::optional<LocalDate> ExcelSerialToDate(std::string_view serial) {
  double value = 0;
  auto [end, ec] = std::from_chars(serial.data(), serial.data() + serial.size(), value);
  if (ec != std::errc() || end != serial.data() + serial.size()) return std::nullopt;
  // 1900-01-01 … 9999-12-31. Written so that NaN ("nan" is a number to
  // from_chars) fails too: converting it to int would be undefined.
  if (!(value >= 1 && value <= 2958465)) return std::nullopt;
  auto days = static_cast<int>(value);
  // Excel counts a 1900-02-29 that never was: from serial 61 on, day 0 is 1899-12-30.
  date::sys_days base = days >= 61 ? date::sys_days(date::year(1899) / 12 / 30)
                                   : date::sys_days(date::year(1899) / 12 / 31);
  return LocalDate(base + date::days(days));
}

const std::vector<std::string>& ImportColumns() {
  static const std::vector<std::string> kKeys = [] {
    std::vector<std::string> keys;
    for (const auto& column : kColumns) keys.emplace_back(column.key);
    return keys;
  }();
  return kKeys;
}

std::string_view ColumnHeader(std::string_view key) {
  for (const auto& column : kColumns) {
    if (column.key == key) return column.header;
  }
  return key;
}

Result<std::vector<ImportRow>> ReadImportRows(const ImportTable& table, LocalDate today) {
  auto is_empty = [](const ImportRowCells& cells) {
    return std::all_of(cells.begin(), cells.end(),
                       [](const ImportCell& cell) { return Trim(cell.text).empty(); });
  };
  std::size_t header_index = 0;
  while (header_index < table.size() && is_empty(table[header_index])) ++header_index;
  if (header_index == table.size()) return InvalidError("clients.import_empty");
  std::map<std::size_t, std::string> keys;  // column index -> key
  bool has_name = false;
  for (std::size_t i = 0; i < table[header_index].size(); ++i) {
    auto key = ColumnKeyOf(table[header_index][i].text);
    if (!key) continue;
    bool taken = std::any_of(keys.begin(), keys.end(),
                             [&](const auto& entry) { return entry.second == *key; });
    if (taken) continue;  // the first column of a name wins
    has_name = has_name || *key == "name";
    keys[i] = *key;
  }
  if (!has_name) return InvalidError("clients.import_no_header");

  std::vector<ImportRow> rows;
  std::map<std::string, int> id_rows;  // normalised ID number -> first row
  for (std::size_t r = header_index + 1; r < table.size(); ++r) {
    if (is_empty(table[r])) continue;
    if (rows.size() == kMaxImportRows) {
      return InvalidError("clients.import_too_many_rows")
          .WithParam("max", std::to_string(kMaxImportRows));
    }
    ImportRow row;
    row.row = static_cast<int>(r + 1);
    std::vector<FieldIssue> cell_issues;
    bool id_as_number = false;
    for (const auto& [index, key] : keys) {
      ImportCell cell = index < table[r].size() ? table[r][index] : ImportCell{};
      std::string text = Trim(cell.text);
      if (key == "birth_date" && cell.numeric && !text.empty()) {
        if (auto day = ExcelSerialToDate(text)) text = FormatDate(*day);
      }
      row.values[key] = text;
      if (key == "name") {
        row.input.name = text;
      } else if (key == "gender") {
        if (!text.empty()) {
          auto gender = ParseGenderLabel(text);
          if (gender) {
            row.input.gender = *gender;
          } else {
            cell_issues.push_back({key, "invalid_choice", {{"allowed", "男, 女, 其他, 未知"}}});
          }
        }
      } else if (key == "birth_date") {
        row.input.birth_date = NormalizeDateText(text);
      } else if (key == "id_number") {
        row.input.id_number = text;
        id_as_number = cell.numeric && !text.empty();
      } else if (key == "phone") {
        row.input.phone = text;
      } else if (key == "address") {
        row.input.address = text;
      } else if (key == "categories") {
        for (const auto& token : SplitCategories(text)) {
          if (!ParseCategoryToken(token, row)) {
            cell_issues.push_back({key, "unknown_category", {{"value", token}}});
          }
        }
      } else if (key == "notes") {
        row.input.notes = text;
      }
    }
    Normalize(row.input);
    row.issues = std::move(cell_issues);
    for (auto& issue : ValidateClient(row.input, today)) {
      if (id_as_number && issue.field == "id_number") continue;
      row.issues.push_back(std::move(issue));
    }
    if (id_as_number) {
      row.issues.push_back({"id_number", "id_number_as_number"});
    } else if (!row.input.id_number.empty() && IsValidIdNumber(row.input.id_number)) {
      auto [it, inserted] = id_rows.emplace(row.input.id_number, row.row);
      if (!inserted) {
        row.issues.push_back(
            {"id_number", "duplicate_in_file", {{"row", std::to_string(it->second)}}});
      }
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return InvalidError("clients.import_empty");
  return rows;
}

}  // namespace jieli::clients
