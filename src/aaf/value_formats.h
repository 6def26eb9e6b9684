#pragma once
// The value formats of AAF feeds (aaf_sso.md §1.3, §1.7), pure.

#include <string_view>

namespace sdetcheck {

bool IsFeedDate(std::string_view value);     // dd/MM/yyyy, a real date, year 1900..2100
bool IsFeedBoolean(std::string_view value);  // O or N
bool IsIne(std::string_view value);          // 9 digits + 2 letters, or 10 digits + 1 letter
bool IsEmail(std::string_view value);        // local@domain.tld, no space
bool IsCivility(std::string_view value);     // M., Mme, Mlle
// Fields of a compound value: the '$' count plus one.
size_t CompoundFieldCount(std::string_view value);
// Field `index` of a compound value ("" past the end).
std::string_view CompoundField(std::string_view value, size_t index);

}  // namespace sdetcheck
