#include "modules/clients/client_json.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/local_time.hpp"

namespace jieli::clients {
namespace {

using http::Json;

std::string Index(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

std::vector<HouseholdMember> ReadHousehold(const Json& list, http::JsonReader& reader) {
  std::vector<HouseholdMember> household;
  for (std::size_t i = 0; i < list.size() && i < kMaxListEntries + 1; ++i) {
    if (!list[i].is_object()) {
      reader.AddIssue(Index("household", i), "wrong_type", {{"expected", "object"}});
      continue;
    }
    http::JsonReader item(list[i], reader.FieldPath(Index("household", i)));
    item.RejectUnknownFields({"name", "relation", "contact"});
    HouseholdMember member;
    member.name = item.RequiredString("name", kMaxShortChars);
    member.relation = item.OptionalString("relation", kMaxShortChars).value_or("");
    member.contact = item.OptionalString("contact", kMaxShortChars).value_or("");
    reader.Merge(item);
    household.push_back(std::move(member));
  }
  return household;
}

std::vector<Consent> ReadConsents(const Json& list, http::JsonReader& reader) {
  std::vector<Consent> consents;
  for (std::size_t i = 0; i < list.size() && i < kMaxListEntries + 1; ++i) {
    if (!list[i].is_object()) {
      reader.AddIssue(Index("consents", i), "wrong_type", {{"expected", "object"}});
      continue;
    }
    http::JsonReader item(list[i], reader.FieldPath(Index("consents", i)));
    item.RejectUnknownFields({"kind", "scope", "given_on", "withdrawn_on"});
    Consent consent;
    consent.kind = item.RequiredString("kind", kMaxShortChars);
    consent.scope = item.OptionalString("scope", kMaxAddressChars).value_or("");
    consent.given_on = item.RequiredString("given_on", 10);
    consent.withdrawn_on = item.OptionalString("withdrawn_on", 10).value_or("");
    reader.Merge(item);
    consents.push_back(std::move(consent));
  }
  return consents;
}

std::vector<Category> ReadCategories(const Json& list, http::JsonReader& reader) {
  std::vector<Category> categories;
  for (std::size_t i = 0; i < list.size() && i < CategoryNames().size() * 2; ++i) {
    auto category = list[i].is_string() ? ParseCategory(list[i].get<std::string>()) : std::nullopt;
    if (!category) {
      reader.AddIssue(Index("categories", i), "invalid_choice",
                      {{"allowed",
                        "elderly, disabled, child, youth, women, migrant_worker, "
                        "low_income, left_behind, street_child, out_of_school, other"}});
      continue;
    }
    categories.push_back(*category);
  }
  return categories;
}

std::vector<std::string> ReadFlags(const Json& list, http::JsonReader& reader) {
  std::vector<std::string> flags;
  for (std::size_t i = 0; i < list.size() && i < kMaxListEntries + 1; ++i) {
    if (!list[i].is_string()) {
      reader.AddIssue(Index("risk_flags", i), "wrong_type", {{"expected", "string"}});
      continue;
    }
    flags.push_back(list[i].get<std::string>());
  }
  return flags;
}

}  // namespace

ClientPatch ReadClientPatch(const Json& body, http::JsonReader& reader, bool create) {
  ClientPatch patch;
  if (create || reader.Has("name")) patch.name = reader.RequiredString("name", kMaxNameChars);
  if (reader.Has("gender")) {
    if (auto gender = reader.OptionalEnum("gender", GenderNames()))
      patch.gender = ParseGender(*gender);
  }
  if (body.contains("birth_date"))
    patch.birth_date = reader.OptionalString("birth_date", 20).value_or("");
  if (body.contains("id_number"))
    patch.id_number = reader.OptionalString("id_number", 30).value_or("");
  if (body.contains("phone")) patch.phone = reader.OptionalString("phone", 30).value_or("");
  if (body.contains("address")) {
    patch.address = reader.OptionalString("address", kMaxAddressChars).value_or("");
  }
  if (body.contains("region_id")) patch.region_id = reader.OptionalInt("region_id", 1, INT64_MAX);
  if (body.contains("disability_level")) {
    auto level = reader.OptionalInt("disability_level", 1, 4);
    patch.disability_level = level ? std::optional<int>(static_cast<int>(*level)) : std::nullopt;
  }
  if (body.contains("notes"))
    patch.notes = reader.OptionalString("notes", kMaxNotesChars).value_or("");
  if (body.contains("household")) {
    const Json* list = reader.OptionalArray("household");
    patch.household = list ? ReadHousehold(*list, reader) : std::vector<HouseholdMember>();
  }
  if (body.contains("consents")) {
    const Json* list = reader.OptionalArray("consents");
    patch.consents = list ? ReadConsents(*list, reader) : std::vector<Consent>();
  }
  if (body.contains("categories")) {
    const Json* list = reader.OptionalArray("categories");
    patch.categories = list ? ReadCategories(*list, reader) : std::vector<Category>();
  }
  if (body.contains("risk_flags")) {
    const Json* list = reader.OptionalArray("risk_flags");
    patch.risk_flags = list ? ReadFlags(*list, reader) : std::vector<std::string>();
  }
  return patch;
}

const std::vector<std::string>& ClientFieldNames() {
  static const std::vector<std::string> kNames = {
      "name",     "gender",     "birth_date", "id_number",  "phone",
      "address",  "region_id",  "household",  "categories", "disability_level",
      "consents", "risk_flags", "notes"};
  return kNames;
}

ClientInput InputFromPatch(const ClientPatch& patch) {
  ClientInput input;
  input.name = patch.name.value_or("");
  input.gender = patch.gender.value_or(Gender::kUnknown);
  input.birth_date = patch.birth_date.value_or("");
  input.id_number = patch.id_number.value_or("");
  input.phone = patch.phone.value_or("");
  input.address = patch.address.value_or("");
  input.region_id = patch.region_id.value_or(std::nullopt);
  input.household = patch.household.value_or(std::vector<HouseholdMember>());
  input.categories = patch.categories.value_or(std::vector<Category>());
  input.disability_level = patch.disability_level.value_or(std::nullopt);
  input.consents = patch.consents.value_or(std::vector<Consent>());
  input.risk_flags = patch.risk_flags.value_or(std::vector<std::string>());
  input.notes = patch.notes.value_or("");
  return input;
}

namespace {

Json OptionalIdJson(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(); }
Json TextOrNull(const std::string& text) { return text.empty() ? Json() : Json(text); }

Json HouseholdJson(const std::vector<HouseholdMember>& members) {
  Json household = Json::array();
  for (const auto& m : members) {
    household.push_back({{"name", m.name}, {"relation", m.relation}, {"contact", m.contact}});
  }
  return household;
}

}  // namespace

Json ClientToJson(const Client& c) {
  Json household = HouseholdJson(c.household);
  Json consents = Json::array();
  for (const auto& consent : c.consents) {
    consents.push_back({{"kind", consent.kind},
                        {"scope", consent.scope},
                        {"given_on", consent.given_on},
                        {"withdrawn_on", TextOrNull(consent.withdrawn_on)}});
  }
  Json categories = Json::array();
  for (Category category : c.categories) categories.push_back(ToString(category));
  return {{"id", c.id},
          {"org_id", c.org_id},
          {"name", c.name},
          {"gender", ToString(c.gender)},
          {"birth_date", TextOrNull(c.birth_date)},
          {"id_number", TextOrNull(c.id_number)},
          {"phone", TextOrNull(c.phone)},
          {"address", c.address},
          {"region_id", OptionalIdJson(c.region_id)},
          {"household", household},
          {"categories", categories},
          {"disability_level", c.disability_level ? Json(*c.disability_level) : Json()},
          {"consents", consents},
          {"risk_flags", c.risk_flags},
          {"has_risk", !c.risk_flags.empty()},
          {"notes", c.notes},
          {"created_at", FormatIsoLocal(c.created_at)},
          {"updated_at", FormatIsoLocal(c.updated_at)}};
}

}  // namespace jieli::clients
