#include "aaf/feed_rules.h"

namespace sdetcheck {

const std::vector<FeedRule>& FeedRules() {
  using S = RuleSeverity;
  static const std::vector<FeedRule> kRules = {
      {"file.unreadable", S::kError, "the file cannot be read as XML to its end"},
      {"file.name", S::kWarning,
       "file name outside <prefix>_<code>_Complet|Delta_<date>_<Type>_<NNNN>.xml"},
      {"file.chunks", S::kError, "a chunk is missing from the _0000.._NNNN sequence of a type"},
      {"xml.entity", S::kError, "an entity other than the five of XML (never resolved)"},
      {"envelope.structure", S::kError, "an element or text outside the ficAlimMENESR envelope"},
      {"envelope.category", S::kError,
       "operational attribute missing, repeated or not the file's type"},
      {"envelope.identifier", S::kError, "identifier/id missing, repeated or empty"},
      {"envelope.operation", S::kError, "a modification whose operation is not replace"},
      {"envelope.full_not_add", S::kWarning,
       "a full (Complet) file with modify or delete requests"},
      {"attr.unknown", S::kWarning, "an attribute name the file type does not know"},
      {"attr.required", S::kError, "an attribute importers need is missing or empty"},
      {"attr.cardinality", S::kError, "a single-valued attribute with several values"},
      {"attr.duplicate", S::kError, "the same attribute twice in one record"},
      {"value.date", S::kError, "not a dd/MM/yyyy calendar date"},
      {"value.boolean", S::kError, "neither O nor N"},
      {"value.uai", S::kError, "not a UAI (7 digits and the right check letter)"},
      {"value.siret", S::kError, "not a SIRET (14 digits, Luhn key)"},
      {"value.ine", S::kError, "not an INE (9 digits + 2 letters or 10 digits + 1 letter)"},
      {"value.email", S::kError, "not an e-mail address"},
      {"value.civility", S::kWarning, "civility other than M., Mme, Mlle"},
      {"value.compound", S::kError, "a compound value with the wrong number of $ fields"},
      {"value.code", S::kError, "a code outside its national list (function, relation)"},
      {"record.join_key", S::kWarning, "the join key differs from identifier/id"},
      {"duplicate.id", S::kError, "the same identifier twice for one type"},
      {"duplicate.uai", S::kError, "two structures with the same UAI"},
      {"duplicate.person", S::kWarning, "two pupils with the same name, birth date and structure"},
      {"ref.structure", S::kError, "a structure id the feed does not declare"},
      {"ref.class", S::kError, "a class its structure does not declare"},
      {"ref.group", S::kError, "a group its structure does not declare"},
      {"ref.relative", S::kError, "a relative id the feed does not carry"},
      {"ref.orphan_relative", S::kWarning, "a relative no pupil names"},
      {"delta.add_existing", S::kWarning, "a delta adds an id the previous full set has"},
      {"delta.modify_unknown", S::kError, "a delta modifies an id nobody knows"},
      {"delta.delete_unknown", S::kError, "a delta deletes an id nobody knows"},
  };
  return kRules;
}

const FeedRule* FindFeedRule(std::string_view id) {
  for (const FeedRule& rule : FeedRules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace sdetcheck
