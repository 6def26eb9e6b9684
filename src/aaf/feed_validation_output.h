#pragma once
// A feed validation written out alone: a text summary (totals per rule, per file type, then
// the findings), JSON or CSV (one finding per row).

#include <string>

#include "aaf/feed_validation.h"

namespace sdetcheck {

std::string FeedValidationText(const FeedValidation& validation, double seconds);
std::string FeedValidationJson(const FeedValidation& validation);
std::string FeedValidationCsv(const FeedValidation& validation);
// True when a rule of severity error was broken.
bool FeedHasErrors(const FeedValidation& validation);

}  // namespace sdetcheck
