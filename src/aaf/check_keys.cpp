#include "aaf/check_keys.h"

#include <algorithm>

namespace sdetcheck {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Luhn sum of `digits`, the rightmost digit having position 1 (not doubled).
int LuhnSum(std::string_view digits) {
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (doubled) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    doubled = !doubled;
  }
  return sum;
}

}  // namespace

char UaiCheckLetter(std::string_view seven_digits) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
  if (seven_digits.size() != 7 || !AllDigits(seven_digits)) return '\0';
  long number = 0;
  for (char c : seven_digits) number = number * 10 + (c - '0');
  return kLetters[static_cast<size_t>(number % 23)];
}

bool IsValidUai(std::string_view uai) {
  return uai.size() == 8 && UaiCheckLetter(uai.substr(0, 7)) == uai[7];
}

bool LuhnValid(std::string_view digits) { return AllDigits(digits) && LuhnSum(digits) % 10 == 0; }

std::string SiretWithKey(std::string_view thirteen_digits) {
  if (thirteen_digits.size() != 13 || !AllDigits(thirteen_digits)) return "";
  std::string siret(thirteen_digits);
  siret += '0';
  int remainder = LuhnSum(siret) % 10;
  siret.back() = static_cast<char>('0' + (10 - remainder) % 10);
  return siret;
}

}  // namespace sdetcheck
