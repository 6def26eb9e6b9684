#include "aaf/value_formats.h"

#include <algorithm>

namespace sdetcheck {
namespace {

bool Digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool Letters(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}
int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

bool IsFeedDate(std::string_view value) {
  if (value.size() != 10 || value[2] != '/' || value[5] != '/') return false;
  std::string_view day = value.substr(0, 2), month = value.substr(3, 2), year = value.substr(6);
  if (!Digits(day) || !Digits(month) || !Digits(year)) return false;
  int d = Number(day), m = Number(month), y = Number(year);
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool IsFeedBoolean(std::string_view value) { return value == "O" || value == "N"; }

bool IsIne(std::string_view value) {
  if (value.size() != 11) return false;
  return (Digits(value.substr(0, 9)) && Letters(value.substr(9))) ||
         (Digits(value.substr(0, 10)) && Letters(value.substr(10)));
}

bool IsEmail(std::string_view value) {
  size_t at = value.find('@');
  if (at == 0 || at == std::string_view::npos ||
      value.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = value.substr(at + 1);
  size_t dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() &&
         value.find_first_of(" \t<>\"(),;:") == std::string_view::npos;
}

bool IsCivility(std::string_view value) {
  return value == "M." || value == "Mme" || value == "Mlle";
}

size_t CompoundFieldCount(std::string_view value) {
  return static_cast<size_t>(std::count(value.begin(), value.end(), '$')) + 1;
}

std::string_view CompoundField(std::string_view value, size_t index) {
  size_t start = 0;
  for (size_t i = 0; i < index; ++i) {
    size_t next = value.find('$', start);
    if (next == std::string_view::npos) return {};
    start = next + 1;
  }
  return value.substr(start, value.find('$', start) - start);
}

}  // namespace sdetcheck
