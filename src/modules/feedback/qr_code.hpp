// QR codes of survey links, to print or show on a phone: the text encoded by
// libqrencode (error correction M, a quiet zone of four modules) and drawn as
// SVG (scalable, for print) or PNG (through libpng, for messaging apps).
// Thread-safe.
#pragma once

#include <string>

#include "core/result.hpp"

namespace jieli::feedback {

inline constexpr int kQrQuietZone = 4;

// An SVG document drawing text's QR code; black modules on white.
Result<std::string> QrSvg(const std::string& text);
// A PNG image of text's QR code, each module `scale` pixels (1–20).
Result<std::string> QrPng(const std::string& text, int scale = 8);

}  // namespace jieli::feedback
