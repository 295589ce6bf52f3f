// Services: the module services of one running Jieli, wired together once at
// start-up, and the registration of every module's HTTP routes.
// Owned by the application (src/cli/app); all members are thread-safe.
#pragma once

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "http/event_streams.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/auth/authenticator.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/clients/client_service.hpp"
#include "modules/events/event_bus.hpp"
#include "modules/feedback/feedback_service.hpp"
#include "modules/feedback/intake_service.hpp"
#include "modules/feedback/survey_service.hpp"
#include "modules/jobs/job_queue.hpp"
#include "modules/jobs/job_runner.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/orgs/org_service.hpp"
#include "modules/quality/quality_service.hpp"
#include "store/db.hpp"

namespace jieli::modules {

struct Services {
  Services(store::Db& db, const Clock& clock, const crypto::FieldCipher& cipher,
           auth::AuthOptions auth_options)
      : db(db),
        clock(clock),
        cipher(cipher),
        audit(clock),
        auth(db, clock, audit, cipher, auth_options),
        guard(auth),
        events(db),
        notifications(db, clock, events),
        jobs(db, clock),
        orgs(db, clock, audit),
        clients(db, clock, audit, cipher),
        cases(db, clock, audit, clients, notifications),
        quality(db, clock, audit, cases, notifications),
        feedback(db, clock, audit, cipher, clients, cases, notifications, quality),
        surveys(db, clock, audit, clients, cases),
        intake(db, clock, audit, cipher, clients, cases, notifications) {
    quality.SetClientVoice(surveys);  // the clients' survey scores in the indicators
    streams.SetCredentialCheck([this](const std::vector<std::string>& credentials) {
      return auth.LiveCredentials(credentials);
    });
  }

  Services(const Services&) = delete;  // the streams and the bus hold on to `this`
  Services& operator=(const Services&) = delete;

  // Starts this node's live events: what any node publishes reaches the
  // streams open here. Error "store.unavailable".
  Status StartLiveEvents() {
    streams.Start();
    return events.Start([this](const events::Event& event) {
      if (event.topic == events::kCredentialsTopic) {
        streams.CheckCredentialsNow();
      } else if (event.topic == events::kResyncTopic) {
        streams.SendToAll(event.topic, event.data);
      } else {
        streams.Send(event.topic, event.user_ids, event.data);
      }
    });
  }
  void StopLiveEvents() {
    events.Stop();
    streams.Stop();
  }

  store::Db& db;
  const Clock& clock;
  const crypto::FieldCipher& cipher;
  audit::AuditLog audit;
  auth::AuthService auth;
  auth::Authenticator guard;
  events::EventBus events;
  http::EventStreams streams;  // the live event streams open on this node
  notifications::NotificationService notifications;
  jobs::JobQueue jobs;
  orgs::OrgService orgs;
  clients::ClientService clients;
  cases::CaseService cases;
  quality::QualityService quality;
  feedback::FeedbackService feedback;
  feedback::SurveyService surveys;
  feedback::IntakeService intake;
  // The public pages' submissions per client address (JIELI_PUBLIC_RATE_*).
  http::AddressRateLimiter public_submissions;
  bool secure_cookies = false;  // add "Secure" to the session cookie (behind HTTPS)
};

// A module's route handler for a signed-in caller: parses the request, calls
// a service (which authorises), serialises. An error it returns is answered
// in the one error shape by Bind, so handlers never build error replies.
using ModuleHandler = Result<http::Response> (*)(http::Request&, auth::Actor&, Services&);

// The route's handler: guarded (session or token, CSRF; see auth::Authenticator),
// refused (403) to a caller who holds the route's documented permission in no
// organisation (RouteDoc::permission, permission_anywhere) before it reads
// anything, and with the handler's errors mapped once (auth::ErrorReply).
http::Handler Bind(Services& services, ModuleHandler handler, auth::GuardOptions options = {});

// Registers every module's routes, /healthz, /readyz and /api/openapi.json.
void RegisterRoutes(http::Router& router, Services& services);

// Registers every module's background jobs (handlers and schedules).
void RegisterJobs(jobs::JobRunner& runner, Services& services);

}  // namespace jieli::modules
