#pragma once
// Internal to report/: the canonical report document every format is rendered from.

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "util/version.h"

namespace sdetcheck {

inline constexpr const char* kReportSchemaVersion = "2";

// Every string of it (keys included) has been through SanitizeForReport: probes quote
// whatever a server sent, and every format is rendered from this document.
// Messages are kept as code and parameters, and rendered with `catalog` (the report's
// language) as "text".
nlohmann::json BuildReportJson(const ReportContext& context, const nlohmann::json& catalog);

// `value` with SanitizeForReport applied to every string and object key, recursively.
nlohmann::json SanitizeReportStrings(const nlohmann::json& value);

}  // namespace sdetcheck
