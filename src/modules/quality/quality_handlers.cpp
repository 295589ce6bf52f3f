#include "modules/quality/quality_handlers.hpp"

#include "modules/services.hpp"

namespace jieli::quality {
namespace {

// --- indicators, series, funnel plots, objectives ---

// --- supervision, training, improvement cycles ---

}  // namespace

void RegisterQualityRoutes(http::Router& router, modules::Services& services) {
  // --- indicators, series, funnel plots, objectives ---

  // --- supervision, training, improvement cycles ---
  (void)router;
  (void)services;
}

}  // namespace jieli::quality
