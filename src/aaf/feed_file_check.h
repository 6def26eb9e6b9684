#pragma once
// The checks of one feed file, record by record, and the facts later phases need (its
// identifiers, structures, relatives named, pupils' identity keys). Internal to aaf/.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "aaf/feed_record.h"
#include "aaf/feed_validation.h"
#include "aaf/feed_vocabulary.h"

namespace sdetcheck {

// Hash and equality that look strings up by std::string_view, without a copy.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using TextSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;
template <typename T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

struct StructureFacts {
  TextSet classes, groups;
};

// What the earlier phases learnt, read-only while later files are checked.
struct FeedTables {
  bool structures_known = false;  // EtabEducNat files were given
  bool relatives_known = false;   // PersRelEleve files were given
  TextMap<StructureFacts> structures;
  TextMap<uint32_t> relatives;  // id -> index
};

struct IdAt {
  std::string id;
  uint32_t line = 0;
  FeedOperation operation = FeedOperation::kAdd;
};

struct FileCheck {
  // In
  std::string file, type;
  bool full = true;
  const FileTypeSpec* spec = nullptr;  // null: unknown type, record rules only
  const FeedTables* tables = nullptr;
  size_t kept_per_rule = 1000;
  // Out
  uint64_t records = 0;
  std::map<std::string, uint64_t> counts;
  std::vector<FeedFinding> findings;
  std::vector<IdAt> ids;
  std::vector<std::pair<std::string, StructureFacts>> structures;  // EtabEducNat
  std::vector<IdAt> uais;                                          // EtabEducNat: UAI, line
  std::vector<std::pair<uint64_t, IdAt>> person_keys;              // Eleve: identity hash
  std::vector<char> relatives_named;                               // Eleve: by relative index

  void Emit(const std::string& rule, uint32_t line, std::string_view record,
            std::string_view attribute = {}, std::string_view value = {});
  void Check(const FeedRecord& record);
  void Problem(const FeedProblem& problem) {
    Emit(problem.rule, problem.line, {}, {}, problem.detail);
  }
  void Reset();  // before the file is read again from its start

 private:
  std::vector<uint8_t> seen_;             // Attributes(): presence per vocabulary attribute
  std::vector<std::string_view> firsts_;  // Attributes(): first value per vocabulary attribute
  std::string key_;                       // Collect(): a pupil's identity, reused

  std::string_view First(std::string_view name) const;  // first value in the current record

  void Envelope(const FeedRecord& record);
  void Attributes(const FeedRecord& record);
  void Value(const FeedRecord& record, const FeedAttribute& attribute, const AttributeSpec& spec,
             std::string_view value);
  void Reference(const FeedRecord& record, const FeedAttribute& attribute,
                 const AttributeSpec& spec, std::string_view value);
  void Collect(const FeedRecord& record);
};

}  // namespace sdetcheck
