// CaseService: the daily work on a case — service records, the timeline,
// follow-ups, the worklist — and an agency's settings and attachments.
#include <algorithm>

#include "core/crypto.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/form_schema.hpp"

namespace jieli::cases {
namespace {

using auth::Permission;
using Json = nlohmann::json;

constexpr std::size_t kMaxContentChars = 2000;
constexpr std::size_t kMaxNoteChars = 4000;
constexpr std::size_t kMaxTechniqueChars = 100;

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::vector<FieldIssue> CheckService(const ServiceInput& input, EpochMs opened_at, EpochMs now) {
  std::vector<FieldIssue> issues;
  auto date = ParseDate(input.date);
  if (!date) {
    issues.push_back({"date", "invalid_date", {}});
  } else if (StartOfLocalDay(*date) > now) {
    issues.push_back({"date", "date_in_future", {}});
  } else if (*date < LocalDateOf(opened_at)) {
    issues.push_back(
        {"date",
         "out_of_range",
         {{"min", FormatDate(LocalDateOf(opened_at))}, {"max", FormatDate(LocalDateOf(now))}}});
  }
  if (input.minutes < 1 || input.minutes > 1440)
    issues.push_back({"minutes", "out_of_range", {{"min", "1"}, {"max", "1440"}}});
  if (IsBlank(input.content)) {
    issues.push_back({"content", "required", {}});
  } else if (CodePointCount(input.content) > kMaxContentChars) {
    issues.push_back({"content", "too_long", {{"max", std::to_string(kMaxContentChars)}}});
  }
  if (CodePointCount(input.technique) > kMaxTechniqueChars)
    issues.push_back({"technique", "too_long", {{"max", std::to_string(kMaxTechniqueChars)}}});
  if (CodePointCount(input.progress_note) > kMaxNoteChars)
    issues.push_back({"progress_note", "too_long", {{"max", std::to_string(kMaxNoteChars)}}});
  return issues;
}

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

constexpr const char* kServiceSelect =
    "SELECT s.id, s.case_id, s.service_date, s.minutes, s.mode, s.content, s.technique, "
    "s.progress_note, s.created_by, u.display_name, s.created_at FROM case_services s "
    "JOIN users u ON u.id = s.created_by";

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

constexpr const char* kFollowUpSelect =
    "SELECT f.id, f.case_id, f.due_on, f.due_at, f.status, f.done_at, f.done_by, u.display_name, "
    "f.note FROM case_followups f LEFT JOIN users u ON u.id = f.done_by";

// The type of a file judged by its first bytes (and, for the zip-based Office
// formats and plain text, its name), or "" when Jieli does not take it.
std::string SniffContentType(const std::string& name, const std::string& bytes) {
  auto starts = [&](std::string_view magic) { return bytes.compare(0, magic.size(), magic) == 0; };
  auto ends = [&](std::string_view suffix) {
    if (name.size() < suffix.size()) return false;
    std::string tail = name.substr(name.size() - suffix.size());
    std::transform(tail.begin(), tail.end(), tail.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return tail == suffix;
  };
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("PK\x03\x04")) {
    if (ends(".docx"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "";
  }
  if (ends(".txt") && bytes.find('\0') == std::string::npos && IsValidUtf8(bytes))
    return "text/plain; charset=utf-8";
  return "";
}

// The last path component, without control characters, at most 200 characters.
std::string CleanFileName(const std::string& name) {
  std::string base =
      name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string clean;
  for (char ch : base) {
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F && ch != '"') clean += ch;
  }
  if (CodePointCount(clean) > 200) return "";
  return clean;
}

Attachment AttachmentFromRow(const store::Row& row) {
  Attachment a;
  a.id = row.Int(0);
  a.case_id = row.Int(1);
  a.file_name = row.Text(2);
  a.content_type = row.Text(3);
  a.size = row.Int(4);
  a.sha256 = row.Text(5);
  a.uploaded_by = {row.Int(6), row.Text(7)};
  a.uploaded_at = row.Int(8);
  return a;
}

constexpr const char* kAttachmentSelect =
    "SELECT a.id, a.case_id, a.file_name, a.content_type, a.size, a.sha256, a.uploaded_by, "
    "u.display_name, a.uploaded_at FROM case_attachments a JOIN users u ON u.id = a.uploaded_by";

}  // namespace

// --- service records -----------------------------------------------------------------

Result<ServiceRecord> CaseService::AddService(const auth::Actor& actor, std::int64_t id,
                                              const ServiceInput& input) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  if (before->c.stage == Stage::kClosed) return ConflictError("case.closed");
  const EpochMs now = clock_.Now();
  auto issues = CheckService(input, before->c.opened_at, now);
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto inserted = (*tx)->QueryOne(
      "INSERT INTO case_services (case_id, service_date, minutes, mode, content, technique, "
      "progress_note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {id, input.date, std::int64_t{input.minutes}, std::string(ToString(input.mode)),
       input.content, input.technique, input.progress_note, actor.user_id(), now});
  if (!inserted) return inserted.error();
  const std::int64_t service_id = (**inserted).Int(0);
  if (before->c.first_contact_at) {
    // The usual case: only the count changes, so records added at the same
    // time to one case (a group session) do not conflict over its version.
    auto counted = (*tx)->Execute(
        "UPDATE cases SET service_count = service_count + 1, updated_at = ? "
        "WHERE id = ? AND stage <> 'closed'",
        {now, id});
    if (!counted) return counted.error();
    if (*counted == 0) return ConflictError("case.closed");
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
  auto count = db_.QueryOne("SELECT COUNT(*) FROM case_services WHERE case_id = ?", {id});
  if (!count) return count.error();
  page.total = (*count)->Int(0);
  auto rows = db_.Query(std::string(kServiceSelect) +
                            " WHERE s.case_id = ? ORDER BY s.service_date DESC, s.id DESC "
                            "LIMIT ? OFFSET ?",
                        {id, limit, offset});
  if (!rows) return rows.error();
  for (const auto& row : *rows) page.items.push_back(ServiceFromRow(row, notes));
  return page;
}

Result<Page<TimelineEvent>> CaseService::Timeline(const auth::Actor& actor, std::int64_t id,
                                                  std::int64_t offset, std::int64_t limit) const {
  auto c = LoadReadable(actor, id);
  if (!c) return c.error();
  Page<TimelineEvent> page;
  auto count = db_.QueryOne("SELECT COUNT(*) FROM case_events WHERE case_id = ?", {id});
  if (!count) return count.error();
  page.total = (*count)->Int(0);
  auto rows = db_.Query(
      "SELECT e.id, e.at, e.actor_id, u.display_name, e.kind, e.data FROM case_events e "
      "LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = ? ORDER BY e.id DESC "
      "LIMIT ? OFFSET ?",
      {id, limit, offset});
  if (!rows) return rows.error();
  const bool notes = CanReadNotes(actor, *c);
  for (const auto& row : *rows) {
    TimelineEvent event;
    event.id = row.Int(0);
    event.at = row.Int(1);
    if (!row.IsNull(2)) event.actor = Person{row.Int(2), row.Text(3)};
    event.kind = row.Text(4);
    event.data = Json::parse(row.Text(5), nullptr, false);
    if (event.data.is_discarded()) event.data = Json::object();
    // A follow-up's note is a case note.
    if (!notes && event.data.contains("note")) event.data.erase("note");
    page.items.push_back(std::move(event));
  }
  return page;
}

// --- follow-ups ----------------------------------------------------------------------

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
  if (IsBlank(note)) return ValidationFailed({{"note", "required", {}}});
  if (CodePointCount(note) > kMaxContentChars)
    return ValidationFailed({{"note", "too_long", {{"max", std::to_string(kMaxContentChars)}}}});

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  const EpochMs now = clock_.Now();
  auto done = (*tx)->Execute(
      "UPDATE case_followups SET status = 'done', done_at = ?, done_by = ?, note = ? "
      "WHERE id = ? AND status = 'due'",
      {now, actor.user_id(), note, followup_id});
  if (!done) return done.error();
  if (*done == 0) return ConflictError("cases.followup_closed");
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
  return FollowUpFromRow(**after);
}

// --- worklist ------------------------------------------------------------------------

Result<std::vector<WorkItem>> CaseService::Worklist(const auth::Actor& actor) const {
  auto readable = actor.OrgsWhere(Permission::kCasesRead);
  if (!readable) return readable.error();
  const EpochMs now = clock_.Now();
  const EpochMs horizon = EndOfLocalDayAfter(now, 7);
  const std::int64_t me = actor.user_id();
  std::vector<WorkItem> items;

  // Deadlines of my open cases.
  {
    std::vector<store::Value> params(readable->begin(), readable->end());
    params.insert(params.end(), {me, me, horizon});
    auto rows = db_.Query(
        // +c.org_id: not through the organisation's index (every deadline of
        // the agency) but through my cases (the worker indexes).
        "SELECT c.id, cl.name, c.stage, c.risk, c.due_at, c.updated_at FROM cases c "
        "JOIN clients cl ON cl.id = c.client_id WHERE +c.org_id " +
            auth::InList(readable->size()) +
            " AND (c.primary_worker_id = ? OR c.co_worker_id = ?) AND c.stage <> 'closed' "
            "AND c.due_at IS NOT NULL AND c.due_at <= ? ORDER BY c.due_at LIMIT 500",
        params);
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      WorkItem item;
      item.kind = "deadline";
      item.case_id = row.Int(0);
      item.client_name = row.Text(1);
      item.stage = ParseStage(row.Text(2)).value_or(Stage::kIntake);
      item.risk = ParseRiskLevel(row.Text(3)).value_or(RiskLevel::kLow);
      item.due_at = row.Int(4);
      item.since = row.Int(5);
      items.push_back(std::move(item));
    }
  }
  // Approvals waiting for me, when I may approve anywhere.
  auto approving = actor.OrgsWhere(Permission::kCasesApprove);
  if (!approving) return approving.error();
  if (!approving->empty()) {
    auto approvals = ListApprovals(actor, ApprovalStatus::kPending, true, 0, 500);
    if (!approvals) return approvals.error();
    for (const auto& a : approvals->items) {
      WorkItem item;
      item.kind = "approval";
      item.case_id = a.case_id;
      item.client_name = a.client_name;
      item.stage = a.from;
      item.approval_id = a.id;
      item.approval_to = a.to;
      item.since = a.requested_at;
      items.push_back(std::move(item));
    }
  }
  // Follow-ups due on my closed cases.
  {
    std::vector<store::Value> params(readable->begin(), readable->end());
    params.insert(params.end(), {me, me, horizon});
    auto rows = db_.Query(
        // CROSS JOIN keeps SQLite's loop order: from my cases to their
        // follow-ups, never through every follow-up due in the city.
        "SELECT c.id, cl.name, c.stage, c.risk, f.due_at, f.id, c.closed_at FROM cases c "
        "CROSS JOIN case_followups f JOIN clients cl ON cl.id = c.client_id WHERE c.org_id " +
            auth::InList(readable->size()) +
            // Only closed cases have follow-ups due (reopening cancels them),
            // which keeps the walk to my closed cases.
            " AND f.case_id = c.id AND c.stage = 'closed' "
            "AND (c.primary_worker_id = ? OR c.co_worker_id = ?) AND f.status = 'due' "
            "AND f.due_at <= ? ORDER BY f.due_at LIMIT 500",
        params);
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      WorkItem item;
      item.kind = "followup";
      item.case_id = row.Int(0);
      item.client_name = row.Text(1);
      item.stage = ParseStage(row.Text(2)).value_or(Stage::kClosed);
      item.risk = ParseRiskLevel(row.Text(3)).value_or(RiskLevel::kLow);
      item.due_at = row.Int(4);
      item.followup_id = row.Int(5);
      item.since = row.Int(6);
      items.push_back(std::move(item));
    }
  }
  for (auto& item : items) {
    if (item.due_at) {
      item.overdue = IsOverdue(*item.due_at, now);
      item.days_overdue = DaysOverdue(*item.due_at, now);
    }
  }
  // Oldest due first; an approval is "due" since it was asked for.
  std::stable_sort(items.begin(), items.end(), [](const WorkItem& a, const WorkItem& b) {
    return a.due_at.value_or(a.since) < b.due_at.value_or(b.since);
  });
  return items;
}

// --- agency settings -----------------------------------------------------------------

Result<DeadlinePolicy> CaseService::GetPolicy(const auth::Actor& actor, std::int64_t org_id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsRead, org_id));
  return PolicyFor(db_, org_id);
}

Result<DeadlinePolicy> CaseService::SetPolicy(const auth::Actor& actor, std::int64_t org_id,
                                              const DeadlinePolicy& policy) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kCasesConfigure, org_id));
  JIELI_RETURN_IF_ERROR(ValidateDeadlinePolicy(policy));
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto saved = (*tx)->Execute(
      "INSERT INTO case_policies (org_id, assessment_days, planning_days, closure_days, "
      "crisis_first_contact_hours, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (org_id) DO UPDATE SET assessment_days = excluded.assessment_days, "
      "planning_days = excluded.planning_days, closure_days = excluded.closure_days, "
      "crisis_first_contact_hours = excluded.crisis_first_contact_hours, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {org_id, std::int64_t{policy.assessment_days}, std::int64_t{policy.planning_days},
       std::int64_t{policy.closure_days}, std::int64_t{policy.crisis_first_contact_hours},
       ActorId(actor), clock_.Now()});
  if (!saved) return saved.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(
      **tx, actor, org_id, "cases.set_policy", "organization", std::to_string(org_id),
      DumpJson({{"assessment_days", {{"after", policy.assessment_days}}},
                {"planning_days", {{"after", policy.planning_days}}},
                {"closure_days", {{"after", policy.closure_days}}},
                {"crisis_first_contact_hours", {{"after", policy.crisis_first_contact_hours}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  // Deadlines of open cases already running keep theirs until the case next
  // changes; new deadlines follow the new policy.
  return policy;
}

Result<Json> CaseService::GetFormFields(const auth::Actor& actor, std::int64_t org_id,
                                        Stage stage) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsRead, org_id));
  auto row = db_.QueryOne("SELECT fields FROM case_form_fields WHERE org_id = ? AND stage = ?",
                          {org_id, std::string(ToString(stage))});
  if (!row) return row.error();
  Json fields = Json{{"properties", Json::object()}, {"required", Json::array()}};
  if (*row) {
    Json stored = Json::parse((*row)->Text(0), nullptr, false);
    if (!stored.is_discarded()) fields = std::move(stored);
  }
  auto schema = SchemaFor(db_, org_id, stage);
  if (!schema) return schema.error();
  return Json{{"fields", fields}, {"schema", *schema}};
}

Result<Json> CaseService::SetFormFields(const auth::Actor& actor, std::int64_t org_id, Stage stage,
                                        const Json& fields) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kCasesConfigure, org_id));
  auto schema = ExtendTemplate(BuiltInTemplate(stage), fields);
  if (!schema) return schema.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  const std::string name(ToString(stage));
  auto saved = (*tx)->Execute(
      "INSERT INTO case_form_fields (org_id, stage, fields, updated_by, updated_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, stage) DO UPDATE SET fields = excluded.fields, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {org_id, name, DumpJson(fields), ActorId(actor), clock_.Now()});
  if (!saved) return saved.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, org_id, "cases.set_form_fields", "organization",
                                      std::to_string(org_id),
                                      DumpJson({{name, {{"after", fields}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return GetFormFields(actor, org_id, stage);
}

// --- attachments ---------------------------------------------------------------------

Result<Attachment> CaseService::AddAttachment(const auth::Actor& actor, std::int64_t id,
                                              const std::string& file_name,
                                              const std::string& bytes) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  const std::string name = CleanFileName(file_name);
  if (IsBlank(name)) return ValidationFailed({{"name", "required", {}}});
  if (bytes.empty()) return InvalidError("cases.attachment_empty");
  if (static_cast<std::int64_t>(bytes.size()) > kMaxAttachmentBytes)
    return InvalidError("cases.attachment_too_large")
        .WithParam("max_mb", std::to_string(kMaxAttachmentBytes / (1024 * 1024)));
  const std::string type = SniffContentType(name, bytes);
  if (type.empty()) return InvalidError("cases.attachment_type");
  const std::string hash = crypto::Sha256Hex(bytes);

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto blob = (*tx)->Execute(
      "INSERT INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?) "
      "ON CONFLICT (sha256) DO NOTHING",
      {hash, static_cast<std::int64_t>(bytes.size()), store::Blob{bytes}});
  if (!blob) return blob.error();
  const EpochMs now = clock_.Now();
  auto inserted = (*tx)->QueryOne(
      "INSERT INTO case_attachments (case_id, file_name, content_type, size, sha256, "
      "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {id, name, type, static_cast<std::int64_t>(bytes.size()), hash, actor.user_id(), now});
  if (!inserted) return inserted.error();
  const std::int64_t attachment_id = (**inserted).Int(0);
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, id, "attachment_added",
                                 {{"attachment_id", attachment_id}, {"file_name", name}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, before->c.org_id, "cases.attach", "case",
                                      std::to_string(id),
                                      DumpJson({{"attachment", {{"after", attachment_id}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return Attachment{attachment_id,
                    id,
                    name,
                    type,
                    static_cast<std::int64_t>(bytes.size()),
                    hash,
                    {actor.user_id(), actor.display_name()},
                    now};
}

Result<std::vector<Attachment>> CaseService::ListAttachments(const auth::Actor& actor,
                                                             std::int64_t id) const {
  auto c = LoadReadable(actor, id);
  if (!c) return c.error();
  auto rows =
      db_.Query(std::string(kAttachmentSelect) + " WHERE a.case_id = ? ORDER BY a.id DESC", {id});
  if (!rows) return rows.error();
  std::vector<Attachment> attachments;
  for (const auto& row : *rows) attachments.push_back(AttachmentFromRow(row));
  return attachments;
}

Result<std::pair<Attachment, std::string>> CaseService::DownloadAttachment(
    const auth::Actor& actor, std::int64_t attachment_id) const {
  auto row = db_.QueryOne(std::string(kAttachmentSelect) + " WHERE a.id = ?", {attachment_id});
  if (!row) return row.error();
  if (!*row) return NotFoundError("cases.attachment_not_found");
  Attachment attachment = AttachmentFromRow(**row);
  auto c = LoadReadable(actor, attachment.case_id);
  if (!c) {
    if (c.error().kind() == ErrorKind::kNotFound)
      return NotFoundError("cases.attachment_not_found");
    return c.error();
  }
  // Files on a case are case notes: the team, supervisors and leaders only.
  if (!CanReadNotes(actor, *c)) return ForbiddenError();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto blob =
      (*tx)->QueryOne("SELECT data FROM attachment_blobs WHERE sha256 = ?", {attachment.sha256});
  if (!blob) return blob.error();
  if (!*blob) return NotFoundError("cases.attachment_not_found");
  std::string bytes = (*blob)->Bytes(0);
  JIELI_RETURN_IF_ERROR(
      audit_.Record(**tx, actor, c->c.org_id, "cases.attachment_download", "case",
                    std::to_string(attachment.case_id),
                    DumpJson({{"read", {"attachment"}}, {"attachment_id", attachment.id}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return std::make_pair(std::move(attachment), std::move(bytes));
}

}  // namespace jieli::cases
