#include "modules/schema.hpp"

#include <array>

#include "modules/audit/audit_schema.hpp"
#include "modules/auth/auth_schema.hpp"
#include "modules/cases/alerts_schema.hpp"
#include "modules/cases/cases_schema.hpp"
#include "modules/cases/followup_schema.hpp"
#include "modules/cases/index_schema.hpp"
#include "modules/cases/quality_facts_schema.hpp"
#include "modules/cases/rollup_schema.hpp"
#include "modules/cases/search_schema.hpp"
#include "modules/clients/clients_schema.hpp"
#include "modules/feedback/feedback_schema.hpp"
#include "modules/jobs/jobs_schema.hpp"
#include "modules/notifications/notifications_schema.hpp"
#include "modules/orgs/orgs_schema.hpp"
#include "modules/quality/quality_schema.hpp"

namespace jieli::modules {

std::span<const store::Migration> AllMigrations() {
  static const std::array kMigrations = {
      orgs::kOrgsInitialMigration,
      auth::kAuthInitialMigration,
      audit::kAuditInitialMigration,
      clients::kClientsInitialMigration,
      cases::kCasesInitialMigration,
      cases::kTextSearchMigration,
      cases::kCaseworkIndexesMigration,
      cases::kOverdueIndexMigration,
      jobs::kJobsMigration,
      notifications::kNotificationsMigration,
      cases::kAlertsMigration,
      cases::kWorkerLoadIndexMigration,
      auth::kLoginFailuresMigration,
      auth::kTotpLastStepMigration,
      clients::kHouseholdEncryptedMigration,
      cases::kApprovalTeamMigration,
      cases::kFormVersionsMigration,
      cases::kRiskReviewsMigration,
      cases::kCaseScalesMigration,
      cases::kServiceDetailsMigration,
      cases::kServiceCorrectionsMigration,
      cases::kCaseRollupMigration,
      quality::kSupervisionMigration,
      quality::kObjectivesMigration,
      quality::kSignalsMigration,
      quality::kAuditsMigration,
      cases::kQualityFactsMigration,
      cases::kRollupVersionsMigration,
      feedback::kContactsMigration,
      feedback::kComplaintsMigration,
      feedback::kSurveysMigration,
      feedback::kIntakeRequestsMigration,
      cases::kFollowUpFindingsMigration,
      feedback::kContactFollowUpMigration,
  };
  return kMigrations;
}

}  // namespace jieli::modules
