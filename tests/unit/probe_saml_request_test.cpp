#include <memory>
#include <string>

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "net/url.h"
#include "probe/saml_request.h"

namespace sdetcheck {
namespace {

// A fresh RSA key, PEM, made for the test (no key is stored in the repository).
std::pair<std::string, std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>> FreshKey() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  REQUIRE(key);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return {std::string(data, static_cast<size_t>(length)), std::move(key)};
}

TEST_CASE("AuthnRequest: HTTP-Redirect encoding decodes back to the request") {
  std::string error;
  auto request = BuildAuthnRequest("https://idp.test/sso?x=1", "https://sp.test/md",
                                   "https://sp.test/acs", 1767261600, "", &error);
  REQUIRE_MESSAGE(request, error);
  CHECK_FALSE(request->signed_);
  CHECK(request->id.rfind("_sdetcheck", 0) == 0);
  CHECK(request->id.size() == 42);
  CHECK(request->url.rfind("https://idp.test/sso?x=1&SAMLRequest=", 0) == 0);
  std::optional<std::string> value = QueryParameter(request->url, "SAMLRequest");
  REQUIRE(value);
  std::optional<std::string> xml = InflateRedirectMessage(*value);
  REQUIRE(xml);
  CHECK(*xml == request->xml);
  CHECK(xml->find("ID=\"" + request->id + "\"") != std::string::npos);
  CHECK(xml->find("IssueInstant=\"2026-01-01T10:00:00Z\"") != std::string::npos);
  CHECK(xml->find("AssertionConsumerServiceURL=\"https://sp.test/acs\"") != std::string::npos);
  CHECK(xml->find("<saml:Issuer>https://sp.test/md</saml:Issuer>") != std::string::npos);
  CHECK_FALSE(QueryParameter(request->url, "Signature"));
  // Two requests never share an ID.
  CHECK(BuildAuthnRequest("https://idp.test/sso", "a", "b", 0, "", &error)->id !=
        BuildAuthnRequest("https://idp.test/sso", "a", "b", 0, "", &error)->id);
}

TEST_CASE("AuthnRequest: the signed query verifies with the SP's public key") {
  auto [pem, key] = FreshKey();
  std::string error;
  auto request = BuildAuthnRequest("https://idp.test/sso", "https://sp.test/md",
                                   "https://sp.test/acs", 0, pem, &error);
  REQUIRE_MESSAGE(request, error);
  CHECK(request->signed_);
  CHECK(*QueryParameter(request->url, "SigAlg") ==
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
  // The signed octets: the query up to &Signature, as sent (saml-bindings §3.4.4.1).
  std::string query = request->url.substr(request->url.find('?') + 1);
  std::string signed_part = query.substr(0, query.find("&Signature="));
  std::optional<std::string> signature = Base64Decode(*QueryParameter(request->url, "Signature"));
  REQUIRE(signature);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  REQUIRE(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1);
  CHECK(EVP_DigestVerify(
            ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
            reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1);
  CHECK_FALSE(BuildAuthnRequest("https://idp.test/sso", "a", "b", 0, "not a key", &error));
  CHECK(error.find("not an RSA or EC private key") != std::string::npos);
}

TEST_CASE("InflateRedirectMessage: garbage and bombs are refused") {
  CHECK_FALSE(InflateRedirectMessage("not base64!"));
  CHECK_FALSE(InflateRedirectMessage(Base64Encode("not deflate data")));
  // 50 MB of zeros deflated: refused past the bound, never inflated whole.
  std::string error;
  std::string zeros(50u << 20, '\0');
  auto request = BuildAuthnRequest("https://idp.test/sso", zeros, "b", 0, "", &error);
  REQUIRE(request);
  std::optional<std::string> value = QueryParameter(request->url, "SAMLRequest");
  REQUIRE(value);
  CHECK(value->size() < (1u << 20));
  CHECK_FALSE(InflateRedirectMessage(*value));
}

}  // namespace
}  // namespace sdetcheck
