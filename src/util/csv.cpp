#include "util/csv.h"

namespace sdetcheck {

std::string CsvField(const std::string& field, char separator) {
  bool needs = field.find_first_of(std::string("\"\r\n") + separator) != std::string::npos;
  if (!needs) return field;
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields, char separator) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += separator;
    line += CsvField(fields[i], separator);
  }
  return line + "\r\n";
}

}  // namespace sdetcheck
