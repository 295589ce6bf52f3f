// Rules of client records, free of storage and HTTP: validation of a client's
// fields, phone numbers, the similar-name test used to warn about duplicates,
// neutralising spreadsheet formulas in exports, and reading import files
// (CSV text and the rows of a sheet) into validated inputs.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/local_time.hpp"
#include "core/result.hpp"
#include "modules/clients/client.hpp"

namespace jieli::clients {

// A client's fields as entered, with the ID number and phone in clear.
struct ClientInput {
  std::string name;
  Gender gender = Gender::kUnknown;
  std::string birth_date;  // YYYY-MM-DD or ""
  std::string id_number;   // "" when none
  std::string phone;       // "" when none
  std::string address;
  std::optional<std::int64_t> region_id;
  std::vector<HouseholdMember> household;
  std::vector<Category> categories;
  std::optional<int> disability_level;
  std::vector<Consent> consents;
  std::vector<std::string> risk_flags;
  std::string notes;
};

// Limits, in Unicode code points or entries.
inline constexpr std::size_t kMaxNameChars = 50;
inline constexpr std::size_t kMaxAddressChars = 200;
inline constexpr std::size_t kMaxNotesChars = 2000;
inline constexpr std::size_t kMaxListEntries = 20;
inline constexpr std::size_t kMaxShortChars = 50;

// Trims every text, normalises the ID number (NormalizeIdNumber) and the phone
// (whitespace removed), and drops repeated categories.
void Normalize(ClientInput& input);

// Every problem with input (already normalised), as field issues:
// name "required"/"too_long"; birth_date "invalid_date"/"date_in_future";
// id_number "id_number_invalid"; birth_date "id_number_birth_mismatch" (the
// birth date differs from the one inside the ID number); phone "phone_invalid";
// address/notes "too_long"; disability_level "out_of_range" /
// "disability_level_without_category"; household[i].name "required", …;
// consents[i].given_on "invalid_date", consents[i].withdrawn_on
// "withdrawn_before_given"; risk_flags[i] "required"/"too_long"; lists "too_long".
std::vector<FieldIssue> ValidateClient(const ClientInput& input, LocalDate today);

// Whether phone is a mainland mobile number (1[3-9] and 9 more digits) or a
// landline with its area code (0 + 2–3 digits, optional '-', 7–8 digits,
// optional extension "-123").
bool IsValidPhone(std::string_view phone);
// The form a phone is indexed by: digits only.
std::string NormalizePhoneForIndex(std::string_view phone);

// Whether two names may belong to the same person: equal, or of the same
// length (in characters, at least 2) and differing in exactly one character
// ("张伟" ~ "张玮"). Surrounding whitespace is ignored.
bool NamesSimilar(std::string_view a, std::string_view b);

// The contacts of a household sent back as it was shown — masked, since only
// the audited reveal shows them in clear — keep their clear value: each contact
// in sent that is the masked form (MaskPhone) of a stored member's contact is
// replaced by it, preferring the member of the same name at the same position,
// then one of the same name, then the one at the same position, then the first.
// Any other contact is taken as entered.
void RestoreMaskedContacts(std::vector<HouseholdMember>& sent,
                           const std::vector<HouseholdMember>& stored);

// The client a PATCH makes of the stored one: each field present in patch
// replaces the stored field, every absent one is kept. A household sent back
// keeps the clear contacts it shows masked (RestoreMaskedContacts). The result
// is not yet normalised or validated.
ClientInput ApplyPatch(const ClientInput& stored, const ClientPatch& patch);

// text made safe for a spreadsheet cell: a leading '=', '+', '-', '@', tab or
// carriage return gets a "'" in front, so the cell is never read as a formula.
std::string NeutralizeFormula(std::string_view text);

// --- import -----------------------------------------------------------------------

// One cell of an import sheet; numeric is set for number cells of a workbook
// (whose text is the number as stored, e.g. "32874" for a date).
struct ImportCell {
  std::string text;
  bool numeric = false;
};
using ImportRowCells = std::vector<ImportCell>;
using ImportTable = std::vector<ImportRowCells>;

// The text of a CSV file as UTF-8: a UTF-8 BOM is dropped; text that is not
// UTF-8 is converted from GB18030 (which covers GBK, what Chinese Excel writes).
// Error: InvalidError("clients.import_encoding") when it is neither.
Result<std::string> DecodeCsvText(std::string_view bytes);

// RFC 4180: fields separated by ',', records by CRLF or LF, fields in double
// quotes may hold ',', line breaks and "" for a quote.
// Error: InvalidError("clients.import_malformed") (param row) for an
// unterminated quoted field.
Result<ImportTable> ParseCsv(std::string_view text);

// A day from an Excel serial number (1 = 1900-01-01, counting Excel's
// phantom 1900-02-29), or nullopt when out of range (before 1900, after 9999)
// or not a number.
std::optional<LocalDate> ExcelSerialToDate(std::string_view serial);

// One data row of an import file: its number in the sheet (1-based, counting
// the header row), the values by column key, the input built from them and
// the problems found (FieldIssue.field is the column key: name, gender,
// birth_date, id_number, phone, address, categories, notes).
struct ImportRow {
  int row = 0;
  std::map<std::string, std::string> values;
  ClientInput input;
  std::vector<FieldIssue> issues;
};

// The column keys an import file may have, in export order.
const std::vector<std::string>& ImportColumns();
// The Chinese header of a column key ("name" -> "姓名").
std::string_view ColumnHeader(std::string_view key);

inline constexpr std::size_t kMaxImportRows = 5000;

// Reads the table (first non-empty row is the header, in Chinese or with the
// English column keys; unknown columns are ignored; empty rows are skipped)
// into validated rows. Repeated ID numbers within the file are an issue
// "duplicate_in_file" (param row: the first row with it); an ID number
// stored as a number (digits lost) is "id_number_as_number".
// Errors: InvalidError("clients.import_no_header") without a 姓名/name column,
// "clients.import_empty" without data rows, "clients.import_too_many_rows" (param max).
Result<std::vector<ImportRow>> ReadImportRows(const ImportTable& table, LocalDate today);

}  // namespace jieli::clients
