// HTTP routes of the feedback module: the working-day calendar
// (/api/v1/feedback/calendar), the contact log (/api/v1/contacts), complaints
// (/api/v1/complaints) and surveys.
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::feedback {

void RegisterFeedbackRoutes(http::Router& router, modules::Services& services);
// The surveys (/api/v1/surveys) and the public survey page's API
// (/api/v1/public/surveys/{token}); survey_handlers.cpp.
void RegisterSurveyRoutes(http::Router& router, modules::Services& services);
// The intake-request queue (/api/v1/intake-requests) and the public pages'
// agencies, bookings and complaints (/api/v1/public/…); intake_handlers.cpp.
void RegisterIntakeRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::feedback
