#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sdetcheck::testing {

// Validates `document` against the JSON Schema in `schema_file` (valijson). Returns ""
// when valid, else every error with its JSON path, one per line.
std::string SchemaErrors(const nlohmann::json& document, const std::string& schema_file);

}  // namespace sdetcheck::testing
