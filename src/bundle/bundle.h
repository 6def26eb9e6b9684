#pragma once
// The opposable evidence of one run (docs/bundle.md): one ustar archive holding the run's
// files, then MANIFEST.json (every file's size and SHA-256, hash-chained), then the
// manifest's signature (MANIFEST.sig, raw Ed25519; MANIFEST.p7s, detached CMS in DER), when
// the user gave a key.

#include <string>
#include <vector>

#include "bundle/manifest.h"
#include "bundle/signature.h"
#include "bundle/tar_archive.h"

namespace sdetcheck {

inline constexpr const char* kManifestName = "MANIFEST.json";
inline constexpr size_t kMaxBundleBytes = size_t{2} << 30;

struct BundleOptions {
  SigningKeys keys;  // key_file empty: unsigned (integrity only)
  std::string tool_version;
  std::string created_at;  // ISO 8601 UTC
  long mtime = 0;          // of every entry
};

// Writes `files` (relative paths, in order) and their manifest into `file`. False with
// *error naming the file or the key.
bool WriteBundle(const std::string& file, const std::vector<TarEntry>& files,
                 const BundleOptions& options, std::string* error);

struct BundleVerification {
  bool intact = false;     // archive, hashes and chain all hold
  bool is_signed = false;  // a signature is there and matches the manifest
  Manifest manifest;
  SignatureCheck signature;
  std::vector<TarEntry> files;  // the run's files, manifest and signature left out
  std::string error;            // the first problem found, in words
};

// Reads and checks `file`: every byte of the archive, every file against the manifest, the
// chain, and the signature against the manifest's signer and the user's anchors. Returns
// whether the bundle is intact and validly signed (and pinned when anchors are given).
bool VerifyBundle(const std::string& file, const TrustAnchors& anchors, BundleVerification* result);

// The content of `path` among verified files, or nullptr.
const TarEntry* FindBundleFile(const BundleVerification& bundle, const std::string& path);

}  // namespace sdetcheck
