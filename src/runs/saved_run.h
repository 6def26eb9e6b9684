#pragma once
// A finished audit read back from its report.json: what diff, compare and fleet summaries
// need, typed. Texts are in the report's language; states and levels keep the report's
// names ("pass", "exigence"...).

#include <optional>
#include <string>
#include <vector>

namespace sdetcheck {

struct SavedCheck {
  std::string key;      // stable across runs, e.g. cas.ticket
  std::string subject;  // account -> service, an endpoint...
  std::string state;
  std::string message_code;
  std::string message_params;  // canonical JSON of the parameters, to compare
  std::string message_text;
  std::string observed;
};

struct SavedItem {
  std::string id;
  std::string axis;
  std::string level;   // exigence | recommandation
  std::string method;  // probe | attestation
  std::string state;
  std::string title;  // in the report's language
  std::string message_text;
  std::string responsible;  // who answers for it: collectivite, editeur, academie, or ""
  int weight = 0;
  std::string definition;  // digest of what defines it (level, weight, statement, method...)
  std::vector<SavedCheck> checks;
};

struct SavedTally {
  int pass = 0, fail = 0, error = 0, not_tested = 0, attested = 0, waived = 0, not_applicable = 0;
  int weight_met = 0, weight_total = 0, weight_probed = 0, weight_declared = 0;
  std::optional<double> score;
};

struct SavedScope {
  std::string axis;  // empty for the whole grid
  std::string name;  // the axis' name in the report's language
  std::string verdict;
  SavedTally exigence;
  SavedTally recommandation;
};

struct SavedInput {
  std::string kind;  // grid | probe | answers
  std::string path;
  std::string sha256;
};

struct SavedRun {
  std::string file;  // the report.json read
  std::string lang;
  std::string generated_at;
  std::string tool_version;
  std::string target_name;
  std::string base_url;
  std::string grid_id;
  std::string sdet_version;
  std::string verdict;
  SavedScope overall;
  std::vector<SavedScope> axes;
  int weight_probed = 0;
  int weight_declared = 0;
  std::vector<SavedInput> inputs;
  std::vector<SavedItem> items;

  const SavedItem* FindItem(const std::string& id) const;
};

// Reads `path`: a report.json, or a run directory holding one. False with *error naming the
// file and what is wrong (not JSON, another schema version, a missing part).
bool LoadSavedRun(const std::string& path, SavedRun* run, std::string* error);

}  // namespace sdetcheck
