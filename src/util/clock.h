#pragma once
// The current time in UTC, formatted: report timestamps, bundle dates, "today" for waivers.

#include <string>

namespace sdetcheck {

inline constexpr const char* kIsoTimestamp = "%Y-%m-%dT%H:%M:%SZ";
inline constexpr const char* kIsoDate = "%Y-%m-%d";

// Now in UTC, through strftime's `format` (kIsoTimestamp, kIsoDate).
std::string UtcNow(const char* format);

}  // namespace sdetcheck
