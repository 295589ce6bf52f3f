// Migration 27: the stored quality facts of each case — what is costly to
// derive for CaseService::QualityFacts (case_quality_facts.hpp): the deadlines
// under the agency's policy, the latest request to close, the evaluation
// form's GAS T and satisfaction, the completeness counts over the stage forms,
// the follow-ups, closures and escalations.
//   case_quality_facts   one row per case, computed at the case's `version`
//                        under the rules `rules` (kQualityFactsRules): a row
//                        whose version or rules differ from the case's is
//                        ignored and recomputed on the next read
// The lists are text, so that reading needs no JSON parser:
//   followups    "due:done;due:"  (done empty when not done)
//   closures     "closed:reopened;closed:"
//   escalations  "at;at"
// The cheap facts — the cases row's own columns and the client's district and
// categories (the clients module's, changed there) — are not stored; they are
// read live.
//
// Filled on first read: QualityFacts stores the rows it had to compute
// (no migration fill: computing needs C++), reading and storing each slice
// of cases in one transaction. A write that moves a fact bumps cases.version
// (SaveCaseRow; a follow-up done and an escalation with kCaseVersionBumpSql);
// a change of an agency's deadline policy or form fields deletes the rows of
// its cases and those below it in the same transaction. `jieli rollup
// rebuild` recomputes them all.
// Left open: on PostgreSQL (read committed) a fill that read the old policy
// or form fields may store its rows just after such a change deleted them;
// on SQLite the fill's transaction holds the change back. Moving an
// organisation to another parent (orgs module) changes the policy it
// inherits without touching these rows. Both are put right by the case's
// next change or `jieli rollup rebuild`.
//
// On SQLite WITHOUT ROWID: a row is read by its case id, the primary key.
#pragma once

#include "store/migration.hpp"

namespace jieli::cases {

inline constexpr store::Migration kQualityFactsMigration = {27, "case_quality_facts", R"sql(
CREATE TABLE case_quality_facts (
  case_id BIGINT NOT NULL PRIMARY KEY REFERENCES cases(id),
  version BIGINT NOT NULL,
  rules BIGINT NOT NULL,
  crisis_contact_due BIGINT,
  assessment_due BIGINT,
  planning_due BIGINT,
  closure_due BIGINT,
  closure_requested_at BIGINT,
  gas_t DOUBLE PRECISION,
  satisfaction BIGINT,
  fields_expected BIGINT NOT NULL,
  fields_filled BIGINT NOT NULL,
  followups TEXT NOT NULL,
  closures TEXT NOT NULL,
  escalations TEXT NOT NULL
) {{without_rowid}};
)sql"};

}  // namespace jieli::cases
