// Service records (服务记录): the rules a record of work with a client must
// meet before it is stored — its date within the case's life, its length in
// minutes and the length of its texts. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "modules/cases/case.hpp"

namespace jieli::cases {

// Limits, in Unicode code points.
inline constexpr std::size_t kMaxServiceContentChars = 2000;
inline constexpr std::size_t kMaxProgressNoteChars = 4000;
inline constexpr std::size_t kMaxTechniqueChars = 100;

// Every problem with a record of input on a case opened at opened_at, as of
// now (local days, Asia/Shanghai), as field issues: date "invalid_date",
// "date_in_future", "out_of_range" (params min: the day the case opened, max:
// today); minutes "out_of_range" (1–1440); content "required"/"too_long";
// technique and progress_note "too_long". Empty when the record may be stored.
std::vector<FieldIssue> CheckService(const ServiceInput& input, EpochMs opened_at, EpochMs now);

}  // namespace jieli::cases
