// Demo feedback records for `jieli init --demo`, made through FeedbackService
// as the people who would make them: this year's holidays and moved working
// days (entered by the admin, marked in the screen as examples to check
// against the State Council's notice), and each demo worker's contact log
// over the last weeks — calls, home visits, WeChat messages both ways — with
// follow-ups done, due and one overdue; complaints, suggestions and praise in
// every state (one past its deadline and escalated, one that opened an
// improvement cycle). Chinese text; dates counted back from now.
#pragma once

#include "core/result.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::feedback {

// Needs the demo users and cases (app::SeedDemo creates them first).
Status SeedDemoFeedback(modules::Services& services);

}  // namespace jieli::feedback
