// XlsxWriter: one worksheet of text and number cells as the bytes of an .xlsx
// file, through libxlsxwriter. libxlsxwriter writes to a file, so the workbook
// is written to a private temporary file, read back and deleted.
// Thread-safe (each call has its own file). Callers neutralise formulas
// (NeutralizeFormula) in text they did not write themselves; cells are always
// written as strings, never as formulas.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace jieli::clients {

// The media type of an .xlsx workbook (Content-Type of every Excel export).
inline constexpr const char* kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct XlsxCell {
  XlsxCell() = default;
  XlsxCell(std::string t) : text(std::move(t)) {}  // NOLINT(google-explicit-constructor)
  XlsxCell(const char* t) : text(t) {}             // NOLINT(google-explicit-constructor)
  XlsxCell(double n) : number(n) {}                // NOLINT(google-explicit-constructor)

  std::string text;
  std::optional<double> number;  // written as a number cell when set
};

// The sheet named sheet_name with rows (the first usually the header, shown bold).
// Error: InternalError when the temporary file cannot be written or read.
Result<std::string> WriteXlsx(const std::string& sheet_name,
                              const std::vector<std::vector<XlsxCell>>& rows,
                              bool bold_header = true);

}  // namespace jieli::clients
