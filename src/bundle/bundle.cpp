#include "bundle/bundle.h"

namespace sdetcheck {
namespace {

const char* SignatureName(const std::string& kind) {
  return kind == "cms" ? "MANIFEST.p7s" : "MANIFEST.sig";
}

bool Unsigned(const BundleOptions& options) { return options.keys.key_file.empty(); }

// The files, then the manifest, in archive order: the signature is appended after.
bool BuildManifest(const std::vector<TarEntry>& files, const BundleOptions& options,
                   Manifest* manifest, std::string* error) {
  manifest->tool_version = options.tool_version;
  manifest->created_at = options.created_at;
  manifest->signature = "none";
  if (!Unsigned(options)) {
    Signer signer;
    if (!ReadSigner(options.keys, &signer, error)) return false;
    manifest->signature = signer.kind;
    manifest->signer = signer.pem;
  }
  for (const TarEntry& file : files) {
    if (file.name == kManifestName || file.name.rfind("MANIFEST.", 0) == 0) {
      *error = file.name + ": a name the bundle keeps for itself";
      return false;
    }
    AddManifestEntry(manifest, file.name, file.bytes);
  }
  return true;
}

struct Signed {
  std::string manifest;   // the manifest's bytes, as signed
  std::string signature;  // empty when unsigned
};

// The archive's last entries must be the manifest, then its signature when signed.
bool SplitManifest(std::vector<TarEntry>* entries, Signed* out, BundleVerification* r) {
  bool has_signature = !entries->empty() && entries->back().name.rfind("MANIFEST.", 0) == 0 &&
                       entries->back().name != kManifestName;
  std::string signature_name;
  if (has_signature) {
    signature_name = entries->back().name;
    out->signature = std::move(entries->back().bytes);
    entries->pop_back();
  }
  if (entries->empty() || entries->back().name != kManifestName) {
    r->error = "no MANIFEST.json at the end of the archive";
    return false;
  }
  out->manifest = std::move(entries->back().bytes);
  entries->pop_back();
  if (!ParseManifest(out->manifest, &r->manifest, &r->error)) return false;
  bool expects_signature = r->manifest.signature != "none";
  if (expects_signature != has_signature ||
      (has_signature && signature_name != SignatureName(r->manifest.signature))) {
    r->error = "the signature entry does not match the manifest's signature kind";
    return false;
  }
  r->files = std::move(*entries);
  return true;
}

bool FilesMatchManifest(BundleVerification* r) {
  const std::vector<ManifestEntry>& listed = r->manifest.entries;
  if (listed.size() != r->files.size()) {
    r->error = "the archive holds " + std::to_string(r->files.size()) +
               " files, the manifest lists " + std::to_string(listed.size());
    return false;
  }
  Manifest recomputed;
  for (const TarEntry& file : r->files) AddManifestEntry(&recomputed, file.name, file.bytes);
  for (size_t i = 0; i < listed.size(); ++i) {
    const ManifestEntry& want = listed[i];
    const ManifestEntry& got = recomputed.entries[i];
    if (want.path != got.path || want.size != got.size || want.sha256 != got.sha256) {
      r->error = got.path + ": its content is not what the manifest recorded";
      return false;
    }
  }
  r->error = CheckManifestChain(r->manifest);
  return r->error.empty();
}

}  // namespace

bool WriteBundle(const std::string& file, const std::vector<TarEntry>& files,
                 const BundleOptions& options, std::string* error) {
  Manifest manifest;
  if (!BuildManifest(files, options, &manifest, error)) return false;
  std::vector<TarEntry> entries = files;
  std::string manifest_bytes = ManifestJson(manifest);
  entries.push_back({kManifestName, manifest_bytes});
  if (!Unsigned(options)) {
    std::string signature;
    if (!SignBytes(manifest_bytes, options.keys, &signature, error)) return false;
    entries.push_back({SignatureName(manifest.signature), signature});
  }
  return WriteTarArchive(file, entries, options.mtime, error);
}

bool VerifyBundle(const std::string& file, const TrustAnchors& anchors, BundleVerification* r) {
  std::vector<TarEntry> entries;
  Signed signed_parts;
  if (!ReadTarArchive(file, kMaxBundleBytes, &entries, &r->error)) return false;
  if (!SplitManifest(&entries, &signed_parts, r)) return false;
  r->intact = FilesMatchManifest(r);
  if (!r->intact) return false;
  if (r->manifest.signature == "none") {
    r->error = "the bundle is not signed: its chain proves integrity only against accidents";
    return false;
  }
  r->signature = CheckSignature({r->manifest.signature, r->manifest.signer}, signed_parts.manifest,
                                signed_parts.signature, anchors);
  r->is_signed = r->signature.valid;
  if (!r->signature.valid) {
    r->error = r->signature.error;
    return false;
  }
  bool anchored =
      !anchors.key_file.empty() || !anchors.cert_file.empty() || !anchors.ca_file.empty();
  if (anchored && !r->signature.pinned) {
    r->error = r->signature.error;
    return false;
  }
  return true;
}

const TarEntry* FindBundleFile(const BundleVerification& bundle, const std::string& path) {
  for (const TarEntry& file : bundle.files) {
    if (file.name == path) return &file;
  }
  return nullptr;
}

}  // namespace sdetcheck
