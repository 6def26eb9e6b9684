#pragma once
// Internal to report/: the canonical report document every format is rendered from.

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace sdetcheck {

inline constexpr const char* kReportSchemaVersion = "1";
inline constexpr const char* kToolVersion = "0.1.0";

nlohmann::json BuildReportJson(const ReportContext& context);

}  // namespace sdetcheck
