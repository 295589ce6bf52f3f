// CaseService: the files attached to a case — upload, list and download.
#include "core/crypto.hpp"
#include "modules/cases/attachment.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"

namespace jieli::cases {
namespace {

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

}  // namespace

Result<Attachment> CaseService::AddAttachment(const auth::Actor& actor, std::int64_t id,
                                              const std::string& file_name,
                                              const std::string& bytes) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  JIELI_ASSIGN_OR_RETURN(AcceptedFile file, CheckAttachment(file_name, bytes));
  const std::string& name = file.name;
  const std::string& type = file.content_type;
  const std::string hash = crypto::Sha256Hex(bytes);

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto blob = (*tx)->Execute(kBlobInsertSql,
                             {hash, static_cast<std::int64_t>(bytes.size()), store::Blob{bytes}});
  if (!blob) return blob.error();
  const EpochMs now = clock_.Now();
  auto inserted = (*tx)->QueryOne(
      kAttachmentInsertSql,
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
  std::vector<Person*> uploaders;
  for (auto& attachment : attachments) uploaders.push_back(&attachment.uploaded_by);
  JIELI_RETURN_IF_ERROR(FillNames(db_, uploaders));
  return attachments;
}

Result<std::pair<Attachment, std::string>> CaseService::DownloadAttachment(
    const auth::Actor& actor, std::int64_t attachment_id) const {
  auto row = db_.QueryOne(std::string(kAttachmentSelect) + " WHERE a.id = ?", {attachment_id});
  if (!row) return row.error();
  if (!*row) return NotFoundError("cases.attachment_not_found");
  Attachment attachment = AttachmentFromRow(**row);
  JIELI_RETURN_IF_ERROR(FillNames(db_, {&attachment.uploaded_by}));
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
  auto blob = (*tx)->QueryOne(kAttachmentBlobSql, {attachment.sha256});
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
