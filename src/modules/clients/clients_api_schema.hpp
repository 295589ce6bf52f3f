// The clients module's answers as JSON Schema (OpenAPI components): a client
// record (identifiers masked unless revealed), the revealed identifiers, and
// an import's preview and result. Registered with the router by
// RegisterClientRoutes.
#pragma once

#include "http/api_schema.hpp"
#include "modules/clients/client.hpp"

namespace jieli::clients {

inline void AddClientSchemas(http::Router& router) {
  router.AddSchema("Gender", http::EnumSchema(GenderNames()));
  router.AddSchema("ClientCategory", http::EnumSchema(CategoryNames()));
  router.AddSchema("HouseholdMember",
                   R"json({"type":"object","required":["name","relation","contact"],
"properties":{"name":{"type":"string"},"relation":{"type":"string","description":"配偶, 子女, …"},
"contact":{"type":"string","description":"Masked (138****1111) in answers but the reveal's; sent back masked, the server keeps the one on record"}}})json");
  router.AddSchema("Consent",
                   R"json({"type":"object","required":["kind","scope","given_on","withdrawn_on"],
"properties":{"kind":{"type":"string","description":"service, data_sharing, survey"},"scope":{"type":"string"},
"given_on":{"type":"string","format":"date"},
"withdrawn_on":{"type":["string","null"],"format":"date","description":"null while the consent holds"}}})json");
  router.AddSchema("Client",
                   R"json({"type":"object","required":["id","org_id","name","gender","birth_date",
"id_number","phone","address","region_id","household","categories","disability_level","consents",
"risk_flags","has_risk","notes","created_at","updated_at"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},"name":{"type":"string"},
"gender":{"$ref":"#/components/schemas/Gender"},"birth_date":{"type":["string","null"],"format":"date"},
"id_number":{"type":["string","null"],"description":"Masked (420***********5611); null when none"},
"phone":{"type":["string","null"],"description":"Masked (138****5833); null when none"},
"address":{"type":"string"},"region_id":{"type":["integer","null"]},
"household":{"type":"array","items":{"$ref":"#/components/schemas/HouseholdMember"}},
"categories":{"type":"array","items":{"$ref":"#/components/schemas/ClientCategory"}},
"disability_level":{"type":["integer","null"],"minimum":1,"maximum":4,
"description":"Only with the category disabled"},
"consents":{"type":"array","items":{"$ref":"#/components/schemas/Consent"}},
"risk_flags":{"type":"array","items":{"type":"string"}},"has_risk":{"type":"boolean"},
"notes":{"type":"string"},"created_at":{"type":"string","format":"date-time"},
"updated_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema("RevealedIdentifiers",
                   R"json({"type":"object","required":["id_number","phone","household"],
"properties":{"id_number":{"type":["string","null"]},"phone":{"type":["string","null"]},
"household":{"type":"array","items":{"$ref":"#/components/schemas/HouseholdMember"},"description":"The household with its contacts in clear"}}})json");
  router.AddSchema("ImportIssue",
                   R"json({"type":"object","required":["column","header","code","message"],
"properties":{"column":{"type":"string"},"header":{"type":"string"},"code":{"type":"string"},
"message":{"type":"string"}}})json");
  router.AddSchema("ImportPreviewRow", R"json({"type":"object","required":["row","values","errors"],
"properties":{"row":{"type":"integer","description":"The row's number in the sheet, counting the header"},
"values":{"type":"object","additionalProperties":{"type":"string"},"description":"Column key to cell text"},
"errors":{"type":"array","items":{"$ref":"#/components/schemas/ImportIssue"}}}})json");
  router.AddSchema("ImportPreview",
                   R"json({"type":"object","required":["rows","total","valid","invalid"],
"properties":{"rows":{"type":"array","items":{"$ref":"#/components/schemas/ImportPreviewRow"}},
"total":{"type":"integer"},"valid":{"type":"integer"},"invalid":{"type":"integer"}}})json");
  router.AddSchema("ImportResult", R"json({"type":"object","required":["imported","ids"],
"properties":{"imported":{"type":"integer"},"ids":{"type":"array","items":{"type":"integer"}}}})json");
}

}  // namespace jieli::clients
