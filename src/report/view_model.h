#pragma once
// Internal to report/: the localised, display-ready view of a report for the templates.

#include <nlohmann/json.hpp>

namespace sdetcheck {

// `report` is BuildReportJson()'s output; `catalog` the message catalog of its language.
nlohmann::json BuildReportView(const nlohmann::json& report, const nlohmann::json& catalog);

}  // namespace sdetcheck
