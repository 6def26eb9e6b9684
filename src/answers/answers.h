#pragma once
// Declared answers: attestations for items no probe can check, and waivers.

#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace sdetcheck {

struct Attestation {
  std::string item;
  std::string answer;  // conforme | non_conforme | not_applicable
  std::string evidence;
  std::string author;
  std::string date;  // YYYY-MM-DD
  std::string comment;
  SourceLoc loc;
};

struct Waiver {
  std::string item;
  std::string justification;
  std::string owner;
  std::string expires;  // YYYY-MM-DD
  SourceLoc loc;
};

struct Answers {
  std::vector<Attestation> attestations;
  std::vector<Waiver> waivers;
  std::string file;
  std::string sha256;

  const Attestation* FindAttestation(const std::string& item) const;
  const Waiver* FindWaiver(const std::string& item) const;
};

Answers LoadAnswers(const std::string& file, Diagnostics* diagnostics);
// The same from the file's text; `file` names it in diagnostics and in the result.
Answers LoadAnswersFromText(const std::string& text, const std::string& file,
                            Diagnostics* diagnostics);

}  // namespace sdetcheck
