#pragma once
// One request of an AAF file (addRequest, modifyRequest or deleteRequest) being built, and
// its XML in the layout of real exports: one space of indent per level, one attr per line.
// Reused from record to record, so building a record allocates nothing once warm.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sdetcheck::aafgen {

enum class FeedOperation { kAdd, kModify, kDelete };

class FeedRecord {
 public:
  // Starts a new record: `category_attr` is categoriePersonne or categorieStructure.
  void Reset(FeedOperation operation, std::string_view category_attr, std::string_view category,
             std::string_view id);
  // Adds an attribute (a modification for kModify); no value gives <value/>.
  void Add(std::string_view name, std::initializer_list<std::string_view> values);
  void Add(std::string_view name, std::string_view value) { Add(name, {value}); }
  // Adds an attribute and returns its values, for multi-valued attributes built in a loop.
  std::vector<std::string>& AddValues(std::string_view name);
  // The values of attribute `name`, or nullptr when absent.
  std::vector<std::string>* Find(std::string_view name);
  void Remove(std::string_view name);
  void Rename(std::string_view name, std::string_view new_name);

  const std::string& id() const { return id_; }
  FeedOperation operation() const { return operation_; }
  // Appends the record's XML (UTF-8) to *out.
  void AppendXml(std::string* out) const;

 private:
  struct Attr {
    std::string name;
    std::vector<std::string> values;
  };
  void AppendAttributes(std::string* out) const;

  FeedOperation operation_ = FeedOperation::kAdd;
  std::string category_attr_, category_, id_;
  std::vector<Attr> attrs_;
  size_t used_ = 0;  // attrs_[0, used_) belong to the current record
};

}  // namespace sdetcheck::aafgen
