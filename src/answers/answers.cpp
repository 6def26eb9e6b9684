#include "answers/answers.h"

#include <regex>

#include "util/sha256.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

std::optional<std::string> ReadDate(YamlReader& r, const YamlNode& map, const std::string& key,
                                    const std::string& what) {
  std::optional<std::string> date = r.String(map, key, true, what);
  static const std::regex kDate("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  if (date && !std::regex_match(*date, kDate)) {
    r.Error(map[key], what + "." + key + ": expected a date YYYY-MM-DD, found '" + *date + "'");
    return std::nullopt;
  }
  return date;
}

void ReadAttestations(YamlReader& r, const YamlNode& root, Answers* out) {
  YamlNode list = root["attestations"];
  if (!list || !r.ExpectSequence(list, "attestations")) return;
  for (const YamlNode& node : list.Elements()) {
    if (!r.ExpectMap(node, "attestation")) continue;
    Attestation a;
    a.loc = r.Loc(node);
    a.item = r.String(node, "item", true, "attestation").value_or("");
    std::string what = "attestation for " + a.item;
    r.CheckKeys(node, {"item", "answer", "evidence", "author", "date", "comment"}, what);
    a.answer = r.Enum(node, "answer", {"conforme", "non_conforme", "not_applicable"}, true, what)
                   .value_or("");
    a.evidence = r.String(node, "evidence", true, what).value_or("");
    a.author = r.String(node, "author", true, what).value_or("");
    a.date = ReadDate(r, node, "date", what).value_or("");
    a.comment = r.String(node, "comment", false, what).value_or("");
    out->attestations.push_back(a);
  }
}

void ReadWaivers(YamlReader& r, const YamlNode& root, Answers* out) {
  YamlNode list = root["waivers"];
  if (!list || !r.ExpectSequence(list, "waivers")) return;
  for (const YamlNode& node : list.Elements()) {
    if (!r.ExpectMap(node, "waiver")) continue;
    Waiver w;
    w.loc = r.Loc(node);
    w.item = r.String(node, "item", true, "waiver").value_or("");
    std::string what = "waiver for " + w.item;
    r.CheckKeys(node, {"item", "justification", "owner", "expires"}, what);
    w.justification = r.String(node, "justification", true, what).value_or("");
    w.owner = r.String(node, "owner", true, what).value_or("");
    w.expires = ReadDate(r, node, "expires", what).value_or("");
    out->waivers.push_back(w);
  }
}

}  // namespace

const Attestation* Answers::FindAttestation(const std::string& item) const {
  for (const Attestation& a : attestations) {
    if (a.item == item) return &a;
  }
  return nullptr;
}

const Waiver* Answers::FindWaiver(const std::string& item) const {
  for (const Waiver& w : waivers) {
    if (w.item == item) return &w;
  }
  return nullptr;
}

Answers LoadAnswers(const std::string& file, Diagnostics* diagnostics) {
  std::optional<std::string> text = ReadTextFile(file, diagnostics);
  if (!text) {
    Answers answers;
    answers.file = file;
    return answers;
  }
  return LoadAnswersFromText(*text, file, diagnostics);
}

Answers LoadAnswersFromText(const std::string& text, const std::string& file,
                            Diagnostics* diagnostics) {
  Answers answers;
  answers.file = file;
  YamlReader r(file, diagnostics);
  std::optional<YamlNode> root = r.LoadString(text);
  if (!root) return answers;
  answers.sha256 = Sha256Hex(text);  // of the bytes read, not of the file read again
  if (root->IsNull()) return answers;
  if (!r.ExpectMap(*root, "answers file")) return answers;
  r.CheckKeys(*root, {"attestations", "waivers"}, "answers file");
  ReadAttestations(r, *root, &answers);
  ReadWaivers(r, *root, &answers);
  return answers;
}

}  // namespace sdetcheck
