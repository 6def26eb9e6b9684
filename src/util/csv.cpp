#include "util/csv.h"

namespace sdetcheck {

std::string CsvField(const std::string& field, char separator) {
  bool needs = field.find_first_of(std::string("\"\r\n") + separator) != std::string::npos;
  if (!needs) return field;
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace sdetcheck
