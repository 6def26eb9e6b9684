#pragma once
// Dates as French prose writes them: "12/03/2025", "1er mars 2025", "30 septembre 2026",
// "septembre 2026".

#include <cstddef>
#include <optional>
#include <string_view>

namespace sdetcheck {

struct CalendarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31; 0 when the text gives only a month
};

struct FoundDate {
  CalendarDate date;
  size_t begin = 0;  // where the date is written in the text, end excluded
  size_t end = 0;
};

// The first date that starts in [from, from + window) of `folded` (web/french_text.h
// FoldFrenchText: lower case, plain spaces); nullopt when none. Years outside 1990..2100 and
// impossible days are not dates.
std::optional<FoundDate> FindFrenchDate(std::string_view folded, size_t from, size_t window);

// Whole calendar months from `from` to `to` (days ignored): 2025-09 to 2026-03 is 6.
int MonthsBetween(const CalendarDate& from, const CalendarDate& to);

}  // namespace sdetcheck
