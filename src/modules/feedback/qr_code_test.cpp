#include "modules/feedback/qr_code.hpp"

#include <gtest/gtest.h>

namespace jieli::feedback {
namespace {

const std::string kLink = "https://jieli.example.cn/p/s/6qmd1bmZvY11jaLGSLHMcOgIyqQP8Thm";

// The side of the drawn square in modules, from the SVG's viewBox.
int SvgSide(const std::string& svg) {
  const std::string key = "viewBox=\"0 0 ";
  auto at = svg.find(key);
  return at == std::string::npos ? 0 : std::stoi(svg.substr(at + key.size()));
}

TEST(QrCode, SvgDrawsTheCodeWithItsQuietZone) {
  auto svg = QrSvg(kLink);
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  // A 62-character link at level M is version 4 (33 modules) plus 2 × 4 quiet.
  EXPECT_EQ(SvgSide(*svg), 33 + 2 * kQrQuietZone);
  // The three finder patterns start 7 dark modules wide at the quiet zone.
  EXPECT_NE(svg->find("M4 4h7v1h-7z"), std::string::npos);
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
}

TEST(QrCode, LongerTextNeedsABiggerCode) {
  auto small = QrSvg("https://a.cn/p/s/x");
  auto large = QrSvg(kLink + kLink + kLink);
  ASSERT_TRUE(small && large);
  EXPECT_LT(SvgSide(*small), SvgSide(*large));
}

TEST(QrCode, PngIsAGreyImageOfScaleTimesTheModules) {
  auto png = QrPng(kLink, 4);
  ASSERT_TRUE(png);
  ASSERT_GT(png->size(), 33u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // IHDR: width and height (big-endian) after the signature and chunk header.
  auto u32 = [&](std::size_t at) {
    return (static_cast<unsigned char>((*png)[at]) << 24) |
           (static_cast<unsigned char>((*png)[at + 1]) << 16) |
           (static_cast<unsigned char>((*png)[at + 2]) << 8) |
           static_cast<unsigned char>((*png)[at + 3]);
  };
  EXPECT_EQ(png->substr(12, 4), "IHDR");
  EXPECT_EQ(u32(16), (33u + 2 * kQrQuietZone) * 4);
  EXPECT_EQ(u32(20), (33u + 2 * kQrQuietZone) * 4);
}

TEST(QrCode, RefusesAScaleOutOfRange) {
  EXPECT_FALSE(QrPng(kLink, 0));
  EXPECT_FALSE(QrPng(kLink, 21));
}

}  // namespace
}  // namespace jieli::feedback
