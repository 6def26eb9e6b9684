#include "web/french_date.h"

#include <array>
#include <cctype>
#include <string_view>

namespace sdetcheck {
namespace {

constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2100;

struct MonthName {
  std::string_view name;
  int month;
};

// Folded names, with and without the accents people drop.
constexpr std::array<MonthName, 15> kMonthNames = {{
    {"janvier", 1},
    {"février", 2},
    {"fevrier", 2},
    {"mars", 3},
    {"avril", 4},
    {"mai", 5},
    {"juin", 6},
    {"juillet", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
}};

bool IsDigitAt(std::string_view text, size_t pos) {
  return pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]));
}

// Reads 1..max_digits digits at *pos; false when none or more follow.
bool ReadNumber(std::string_view text, size_t* pos, size_t max_digits, int* value) {
  size_t start = *pos;
  *value = 0;
  while (IsDigitAt(text, *pos) && *pos - start < max_digits) {
    *value = *value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  return *pos > start && !IsDigitAt(text, *pos);
}

bool ReadYear(std::string_view text, size_t* pos, int* year) {
  size_t start = *pos;
  return ReadNumber(text, pos, 4, year) && *pos - start == 4 && *year >= kFirstYear &&
         *year <= kLastYear;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool Valid(const CalendarDate& date) {
  if (date.month < 1 || date.month > 12) return false;
  return date.day == 0 || (date.day >= 1 && date.day <= DaysInMonth(date.year, date.month));
}

// "12/03/2025", "12-03-2025", "12.03.2025".
std::optional<FoundDate> NumericDateAt(std::string_view text, size_t pos) {
  FoundDate found{{}, pos, pos};
  size_t i = pos;
  if (!ReadNumber(text, &i, 2, &found.date.day)) return std::nullopt;
  char separator = i < text.size() ? text[i] : '\0';
  if (separator != '/' && separator != '-' && separator != '.') return std::nullopt;
  ++i;
  if (!ReadNumber(text, &i, 2, &found.date.month)) return std::nullopt;
  if (i >= text.size() || text[i] != separator) return std::nullopt;
  ++i;
  if (!ReadYear(text, &i, &found.date.year) || !Valid(found.date)) return std::nullopt;
  found.end = i;
  return found;
}

// The month named at *pos followed by a space, moving *pos past both; 0 when none.
int ReadMonthName(std::string_view text, size_t* pos) {
  for (const MonthName& month : kMonthNames) {
    size_t after = *pos + month.name.size();
    if (text.substr(*pos, month.name.size()) == month.name && after < text.size() &&
        text[after] == ' ') {
      *pos = after + 1;
      return month.month;
    }
  }
  return 0;
}

// "30 septembre 2026", "1er mars 2025", "septembre 2026".
std::optional<FoundDate> WrittenDateAt(std::string_view text, size_t pos) {
  FoundDate found{{}, pos, pos};
  size_t i = pos;
  if (IsDigitAt(text, i)) {
    if (!ReadNumber(text, &i, 2, &found.date.day)) return std::nullopt;
    if (text.substr(i, 2) == "er") i += 2;
    if (i >= text.size() || text[i] != ' ') return std::nullopt;
    ++i;
  }
  found.date.month = ReadMonthName(text, &i);
  if (found.date.month == 0) return std::nullopt;
  if (!ReadYear(text, &i, &found.date.year) || !Valid(found.date)) return std::nullopt;
  found.end = i;
  return found;
}

bool StartsWord(std::string_view text, size_t pos) {
  return pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]));
}

}  // namespace

std::optional<FoundDate> FindFrenchDate(std::string_view folded, size_t from, size_t window) {
  size_t last = from + window < folded.size() ? from + window : folded.size();
  for (size_t pos = from; pos < last; ++pos) {
    if (!StartsWord(folded, pos)) continue;
    if (auto found = NumericDateAt(folded, pos)) return found;
    if (auto found = WrittenDateAt(folded, pos)) return found;
  }
  return std::nullopt;
}

int MonthsBetween(const CalendarDate& from, const CalendarDate& to) {
  return (to.year * 12 + to.month) - (from.year * 12 + from.month);
}

}  // namespace sdetcheck
