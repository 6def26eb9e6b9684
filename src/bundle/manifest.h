#pragma once
// The bundle's manifest (pure): one entry per file with its size and SHA-256, each entry's
// link the SHA-256 of the previous link and the entry, so that no entry can be taken out,
// reordered or changed without breaking every link after it. The signature covers the
// manifest's bytes, hence the head of the chain.

#include <string>
#include <vector>

namespace sdetcheck {

inline constexpr const char* kBundleFormat = "sdetcheck-bundle/1";

struct ManifestEntry {
  std::string path;
  size_t size = 0;
  std::string sha256;
  std::string chain;  // SHA-256(previous chain, path, size, sha256)
};

struct Manifest {
  std::string format = kBundleFormat;
  std::string tool_version;
  std::string created_at;  // ISO 8601 UTC
  std::string signature;   // "ed25519", "cms" or "none"
  std::string signer;      // PEM public key (ed25519) or certificate (cms); "" when unsigned
  std::vector<ManifestEntry> entries;
  std::string head;  // chain of the last entry
};

// The chain link before the first entry.
std::string ChainStart();
std::string ChainLink(const std::string& previous, const std::string& path, size_t size,
                      const std::string& sha256);

// Adds an entry for `bytes` at `path`, linked to the last one, and moves the head.
void AddManifestEntry(Manifest* manifest, const std::string& path, const std::string& bytes);

std::string ManifestJson(const Manifest& manifest);
// False with *error when `text` is not a manifest of this format.
bool ParseManifest(const std::string& text, Manifest* manifest, std::string* error);

// Empty when every link and the head follow from the entries; otherwise the first entry
// whose link is wrong, in words.
std::string CheckManifestChain(const Manifest& manifest);

}  // namespace sdetcheck
