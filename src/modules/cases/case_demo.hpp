// Demo cases for `jieli init --demo`: about 200 cases of the demo clients,
// spread over every stage as a city's daily work leaves them — some overdue,
// some waiting for the supervisor (one plan rejected once before it was
// approved), some closed with follow-ups due — with Chinese problems, forms,
// service records and timelines. Each case is worked through CaseService
// with a clock set back to when the work happened, so that every rule,
// deadline, timeline entry and audit entry is the real one. Deterministic
// (fixed seed) apart from dates, which are counted back from now.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::cases {

// Needs the demo users and clients (app::SeedDemo creates them first).
// Error: "orgs.not_found" when they are missing; service and store errors.
Status SeedDemoCases(modules::Services& services, int count = 200);

// How a history case's first steps went: when it opened and how many days
// intake, assessment and the plan's approval took (the on-time indicators
// follow from them), and whether a crisis case was first contacted late.
struct DemoCaseTiming {
  EpochMs opened_at = 0;
  int intake_days = 1;
  int assessment_days = 3;
  int approval_days = 2;
  bool late_first_contact = false;  // a crisis case's first contact after 24 h
  int late_followups_in_10 = 2;     // follow-ups done after their due date, of every 10
  int services = 0;                 // service records in intervention; 0: the usual 3–9
};

// One case of the demo's history, worked from intake to an approved closure
// or, for the last months, into intervention.
struct DemoHistoryCase {
  std::string worker;
  std::string supervisor;
  std::string org;
  std::int64_t client_id = 0;
  std::string category;
  DemoCaseTiming timing;
  bool left_open = false;  // still in intervention today, else closed
};

// Works every history case through CaseService, in order, with the clock set
// back; a closed one frees its client for the next.
Status WorkDemoHistory(modules::Services& services, const std::vector<DemoHistoryCase>& history);

// Two years of closed cases behind the demo agencies (case_history_demo.cpp),
// so the quality charts have a baseline, noise, a signal and an outlier.
// Run before SeedDemoCases: it reuses the clients, whose cases it closes.
Status SeedDemoHistory(modules::Services& services);

}  // namespace jieli::cases
