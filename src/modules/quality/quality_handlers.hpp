// HTTP routes of the quality module, all under /api/v1/quality: indicators
// (catalogue, values, series with control charts, funnel plots), objectives,
// supervision, training and improvement cycles.
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::quality {

void RegisterQualityRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::quality
