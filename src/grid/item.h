#pragma once
// One requirement (exigence) or recommendation of the SDET, as extracted into a grid.

#include <map>
#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace sdetcheck {

struct LocalizedText {
  std::string fr;
  std::string en;
  const std::string& In(const std::string& lang) const { return lang == "en" ? en : fr; }
};

enum class Level { kExigence, kRecommandation };
enum class Polarity { kPositive, kNegative };
enum class Provenance { kVerified, kSecondary, kUnverified };

struct SdetSource {
  std::string document;
  std::string section;  // empty when not known
  std::string version;
  Provenance provenance = Provenance::kUnverified;
  std::string note;
};

struct Applicability {
  std::vector<std::string> degrees;   // empty = all
  std::vector<std::string> profiles;  // empty = all
};

struct ProbeCheck {
  std::string probe;
  std::map<std::string, std::string> with;
};

struct AttestationCheck {
  LocalizedText question;
  LocalizedText evidence;
};

// How an item is settled: by a probe, or by a declared answer.
struct CheckMethod {
  bool is_probe = true;
  ProbeCheck probe;
  AttestationCheck attestation;
};

struct Item {
  std::string id;
  std::string axis;
  Level level = Level::kExigence;
  Polarity polarity = Polarity::kPositive;
  LocalizedText title;
  LocalizedText statement;
  SdetSource source;
  int weight = 1;
  Applicability applies_to;
  CheckMethod check;
  LocalizedText remediation;
  // Who answers for it in a tender or a contract: collectivite, editeur or academie ("" when
  // the grid does not say). sdetcheck's assignment, as MonServiceSécurisé assigns measures.
  std::string responsible;
  SourceLoc loc;
};

const char* LevelName(Level level);           // "exigence" | "recommandation"
const char* PolarityName(Polarity polarity);  // "positive" | "negative"
const char* ProvenanceName(Provenance provenance);
// RFC 2119 keyword for a level and polarity: MUST, MUST NOT, SHOULD, SHOULD NOT.
const char* Rfc2119Keyword(Level level, Polarity polarity);

}  // namespace sdetcheck
