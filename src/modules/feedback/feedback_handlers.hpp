// HTTP routes of the feedback module: the working-day calendar
// (/api/v1/feedback/calendar) and the contact log (/api/v1/contacts).
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::feedback {

void RegisterFeedbackRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::feedback
