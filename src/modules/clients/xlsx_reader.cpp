#include "modules/clients/xlsx_reader.hpp"

#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <pugixml.hpp>
#include <zip.h>

#include "core/text.hpp"

namespace jieli::clients {
namespace {

constexpr zip_uint64_t kMaxPartBytes = 64ull * 1024 * 1024;
constexpr std::size_t kMaxRows = 100000;
constexpr std::size_t kMaxColumns = 200;
// Cells the table may hold, empty ones in a row's gaps included: enough for
// the most an import takes (a header and kMaxImportRows rows, kMaxColumns
// wide), about 40 MB. Without it 100,000 rows each with one cell in the last
// column held 20 million cells (800 MB) for a 10 KB upload.
constexpr std::size_t kMaxCells = (kMaxImportRows + 1) * kMaxColumns;

Error BadXlsx(std::string detail) {
  return Error(ErrorKind::kInvalid, "clients.import_bad_xlsx", std::move(detail));
}

struct ZipCloser {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

// The element name without a namespace prefix ("x:row" -> "row").
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view name) {
  for (auto child : node.children()) {
    if (LocalName(child) == name) return child;
  }
  return {};
}

// The text of every <t> below root, in document order, skipping phonetic
// runs (<rPh>). A walk along parent and sibling links rather than recursion:
// how deep the XML nests is the sender's choice, and the stack is not.
void CollectText(const pugi::xml_node& root, std::string& out) {
  pugi::xml_node node = root.first_child();
  while (node) {
    std::string_view name = LocalName(node);
    if (name == "t") {
      out += node.text().get();
    } else if (name != "rPh" && node.type() == pugi::node_element && node.first_child()) {
      node = node.first_child();
      continue;
    }
    // On to the next sibling, climbing out of every subtree already done.
    while (node != root && !node.next_sibling()) node = node.parent();
    if (node == root) break;
    node = node.next_sibling();
  }
}

std::optional<std::string> ReadPart(zip_t* zip, const std::string& name) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(zip, name.c_str(), 0, &stat) != 0) return std::nullopt;
  if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxPartBytes) return std::nullopt;
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen(zip, name.c_str(), 0));
  if (!file) return std::nullopt;
  std::string data(static_cast<std::size_t>(stat.size), '\0');
  zip_uint64_t read = 0;
  while (read < stat.size) {
    zip_int64_t n = zip_fread(file.get(), data.data() + read, stat.size - read);
    if (n <= 0) return std::nullopt;
    read += static_cast<zip_uint64_t>(n);
  }
  return data;
}

// "BC12" -> column 54 (0-based), row 11 (0-based).
bool ParseCellRef(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0;
  std::size_t col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (col > 20000) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  std::size_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > 10000000) return false;
  }
  if (r == 0) return false;
  column = col - 1;
  row = r - 1;
  return true;
}

// A shared string's index or a row's number: the whole of text as a decimal
// number, or nullopt (a sign, a space, a digit too many for size_t, or nothing).
std::optional<std::size_t> ParseIndex(std::string_view text) {
  std::size_t index = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, index);
  if (error != std::errc() || stop != end) return std::nullopt;
  return index;
}

// The zip path of the first worksheet, from the workbook and its relationships.
std::string FirstSheetPath(zip_t* zip) {
  constexpr const char* kDefault = "xl/worksheets/sheet1.xml";
  auto workbook_xml = ReadPart(zip, "xl/workbook.xml");
  auto rels_xml = ReadPart(zip, "xl/_rels/workbook.xml.rels");
  if (!workbook_xml || !rels_xml) return kDefault;
  pugi::xml_document workbook;
  pugi::xml_document rels;
  if (!workbook.load_buffer(workbook_xml->data(), workbook_xml->size()) ||
      !rels.load_buffer(rels_xml->data(), rels_xml->size())) {
    return kDefault;
  }
  pugi::xml_node sheet = Child(Child(workbook.document_element(), "sheets"), "sheet");
  std::string rel_id;
  for (auto attribute : sheet.attributes()) {
    std::string_view name = attribute.name();
    if (name == "r:id" || name.ends_with(":id")) rel_id = attribute.value();
  }
  if (rel_id.empty()) return kDefault;
  for (auto rel : rels.document_element().children()) {
    if (std::string_view(rel.attribute("Id").value()) != rel_id) continue;
    std::string target = rel.attribute("Target").value();
    if (target.starts_with("/")) return target.substr(1);
    return "xl/" + target;
  }
  return kDefault;
}

}  // namespace

bool LooksLikeXlsx(std::string_view bytes) { return bytes.starts_with("PK\x03\x04"); }

Result<ImportTable> ReadXlsx(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return BadXlsx("zip_source_buffer_create failed");
  }
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!zip) {
    zip_source_free(source);
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    return BadXlsx("zip_open_from_source: " + detail);
  }
  zip_error_fini(&error);

  std::vector<std::string> shared;
  if (auto sst_xml = ReadPart(zip.get(), "xl/sharedStrings.xml")) {
    pugi::xml_document sst;
    if (!sst.load_buffer(sst_xml->data(), sst_xml->size())) return BadXlsx("sharedStrings.xml");
    for (auto si : sst.document_element().children()) {
      if (LocalName(si) != "si") continue;
      std::string text;
      CollectText(si, text);
      shared.push_back(std::move(text));
    }
  }

  auto sheet_xml = ReadPart(zip.get(), FirstSheetPath(zip.get()));
  if (!sheet_xml) return BadXlsx("no first worksheet");
  pugi::xml_document sheet;
  if (!sheet.load_buffer(sheet_xml->data(), sheet_xml->size())) return BadXlsx("worksheet xml");
  pugi::xml_node data = Child(sheet.document_element(), "sheetData");
  ImportTable table;
  std::size_t cells_held = 0;
  std::size_t next_row = 0;
  for (auto row_node : data.children()) {
    if (LocalName(row_node) != "row") continue;
    std::size_t row_index = next_row;
    if (auto r = row_node.attribute("r")) {
      // Rows count from 1. as_ullong read "0" and "x" as 0, which wrapped
      // round to a huge index and was reported as too many rows.
      std::optional<std::size_t> number = ParseIndex(r.value());
      if (!number || *number == 0) return BadXlsx("row number");
      row_index = *number - 1;
    }
    if (row_index >= kMaxRows) {
      return InvalidError("clients.import_too_many_rows")
          .WithParam("max", std::to_string(kMaxRows));
    }
    if (row_index < table.size()) return BadXlsx("rows out of order");
    table.resize(row_index + 1);
    next_row = row_index + 1;
    ImportRowCells& cells = table[row_index];
    std::size_t next_column = 0;
    for (auto cell : row_node.children()) {
      if (LocalName(cell) != "c") continue;
      std::size_t column = next_column;
      std::size_t ignored_row = 0;
      if (auto ref = cell.attribute("r")) {
        if (!ParseCellRef(ref.value(), column, ignored_row)) return BadXlsx("cell reference");
      }
      next_column = column + 1;
      if (column >= kMaxColumns) continue;
      std::string_view type = cell.attribute("t").value();
      std::string value = Child(cell, "v").text().get();
      ImportCell out;
      if (type == "s") {
        // A string cell without a value is empty, as Excel shows it.
        if (!value.empty()) {
          std::optional<std::size_t> index = ParseIndex(value);
          if (!index || *index >= shared.size()) return BadXlsx("shared string index");
          out.text = shared[*index];
        }
      } else if (type == "inlineStr") {
        CollectText(Child(cell, "is"), out.text);
      } else if (type == "str" || type == "e") {
        out.text = value;
      } else if (type == "b") {
        out.text = value == "1" ? "TRUE" : "FALSE";
      } else {
        out.text = value;
        out.numeric = !value.empty();
      }
      // XML is text in a known encoding, so a cell that is not UTF-8 is a
      // broken file; stored, PostgreSQL would refuse it.
      if (!IsValidUtf8(out.text)) return BadXlsx("cell text is not UTF-8");
      // An empty cell (often only a style) is already what the gaps hold.
      if (out.text.empty()) continue;
      if (cells.size() <= column) {
        cells_held += column + 1 - cells.size();
        if (cells_held > kMaxCells) {
          return InvalidError("clients.import_too_many_rows")
              .WithParam("max", std::to_string(kMaxImportRows));
        }
        cells.resize(column + 1);
      }
      cells[column] = std::move(out);
    }
  }
  return table;
}

}  // namespace jieli::clients
