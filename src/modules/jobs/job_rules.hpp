// The rules of the job queue that need no database: when a failed job is tried
// again, which time slot a recurring job belongs to, and the key that makes a
// slot's job exist once. Plain functions; thread-safe.
#pragma once

#include <string>

#include "core/clock.hpp"

namespace jieli::jobs {

// How long after its attempt-th failure a job is tried again: 10 s doubled per
// attempt, at most an hour.
EpochMs RetryDelay(int attempt);

// The start of the period-long slot that holds now (slots are aligned to the
// epoch, so every node computes the same ones). period_ms > 0.
EpochMs SlotStart(EpochMs now, EpochMs period_ms);

// The dedupe key of a recurring job's slot: "KIND@SLOT_START".
std::string SlotKey(const std::string& kind, EpochMs slot_start);

}  // namespace jieli::jobs
