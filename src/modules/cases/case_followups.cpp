// CaseService: the follow-ups due after a case closes — listed, recorded with
// what they found, and a new case opened for the new needs one found.
#include "core/text.hpp"
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
  if (!row.IsNull(9)) f.situation = ParseSituation(row.Text(9));
  f.new_needs = row.Text(10);
  f.new_case_id = row.OptInt(11);
  f.client_id = row.Int(12);
  return f;
}

// What was said stays with those who read the case's notes.
void HideNotes(FollowUp& f) {
  f.note.clear();
  f.new_needs.clear();
}

// The people who did the follow-ups, for FillNames.
std::vector<Person*> DoneBy(std::vector<FollowUp>& followups) {
  std::vector<Person*> people;
  for (auto& f : followups) {
    if (f.done_by) people.push_back(&*f.done_by);
  }
  return people;
}

Result<FollowUp> LoadFollowUp(store::Executor& db, std::int64_t followup_id) {
  JIELI_ASSIGN_OR_RETURN(
      auto row, db.QueryOne(std::string(kFollowUpSelect) + " WHERE f.id = ?", {followup_id}));
  if (!row) return NotFoundError("cases.followup_not_found");
  return FollowUpFromRow(*row);
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
    if (!notes) HideNotes(followups.back());
  }
  JIELI_RETURN_IF_ERROR(FillNames(db_, DoneBy(followups)));
  return followups;
}

Result<FollowUp> CaseService::GetFollowUp(const auth::Actor& actor,
                                          std::int64_t followup_id) const {
  JIELI_ASSIGN_OR_RETURN(FollowUp followup, LoadFollowUp(db_, followup_id));
  auto c = LoadReadable(actor, followup.case_id);
  if (!c) {
    if (c.error().kind() == ErrorKind::kNotFound) return NotFoundError("cases.followup_not_found");
    return c.error();
  }
  std::vector<FollowUp> one{std::move(followup)};
  if (!CanReadNotes(actor, *c)) HideNotes(one.front());
  JIELI_RETURN_IF_ERROR(FillNames(db_, DoneBy(one)));
  return std::move(one.front());
}

Result<FollowUp> CaseService::CompleteFollowUp(const auth::Actor& actor, std::int64_t followup_id,
                                               const FollowUpRecord& record,
                                               const AlsoInTransaction& also) const {
  JIELI_ASSIGN_OR_RETURN(const FollowUp followup, LoadFollowUp(db_, followup_id));
  auto before = LoadWritable(actor, followup.case_id);
  if (!before) {
    if (before.error().kind() == ErrorKind::kNotFound)
      return NotFoundError("cases.followup_not_found");
    return before.error();
  }
  auto issues = CheckFollowUpRecord(record);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  if (followup.done) return ConflictError("cases.followup_closed");

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto done,
                         tx->Execute(kFollowUpDoneSql, {now, actor.user_id(), record.note,
                                                        std::string(ToString(record.situation)),
                                                        record.new_needs, followup_id}));
  if (done == 0) return ConflictError("cases.followup_closed");  // done meanwhile
  // The follow-up is a quality fact: its case's version moves on, so that
  // the stored facts computed at the old one are not read again.
  JIELI_RETURN_IF_ERROR(tx->Execute(kCaseVersionBumpSql, {followup.case_id}));
  JIELI_RETURN_IF_ERROR(AddEvent(*tx, actor, followup.case_id, "followup_done",
                                 {{"followup_id", followup_id},
                                  {"due_on", followup.due_on},
                                  {"situation", ToString(record.situation)},
                                  {"note", record.note},
                                  {"new_needs", record.new_needs}}));
  // The situation is said; what the client said stays out of the log.
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, before->c.org_id, "cases.followup_done", "case", std::to_string(followup.case_id),
      DumpJson({{"followup", {{"after", followup_id}}},
                {"situation", {{"after", ToString(record.situation)}}},
                {"new_needs", {{"after", IsBlank(record.new_needs) ? "" : "(given)"}}}})));
  if (also) {
    JIELI_RETURN_IF_ERROR(also(*tx));
  }
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return GetFollowUp(actor, followup_id);
}

Result<FollowUp> CaseService::OpenCaseFromFollowUp(
    const auth::Actor& actor, std::int64_t followup_id,
    std::optional<std::int64_t> primary_worker_id) const {
  JIELI_ASSIGN_OR_RETURN(const FollowUp followup, LoadFollowUp(db_, followup_id));
  auto before = LoadWritable(actor, followup.case_id);
  if (!before) {
    if (before.error().kind() == ErrorKind::kNotFound)
      return NotFoundError("cases.followup_not_found");
    return before.error();
  }
  if (!followup.done) return ConflictError("cases.followup_due");
  if (followup.new_case_id)
    return ConflictError("cases.followup_case_opened")
        .WithParam("existing_id", std::to_string(*followup.new_case_id));
  if (IsBlank(followup.new_needs)) return ConflictError("cases.followup_no_needs");

  CaseInput input;
  input.client_id = followup.client_id;
  input.org_id = before->c.org_id;
  input.primary_worker_id = primary_worker_id;
  JIELI_ASSIGN_OR_RETURN(Case opened, Open(actor, input));
  // The intake form starts from what the client said; a caller who opened
  // the case for someone else cannot write its form, and it stays empty.
  auto prefilled =
      SaveStage(actor, opened.id, Stage::kIntake,
                {{"source", "followup"}, {"presenting_problem", followup.new_needs}}, true);
  (void)prefilled;

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto linked, tx->Execute(kFollowUpNewCaseSql, {opened.id, followup_id}));
  if (linked == 0) {  // by someone else meanwhile
    JIELI_ASSIGN_OR_RETURN(const FollowUp other, LoadFollowUp(*tx, followup_id));
    return ConflictError("cases.followup_case_opened")
        .WithParam("existing_id", std::to_string(other.new_case_id.value_or(0)));
  }
  JIELI_RETURN_IF_ERROR(AddEvent(*tx, actor, followup.case_id, "followup_new_case",
                                 {{"followup_id", followup_id}, {"case_id", opened.id}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, before->c.org_id, "cases.followup_new_case",
                                      "case", std::to_string(followup.case_id),
                                      DumpJson({{"new_case_id", {{"after", opened.id}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return GetFollowUp(actor, followup_id);
}

}  // namespace jieli::cases
