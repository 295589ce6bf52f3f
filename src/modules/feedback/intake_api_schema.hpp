// The intake requests' answers as JSON Schema (OpenAPI components); times RFC
// 3339 in Asia/Shanghai, dates local "YYYY-MM-DD". Registered by
// RegisterIntakeRoutes. Person is the quality module's (registered before).
#pragma once

#include "http/api_schema.hpp"

namespace jieli::feedback {

inline void AddIntakeSchemas(http::Router& router) {
  router.AddSchema("IntakeRequest", R"json({"type":"object",
"required":["id","reference","org","channel","name","phone","need_category","need","preferred_date",
"preferred_slot","state","received_at","known_clients","other_requests","handled_by","handled_at",
"case_id","client_id","decline_reason","decline_note","version","actions"],
"properties":{"id":{"type":"integer"},"reference":{"type":"string","description":"预约编号, 8 characters"},
"org":{"oneOf":[{"type":"null"},{"$ref":"#/components/schemas/Person"}],"description":"null: the city's queue"},
"channel":{"type":"string","enum":["web"]},"name":{"type":"string"},
"phone":{"type":"string","description":"Masked (138****5833)"},
"need_category":{"type":"string","description":"A client category"},"need":{"type":"string"},
"preferred_date":{"type":["string","null"],"format":"date"},
"preferred_slot":{"type":"string","enum":["morning","afternoon","evening","any"]},
"state":{"type":"string","enum":["new","accepted","declined"]},
"received_at":{"type":"string","format":"date-time"},
"known_clients":{"type":"array","description":"Clients the caller may read with the same phone (at most 5)",
"items":{"type":"object","required":["id","name","org_name"],"properties":{"id":{"type":"integer"},
"name":{"type":"string"},"org_name":{"type":"string"}}}},
"other_requests":{"type":"integer","description":"Other new requests with the same phone"},
"handled_by":{"oneOf":[{"type":"null"},{"$ref":"#/components/schemas/Person"}]},
"handled_at":{"type":["string","null"],"format":"date-time"},
"case_id":{"type":["integer","null"]},"client_id":{"type":["integer","null"]},
"decline_reason":{"type":["string","null"],"enum":[null,"not_our_service","out_of_area","unreachable","withdrawn","duplicate","spam","other"]},
"decline_note":{"type":"string"},"version":{"type":"integer"},
"actions":{"type":"array","items":{"type":"string","enum":["accept","decline","assign","reveal"]}}}})json");
  router.AddSchema("IntakeAccepted",
                   R"json({"type":"object","required":["request","case_id","client_id"],
"properties":{"request":{"$ref":"#/components/schemas/IntakeRequest"},"case_id":{"type":"integer"},
"client_id":{"type":"integer"}}})json");
  router.AddSchema("PublicAgency", R"json({"type":"object","required":["id","name","district"],
"properties":{"id":{"type":"integer"},"name":{"type":"string"},"district":{"type":["string","null"]}}})json");
  router.AddSchema("PublicReceipt", R"json({"type":"object","required":["ok","reference"],
"properties":{"ok":{"type":"boolean"},"reference":{"type":"string","description":"To quote on the phone"}}})json");
}

}  // namespace jieli::feedback
