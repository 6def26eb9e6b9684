#include "aaf/generator_record.h"

#include <algorithm>

namespace sdetcheck::aafgen {
namespace {

void AppendEscaped(std::string_view text, std::string* out) {
  if (text.find_first_of("&<>") == std::string_view::npos) {
    *out += text;
    return;
  }
  for (char c : text) {
    if (c == '&')
      *out += "&amp;";
    else if (c == '<')
      *out += "&lt;";
    else if (c == '>')
      *out += "&gt;";
    else
      *out += c;
  }
}

std::string_view ElementName(FeedOperation operation) {
  switch (operation) {
    case FeedOperation::kAdd:
      return "addRequest";
    case FeedOperation::kModify:
      return "modifyRequest";
    case FeedOperation::kDelete:
      return "deleteRequest";
  }
  return "addRequest";
}

void AppendValues(const std::vector<std::string>& values, std::string* out) {
  if (values.empty()) *out += "<value/>";
  for (const std::string& value : values) {
    if (value.empty()) {
      *out += "<value/>";
      continue;
    }
    *out += "<value>";
    AppendEscaped(value, out);
    *out += "</value>";
  }
}

}  // namespace

void FeedRecord::Reset(FeedOperation operation, std::string_view category_attr,
                       std::string_view category, std::string_view id) {
  operation_ = operation;
  category_attr_ = category_attr;
  category_ = category;
  id_ = id;
  used_ = 0;
}

std::vector<std::string>& FeedRecord::AddValues(std::string_view name) {
  if (used_ == attrs_.size()) attrs_.emplace_back();
  Attr& attr = attrs_[used_++];
  attr.name = name;
  attr.values.clear();
  return attr.values;
}

void FeedRecord::Add(std::string_view name, std::initializer_list<std::string_view> values) {
  std::vector<std::string>& target = AddValues(name);
  for (std::string_view value : values) target.emplace_back(value);
}

std::vector<std::string>* FeedRecord::Find(std::string_view name) {
  for (size_t i = 0; i < used_; ++i) {
    if (attrs_[i].name == name) return &attrs_[i].values;
  }
  return nullptr;
}

void FeedRecord::Remove(std::string_view name) {
  auto end = attrs_.begin() + static_cast<std::ptrdiff_t>(used_);
  auto found = std::find_if(attrs_.begin(), end, [&](const Attr& a) { return a.name == name; });
  if (found == end) return;
  std::rotate(found, found + 1, end);  // keeps the order of the others, and the storage
  --used_;
}

void FeedRecord::Rename(std::string_view name, std::string_view new_name) {
  for (size_t i = 0; i < used_; ++i) {
    if (attrs_[i].name == name) attrs_[i].name = new_name;
  }
}

void FeedRecord::AppendAttributes(std::string* out) const {
  bool modify = operation_ == FeedOperation::kModify;
  *out += modify ? "  <modifications>\n" : "  <attributes>\n";
  for (size_t i = 0; i < used_; ++i) {
    *out += modify ? "   <modification name=\"" : "   <attr name=\"";
    *out += attrs_[i].name;
    *out += modify ? "\" operation=\"replace\">" : "\">";
    AppendValues(attrs_[i].values, out);
    *out += modify ? "</modification>\n" : "</attr>\n";
  }
  *out += modify ? "  </modifications>\n" : "  </attributes>\n";
}

void FeedRecord::AppendXml(std::string* out) const {
  std::string_view element = ElementName(operation_);
  *out += " <";
  *out += element;
  *out += ">\n  <operationalAttributes><attr name=\"";
  *out += category_attr_;
  *out += "\"><value>";
  *out += category_;
  *out += "</value></attr></operationalAttributes>\n  <identifier><id>";
  AppendEscaped(id_, out);
  *out += "</id></identifier>\n";
  if (operation_ != FeedOperation::kDelete) AppendAttributes(out);
  *out += " </";
  *out += element;
  *out += ">\n";
}

}  // namespace sdetcheck::aafgen
