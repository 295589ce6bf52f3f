#include "modules/cases/service_record.hpp"

#include <string>

#include "core/local_time.hpp"
#include "core/text.hpp"

namespace jieli::cases {

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
  } else if (CodePointCount(input.content) > kMaxServiceContentChars) {
    issues.push_back({"content", "too_long", {{"max", std::to_string(kMaxServiceContentChars)}}});
  }
  if (CodePointCount(input.technique) > kMaxTechniqueChars)
    issues.push_back({"technique", "too_long", {{"max", std::to_string(kMaxTechniqueChars)}}});
  if (CodePointCount(input.progress_note) > kMaxProgressNoteChars)
    issues.push_back(
        {"progress_note", "too_long", {{"max", std::to_string(kMaxProgressNoteChars)}}});
  return issues;
}

}  // namespace jieli::cases
