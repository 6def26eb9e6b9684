#include <doctest/doctest.h>

#include "tls/cipher_suite.h"

namespace sdetcheck {

TEST_CASE("cipher suites: classified as the ANSSI guide and scanners grade them") {
  std::optional<CipherSuite> aead = DescribeCipherSuite("ECDHE-RSA-AES128-GCM-SHA256");
  REQUIRE(aead);
  CHECK(aead->iana == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(aead->key_exchange == "ECDHE");
  CHECK(aead->forward_secrecy);
  CHECK(aead->aead);
  CHECK(aead->weakness.empty());
  CHECK_FALSE(aead->legacy);

  std::optional<CipherSuite> null = DescribeCipherSuite("NULL-SHA256");
  REQUIRE(null);
  CHECK(null->weakness == "null");
  CHECK_FALSE(null->forward_secrecy);

  std::optional<CipherSuite> anonymous = DescribeCipherSuite("ADH-AES128-GCM-SHA256");
  REQUIRE(anonymous);
  CHECK(anonymous->weakness == "anonymous");

  std::optional<CipherSuite> cbc_sha1 = DescribeCipherSuite("ECDHE-RSA-AES128-SHA");
  REQUIRE(cbc_sha1);
  CHECK(cbc_sha1->legacy);
  CHECK(cbc_sha1->weakness.empty());
  CHECK(cbc_sha1->forward_secrecy);

  std::optional<CipherSuite> static_rsa = DescribeCipherSuite("AES256-GCM-SHA384");
  REQUIRE(static_rsa);
  CHECK(static_rsa->key_exchange == "RSA");
  CHECK_FALSE(static_rsa->forward_secrecy);
  CHECK_FALSE(static_rsa->legacy);

  std::optional<CipherSuite> tls13 = DescribeCipherSuite("TLS_AES_128_CCM_8_SHA256");
  REQUIRE(tls13);
  CHECK(tls13->forward_secrecy);
  CHECK(tls13->weakness.empty());

  CHECK_FALSE(DescribeCipherSuite("NOT-A-SUITE"));
}

TEST_CASE("cipher suites: every version lists what this OpenSSL can offer, and nothing unknown") {
  std::vector<CipherSuite> tls13 = OfferableCipherSuites("1.3");
  CHECK(tls13.size() == 5);  // every suite TLS 1.3 defines, CCM ones included
  std::vector<CipherSuite> tls12 = OfferableCipherSuites("1.2");
  CHECK(tls12.size() > 50);
  bool has_null = false;
  for (const CipherSuite& suite : tls12) has_null = has_null || suite.weakness == "null";
  CHECK(has_null);  // the weak ones are offered too: they are what a scan looks for
  CHECK(OfferableCipherSuites("2.0").empty());
}

}  // namespace sdetcheck
