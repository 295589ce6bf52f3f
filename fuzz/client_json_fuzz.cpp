// A client's create or update body all the way to the client rules, as the
// handler and the service take it: ParseJsonBody, ReadClientPatch (create and
// update), InputFromPatch, Normalize, ValidateClient (ID number checksum and
// birth date, phone, dates of consents, categories and disability level,
// household, list and length limits), then the masks a list shows and the
// duplicate test between names.
//
// Input: the JSON body.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/id_number.hpp"
#include "core/mask.hpp"
#include "core/text.hpp"
#include "fuzz_support.hpp"
#include "http/json.hpp"
#include "modules/clients/client_json.hpp"
#include "modules/clients/client_rules.hpp"

namespace {

using jieli::clients::ClientInput;
using jieli::http::Json;

const jieli::LocalDate kToday = date::year(2026) / 11 / 25;

bool SameInput(const ClientInput& a, const ClientInput& b) {
  return a.name == b.name && a.gender == b.gender && a.birth_date == b.birth_date &&
         a.id_number == b.id_number && a.phone == b.phone && a.address == b.address &&
         a.region_id == b.region_id && a.household == b.household && a.categories == b.categories &&
         a.disability_level == b.disability_level && a.consents == b.consents &&
         a.risk_flags == b.risk_flags && a.notes == b.notes;
}

void CheckValid(const ClientInput& input) {
  JIELI_FUZZ_CHECK(!input.name.empty() &&
                   jieli::CodePointCount(input.name) <= jieli::clients::kMaxNameChars);
  JIELI_FUZZ_CHECK(input.id_number.empty() || jieli::IsValidIdNumber(input.id_number));
  JIELI_FUZZ_CHECK(input.phone.empty() || jieli::clients::IsValidPhone(input.phone));
  JIELI_FUZZ_CHECK(input.household.size() <= jieli::clients::kMaxListEntries);
  JIELI_FUZZ_CHECK(input.consents.size() <= jieli::clients::kMaxListEntries);
  if (!input.birth_date.empty()) JIELI_FUZZ_CHECK(jieli::ParseDate(input.birth_date).ok());
  // One star per character: a mask never changes the length a reader sees.
  JIELI_FUZZ_CHECK(jieli::CodePointCount(jieli::MaskName(input.name)) ==
                   jieli::CodePointCount(input.name));
  JIELI_FUZZ_CHECK(jieli::MaskIdNumber(input.id_number).size() == input.id_number.size());
  JIELI_FUZZ_CHECK(jieli::MaskPhone(input.phone).size() == input.phone.size());
  std::string digits = jieli::clients::NormalizePhoneForIndex(input.phone);
  JIELI_FUZZ_CHECK(
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jieli::http::Request request;
  request.body = std::string(jieli::fuzz::AsText(data, size));
  jieli::Result<Json> body = jieli::http::ParseJsonBody(request);
  if (!body) return 0;

  // An update reads the same fields, only "name" is optional.
  jieli::http::JsonReader update_reader(*body);
  jieli::clients::ReadClientPatch(*body, update_reader, false);

  jieli::http::JsonReader reader(*body);
  reader.RequiredInt("org_id", 1, INT64_MAX);
  jieli::clients::ClientPatch patch = jieli::clients::ReadClientPatch(*body, reader, true);
  reader.OptionalBool("confirm_not_duplicate");

  ClientInput input = jieli::clients::InputFromPatch(patch);
  jieli::clients::Normalize(input);
  ClientInput again = input;
  jieli::clients::Normalize(again);
  JIELI_FUZZ_CHECK(SameInput(input, again));

  std::vector<jieli::FieldIssue> issues = jieli::clients::ValidateClient(input, kToday);
  if (issues.empty()) CheckValid(input);
  jieli::http::ErrorResponse(jieli::ValidationFailed(std::move(issues)), jieli::Lang::kZh);

  for (const auto& member : input.household) {
    bool forward = jieli::clients::NamesSimilar(input.name, member.name);
    JIELI_FUZZ_CHECK(forward == jieli::clients::NamesSimilar(member.name, input.name));
  }
  for (const std::string& text : {input.name, input.address, input.notes}) {
    std::string safe = jieli::clients::NeutralizeFormula(text);
    JIELI_FUZZ_CHECK(safe.empty() ||
                     std::string_view("=+-@\t\r").find(safe[0]) == std::string::npos);
  }
  return 0;
}
