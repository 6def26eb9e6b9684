#include "bundle/manifest.h"

#include <nlohmann/json.hpp>

#include "util/json_text.h"
#include "util/sha256.h"

namespace sdetcheck {

using nlohmann::json;

std::string ChainStart() { return Sha256Hex(kBundleFormat); }

std::string ChainLink(const std::string& previous, const std::string& path, size_t size,
                      const std::string& sha256) {
  return Sha256Hex(previous + "\n" + path + "\n" + std::to_string(size) + "\n" + sha256);
}

void AddManifestEntry(Manifest* manifest, const std::string& path, const std::string& bytes) {
  ManifestEntry entry{path, bytes.size(), Sha256Hex(bytes), ""};
  std::string previous = manifest->entries.empty() ? ChainStart() : manifest->entries.back().chain;
  entry.chain = ChainLink(previous, entry.path, entry.size, entry.sha256);
  manifest->head = entry.chain;
  manifest->entries.push_back(std::move(entry));
}

std::string ManifestJson(const Manifest& m) {
  json entries = json::array();
  for (const ManifestEntry& e : m.entries)
    entries.push_back(
        {{"path", e.path}, {"size", e.size}, {"sha256", e.sha256}, {"chain", e.chain}});
  json doc = {{"format", m.format},
              {"tool_version", m.tool_version},
              {"created_at", m.created_at},
              {"signature", m.signature},
              {"signer", m.signer},
              {"entries", entries},
              {"head", m.head}};
  return doc.dump(2) + "\n";
}

namespace {

bool ReadString(const json& doc, const char* key, std::string* out) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

bool ReadEntry(const json& e, ManifestEntry* entry) {
  if (!e.is_object() || !ReadString(e, "path", &entry->path) ||
      !ReadString(e, "sha256", &entry->sha256) || !ReadString(e, "chain", &entry->chain))
    return false;
  auto size = e.find("size");
  if (size == e.end() || !size->is_number_unsigned()) return false;
  entry->size = size->get<size_t>();
  return true;
}

}  // namespace

bool ParseManifest(const std::string& text, Manifest* m, std::string* error) {
  json doc;
  std::string problem = ParseJson(text, &doc);
  if (!problem.empty() || !doc.is_object()) {
    *error = "the manifest is not a JSON object" + (problem.empty() ? "" : ": " + problem);
    return false;
  }
  if (!ReadString(doc, "format", &m->format) || m->format != kBundleFormat) {
    *error = std::string("the manifest is not of format ") + kBundleFormat;
    return false;
  }
  bool ok = ReadString(doc, "tool_version", &m->tool_version) &&
            ReadString(doc, "created_at", &m->created_at) &&
            ReadString(doc, "signature", &m->signature) && ReadString(doc, "signer", &m->signer) &&
            ReadString(doc, "head", &m->head) && doc.contains("entries") &&
            doc["entries"].is_array();
  if (ok) {
    for (const json& e : doc["entries"]) {
      ManifestEntry entry;
      if (!ReadEntry(e, &entry)) ok = false;
      m->entries.push_back(std::move(entry));
    }
  }
  if (!ok) *error = "the manifest lacks a field or has one of the wrong type";
  return ok;
}

std::string CheckManifestChain(const Manifest& m) {
  std::string previous = ChainStart();
  for (const ManifestEntry& e : m.entries) {
    if (ChainLink(previous, e.path, e.size, e.sha256) != e.chain)
      return "the chain breaks at " + e.path;
    previous = e.chain;
  }
  if (previous != m.head) return "the head of the chain is not the last entry's link";
  return "";
}

}  // namespace sdetcheck
