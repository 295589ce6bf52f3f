// ClientVoice: what clients said themselves, for the quality indicators — the
// scores of the satisfaction surveys sent for their cases, and complaints. The feedback module
// answers it (feedback::SurveyService); since feedback depends on quality and
// not the other way round, quality asks through this interface, wired once by
// modules::Services. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace jieli::quality {

struct CaseSurveyScore {
  std::int64_t case_id = 0;
  double score = 0;  // the answer's total scaled to 1–5
};

// A complaint (kind complaint: not suggestions, not praise) as the indicators
// count it.
struct ComplaintRecord {
  std::int64_t org_id = 0;
  std::optional<std::int64_t> case_id;
  std::optional<std::int64_t> worker_concerned_id;
  EpochMs received_at = 0;
  std::optional<EpochMs> responded_at;  // acknowledged (or resolved at once)
};

class ClientVoice {
 public:
  virtual ~ClientVoice() = default;
  // The scored answers to surveys sent for a case of these organisations.
  virtual Result<std::vector<CaseSurveyScore>> CaseSurveyScores(
      const std::vector<std::int64_t>& org_ids) const = 0;
  // The complaints received in [from, to) at these organisations.
  virtual Result<std::vector<ComplaintRecord>> Complaints(const std::vector<std::int64_t>& org_ids,
                                                          EpochMs from, EpochMs to) const = 0;
};

}  // namespace jieli::quality
