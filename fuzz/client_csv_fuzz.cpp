// A CSV file of clients as the import reads it: DecodeCsvText (UTF-8 with or
// without a BOM, else GB18030/GBK as Chinese Excel writes it), ParseCsv
// (RFC 4180 quoting, CRLF or LF) and ReadImportRows (header in Chinese or
// English, categories with disability levels, dates like 1990/1/5, every row
// validated as a client, repeated ID numbers in the file).
//
// Input: the file's bytes.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/text.hpp"
#include "fuzz_support.hpp"
#include "modules/clients/client_rules.hpp"

namespace {

const jieli::LocalDate kToday = date::year(2026) / 11 / 25;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes = jieli::fuzz::AsText(data, size);
  jieli::Result<std::string> text = jieli::clients::DecodeCsvText(bytes);
  if (!text) return 0;
  JIELI_FUZZ_CHECK(jieli::IsValidUtf8(*text));

  jieli::Result<jieli::clients::ImportTable> table = jieli::clients::ParseCsv(*text);
  if (!table) return 0;
  std::size_t cells = 0;
  for (const auto& row : *table) {
    JIELI_FUZZ_CHECK(!row.empty());
    cells += row.size();
  }
  // Every cell but the first of a row follows a separator of the text.
  JIELI_FUZZ_CHECK(cells <= text->size() + table->size());

  auto rows = jieli::clients::ReadImportRows(*table, kToday);
  if (!rows) return 0;
  JIELI_FUZZ_CHECK(!rows->empty() && rows->size() <= jieli::clients::kMaxImportRows);
  int previous = 0;
  for (const auto& row : *rows) {
    JIELI_FUZZ_CHECK(row.row > previous && static_cast<std::size_t>(row.row) <= table->size());
    previous = row.row;
    if (row.issues.empty()) {
      JIELI_FUZZ_CHECK(!row.input.name.empty());
      JIELI_FUZZ_CHECK(jieli::clients::ValidateClient(row.input, kToday).empty());
    }
  }
  return 0;
}
