#pragma once
// What each AAF file type may carry: its category, and per attribute the cardinality,
// whether importers need it, and the format of its values (second and first degree, from the
// ENT importers' dictionaries summed up in ../shared/reference/aaf_sso.md §1.4). Data.

#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sdetcheck {

enum class ValueFormat {
  kText,
  kDate,     // dd/MM/yyyy, a real calendar date
  kBoolean,  // O or N
  kUai,      // 7 digits and the check letter
  kSiret,    // 14 digits, Luhn key
  kIne,      // 9 digits + 2 letters, or 10 digits + 1 letter
  kEmail,
  kCivility,      // M., Mme, Mlle
  kStructure,     // the AAF id of a structure of the feed
  kClass,         // structure$class, the class declared by the structure
  kGroup,         // structure$group, the group declared by the structure
  kRelation,      // relative$link$financial$legal$contact$payment
  kFunction,      // structure$function$label$discipline$label, a known function code
  kClassSubject,  // structure$class$subject
  kDeclared,      // code$label[$...]: a class or group declared by a structure
  // First degree (AAF1D)
  kClass1D,     // structure$...$...$class$label, the class declared by the structure
  kGroup1D,     // structure$...$...$group$label
  kRelation1D,  // relative$link
};

struct AttributeSpec {
  std::string_view name;
  bool multiple = false;
  bool required = false;
  ValueFormat format = ValueFormat::kText;
};

struct FileTypeSpec {
  FileTypeSpec(std::string_view type_name, std::string_view category,
               std::vector<AttributeSpec> list)
      : type(type_name), category_name(category), attributes(std::move(list)) {}

  std::string_view type;           // file name token and category value: "Eleve", ...
  std::string_view category_name;  // "categoriePersonne" or "categorieStructure"
  std::vector<AttributeSpec> attributes;

  // The position of `name` in `attributes`, or -1: a hash lookup (a feed has millions of
  // attributes to look up).
  int IndexOf(std::string_view name) const;
  const AttributeSpec* Find(std::string_view name) const;

  std::unordered_map<std::string_view, int> index;  // filled by FeedFileTypes()
};

// Second degree (ENT2D files) or first degree (ENT1D: other names, 5-field classes...).
const std::vector<FileTypeSpec>& FeedFileTypes(bool first_degree = false);
const FileTypeSpec* FindFileType(std::string_view type, bool first_degree = false);

// The function codes of ENTPersonFonctions the national profiles are derived from ("-" none).
bool IsKnownFunctionCode(std::string_view code);

}  // namespace sdetcheck
