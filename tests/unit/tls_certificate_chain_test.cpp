#include <ctime>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "support/test_keys.h"
#include "tls/certificate_chain.h"
#include "util/base64.h"

namespace sdetcheck {
namespace {

// The certificate as a PEM trust anchor in a temporary file.
std::string AnchorFile(const std::string& der) {
  std::string path = (std::filesystem::temp_directory_path() / "sdetcheck-chain-test.pem").string();
  std::ofstream out(path);
  std::string body = Base64Encode(der);
  out << "-----BEGIN CERTIFICATE-----\n";
  for (size_t i = 0; i < body.size(); i += 64) out << body.substr(i, 64) << "\n";
  out << "-----END CERTIFICATE-----\n";
  return path;
}

}  // namespace

TEST_CASE("certificate chain: trusted from the given anchors only, name and validity judged") {
  testing::TestKeyPair pair = testing::MakeTestKeyPair();
  REQUIRE_FALSE(pair.certificate_der.empty());
  std::string anchors = AnchorFile(pair.certificate_der);
  std::time_t now = std::time(nullptr);

  ChainReport trusted = InspectChain({pair.certificate_der}, "sdetcheck test IdP", anchors, now);
  CHECK(trusted.error.empty());
  CHECK(trusted.trusted);
  CHECK(trusted.certificates.front().self_signed);
  CHECK(trusted.certificates.front().key_bits >= 2048);
  CHECK(trusted.certificates.front().sha256_fingerprint.size() == 64);
  CHECK(trusted.hostname_matches);  // no subjectAltName: the CN is compared, as OpenSSL does
  CHECK(trusted.subject_alt_names.empty());
  CHECK_FALSE(InspectChain({pair.certificate_der}, "ent.test", anchors, now).hostname_matches);

  // The system's anchors do not know a test certificate.
  ChainReport untrusted = InspectChain({pair.certificate_der}, "ent.test", "", now);
  CHECK_FALSE(untrusted.trusted);
  CHECK_FALSE(untrusted.trust_error.empty());

  // Two hours later the one-hour certificate has expired: untrusted, and its days left < 0
  // or 0 (whole days).
  ChainReport later = InspectChain({pair.certificate_der}, "x", anchors, now + 7200);
  CHECK_FALSE(later.trusted);
  CHECK(later.trust_error.find("expired") != std::string::npos);
  std::filesystem::remove(anchors);
}

TEST_CASE("certificate chain: no certificate, or bytes that are not one, is an error") {
  CHECK_FALSE(InspectChain({}, "ent.test", "", std::time(nullptr)).error.empty());
  ChainReport garbage = InspectChain({"not DER at all"}, "ent.test", "", std::time(nullptr));
  CHECK(garbage.error.find("certificate 1") != std::string::npos);
  CHECK_FALSE(garbage.trusted);
}

TEST_CASE("certificate chain: a missing anchor file is a stated reason, not a crash") {
  testing::TestKeyPair pair = testing::MakeTestKeyPair();
  ChainReport report =
      InspectChain({pair.certificate_der}, "x", "/nonexistent/ca.pem", std::time(nullptr));
  CHECK_FALSE(report.trusted);
  CHECK(report.trust_error.find("/nonexistent/ca.pem") != std::string::npos);
}

}  // namespace sdetcheck
