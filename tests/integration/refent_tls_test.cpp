// sdetcheck's TLS scan of the reference ENT's portal against sslscan's XML and testssl.sh's
// JSON (both from Debian, installed by scripts/setup.sh) on the same endpoint, conformant and
// flawed (TLS 1.0, OpenSSL's default suites, NULL-SHA256, a certificate 10 days from expiry):
// the same protocols, the same suites per version, the same certificate facts.

#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "exec/thread_executor.h"
#include "net/curl_transport.h"
#include "support/local_servers.h"
#include "tls/certificate_chain.h"
#include "tls/tls_scan.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::RefEntDir;
using testing::RefEntPort;
using Suites = std::map<std::string, std::set<std::string>>;  // by version, "1.2"

struct Findings {
  std::set<std::string> protocols;
  Suites suites;
  std::string key;  // "RSA 2048"
  std::string signature;
  long days_left = -1;
  bool trusted = false;
};

std::string Ca() { return RefEntDir() + "/certs/ca.pem"; }
std::string HostPort() { return "localhost:" + std::to_string(RefEntPort(443)); }

Findings Ours() {
  TransportOptions options;
  options.rate_per_second = 1000;
  options.per_host_concurrency = 8;
  CurlTransport transport(options);
  ThreadExecutor executor(8, std::chrono::milliseconds(10000));
  transport.AttachExecutor(&executor);
  TlsEndpoint endpoint;
  endpoint.url = "https://" + HostPort() + "/";
  endpoint.host = endpoint.server_name = "localhost";
  endpoint.port = RefEntPort(443);
  TlsScan scan;
  ScanTls(transport, endpoint, {}, RunTlsHandshake, [&](TlsScan s) { scan = std::move(s); });
  transport.Run();
  Findings f;
  for (const VersionScan& v : scan.versions) {
    if (!v.Offered()) continue;
    f.protocols.insert(v.version);
    f.suites[v.version].insert(v.accepted.begin(), v.accepted.end());
  }
  ChainReport chain =
      InspectChain(scan.certificate.chain_der, "localhost", Ca(), std::time(nullptr));
  REQUIRE(chain.error.empty());
  const CertificateInfo& leaf = chain.certificates.front();
  f.key = leaf.key_type + " " + std::to_string(leaf.key_bits);
  f.signature = leaf.signature_algorithm;
  f.days_left = leaf.days_left;
  f.trusted = chain.trusted;
  return f;
}

Findings Sslscan(const std::string& dir) {
  std::string out, err, xml = dir + "/sslscan.xml";
  testing::RunCommand("sslscan --no-colour --xml=" + xml + " " + HostPort(), &out, &err);
  pugi::xml_document doc;
  REQUIRE_MESSAGE(doc.load_file(xml.c_str()), "sslscan wrote no XML: " << err);
  pugi::xml_node test = doc.child("document").child("ssltest");
  Findings f;
  for (pugi::xml_node p : test.children("protocol")) {
    if (std::string(p.attribute("type").value()) == "tls" && p.attribute("enabled").as_int() == 1)
      f.protocols.insert(p.attribute("version").value());
  }
  for (pugi::xml_node c : test.children("cipher")) {
    std::string version = c.attribute("sslversion").value();
    f.suites[version.substr(version.find("v") + 1)].insert(c.attribute("cipher").value());
  }
  pugi::xml_node cert = test.child("certificates").child("certificate");
  f.key = std::string(cert.child("pk").attribute("type").value()) + " " +
          cert.child("pk").attribute("bits").value();
  f.signature = cert.child_value("signature-algorithm");
  return f;
}

std::map<std::string, std::string> Testssl(const std::string& dir) {
  std::string out, err, file = dir + "/testssl.json";
  testing::RunCommand("testssl -p -S --add-ca " + Ca() +
                          " --warnings off --quiet --color 0 --jsonfile " + file + " " + HostPort(),
                      &out, &err);
  json findings = json::parse(testing::ReadFile(file), nullptr, false);
  REQUIRE_MESSAGE(findings.is_array(), "testssl.sh wrote no JSON: " << err);
  std::map<std::string, std::string> by_id;
  for (const json& f : findings) by_id[f["id"]] = f["finding"];
  return by_id;
}

void Compare(const std::string& variant) {
  std::string out, err;
  REQUIRE(testing::RunCommand(std::string(SDETCHECK_SOURCE_DIR) + "/scripts/refent.sh variant " +
                                  variant + " --dir " + RefEntDir(),
                              &out, &err) == 0);
  std::string dir = testing::MakeTempDir("sdetcheck-tls-compare");
  Findings ours = Ours();
  Findings sslscan = Sslscan(dir);
  std::map<std::string, std::string> testssl = Testssl(dir);
  INFO(variant);
  CHECK(ours.protocols == sslscan.protocols);
  CHECK(ours.suites == sslscan.suites);
  CHECK(ours.key == sslscan.key);
  CHECK(ours.signature == sslscan.signature);
  const std::map<std::string, std::string> ids = {
      {"1.0", "TLS1"}, {"1.1", "TLS1_1"}, {"1.2", "TLS1_2"}, {"1.3", "TLS1_3"}};
  for (const auto& [version, id] : ids) {
    bool offered = testssl[id].rfind("offered", 0) == 0;
    CHECK_MESSAGE(offered == (ours.protocols.count(version) == 1), version << ": " << testssl[id]);
  }
  CHECK(testssl["cert_keySize"].rfind(ours.key + " bits", 0) == 0);
  CHECK(ours.trusted == (testssl["cert_chain_of_trust"].rfind("passed", 0) == 0));
  // testssl.sh counts whole days as sdetcheck does: "824 >= 60 days", "expires < 30 days (9)".
  std::string expiry = testssl["cert_expirationStatus"];
  std::string days = std::to_string(ours.days_left);
  CHECK_MESSAGE(
      (expiry.rfind(days + " ", 0) == 0 || expiry.find("(" + days + ")") != std::string::npos),
      expiry << " vs " << days);
  std::filesystem::remove_all(dir);
}

}  // namespace

TEST_SUITE("refent") {
  TEST_CASE("tls scan: the same protocols, suites and certificate as sslscan and testssl.sh") {
    Compare("flawed");
    Compare("conformant");  // the variant every other test expects, restored
  }
}

}  // namespace sdetcheck
