#pragma once
// French prose folded for phrase matching: statements and privacy pages write the same words
// with capitals, accents on capitals, typographic apostrophes and the spaces French
// typography puts before "%" and ":".

#include <optional>
#include <string>
#include <string_view>

namespace sdetcheck {

// `text` (UTF-8) with ASCII and Latin-1 capitals in lower case ("État" -> "état"), no-break,
// narrow no-break and thin spaces, control characters (NUL included) and runs of whitespace
// as one plain space, typographic apostrophes as "'", en and em dashes as "-".
std::string FoldFrenchText(std::string_view text);

// True when `folded` holds `phrase` at `pos` with no letter or digit right after it.
bool PhraseAt(std::string_view folded, size_t pos, std::string_view phrase);

// The decimal number ("78", "78,5", "78.5") that ends right before `end`, spaces between
// them skipped; nullopt when none.
std::optional<double> DecimalEndingAt(std::string_view folded, size_t end);

}  // namespace sdetcheck
