#pragma once
// One CSV field (RFC 4180): quoted, with its quotes doubled, when it holds the separator, a
// quote or a line break; as is otherwise.

#include <string>

namespace sdetcheck {

std::string CsvField(const std::string& field, char separator);

}  // namespace sdetcheck
