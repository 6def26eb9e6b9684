#pragma once
// Internal to report/, runs/ and bundle/: checks and evidence as the report's JSON, and back
// (a recorded run re-judged offline by `sdetcheck replay`).

#include <optional>

#include <nlohmann/json.hpp>

#include "finding/check.h"
#include "finding/evidence.h"
#include "finding/outcome.h"

namespace sdetcheck {

// Evidence typed by what it records: {"type": "http" | "tls" | "certificate" | "document"}.
nlohmann::json EvidenceJson(const Evidence& record);
// A check with its message rendered from `catalog` ("text" beside code and parameters).
nlohmann::json CheckJson(const Check& check, const nlohmann::json& catalog);

// Back from the JSON above; nullopt for a record of unknown type or shape. Never throws.
std::optional<Evidence> EvidenceFromJson(const nlohmann::json& record);
std::optional<Check> CheckFromJson(const nlohmann::json& check);
// An item's "checks" and "evidence" as the probe returned them; nullopt when one of them
// cannot be read back.
std::optional<ProbeOutcome> OutcomeFromJson(const nlohmann::json& item);

}  // namespace sdetcheck
