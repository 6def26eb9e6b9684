#pragma once
// Internal to report/: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab): one rule
// per grid item, one result per failing check under its stable key.

#include <string>

#include <nlohmann/json.hpp>

namespace sdetcheck {

std::string RenderSarif(const nlohmann::json& report);

}  // namespace sdetcheck
