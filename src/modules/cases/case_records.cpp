// CaseService: the service records of a case — adding one and listing them.
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/service_record.hpp"

namespace jieli::cases {
namespace {

ServiceRecord ServiceFromRow(const store::Row& row, bool notes_visible) {
  ServiceRecord r;
  r.id = row.Int(0);
  r.case_id = row.Int(1);
  r.input.date = row.Text(2);
  r.input.minutes = static_cast<int>(row.Int(3));
  r.input.mode = ParseServiceMode(row.Text(4)).value_or(ServiceMode::kFaceToFace);
  r.input.content = row.Text(5);
  r.input.technique = row.Text(6);
  if (notes_visible) {
    r.input.progress_note = row.Text(7);
  } else {
    r.note_hidden = true;
  }
  r.created_by = {row.Int(8), row.Text(9)};
  r.created_at = row.Int(10);
  return r;
}

}  // namespace

Result<ServiceRecord> CaseService::AddService(const auth::Actor& actor, std::int64_t id,
                                              const ServiceInput& input) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  if (before->c.stage == Stage::kClosed) return ConflictError("cases.closed");
  const EpochMs now = clock_.Now();
  auto issues = CheckService(input, before->c.opened_at, now);
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto inserted = (*tx)->QueryOne(
      kServiceInsertSql,
      {id, input.date, std::int64_t{input.minutes}, std::string(ToString(input.mode)),
       input.content, input.technique, input.progress_note, actor.user_id(), now});
  if (!inserted) return inserted.error();
  const std::int64_t service_id = (**inserted).Int(0);
  if (before->c.first_contact_at) {
    // The usual case: only the count changes, so records added at the same
    // time to one case (a group session) do not conflict over its version.
    auto counted = (*tx)->Execute(kServiceCountUpSql, {now, id});
    if (!counted) return counted.error();
    if (*counted == 0) return ConflictError("cases.closed");
  } else {
    // The first contact may stop a crisis clock: the deadline is recomputed.
    auto c = Reload(**tx, *before);
    if (!c) return c.error();
    ++c->c.service_count;
    c->c.first_contact_at = now;
    JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
  }
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, id, "service_added",
                                 {{"service_id", service_id},
                                  {"date", input.date},
                                  {"minutes", input.minutes},
                                  {"mode", std::string(ToString(input.mode))}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, before->c.org_id, "cases.add_service", "case",
                                      std::to_string(id),
                                      DumpJson({{"service", {{"after", service_id}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  ServiceRecord record;
  record.id = service_id;
  record.case_id = id;
  record.input = input;
  record.created_by = {actor.user_id(), actor.display_name()};
  record.created_at = now;
  return record;
}

Result<Page<ServiceRecord>> CaseService::ListServices(const auth::Actor& actor, std::int64_t id,
                                                      std::int64_t offset,
                                                      std::int64_t limit) const {
  auto c = LoadReadable(actor, id);
  if (!c) return c.error();
  const bool notes = CanReadNotes(actor, *c);
  Page<ServiceRecord> page;
  auto count = db_.QueryOne(kServicesOfCaseCountSql, {id});
  if (!count) return count.error();
  page.total = (*count)->Int(0);
  auto rows = db_.Query(std::string(kServiceSelect) +
                            " WHERE s.case_id = ? ORDER BY s.service_date DESC, s.id DESC "
                            "LIMIT ? OFFSET ?",
                        {id, limit, offset});
  if (!rows) return rows.error();
  for (const auto& row : *rows) page.items.push_back(ServiceFromRow(row, notes));
  std::vector<Person*> authors;
  for (auto& record : page.items) authors.push_back(&record.created_by);
  JIELI_RETURN_IF_ERROR(FillNames(db_, authors));
  return page;
}

}  // namespace jieli::cases
