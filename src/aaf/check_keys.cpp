#include "aaf/check_keys.h"

#include <algorithm>

namespace sdetcheck {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int LuhnSum(std::string_view digits, bool double_last) {
  int sum = 0;
  bool twice = double_last;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, twice = !twice) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum;
}

}  // namespace

char UaiCheckLetter(std::string_view seven_digits) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";  // no I, O, Q
  if (seven_digits.size() != 7 || !AllDigits(seven_digits)) return '\0';
  long number = std::stol(std::string(seven_digits));
  return kLetters[static_cast<size_t>(number % 23)];
}

bool IsValidUai(std::string_view uai) {
  return uai.size() == 8 && UaiCheckLetter(uai.substr(0, 7)) == uai[7];
}

bool LuhnValid(std::string_view digits) {
  return AllDigits(digits) && LuhnSum(digits, false) % 10 == 0;
}

std::string SiretWithKey(std::string_view thirteen_digits) {
  int key = (10 - LuhnSum(thirteen_digits, true) % 10) % 10;
  return std::string(thirteen_digits) + static_cast<char>('0' + key);
}

}  // namespace sdetcheck
