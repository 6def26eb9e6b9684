#pragma once
// One CSV field (RFC 4180): quoted, with its quotes doubled, when it holds the separator, a
// quote or a line break; as is otherwise.

#include <string>
#include <vector>

namespace sdetcheck {

std::string CsvField(const std::string& field, char separator);

// One record: the fields, each through CsvField, separated, ended by CR LF (RFC 4180).
std::string CsvLine(const std::vector<std::string>& fields, char separator);

}  // namespace sdetcheck
