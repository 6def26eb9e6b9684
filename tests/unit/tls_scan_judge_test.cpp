#include "tls/tls_scan_judge.h"

#include <fstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/outcomes.h"

namespace sdetcheck {
namespace {

using Outcome = HandshakeResult::Outcome;

VersionScan Accepting(const std::string& version, std::vector<std::string> suites,
                      std::string order = "server") {
  VersionScan v;
  v.version = version;
  v.first.outcome = Outcome::kCompleted;
  v.first.version = "TLSv" + version;
  v.first.cipher = suites.front();
  v.accepted = std::move(suites);
  v.order = std::move(order);
  return v;
}

VersionScan Refusing(const std::string& version) {
  VersionScan v;
  v.version = version;
  v.first.outcome = Outcome::kAlert;
  v.first.alert = "protocol version";
  return v;
}

TlsScan ScanOf(std::vector<VersionScan> versions) {
  TlsScan scan;
  scan.endpoint.url = "https://ent.test/";
  scan.endpoint.host = scan.endpoint.server_name = "ent.test";
  scan.versions = std::move(versions);
  return scan;
}

ChainReport GoodChain(long days_left) {
  ChainReport chain;
  CertificateInfo leaf;
  leaf.subject = "/CN=ent.test";
  leaf.key_type = "RSA";
  leaf.key_bits = 2048;
  leaf.signature_algorithm = "sha256WithRSAEncryption";
  leaf.valid_at_start = true;
  leaf.days_left = days_left;
  chain.certificates = {leaf};
  chain.trusted = true;
  chain.hostname_matches = true;
  return chain;
}

ProbeOutcome Judge(TlsAspect aspect, const TlsScan& scan, const ChainReport* chain = nullptr,
                   int horizon = 30) {
  TlsJudgeInputs in;
  in.scan = &scan;
  in.chain = chain;
  in.url = scan.endpoint.url;
  in.horizon_days = horizon;
  return JudgeTlsScan(aspect, in);
}

int Count(const ProbeOutcome& outcome, CheckState state) {
  int n = 0;
  for (const Check& check : outcome.checks) n += check.state == state;
  return n;
}

}  // namespace

TEST_CASE("tls judge: each weak, non-PFS or CBC-SHA-1 suite is a failure of its own") {
  TlsScan scan =
      ScanOf({Refusing("1.0"),
              Accepting("1.2", {"ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA", "NULL-SHA256"}),
              Accepting("1.3", {"TLS_AES_128_GCM_SHA256"})});
  ProbeOutcome weak = Judge(TlsAspect::kWeakCiphers, scan);
  CHECK(Count(weak, CheckState::kFail) == 1);
  CHECK(weak.checks.front().observed == "NULL-SHA256");
  CHECK(Count(weak, CheckState::kPass) == 1);  // TLS 1.3
  ProbeOutcome pfs = Judge(TlsAspect::kForwardSecrecy, scan);
  CHECK(Count(pfs, CheckState::kFail) == 2);  // AES128-SHA and NULL-SHA256: RSA key exchange
  ProbeOutcome legacy = Judge(TlsAspect::kLegacyCiphers, scan);
  CHECK(Count(legacy, CheckState::kFail) == 1);
  // Every check rests on the scan summary, the failures also on their own handshake.
  for (const Check& check : weak.checks) CHECK_FALSE(check.evidence.empty());
  CHECK(std::holds_alternative<TlsHandshake>(weak.evidence[weak.checks.front().evidence[0]]));
  CHECK(std::get<TlsHandshake>(weak.evidence[weak.checks.front().evidence[0]]).cipher ==
        "NULL-SHA256");
}

TEST_CASE("tls judge: an endpoint speaking no version is an error, never a pass or a fail") {
  TlsScan scan = ScanOf({Refusing("1.2"), Refusing("1.3")});
  for (TlsAspect aspect : {TlsAspect::kWeakCiphers, TlsAspect::kCipherOrder,
                           TlsAspect::kCertificate, TlsAspect::kCertificateExpiry}) {
    ProbeOutcome outcome = Judge(aspect, scan);
    REQUIRE(outcome.checks.size() == 1);
    CHECK(outcome.checks.front().state == CheckState::kError);
    CHECK(outcome.checks.front().key == "tls.scan.unreachable");
  }
}

TEST_CASE("tls judge: an interrupted enumeration is an error, not a clean pass") {
  VersionScan tls12 = Accepting("1.2", {"ECDHE-RSA-AES128-GCM-SHA256"});
  tls12.error = "timed_out: handshake";
  ProbeOutcome outcome = Judge(TlsAspect::kWeakCiphers, ScanOf({tls12}));
  CHECK(Count(outcome, CheckState::kError) == 1);
  CHECK(Count(outcome, CheckState::kPass) == 0);
}

TEST_CASE("tls judge: order by version; one suite is not applicable") {
  TlsScan scan = ScanOf(
      {Accepting("1.2", {"A", "B"}, "client"), Accepting("1.3", {"TLS_AES_128_GCM_SHA256"}, "")});
  ProbeOutcome outcome = Judge(TlsAspect::kCipherOrder, scan);
  REQUIRE(outcome.checks.size() == 2);
  CHECK(outcome.checks[0].state == CheckState::kFail);
  CHECK(outcome.checks[1].state == CheckState::kNotApplicable);
}

TEST_CASE("tls judge: the certificate, its key, signature, name and expiry horizon") {
  TlsScan scan = ScanOf({Accepting("1.3", {"TLS_AES_128_GCM_SHA256"})});
  ChainReport good = GoodChain(400);
  CHECK(Count(Judge(TlsAspect::kCertificate, scan, &good), CheckState::kPass) == 5);
  CHECK(Judge(TlsAspect::kCertificateExpiry, scan, &good).checks.front().state ==
        CheckState::kPass);

  ChainReport bad = GoodChain(10);
  bad.trusted = false;
  bad.trust_error = "unable to get local issuer certificate";
  bad.hostname_matches = false;
  bad.certificates.front().key_bits = 1024;
  bad.certificates.front().weak_signature_hash = true;
  ProbeOutcome judged = Judge(TlsAspect::kCertificate, scan, &bad);
  CHECK(Count(judged, CheckState::kFail) == 4);  // trust, name, key, signature
  CHECK(Count(judged, CheckState::kPass) == 1);  // still within its validity period
  CHECK(Judge(TlsAspect::kCertificateExpiry, scan, &bad, 30).checks.front().state ==
        CheckState::kFail);
  CHECK(Judge(TlsAspect::kCertificateExpiry, scan, &bad, 7).checks.front().state ==
        CheckState::kPass);

  ChainReport expired = GoodChain(-3);
  ProbeOutcome late = Judge(TlsAspect::kCertificate, scan, &expired);
  CHECK(Count(late, CheckState::kFail) == 1);

  ChainReport unreadable;
  unreadable.error = "not a DER X.509 certificate";
  ProbeOutcome none = Judge(TlsAspect::kCertificate, scan, &unreadable);
  CHECK(none.checks.front().state == CheckState::kError);
  CHECK(Judge(TlsAspect::kCertificate, scan, nullptr).checks.front().state == CheckState::kError);
}

TEST_CASE("tls judge: the summary names versions, suites and the certificate") {
  TlsScan scan = ScanOf({Refusing("1.1"), Accepting("1.2", {"NULL-SHA256"})});
  ChainReport chain = GoodChain(400);
  std::string summary = TlsScanSummary(scan, &chain);
  CHECK(summary.find("TLS 1.1  not accepted (alert: protocol version)") != std::string::npos);
  CHECK(summary.find("NULL-SHA256") != std::string::npos);
  CHECK(summary.find("weak: null") != std::string::npos);
  CHECK(summary.find("/CN=ent.test") != std::string::npos);
}

}  // namespace sdetcheck

namespace sdetcheck {

TEST_CASE("tls judge: a weak suite's message says which weakness, in both catalogs") {
  TlsScan scan = ScanOf({Accepting("1.2", {"NULL-SHA256", "ADH-AES128-GCM-SHA256"})});
  ProbeOutcome weak = Judge(TlsAspect::kWeakCiphers, scan);
  REQUIRE(weak.checks.size() == 2);
  CHECK(weak.checks[0].message.code == "tls.cipher.weak.null");
  CHECK(weak.checks[1].message.code == "tls.cipher.weak.anonymous");
  for (const char* lang : {"fr", "en"}) {
    std::ifstream file(std::string(SDETCHECK_SOURCE_DIR) + "/reports/i18n/" + lang + ".json");
    nlohmann::json catalog = nlohmann::json::parse(file, nullptr, false);
    REQUIRE(catalog.is_object());
    for (const char* weakness :
         {"null", "anonymous", "export", "rc4", "des", "3des", "idea", "md5"}) {
      std::string code = std::string("tls.cipher.weak.") + weakness;
      CHECK_MESSAGE(catalog["messages"].contains(code), lang << " " << code);
    }
  }
}

}  // namespace sdetcheck
