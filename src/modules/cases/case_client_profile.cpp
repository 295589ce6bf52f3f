// CaseService: a client's cases for the client profile (服务对象档案), read
// through the same per-case reads (scope, notes) as the case page.
#include <algorithm>

#include "modules/cases/case_service.hpp"

namespace jieli::cases {

Result<ClientCases> CaseService::CasesOfClient(const auth::Actor& actor,
                                               std::int64_t client_id) const {
  // The client first: outside the caller's scope it does not exist.
  if (auto client = clients_.GetSummary(actor, client_id); !client) return client.error();
  ClientCases result;
  if (!actor.RequireAnywhere(auth::Permission::kCasesRead)) return result;
  CaseFilter filter;
  filter.client_id = client_id;
  filter.sort = "-opened_at";
  JIELI_ASSIGN_OR_RETURN(Page<Case> cases, List(actor, filter, 0, kClientCasesMax));
  result.cases = std::move(cases.items);
  for (const Case& c : result.cases) {
    JIELI_ASSIGN_OR_RETURN(Page<TimelineEvent> events,
                           Timeline(actor, c.id, 0, kClientTimelineMax));
    if (events.total > static_cast<std::int64_t>(events.items.size()))
      result.timeline_truncated = true;
    for (auto& event : events.items) result.timeline.push_back({c.id, std::move(event)});
    JIELI_ASSIGN_OR_RETURN(std::vector<Attachment> files, ListAttachments(actor, c.id));
    for (auto& file : files) result.attachments.push_back(std::move(file));
  }
  std::stable_sort(result.timeline.begin(), result.timeline.end(),
                   [](const ClientTimelineEvent& a, const ClientTimelineEvent& b) {
                     return a.event.at != b.event.at ? a.event.at > b.event.at
                                                     : a.event.id > b.event.id;
                   });
  if (result.timeline.size() > static_cast<std::size_t>(kClientTimelineMax)) {
    result.timeline.resize(static_cast<std::size_t>(kClientTimelineMax));
    result.timeline_truncated = true;
  }
  std::stable_sort(
      result.attachments.begin(), result.attachments.end(),
      [](const Attachment& a, const Attachment& b) { return a.uploaded_at > b.uploaded_at; });
  return result;
}

}  // namespace jieli::cases
