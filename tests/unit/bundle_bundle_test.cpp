#include "bundle/bundle.h"

#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "support/local_servers.h"

namespace sdetcheck {
namespace {

struct Keys {
  std::string dir = testing::MakeTempDir("sdetcheck-bundle");
  std::string ed_key = dir + "/ed.key";
  std::string ed_pub = dir + "/ed.pub";
  std::string other_pub = dir + "/other.pub";
  std::string rsa_key = dir + "/rsa.key";
  std::string rsa_cert = dir + "/rsa.pem";
  std::string other_cert = dir + "/other.pem";

  Keys() {
    Run("openssl genpkey -algorithm ed25519 -out " + ed_key);
    Run("openssl pkey -in " + ed_key + " -pubout -out " + ed_pub);
    Run("openssl genpkey -algorithm ed25519 -out " + dir + "/other.key");
    Run("openssl pkey -in " + dir + "/other.key -pubout -out " + other_pub);
    for (const std::string& name : {std::string("rsa"), std::string("other")}) {
      Run("openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=auditeur-" + name +
          " -days 2 -keyout " + dir + "/" + name + ".key -out " + dir + "/" + name + ".pem");
    }
  }
  ~Keys() { std::filesystem::remove_all(dir); }

  static void Run(const std::string& command) {
    std::string out, err;
    REQUIRE_MESSAGE(testing::RunCommand(command, &out, &err) == 0, command << ": " << err);
  }
};

// Made once for the whole run: key generation is the slow part.
const Keys& TestKeys() {
  static const Keys keys;
  return keys;
}

std::vector<TarEntry> RunFiles() {
  return {{"report/report.json", R"({"verdict": "non_conforme"})"},
          {"exchanges.jsonl", "{\"type\":\"http\",\"url\":\"https://ent.example.fr/\"}\n"},
          {"inputs/target.yaml", "target:\n  name: ENT\n"}};
}

std::string Bytes(const std::string& file) { return testing::ReadFile(file); }

void Write(const std::string& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

TEST_CASE("bundle: an Ed25519-signed bundle verifies, and one changed byte anywhere fails") {
  const Keys& keys = TestKeys();
  std::string file = keys.dir + "/run.sdetbundle";
  std::string error;
  REQUIRE_MESSAGE(WriteBundle(file, RunFiles(),
                              {{keys.ed_key, ""}, "0.1.0", "2026-12-03T10:00:00Z", 0}, &error),
                  error);
  BundleVerification ok;
  REQUIRE_MESSAGE(VerifyBundle(file, {keys.ed_pub, "", ""}, &ok), ok.error);
  CHECK(ok.intact);
  CHECK(ok.signature.pinned);
  CHECK(ok.files.size() == 3);
  REQUIRE(FindBundleFile(ok, "inputs/target.yaml") != nullptr);

  const std::string original = Bytes(file);
  std::string tampered_file = keys.dir + "/tampered.sdetbundle";
  size_t accepted = 0;
  for (size_t i = 0; i < original.size(); ++i) {
    std::string bytes = original;
    bytes[i] = static_cast<char>(bytes[i] ^ 0x01);
    Write(tampered_file, bytes);
    BundleVerification r;
    if (VerifyBundle(tampered_file, {keys.ed_pub, "", ""}, &r)) {
      ++accepted;
      MESSAGE("a change at byte " << i << " was not detected");
    }
  }
  CHECK(accepted == 0);
  Write(tampered_file, original + std::string(512, '\0'));  // appended bytes count too
  BundleVerification longer;
  CHECK_FALSE(VerifyBundle(tampered_file, {keys.ed_pub, "", ""}, &longer));
  Write(tampered_file, original.substr(0, original.size() - 1));
  BundleVerification shorter;
  CHECK_FALSE(VerifyBundle(tampered_file, {keys.ed_pub, "", ""}, &shorter));
}

TEST_CASE("bundle: the signer must be the one expected") {
  const Keys& keys = TestKeys();
  std::string file = keys.dir + "/run.sdetbundle";
  std::string error;
  REQUIRE(WriteBundle(file, RunFiles(), {{keys.ed_key, ""}, "0.1.0", "t", 0}, &error));
  BundleVerification unpinned;
  CHECK(VerifyBundle(file, {}, &unpinned));  // valid, against the key it names
  CHECK_FALSE(unpinned.signature.pinned);
  BundleVerification wrong;
  CHECK_FALSE(VerifyBundle(file, {keys.other_pub, "", ""}, &wrong));
  CHECK(wrong.error.find("not the key") != std::string::npos);
}

TEST_CASE("bundle: a CMS signature by a certificate, pinned by certificate or CA") {
  const Keys& keys = TestKeys();
  std::string file = keys.dir + "/run.sdetbundle";
  std::string error;
  REQUIRE_MESSAGE(
      WriteBundle(file, RunFiles(), {{keys.rsa_key, keys.rsa_cert}, "0.1.0", "t", 0}, &error),
      error);
  BundleVerification by_cert;
  REQUIRE_MESSAGE(VerifyBundle(file, {"", keys.rsa_cert, ""}, &by_cert), by_cert.error);
  CHECK(by_cert.signature.subject.find("auditeur-rsa") != std::string::npos);
  BundleVerification by_ca;
  CHECK_MESSAGE(VerifyBundle(file, {"", "", keys.rsa_cert}, &by_ca), by_ca.error);
  BundleVerification other;
  CHECK_FALSE(VerifyBundle(file, {"", keys.other_cert, ""}, &other));
  BundleVerification other_ca;
  CHECK_FALSE(VerifyBundle(file, {"", "", keys.other_cert}, &other_ca));
  std::string bytes = Bytes(file);
  size_t at = bytes.find("non_conforme");
  REQUIRE(at != std::string::npos);
  bytes.replace(at, 3, "NON");
  Write(file, bytes);
  BundleVerification changed;
  CHECK_FALSE(VerifyBundle(file, {"", keys.rsa_cert, ""}, &changed));
  CHECK(changed.error.find("report/report.json") != std::string::npos);
}

TEST_CASE("bundle: unsigned is intact but not verified; bad keys are refused before writing") {
  const Keys& keys = TestKeys();
  std::string file = keys.dir + "/run.sdetbundle";
  std::string error;
  REQUIRE(WriteBundle(file, RunFiles(), {{}, "0.1.0", "t", 0}, &error));
  BundleVerification r;
  CHECK_FALSE(VerifyBundle(file, {}, &r));
  CHECK(r.intact);
  CHECK(r.error.find("not signed") != std::string::npos);
  CHECK_FALSE(WriteBundle(keys.dir + "/x", RunFiles(), {{keys.rsa_key, ""}, "", "", 0}, &error));
  CHECK(error.find("not an Ed25519 key") != std::string::npos);
  CHECK_FALSE(
      WriteBundle(keys.dir + "/x", RunFiles(), {{keys.ed_key, keys.rsa_cert}, "", "", 0}, &error));
  CHECK(error.find("not the key of") != std::string::npos);
  CHECK_FALSE(WriteBundle(keys.dir + "/x", {{"MANIFEST.json", "{}"}}, {{}, "", "", 0}, &error));
}

TEST_CASE("bundle: what is not a bundle, or a hostile archive, is refused in words") {
  const Keys& keys = TestKeys();
  std::string file = keys.dir + "/x.sdetbundle";
  BundleVerification r;
  Write(file, "<html>not an archive</html>");
  CHECK_FALSE(VerifyBundle(file, {}, &r));
  CHECK_FALSE(r.error.empty());
  std::string error;
  REQUIRE(WriteTarArchive(file, {{"../escape", "x"}}, 0, &error));
  BundleVerification climbing;
  CHECK_FALSE(VerifyBundle(file, {}, &climbing));
  CHECK(climbing.error.find("relative name") != std::string::npos);
  REQUIRE(WriteTarArchive(file, {{"a", "x"}}, 0, &error));
  BundleVerification no_manifest;
  CHECK_FALSE(VerifyBundle(file, {}, &no_manifest));
  CHECK(no_manifest.error.find("MANIFEST.json") != std::string::npos);
  CHECK_FALSE(VerifyBundle(keys.dir + "/missing", {}, &r));
}

TEST_CASE("manifest: the chain breaks when entries are reordered or one is dropped") {
  Manifest m;
  AddManifestEntry(&m, "a", "1");
  AddManifestEntry(&m, "b", "2");
  AddManifestEntry(&m, "c", "3");
  CHECK(CheckManifestChain(m).empty());
  Manifest swapped = m;
  std::swap(swapped.entries[0], swapped.entries[1]);
  CHECK(CheckManifestChain(swapped) == "the chain breaks at b");
  Manifest dropped = m;
  dropped.entries.erase(dropped.entries.begin() + 1);
  CHECK_FALSE(CheckManifestChain(dropped).empty());
  Manifest parsed;
  std::string error;
  REQUIRE(ParseManifest(ManifestJson(m), &parsed, &error));
  CHECK(parsed.head == m.head);
  CHECK_FALSE(ParseManifest("{\"format\": \"other\"}", &parsed, &error));
}

}  // namespace
}  // namespace sdetcheck
