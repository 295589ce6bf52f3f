// Resident ID numbers as typed: NormalizeIdNumber and IsValidIdNumber, with
// the promises the client rules build on (a valid number's birth date is a
// real day that ParseDate reads, and its check character is the only one).
//
// Input: the text typed into the ID number field.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/id_number.hpp"
#include "core/local_time.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view typed = jieli::fuzz::AsText(data, size);
  std::string id = jieli::NormalizeIdNumber(typed);
  JIELI_FUZZ_CHECK(id.size() <= typed.size());
  JIELI_FUZZ_CHECK(jieli::NormalizeIdNumber(id) == id);
  if (!jieli::IsValidIdNumber(id)) return 0;

  JIELI_FUZZ_CHECK(id.size() == 18);
  // ValidateClient compares this date with the birth date entered.
  std::string birth = id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
  jieli::Result<jieli::LocalDate> day = jieli::ParseDate(birth);
  JIELI_FUZZ_CHECK(day.ok());
  JIELI_FUZZ_CHECK(jieli::FormatDate(*day) == birth);
  JIELI_FUZZ_CHECK(static_cast<int>(day->year()) >= 1900);

  // One check character fits; every other is refused.
  for (char check : std::string_view("0123456789X")) {
    std::string other = id;
    other.back() = check;
    JIELI_FUZZ_CHECK(jieli::IsValidIdNumber(other) == (check == id.back()));
  }
  std::string lower = id;
  if (lower.back() == 'X') lower.back() = 'x';
  JIELI_FUZZ_CHECK(jieli::IsValidIdNumber(lower));
  return 0;
}
