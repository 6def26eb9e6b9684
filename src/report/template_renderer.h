#pragma once
// Internal to report/: renders a mustache template file (kainjow) with a JSON view.

#include <string>

#include <nlohmann/json.hpp>

namespace sdetcheck {

enum class Escape { kHtml, kMarkdown };

// Returns false and sets *error ("reports/html/report.mustache: <reason>") on failure.
bool RenderTemplate(const std::string& template_file, const nlohmann::json& view, Escape escape,
                    std::string* output, std::string* error);

}  // namespace sdetcheck
