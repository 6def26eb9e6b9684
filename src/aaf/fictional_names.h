#pragma once
// Fictitious French names for generated feeds (UTF-8), drawn from lists that use the letters
// French names really use, including those where ISO-8859-15 and Latin-1 differ (Œ, œ, Ÿ).

#include <span>
#include <string>
#include <string_view>

namespace sdetcheck::aafgen {

std::span<const std::string_view> Surnames();          // upper case, e.g. "CŒUR"
std::span<const std::string_view> FemaleGivenNames();  // e.g. "Zoé", "Maëlys"
std::span<const std::string_view> MaleGivenNames();    // e.g. "Noël"
// Compound given names, used only for pupils a delta adds (never in a full feed, so a pupil
// added later can never look like one already there).
std::span<const std::string_view> CompoundGivenNames();
std::span<const std::string_view> StreetNames();
std::span<const std::string_view> TownNames();

// Lower-case ASCII for an e-mail local part: accents dropped, Œ/œ as "oe", Æ/æ as "ae",
// spaces and apostrophes removed, e.g. "Héloïse" -> "heloise", "CŒUR" -> "coeur".
std::string AsciiMailPart(std::string_view utf8_name);

}  // namespace sdetcheck::aafgen
