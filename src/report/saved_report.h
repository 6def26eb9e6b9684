#pragma once
// Internal to report/ and runs/: reading back a report.json written by `sdetcheck audit`.

#include <string>

#include <nlohmann/json.hpp>

namespace sdetcheck {

// A report.json this version can read: its schema version, then the parts every reader
// needs. A report of another schema version (version 1 held free-text results) or an
// incomplete one is refused with a message naming the file and what is wrong.
bool ReadSavedReport(const std::string& file, nlohmann::json* report, std::string* error);

}  // namespace sdetcheck
