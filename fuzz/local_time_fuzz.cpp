// Dates and times as the API reads them: ParseDate ("YYYY-MM-DD", a real
// day) and ParseIsoDateTime (RFC 3339 with an offset), as the audit filter
// reads ?from= and ?to=, and the formatting of what they give back in
// Asia/Shanghai (FormatDate, FormatIsoLocal, FormatLocalDateTime,
// StartOfLocalDay, LocalDateOf, AddDays).
//
// Input: the text of a date or date-time.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/local_time.hpp"
#include "fuzz_support.hpp"

namespace {

// 1901-01-01T00:00:00Z and 9999-12-30T00:00:00Z: between them Shanghai's
// offsets are whole minutes (before, local mean time had seconds, which
// RFC 3339 cannot write) and the local year has four digits.
constexpr jieli::EpochMs kFirstWholeMinuteOffset = -2177452800000;
constexpr jieli::EpochMs kLastFourDigitYear = 253402128000000;

void CheckDay(const jieli::LocalDate& day, std::string_view text) {
  JIELI_FUZZ_CHECK(day.ok());
  JIELI_FUZZ_CHECK(jieli::FormatDate(day) == text);
  JIELI_FUZZ_CHECK(jieli::LocalDateOf(jieli::StartOfLocalDay(day)) == day);
  for (int days : {1, -1, 30, 366, -36525}) {
    JIELI_FUZZ_CHECK(jieli::AddDays(jieli::AddDays(day, days), -days) == day);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = jieli::fuzz::AsText(data, size);

  if (jieli::Result<jieli::LocalDate> day = jieli::ParseDate(text)) CheckDay(*day, text);

  jieli::Result<jieli::EpochMs> time = jieli::ParseIsoDateTime(text);
  if (!time) return 0;
  std::string iso = jieli::FormatIsoLocal(*time);
  std::string local = jieli::FormatLocalDateTime(*time);
  if (*time >= kFirstWholeMinuteOffset && *time < kLastFourDigitYear) {
    JIELI_FUZZ_CHECK(iso.substr(0, 19) == local.substr(0, 10) + "T" + local.substr(11));
    // What we write, we read back, to the second (the fraction is dropped).
    jieli::Result<jieli::EpochMs> again = jieli::ParseIsoDateTime(iso);
    JIELI_FUZZ_CHECK(again.ok());
    jieli::EpochMs second = *time - ((*time % 1000) + 1000) % 1000;
    JIELI_FUZZ_CHECK(*again == second);
    JIELI_FUZZ_CHECK(jieli::FormatDate(jieli::LocalDateOf(*time)) == local.substr(0, 10));
  }
  return 0;
}
