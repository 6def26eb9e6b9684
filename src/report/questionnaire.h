#pragma once
// The grid as a questionnaire a collectivité attaches to a tender: one row per item,
// with the method, the question and the evidence expected, and blank answer columns.

#include <string>

#include "grid/grid_set.h"

namespace sdetcheck {

// RFC 4180 quoting, UTF-8 with a byte order mark (so spreadsheet software reads accents).
std::string ExportGridCsv(const GridSet& grid, const std::string& lang, char separator);

// Returns false and sets *error when the template cannot be rendered.
bool ExportGridMarkdown(const GridSet& grid, const std::string& lang,
                        const std::string& reports_dir, std::string* output, std::string* error);

}  // namespace sdetcheck
