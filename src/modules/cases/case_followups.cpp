// CaseService: the follow-ups due after a case closes, listed and completed.
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/followup.hpp"

namespace jieli::cases {
namespace {

FollowUp FollowUpFromRow(const store::Row& row) {
  FollowUp f;
  f.id = row.Int(0);
  f.case_id = row.Int(1);
  f.due_on = row.Text(2);
  f.due_at = row.Int(3);
  f.done = row.Text(4) == "done";
  f.done_at = row.OptInt(5);
  if (!row.IsNull(6)) f.done_by = Person{row.Int(6), row.Text(7)};
  f.note = row.Text(8);
  return f;
}

// The people who did the follow-ups, for FillNames.
std::vector<Person*> DoneBy(std::vector<FollowUp>& followups) {
  std::vector<Person*> people;
  for (auto& f : followups) {
    if (f.done_by) people.push_back(&*f.done_by);
  }
  return people;
}

}  // namespace

Result<std::vector<FollowUp>> CaseService::FollowUps(const auth::Actor& actor,
                                                     std::int64_t id) const {
  auto c = LoadReadable(actor, id);
  if (!c) return c.error();
  const bool notes = CanReadNotes(actor, *c);
  auto rows = db_.Query(std::string(kFollowUpSelect) +
                            " WHERE f.case_id = ? AND f.status <> 'cancelled' ORDER BY f.due_on, "
                            "f.id",
                        {id});
  if (!rows) return rows.error();
  std::vector<FollowUp> followups;
  for (const auto& row : *rows) {
    followups.push_back(FollowUpFromRow(row));
    if (!notes) followups.back().note.clear();
  }
  JIELI_RETURN_IF_ERROR(FillNames(db_, DoneBy(followups)));
  return followups;
}

Result<FollowUp> CaseService::CompleteFollowUp(const auth::Actor& actor, std::int64_t followup_id,
                                               const std::string& note) const {
  auto row = db_.QueryOne(std::string(kFollowUpSelect) + " WHERE f.id = ?", {followup_id});
  if (!row) return row.error();
  if (!*row) return NotFoundError("cases.followup_not_found");
  FollowUp followup = FollowUpFromRow(**row);
  auto before = LoadWritable(actor, followup.case_id);
  if (!before) {
    if (before.error().kind() == ErrorKind::kNotFound)
      return NotFoundError("cases.followup_not_found");
    return before.error();
  }
  JIELI_RETURN_IF_ERROR(CheckFollowUpNote(note));

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  const EpochMs now = clock_.Now();
  auto done = (*tx)->Execute(kFollowUpDoneSql, {now, actor.user_id(), note, followup_id});
  if (!done) return done.error();
  if (*done == 0) return ConflictError("cases.followup_closed");
  // The follow-up is a quality fact: its case's version moves on, so that
  // the stored facts computed at the old one are not read again.
  JIELI_RETURN_IF_ERROR((*tx)->Execute(kCaseVersionBumpSql, {followup.case_id}));
  JIELI_RETURN_IF_ERROR(
      AddEvent(**tx, actor, followup.case_id, "followup_done",
               {{"followup_id", followup_id}, {"due_on", followup.due_on}, {"note", note}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, before->c.org_id, "cases.followup_done", "case",
                                      std::to_string(followup.case_id),
                                      DumpJson({{"followup", {{"after", followup_id}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  auto after = db_.QueryOne(std::string(kFollowUpSelect) + " WHERE f.id = ?", {followup_id});
  if (!after) return after.error();
  if (!*after) return NotFoundError("cases.followup_not_found");
  std::vector<FollowUp> done_now{FollowUpFromRow(**after)};
  JIELI_RETURN_IF_ERROR(FillNames(db_, DoneBy(done_now)));
  return std::move(done_now.front());
}

}  // namespace jieli::cases
