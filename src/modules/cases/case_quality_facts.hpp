// What the quality indicators need to know of a case (CaseService::QualityFacts):
// one compact row per case, read in a few set-wise queries, so the quality
// module computes its indicators without reading the cases module's tables.
// Plain data; times are instants (EpochMs), deadlines those of the agency's
// policy as it stands now (a policy's history is not kept). What is costly to
// derive is stored per case at the case's version (quality_facts_schema.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace jieli::cases {

struct FollowUpFact {
  EpochMs due_at = 0;              // end of its local day
  std::optional<EpochMs> done_at;  // empty: not done (cancelled ones are left out)
  bool operator==(const FollowUpFact&) const = default;
};

// A closure (the move to closed) and, when the case was reopened after it,
// the first reopen.
struct ClosureFact {
  EpochMs closed_at = 0;
  std::optional<EpochMs> reopened_at;
  bool operator==(const ClosureFact&) const = default;
};

// A complaint (投诉, kind complaint) and when it was first answered
// (acknowledged, or resolved at once).
struct ComplaintFact {
  EpochMs received_at = 0;
  std::optional<EpochMs> responded_at;
  bool operator==(const ComplaintFact&) const = default;
};

struct CaseQualityFacts {
  std::int64_t case_id = 0;
  std::int64_t org_id = 0;
  std::int64_t primary_worker_id = 0;
  std::optional<std::int64_t> co_worker_id;
  std::optional<std::int64_t> supervisor_id;
  std::optional<std::int64_t> region_id;  // the client's district (区) or finer region
  std::vector<std::string> categories;    // the client's categories ("elderly", …)
  std::string risk;                       // "low" … "critical"
  bool crisis = false;                    // the intake's urgency "crisis"

  // When the case entered each stage (now: a step back or reopen restarts
  // the later ones), absent when not reached.
  EpochMs opened_at = 0;
  std::optional<EpochMs> assessment_at;    // intake done
  std::optional<EpochMs> planning_at;      // assessment done
  std::optional<EpochMs> intervention_at;  // plan approved (the approved move)
  std::optional<EpochMs> evaluation_at;
  std::optional<EpochMs> closure_requested_at;  // the latest request to close
  std::optional<EpochMs> closed_at;             // closure approved
  std::optional<EpochMs> first_contact_at;      // the first service record

  // The deadlines that applied (deadline.hpp), absent without their anchor.
  std::optional<EpochMs> crisis_contact_due;  // crisis cases only
  std::optional<EpochMs> assessment_due;
  std::optional<EpochMs> planning_due;
  std::optional<EpochMs> closure_due;

  // The evaluation form: GAS T-score and the client's satisfaction (1–5).
  std::optional<double> gas_t;
  std::optional<int> satisfaction;
  // The client's own answers to the satisfaction surveys sent for the case,
  // each total scaled to 1–5. Not the cases module's: the quality module adds
  // them from the feedback module's surveys (quality::ClientVoice).
  std::vector<double> survey_scores;
  // The complaints naming the case, likewise added by the quality module from
  // the feedback module's. A complaint naming no case the facts hold stands in
  // a fact of its own: case_id 0, the complaint's organisation, the worker it
  // is about as primary_worker_id (0: none), no district or category — such
  // a fact counts for the complaint indicators only.
  std::vector<ComplaintFact> complaints;

  std::vector<FollowUpFact> followups;
  std::vector<ClosureFact> closures;  // oldest first
  std::vector<EpochMs> escalations;   // when each deadline was escalated

  // Case-file completeness over the stages reached: the fields of their forms
  // (required and optional, the read-only computed ones left out) and how many
  // of them are filled in.
  int fields_expected = 0;
  int fields_filled = 0;

  bool operator==(const CaseQualityFacts&) const = default;
};

}  // namespace jieli::cases
