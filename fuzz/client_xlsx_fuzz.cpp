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

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_support.hpp"
#include "modules/clients/xlsx_reader.hpp"

namespace {

const jieli::LocalDate kToday = date::year(2026) / 11 / 25;

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

// parts as an uncompressed zip in memory; "" when libzip refuses.
std::string Zip(const std::vector<std::pair<const char*, std::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  zip_error_fini(&error);
  if (!buffer) return "";
  zip_source_keep(buffer.get());  // the archive's close frees one reference
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, nullptr);
  if (archive == nullptr) return "";
  for (const auto& [name, content] : parts) {
    zip_source_t* file = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index = file == nullptr ? -1 : zip_file_add(archive, name, file, ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(file);
      zip_discard(archive);
      return "";
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return "";
  }
  zip_stat_t stat;
  if (zip_source_stat(buffer.get(), &stat) != 0 || zip_source_open(buffer.get()) != 0) return "";
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  if (read != static_cast<zip_int64_t>(bytes.size())) return "";
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = jieli::fuzz::AsText(data, size);
  std::string bytes;
  if (input.starts_with("PK")) {
    bytes = std::string(input);
  } else {
    auto parts = jieli::fuzz::Split(input, '\0', 4);
    parts.resize(4);
    std::vector<std::pair<const char*, std::string_view>> files = {
        {"xl/worksheets/sheet1.xml", parts[0]}};
    if (!parts[1].empty()) files.emplace_back("xl/sharedStrings.xml", parts[1]);
    if (!parts[2].empty()) files.emplace_back("xl/workbook.xml", parts[2]);
    if (!parts[3].empty()) files.emplace_back("xl/_rels/workbook.xml.rels", parts[3]);
    bytes = Zip(files);
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
