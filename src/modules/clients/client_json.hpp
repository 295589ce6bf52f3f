// The JSON body of a client's create and update requests, read into a
// ClientPatch with every field issue collected, and the ClientInput a create
// makes of it. Only shape and types are checked here; the client rules
// (ValidateClient) run in the service on the merged input.
// Pure functions; thread-safe.
#pragma once

#include "http/json.hpp"
#include "modules/clients/client.hpp"
#include "modules/clients/client_rules.hpp"

namespace jieli::clients {

// Reads every client field present in body into a patch; with create, "name"
// is required. Issues go to reader (whose object is body): wrong types,
// lengths, unknown gender and category codes. Lists are read to one entry past
// their limit, so that ValidateClient can say "too_long" without the body
// deciding how much is copied.
ClientPatch ReadClientPatch(const http::Json& body, http::JsonReader& reader, bool create);

// The client fields a body may hold ("name", "gender", …, "notes"); the
// handlers add their own (org_id, confirm_not_duplicate) and refuse the rest.
const std::vector<std::string>& ClientFieldNames();

// A client as the API answers it (Client schema, clients_api_schema.hpp):
// identifiers and household contacts as masked by the service.
http::Json ClientToJson(const Client& c);

// The input of a new client: the patch's fields, with defaults for the absent ones.
ClientInput InputFromPatch(const ClientPatch& patch);

}  // namespace jieli::clients
