#include "aaf/feed_record.h"

#include <string>

namespace sdetcheck {

void FeedRecord::Clear() {
  operation = FeedOperation::kAdd;
  line = 0;
  category_name = {};
  category = {};
  category_count = 0;
  id = {};
  id_count = 0;
  attributes.clear();
  values.clear();
}

std::vector<std::string_view> FeedRecord::ValuesOf(const FeedAttribute& attribute) const {
  auto first = values.begin() + attribute.first_value;
  return {first, first + attribute.value_count};
}

std::string DescribeRecord(const FeedRecord& record) {
  static constexpr const char* kOperations[] = {"add", "modify", "delete"};
  std::string out = kOperations[static_cast<int>(record.operation)];
  out += "@" + std::to_string(record.line) + " " + std::string(record.category_name) + "=" +
         std::string(record.category) + "x" + std::to_string(record.category_count) +
         " id=" + std::string(record.id) + "x" + std::to_string(record.id_count);
  for (const FeedAttribute& attribute : record.attributes) {
    out += " " + std::string(attribute.name) + "/" + std::string(attribute.operation) + "@" +
           std::to_string(attribute.line) + "[";
    for (std::string_view value : record.ValuesOf(attribute)) out += std::string(value) + "|";
    out += "]";
  }
  return out;
}

}  // namespace sdetcheck
