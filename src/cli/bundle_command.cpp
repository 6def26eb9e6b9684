#include <iostream>

#include "bundle/bundle.h"
#include "cli/cli_messages.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace sdetcheck {
namespace {

void PrintSignature(const BundleVerification& r, const TrustAnchors& anchors,
                    const CliMessages& m) {
  if (r.manifest.signature == "none") {
    std::cout << m.Text(Msg("bundle.unsigned")) << "\n";
    return;
  }
  std::cout << m.Text(Msg("bundle.signature", {{"kind", r.manifest.signature},
                                               {"fingerprint", r.signature.fingerprint},
                                               {"subject", r.signature.subject}}))
            << "\n";
  bool anchored =
      !anchors.key_file.empty() || !anchors.cert_file.empty() || !anchors.ca_file.empty();
  if (r.signature.valid && !anchored) std::cout << m.Text(Msg("bundle.not_pinned")) << "\n";
  if (r.signature.pinned) std::cout << m.Text(Msg("bundle.pinned")) << "\n";
}

}  // namespace

int BundleVerifyCommand(CliOptions& o) {
  CliMessages m(o);
  TrustAnchors anchors{o.trust_key, o.trust_cert, o.trust_ca};
  BundleVerification r;
  bool verified = VerifyBundle(o.bundle_file, anchors, &r);
  bool unsigned_but_intact = !verified && r.intact && r.manifest.signature == "none";
  std::cout << m.Text(Msg("bundle.file", {{"file", o.bundle_file},
                                          {"created", r.manifest.created_at},
                                          {"version", r.manifest.tool_version}}))
            << "\n";
  if (r.intact) {
    std::cout << m.Text(Msg("bundle.intact",
                            {{"count", std::to_string(r.files.size())}, {"head", r.manifest.head}}))
              << "\n";
  }
  if (r.intact) PrintSignature(r, anchors, m);
  if (verified || (unsigned_but_intact && o.allow_unsigned)) {
    std::cout << m.Text(Msg("bundle.verified")) << "\n";
    return kExitConforme;
  }
  std::cout << m.Text(Msg("bundle.failed", {{"reason", r.error}})) << "\n";
  return kExitNonConforme;
}

}  // namespace sdetcheck
