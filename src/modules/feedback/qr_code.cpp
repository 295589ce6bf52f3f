#include "modules/feedback/qr_code.hpp"

#include <memory>
#include <vector>

#include <png.h>
#include <qrencode.h>

namespace jieli::feedback {
namespace {

// The code's modules (true = dark), row by row, with the quiet zone.
struct Matrix {
  int size = 0;
  std::vector<bool> dark;
  static std::size_t Index(int x, int y, int side) {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(side) +
           static_cast<std::size_t>(x);
  }
  bool At(int x, int y) const { return dark[Index(x, y, size)]; }
};

Result<Matrix> Encode(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) return InternalError("QRcode_encodeData failed");
  Matrix m;
  m.size = code->width + 2 * kQrQuietZone;
  m.dark.assign(Matrix::Index(0, m.size, m.size), false);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      // Bit 0 of each byte: the module is dark (qrencode.h).
      const bool dark = (code->data[y * code->width + x] & 1) != 0;
      m.dark[Matrix::Index(x + kQrQuietZone, y + kQrQuietZone, m.size)] = dark;
    }
  }
  return m;
}

void AppendToString(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void NoFlush(png_structp /*png*/) {}

}  // namespace

Result<std::string> QrSvg(const std::string& text) {
  JIELI_ASSIGN_OR_RETURN(Matrix m, Encode(text));
  const std::string size = std::to_string(m.size);
  std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + size + " " + size +
                    R"(" shape-rendering="crispEdges"><rect width="100%" height="100%" )"
                    R"(fill="#fff"/><path fill="#000" d=")";
  // One path of unit squares, each run of dark modules in a row as one rect.
  for (int y = 0; y < m.size; ++y) {
    for (int x = 0; x < m.size;) {
      if (!m.At(x, y)) {
        ++x;
        continue;
      }
      int run = 0;
      while (x + run < m.size && m.At(x + run, y)) ++run;
      svg += "M" + std::to_string(x) + " " + std::to_string(y) + "h" + std::to_string(run) +
             "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  svg += R"("/></svg>)";
  return svg;
}

Result<std::string> QrPng(const std::string& text, int scale) {
  if (scale < 1 || scale > 20) return InvalidError("qr.scale_out_of_range");
  JIELI_ASSIGN_OR_RETURN(Matrix m, Encode(text));
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return InternalError("png_create_write_struct failed");
  png_infop info = png_create_info_struct(png);
  std::string out;
  const int pixels = m.size * scale;
  std::vector<png_byte> line(static_cast<std::size_t>(pixels));
  // libpng reports errors by longjmp: nothing with a destructor is made below.
  if (info == nullptr || setjmp(png_jmpbuf(png))) {  // NOLINT(cert-err52-cpp)
    png_destroy_write_struct(&png, &info);
    return InternalError("libpng failed writing the QR code");
  }
  png_set_write_fn(png, &out, AppendToString, NoFlush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(pixels), static_cast<png_uint_32>(pixels), 8,
               PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < m.size; ++y) {
    for (int x = 0; x < pixels; ++x)
      line[static_cast<std::size_t>(x)] = m.At(x / scale, y) ? 0 : 255;
    for (int repeat = 0; repeat < scale; ++repeat) png_write_row(png, line.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

}  // namespace jieli::feedback
