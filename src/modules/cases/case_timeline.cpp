// CaseService: the timeline of a case, newest event first.
#include "core/json.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"

namespace jieli::cases {
namespace {}  // namespace

Result<Page<TimelineEvent>> CaseService::Timeline(const auth::Actor& actor, std::int64_t id,
                                                  std::int64_t offset, std::int64_t limit) const {
  auto c = LoadReadable(actor, id);
  if (!c) return c.error();
  Page<TimelineEvent> page;
  auto count = db_.QueryOne(kEventsOfCaseCountSql, {id});
  if (!count) return count.error();
  page.total = (*count)->Int(0);
  auto rows = db_.Query(kEventsOfCaseSql, {id, limit, offset});
  if (!rows) return rows.error();
  const bool notes = CanReadNotes(actor, *c);
  for (const auto& row : *rows) {
    TimelineEvent event;
    event.id = row.Int(0);
    event.at = row.Int(1);
    if (!row.IsNull(2)) event.actor = Person{row.Int(2), ""};  // named below
    event.kind = row.Text(3);
    JIELI_ASSIGN_OR_RETURN(event.data, ParseStoredJson(row.Text(4), "case_events.data"));
    // A follow-up's note and the needs it found are case notes.
    if (!notes) {
      event.data.erase("note");
      event.data.erase("new_needs");
    }
    page.items.push_back(std::move(event));
  }
  std::vector<Person*> actors;
  for (auto& event : page.items) {
    if (event.actor) actors.push_back(&*event.actor);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db_, actors));
  return page;
}

}  // namespace jieli::cases
