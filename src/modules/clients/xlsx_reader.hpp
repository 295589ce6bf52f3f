// XlsxReader: the cells of the first worksheet of an .xlsx workbook (Office
// Open XML), for importing clients. Reads the zip (libzip) from memory and the
// XML parts (pugixml): shared strings, inline strings, numbers and booleans.
// Styles are not read, so dates arrive as their serial number with
// ImportCell::numeric set (the caller knows which columns hold dates).
// Pure function of its input; thread-safe.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "modules/clients/client_rules.hpp"

namespace jieli::clients {

// Whether bytes look like a zip archive (an .xlsx): they start with "PK\x03\x04".
bool LooksLikeXlsx(std::string_view bytes);

// The rows of the first worksheet, top to bottom, with empty cells and rows
// filled in (a row ends at its last cell with a value). Errors:
// InvalidError("clients.import_bad_xlsx") when the bytes are not a readable
// workbook or a cell's text is not UTF-8; "clients.import_too_many_rows"
// (param max) beyond 100,000 rows, or when the rows hold more cells than
// kMaxImportRows + 1 rows of 200 columns (param max: kMaxImportRows); parts
// larger than 64 MiB uncompressed are refused as bad.
Result<ImportTable> ReadXlsx(std::string_view bytes);

}  // namespace jieli::clients
