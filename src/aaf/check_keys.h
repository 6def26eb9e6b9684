#pragma once
// Check keys of French identifiers: the UAI's check letter, the SIRET's Luhn key.

#include <string>
#include <string_view>

namespace sdetcheck {

// The check letter of the 7 leading digits of a UAI; '\0' when they are not 7 digits.
char UaiCheckLetter(std::string_view seven_digits);
// 7 digits then the right check letter (upper case).
bool IsValidUai(std::string_view uai);
// Digits only, at least one, Luhn sum a multiple of 10.
bool LuhnValid(std::string_view digits);
// 13 digits completed with the Luhn key digit.
std::string SiretWithKey(std::string_view thirteen_digits);

}  // namespace sdetcheck
