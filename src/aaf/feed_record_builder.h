#pragma once
// Assembles one FeedRecord from the pieces a parser finds, copying names and values into its
// own storage (so the parser may reuse its buffers), and hands out the finished record.

#include <string>
#include <string_view>
#include <vector>

#include "aaf/feed_record.h"

namespace sdetcheck {

class FeedRecordBuilder {
 public:
  void Begin(FeedOperation operation, uint32_t line);
  void AddCategory(std::string_view name, std::string_view value);
  void AddId(std::string_view id);
  void BeginAttribute(std::string_view name, std::string_view operation, uint32_t line);
  // A value of the current attribute, UTF-8.
  void AddValue(std::string_view value);
  // The record, valid until the next Begin().
  const FeedRecord& Finish();

 private:
  struct Span {
    size_t offset = 0;
    size_t size = 0;
  };
  Span Store(std::string_view text);
  std::string_view View(Span span) const { return {storage_.data() + span.offset, span.size}; }

  struct PendingAttribute {
    Span name, operation;
    uint32_t line = 0;
    uint32_t first_value = 0, value_count = 0;
  };
  std::string storage_;
  FeedRecord record_;
  Span category_name_, category_, id_;
  std::vector<PendingAttribute> attributes_;
  std::vector<Span> values_;
};

}  // namespace sdetcheck
