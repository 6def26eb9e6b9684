#pragma once
// One request of an AAF feed file (ficAlimMENESR envelope): an addRequest, modifyRequest or
// deleteRequest with its category, identifier and attributes, values in UTF-8. The views
// point into the parser's buffers: valid only during the callback that receives the record.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sdetcheck {

enum class FeedOperation { kAdd, kModify, kDelete };

struct FeedAttribute {
  std::string_view name;
  std::string_view operation;  // modifyRequest only ("replace")
  uint32_t line = 0;
  uint32_t first_value = 0;  // index into FeedRecord::values
  uint32_t value_count = 0;
};

struct FeedRecord {
  FeedOperation operation = FeedOperation::kAdd;
  uint32_t line = 0;               // of the request's start tag
  std::string_view category_name;  // "categoriePersonne", "categorieStructure", ...
  std::string_view category;       // "Eleve", "EtabEducNat", ...
  int category_count = 0;          // operational attributes seen (exactly 1 expected)
  std::string_view id;
  int id_count = 0;  // identifier/id seen (exactly 1 expected)
  std::vector<FeedAttribute> attributes;
  std::vector<std::string_view> values;

  void Clear();
  // The values of `attribute`.
  std::vector<std::string_view> ValuesOf(const FeedAttribute& attribute) const;
};

// One line per record with everything in it, lines included: to compare two readings.
std::string DescribeRecord(const FeedRecord& record);

// Why a file could not be read to its end: the message and where (line 0 = whole file).
struct FeedReadError {
  std::string message;
  uint32_t line = 0;
};

// Something in a file outside the envelope's shape, not fatal: the reading goes on.
struct FeedProblem {
  std::string rule;  // a rule id of aaf/feed_rules.h, e.g. "envelope.structure"
  uint32_t line = 0;
  std::string detail;
};

using FeedRecordSink = std::function<void(const FeedRecord&)>;
using FeedProblemSink = std::function<void(const FeedProblem&)>;

}  // namespace sdetcheck
