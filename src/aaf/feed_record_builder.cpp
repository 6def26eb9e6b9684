#include "aaf/feed_record_builder.h"

namespace sdetcheck {

FeedRecordBuilder::Span FeedRecordBuilder::Store(std::string_view text) {
  Span span{nullptr, storage_.size(), text.size()};
  storage_.append(text);
  return span;
}

void FeedRecordBuilder::Begin(FeedOperation operation, uint32_t line) {
  storage_.clear();
  attributes_.clear();
  values_.clear();
  record_.Clear();
  category_name_ = category_ = id_ = Span{};
  record_.operation = operation;
  record_.line = line;
}

void FeedRecordBuilder::AddCategory(std::string_view name, std::string_view value) {
  if (record_.category_count++ > 0) return;  // the first one counts; the count says the rest
  category_name_ = Store(name);
  category_ = Store(value);
}

void FeedRecordBuilder::AddId(std::string_view id) {
  if (record_.id_count++ > 0) return;
  id_ = Store(id);
}

void FeedRecordBuilder::BeginAttribute(std::string_view name, std::string_view operation,
                                       uint32_t line, bool in_place) {
  PendingAttribute attribute;
  attribute.name = in_place ? InPlace(name) : Store(name);
  attribute.operation = in_place ? InPlace(operation) : Store(operation);
  attribute.line = line;
  attribute.first_value = static_cast<uint32_t>(values_.size());
  attributes_.push_back(attribute);
}

void FeedRecordBuilder::AddValue(std::string_view value, bool in_place) {
  if (attributes_.empty()) return;
  values_.push_back(in_place ? InPlace(value) : Store(value));
  ++attributes_.back().value_count;
}

const FeedRecord& FeedRecordBuilder::Finish() {
  record_.category_name = View(category_name_);
  record_.category = View(category_);
  record_.id = View(id_);
  for (const Span& value : values_) record_.values.push_back(View(value));
  for (const PendingAttribute& pending : attributes_) {
    FeedAttribute attribute;
    attribute.name = View(pending.name);
    attribute.operation = View(pending.operation);
    attribute.line = pending.line;
    attribute.first_value = pending.first_value;
    attribute.value_count = pending.value_count;
    record_.attributes.push_back(attribute);
  }
  return record_;
}

}  // namespace sdetcheck
