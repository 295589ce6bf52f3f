// ClientVoice: what clients said themselves, for the quality indicators — the
// scores of the satisfaction surveys sent for their cases. The feedback module
// answers it (feedback::SurveyService); since feedback depends on quality and
// not the other way round, quality asks through this interface, wired once by
// modules::Services. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.hpp"

namespace jieli::quality {

struct CaseSurveyScore {
  std::int64_t case_id = 0;
  double score = 0;  // the answer's total scaled to 1–5
};

class ClientVoice {
 public:
  virtual ~ClientVoice() = default;
  // The scored answers to surveys sent for a case of these organisations.
  virtual Result<std::vector<CaseSurveyScore>> CaseSurveyScores(
      const std::vector<std::int64_t>& org_ids) const = 0;
};

}  // namespace jieli::quality
