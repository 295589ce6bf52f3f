// An .xlsx file of clients as the import reads it: ReadXlsx (the zip with
// libzip from memory, the workbook's first sheet, shared and inline strings,
// cell references) and then ReadImportRows (numbers as Excel dates, ID
// numbers stored as numbers).
//
// Input, either
//   - a whole .xlsx file (it starts with "PK"), so the zip reader is fuzzed; or
//   - XML parts separated by NUL bytes, in this order: the worksheet,
//     xl/sharedStrings.xml, xl/workbook.xml, xl/_rels/workbook.xml.rels (any
//     may be missing or empty). The target zips them first, so the mutations
//     land in the XML rather than in checksums.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "modules/clients/xlsx_reader.hpp"
#include "support/zip_parts.hpp"

namespace {

const jieli::LocalDate kToday = date::year(2026) / 11 / 25;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = jieli::fuzz::AsText(data, size);
  std::string bytes;
  if (input.starts_with("PK")) {
    bytes = std::string(input);
  } else {
    auto parts = jieli::fuzz::Split(input, '\0', 4);
    parts.resize(4);
    std::vector<std::pair<std::string, std::string>> files = {
        {"xl/worksheets/sheet1.xml", std::string(parts[0])}};
    if (!parts[1].empty()) files.emplace_back("xl/sharedStrings.xml", parts[1]);
    if (!parts[2].empty()) files.emplace_back("xl/workbook.xml", parts[2]);
    if (!parts[3].empty()) files.emplace_back("xl/_rels/workbook.xml.rels", parts[3]);
    bytes = jieli::test::ZipParts(files);
    if (bytes.empty()) return 0;
    JIELI_FUZZ_CHECK(jieli::clients::LooksLikeXlsx(bytes));
  }

  jieli::Result<jieli::clients::ImportTable> table = jieli::clients::ReadXlsx(bytes);
  if (!table) {
    const std::string& code = table.error().code();
    JIELI_FUZZ_CHECK(code == "clients.import_bad_xlsx" || code == "clients.import_too_many_rows");
    return 0;
  }
  JIELI_FUZZ_CHECK(table->size() <= 100000);
  for (const auto& row : *table) JIELI_FUZZ_CHECK(row.size() <= 200);

  auto rows = jieli::clients::ReadImportRows(*table, kToday);
  if (!rows) return 0;
  for (const auto& row : *rows) {
    if (row.issues.empty()) {
      JIELI_FUZZ_CHECK(jieli::clients::ValidateClient(row.input, kToday).empty());
    }
  }
  return 0;
}
