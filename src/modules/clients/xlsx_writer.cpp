#include "modules/clients/xlsx_writer.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>
#include <xlsxwriter.h>

namespace jieli::clients {

Result<std::string> WriteXlsx(const std::string& sheet_name,
                              const std::vector<std::vector<XlsxCell>>& rows, bool bold_header) {
  std::string path = (std::filesystem::temp_directory_path() / "jieli_xlsx_XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return InternalError("xlsx: cannot create a temporary file");
  close(fd);
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) {
    std::filesystem::remove(path);
    return InternalError("xlsx: workbook_new failed");
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_error status = LXW_NO_ERROR;
  for (std::size_t r = 0; r < rows.size() && status == LXW_NO_ERROR; ++r) {
    lxw_format* format = r == 0 && bold_header ? bold : nullptr;
    for (std::size_t c = 0; c < rows[r].size() && status == LXW_NO_ERROR; ++c) {
      const XlsxCell& cell = rows[r][c];
      auto row = static_cast<lxw_row_t>(r);
      auto col = static_cast<lxw_col_t>(c);
      if (cell.number) {
        status = worksheet_write_number(sheet, row, col, *cell.number, format);
      } else if (!cell.text.empty()) {
        status = worksheet_write_string(sheet, row, col, cell.text.c_str(), format);
      }
    }
  }
  lxw_error closed = workbook_close(workbook);
  if (status != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    return InternalError(std::string("xlsx: ") +
                         lxw_strerror(status != LXW_NO_ERROR ? status : closed));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  in.close();
  std::filesystem::remove(path);
  if (bytes.str().empty()) return InternalError("xlsx: empty output");
  return bytes.str();
}

}  // namespace jieli::clients
