// The references the public pages give (预约编号, a complaint's number): a
// fresh one (ReferenceFrom over random bytes), and the storing of a record
// under one, drawn again when the store says it is taken.
#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"

namespace jieli::feedback {

// A fresh reference (not stored: the honeypot's made-up answers).
std::string NewReference();

// Calls store with a fresh reference and answers it. A reference already taken
// (store fails with kConflict: a unique key) is drawn again; three collisions
// in a row out of 31^8 mean something else is wrong, and that error is answered.
Result<std::string> StoreUnderNewReference(
    const std::function<Status(const std::string& reference)>& store);

}  // namespace jieli::feedback
