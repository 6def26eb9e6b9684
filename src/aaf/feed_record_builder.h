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
  // `in_place`: the text outlives the record's delivery (the parser's document): kept as a
  // view, not copied.
  void BeginAttribute(std::string_view name, std::string_view operation, uint32_t line,
                      bool in_place = false);
  // A value of the current attribute, UTF-8.
  void AddValue(std::string_view value, bool in_place = false);
  // The record, valid until the next Begin().
  const FeedRecord& Finish();

 private:
  struct Span {
    const char* in_place = nullptr;  // else in storage_, at offset
    size_t offset = 0;
    size_t size = 0;
  };
  Span Store(std::string_view text);
  static Span InPlace(std::string_view text) { return Span{text.data(), 0, text.size()}; }
  std::string_view View(Span span) const {
    return {span.in_place ? span.in_place : storage_.data() + span.offset, span.size};
  }

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
