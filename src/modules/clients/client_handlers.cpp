#include "modules/clients/client_handlers.hpp"

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "http/json.hpp"
#include "modules/clients/client_json.hpp"
#include "modules/clients/clients_api_schema.hpp"
#include "modules/clients/xlsx_reader.hpp"
#include "modules/clients/xlsx_writer.hpp"
#include "modules/handler_support.hpp"
#include "modules/services.hpp"

namespace jieli::clients {
namespace {

using auth::Actor;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;
using modules::PathId;
using modules::ReadBoolQuery;
using modules::ReadIdQuery;
using modules::Services;

constexpr const char* kXlsxType = clients::kXlsxContentType;

Json TextOrNull(const std::string& text) { return text.empty() ? Json() : Json(text); }

Json HouseholdJson(const std::vector<HouseholdMember>& members) {
  Json household = Json::array();
  for (const auto& m : members) {
    household.push_back({{"name", m.name}, {"relation", m.relation}, {"contact", m.contact}});
  }
  return household;
}

Result<ClientFilter> ReadFilter(const Request& r, const char* default_sort) {
  Json none = Json::object();
  http::JsonReader issues(none);
  ClientFilter filter;
  filter.text = r.Query("q").value_or("");
  if (filter.text.size() > 200) issues.AddIssue("q", "too_long", {{"max", "200"}});
  if (auto category = r.Query("category"); category && !category->empty()) {
    filter.category = ParseCategory(*category);
    if (!filter.category)
      issues.AddIssue("category", "invalid_choice", {{"allowed", "elderly, disabled, …"}});
  }
  if (auto gender = r.Query("gender"); gender && !gender->empty()) {
    filter.gender = ParseGender(*gender);
    if (!filter.gender)
      issues.AddIssue("gender", "invalid_choice", {{"allowed", "male, female, other, unknown"}});
  }
  filter.region_id = ReadIdQuery(r, "region_id", issues);
  filter.org_id = ReadIdQuery(r, "org_id", issues);
  filter.has_risk = ReadBoolQuery(r, "has_risk", issues);
  filter.sort = r.Query("sort").value_or(default_sort);
  if (filter.sort.empty()) filter.sort = default_sort;
  JIELI_RETURN_IF_ERROR(issues.Finish());
  return filter;
}

Result<Response> ListClients(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  JIELI_ASSIGN_OR_RETURN(ClientFilter filter, ReadFilter(r, "-created_at"));
  JIELI_ASSIGN_OR_RETURN(Page<Client> listed,
                         s.clients.List(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& client : listed.items) items.push_back(ClientToJson(client));
  return JsonResponse(http::kOk, modules::PageJson(items, listed.total, page));
}

// The members a create (with org_id) or an update body may have; any other
// (id, created_by, org_id on an update, a typo) is refused, as on every route.
std::vector<std::string> BodyFields(bool create) {
  std::vector<std::string> fields = ClientFieldNames();
  fields.emplace_back("confirm_not_duplicate");
  if (create) fields.emplace_back("org_id");
  return fields;
}

Result<Response> CreateClient(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields(BodyFields(true));
  std::int64_t org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  ClientPatch fields = ReadClientPatch(body, reader, true);
  bool confirm = reader.OptionalBool("confirm_not_duplicate").value_or(false);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(Client client,
                         s.clients.Create(actor, org_id, InputFromPatch(fields), confirm));
  return JsonResponse(http::kCreated, ClientToJson(client));
}

Result<Response> GetClient(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "clients.not_found"));
  JIELI_ASSIGN_OR_RETURN(Client client, s.clients.Get(actor, id));
  return JsonResponse(http::kOk, ClientToJson(client));
}

Result<Response> UpdateClient(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "clients.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields(BodyFields(false));
  ClientPatch patch = ReadClientPatch(body, reader, false);
  bool confirm = reader.OptionalBool("confirm_not_duplicate").value_or(false);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(Client client, s.clients.Update(actor, id, patch, confirm));
  return JsonResponse(http::kOk, ClientToJson(client));
}

Result<Response> RevealClient(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "clients.not_found"));
  JIELI_ASSIGN_OR_RETURN(RevealedIdentifiers revealed, s.clients.Reveal(actor, id));
  return JsonResponse(http::kOk, {{"id_number", TextOrNull(revealed.id_number)},
                                  {"phone", TextOrNull(revealed.phone)},
                                  {"household", HouseholdJson(revealed.household)}});
}

// The rows of an uploaded file (xlsx sniffed by its zip signature, else CSV).
Result<std::vector<ImportRow>> ReadUpload(const Request& r, EpochMs now) {
  std::string type = r.Header("Content-Type");
  bool xlsx = LooksLikeXlsx(r.body) || type.find("spreadsheetml") != std::string::npos;
  bool csv = type.empty() || type.starts_with("text/csv") || type.starts_with("text/plain") ||
             type.starts_with("application/csv") || type.starts_with("application/octet-stream");
  if (!xlsx && !csv) return Error(ErrorKind::kUnsupported, "clients.import_media_type");
  Result<ImportTable> table = ImportTable{};
  if (xlsx) {
    table = ReadXlsx(r.body);
  } else {
    JIELI_ASSIGN_OR_RETURN(std::string text, DecodeCsvText(r.body));
    table = ParseCsv(text);
  }
  if (!table) return table.error();
  return ReadImportRows(*table, LocalDateOf(now));
}

Result<std::int64_t> ReadOrgQuery(const Request& r) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadIdQuery(r, "org_id", issues);
  if (!org_id && issues.issues().empty()) issues.AddIssue("org_id", "required");
  JIELI_RETURN_IF_ERROR(issues.Finish());
  return *org_id;
}

Result<Response> PreviewImport(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t org_id, ReadOrgQuery(r));
  JIELI_ASSIGN_OR_RETURN(std::vector<ImportRow> rows, ReadUpload(r, s.clock.Now()));
  JIELI_ASSIGN_OR_RETURN(ImportPreview preview,
                         s.clients.PreviewImport(actor, org_id, std::move(rows)));
  Json items = Json::array();
  for (const auto& row : preview.rows) {
    Json errors = Json::array();
    for (const auto& issue : row.issues) {
      errors.push_back({{"column", issue.field},
                        {"header", ColumnHeader(issue.field)},
                        {"code", issue.code},
                        {"message", FieldMessage(issue.code, r.lang, issue.params)}});
    }
    items.push_back({{"row", row.row}, {"values", row.values}, {"errors", errors}});
  }
  return JsonResponse(http::kOk, {{"rows", items},
                                  {"total", preview.rows.size()},
                                  {"valid", preview.valid},
                                  {"invalid", preview.invalid}});
}

Result<Response> CommitImport(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t org_id, ReadOrgQuery(r));
  JIELI_ASSIGN_OR_RETURN(std::vector<ImportRow> rows, ReadUpload(r, s.clock.Now()));
  JIELI_ASSIGN_OR_RETURN(std::vector<std::int64_t> ids,
                         s.clients.CommitImport(actor, org_id, std::move(rows)));
  return JsonResponse(http::kCreated, {{"imported", ids.size()}, {"ids", ids}});
}

std::string CategoriesLabel(const Client& c) {
  std::string text;
  for (Category category : c.categories) {
    if (!text.empty()) text += "、";
    text += ChineseLabel(category);
    if (category == Category::kDisabled && c.disability_level) {
      text += std::to_string(*c.disability_level) + "级";
    }
  }
  return text;
}

Result<Response> ExportClients(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(ClientFilter filter, ReadFilter(r, "name"));
  JIELI_ASSIGN_OR_RETURN(std::vector<Client> clients, s.clients.Export(actor, filter));
  std::vector<std::vector<XlsxCell>> rows;
  std::vector<XlsxCell> header = {"编号"};
  for (const auto& key : ImportColumns()) header.emplace_back(std::string(ColumnHeader(key)));
  header.emplace_back("风险标记");
  header.emplace_back("机构编号");
  header.emplace_back("登记时间");
  rows.push_back(std::move(header));
  for (const auto& c : clients) {
    std::string flags;
    for (const auto& flag : c.risk_flags) flags += (flags.empty() ? "" : "、") + flag;
    // Same order as ImportColumns(): name, gender, birth_date, id_number, phone, address,
    // categories, notes.
    rows.push_back({static_cast<double>(c.id), NeutralizeFormula(c.name),
                    std::string(ChineseLabel(c.gender)), c.birth_date,
                    NeutralizeFormula(c.id_number), NeutralizeFormula(c.phone),
                    NeutralizeFormula(c.address), CategoriesLabel(c), NeutralizeFormula(c.notes),
                    NeutralizeFormula(flags), static_cast<double>(c.org_id),
                    FormatLocalDateTime(c.created_at)});
  }
  JIELI_ASSIGN_OR_RETURN(std::string bytes, WriteXlsx("服务对象", rows));
  Response response;
  response.status = http::kOk;
  response.content_type = kXlsxType;
  response.body = std::move(bytes);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"clients.xlsx\"; "
                                "filename*=UTF-8''%E6%9C%8D%E5%8A%A1%E5%AF%B9%E8%B1%A1.xlsx");
  return response;
}

constexpr const char* kClientProperties =
    R"("name":{"type":"string","maxLength":50},"gender":{"type":"string","enum":["male","female","other","unknown"]},
"birth_date":{"type":"string","format":"date"},"id_number":{"type":"string"},"phone":{"type":"string"},
"address":{"type":"string","maxLength":200},"region_id":{"type":["integer","null"]},
"household":{"type":"array","items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"relation":{"type":"string"},"contact":{"type":"string","description":"A phone number; answers show it masked, and a masked contact sent back keeps the one on record"}}}},
"categories":{"type":"array","items":{"type":"string","enum":["elderly","disabled","child","youth","women","migrant_worker","low_income","left_behind","street_child","out_of_school","other"]}},
"disability_level":{"type":["integer","null"],"minimum":1,"maximum":4},
"consents":{"type":"array","items":{"type":"object","required":["kind","given_on"],"properties":{"kind":{"type":"string"},"scope":{"type":"string"},"given_on":{"type":"string","format":"date"},"withdrawn_on":{"type":["string","null"],"format":"date"}}}},
"risk_flags":{"type":"array","items":{"type":"string"}},"notes":{"type":"string","maxLength":2000},
"confirm_not_duplicate":{"type":"boolean"})";

std::string ClientSchema(bool create) {
  std::string required = create ? R"("required":["org_id","name"],)" : "";
  std::string org = create ? R"("org_id":{"type":"integer"},)" : "";
  return std::string(R"({"type":"object",)") + required + R"("properties":{)" + org +
         kClientProperties + "}}";
}

// The filters ReadFilter reads, for the list and the export.
std::vector<http::QueryParam> ClientFilterQuery() {
  return {{"q", "string",
           "Text in the name, or an exact ID number or phone number (at most 200 bytes)"},
          {"category", "string", "One of " + JoinNames(CategoryNames())},
          {"gender", "string", "male, female, other or unknown"},
          {"region_id", "integer", "The region and those below it"},
          {"org_id", "integer", "The organisation and those below it"},
          {"has_risk", "boolean", "With (true) or without (false) risk flags"}};
}

std::vector<http::QueryParam> ClientExportQuery() {
  std::vector<http::QueryParam> query = ClientFilterQuery();
  query.push_back(http::SortQuery("name, birth_date, created_at (default name)"));
  return query;
}

const std::vector<http::QueryParam> kImportQuery = {
    {"org_id", "integer", "The organisation the clients join (required)"}};

}  // namespace

void RegisterClientRoutes(http::Router& router, modules::Services& s) {
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  AddClientSchemas(router);
  const std::string client = http::SchemaRef("Client");

  router.Add(
      "GET", "/api/v1/clients", bind(ListClients),
      {.summary = "Clients in the caller's scope, identifiers masked (filter q: name, ID number or "
                  "phone; category, "
                  "gender, region_id, org_id, has_risk; sort name, -created_at, "
                  "birth_date; page)",
       .tag = "clients",
       .response_schema = http::PageOf("Client"),
       .permission = "clients.read",
       .query = http::PageQuery("name, birth_date, created_at (default -created_at)",
                                ClientFilterQuery())});
  router.Add("POST", "/api/v1/clients", bind(CreateClient),
             {.summary = "Register a client; 409 on a duplicate ID number or a possible duplicate "
                         "(similar name and same phone, override with confirm_not_duplicate)",
              .tag = "clients",
              .request_schema = ClientSchema(true),
              .response_schema = client,
              .permission = "clients.write",
              .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/clients/export", bind(ExportClients),
             {.summary = "The filtered clients as an .xlsx workbook, identifiers masked (at most "
                         "50,000)",
              .tag = "clients",
              .response_schema = http::kBinarySchema,
              .permission = "clients.read",
              .query = ClientExportQuery(),
              .response_types = {kXlsxType}});
  router.Add("POST", "/api/v1/clients/import/preview", bind(PreviewImport),
             {.summary = "Check an .xlsx or CSV file of clients (raw body, ?org_id=) row by row",
              .tag = "clients",
              .response_schema = http::SchemaRef("ImportPreview"),
              .permission = "clients.write",
              .query = kImportQuery});
  router.Add("POST", "/api/v1/clients/import/commit", bind(CommitImport),
             {.summary = "Import an .xlsx or CSV file of clients in one transaction, only when "
                         "every row is valid",
              .tag = "clients",
              .response_schema = http::SchemaRef("ImportResult"),
              .permission = "clients.write",
              .query = kImportQuery,
              .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/clients/{id}", bind(GetClient),
             {.summary = "One client, identifiers masked",
              .tag = "clients",
              .response_schema = client,
              .permission = "clients.read"});
  router.Add("PATCH", "/api/v1/clients/{id}", bind(UpdateClient),
             {.summary = "Update a client (only the fields present)",
              .tag = "clients",
              .request_schema = ClientSchema(false),
              .response_schema = client,
              .permission = "clients.write"});
  router.Add("POST", "/api/v1/clients/{id}/reveal", bind(RevealClient),
             {.summary = "The client's ID number, phone and household contacts in clear (audited)",
              .tag = "clients",
              .response_schema = http::SchemaRef("RevealedIdentifiers"),
              .permission = "clients.reveal"});
}

}  // namespace jieli::clients
