#pragma once
// Check keys of the identifiers an AAF feed carries: the UAI's check letter and the SIRET's
// Luhn key. Shared by the feed generator and the validator.

#include <string>
#include <string_view>

namespace sdetcheck {

// The check letter of a UAI whose 7 leading characters are `seven_digits`:
// "ABCDEFGHJKLMNPRSTUVWXYZ"[N mod 23], N the digits read as a number; '\0' when
// `seven_digits` is not 7 ASCII digits.
char UaiCheckLetter(std::string_view seven_digits);

// True for 7 digits followed by their check letter (upper case), e.g. 0691670R.
bool IsValidUai(std::string_view uai);

// True when `digits` is a non-empty run of ASCII digits whose Luhn sum is a multiple of 10.
bool LuhnValid(std::string_view digits);

// `thirteen_digits` followed by the digit that makes the 14 Luhn-valid (a SIRET); empty when
// the input is not 13 ASCII digits.
std::string SiretWithKey(std::string_view thirteen_digits);

}  // namespace sdetcheck
