#include "support/jwt_signer.h"

#include <stdexcept>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include "probe/oidc_documents.h"
#include "util/base64.h"

namespace sdetcheck::testing {
namespace {

std::string Segment(const nlohmann::json& doc) { return Base64UrlEncode(doc.dump()); }

std::string BignumParam(EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &value) != 1) throw std::runtime_error(name);
  std::string bytes(static_cast<size_t>(BN_num_bytes(value)), '\0');
  BN_bn2bin(value, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(value);
  return bytes;
}

// DER ECDSA signature to the JWS form r || s (32 bytes each for P-256).
std::string RawEcdsa(const std::string& der) {
  const auto* in = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size()));
  if (!sig) throw std::runtime_error("d2i_ECDSA_SIG");
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(sig);
  return raw;
}

}  // namespace

TestKey TestKey::Rsa(int bits, std::string kid) {
  TestKey k;
  k.key_.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)),
               EVP_PKEY_free);
  if (!k.key_) throw std::runtime_error("RSA keygen");
  k.kid_ = std::move(kid);
  return k;
}

TestKey TestKey::Ec(std::string kid) {
  TestKey k;
  k.key_.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  if (!k.key_) throw std::runtime_error("EC keygen");
  k.kid_ = std::move(kid);
  return k;
}

nlohmann::json TestKey::Jwk() const {
  nlohmann::json jwk = {{"kid", kid_}, {"use", "sig"}};
  if (EVP_PKEY_is_a(key_.get(), "RSA")) {
    jwk["kty"] = "RSA";
    jwk["n"] = Base64UrlEncode(BignumParam(key_.get(), OSSL_PKEY_PARAM_RSA_N));
    jwk["e"] = Base64UrlEncode(BignumParam(key_.get(), OSSL_PKEY_PARAM_RSA_E));
    return jwk;
  }
  unsigned char point[133];
  size_t length = 0;
  EVP_PKEY_get_octet_string_param(key_.get(), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point,
                                  &length);
  std::string raw(reinterpret_cast<char*>(point) + 1, length - 1);
  jwk["kty"] = "EC";
  jwk["crv"] = "P-256";
  jwk["x"] = Base64UrlEncode(raw.substr(0, raw.size() / 2));
  jwk["y"] = Base64UrlEncode(raw.substr(raw.size() / 2));
  return jwk;
}

std::string TestKey::Sign(const nlohmann::json& claims, const std::string& alg) const {
  std::string input =
      Segment({{"alg", alg}, {"kid", kid_}, {"typ", "JWT"}}) + "." + Segment(claims);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_PKEY_CTX* key_context = nullptr;
  EVP_DigestSignInit(context.get(), &key_context, EVP_sha256(), nullptr, key_.get());
  if (alg == "PS256") {
    EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(key_context, RSA_PSS_SALTLEN_DIGEST);
  }
  size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  EVP_DigestSign(context.get(), nullptr, &length, data, input.size());
  std::string signature(length, '\0');
  EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                 input.size());
  signature.resize(length);
  if (alg == "ES256") signature = RawEcdsa(signature);
  return input + "." + Base64UrlEncode(signature);
}

std::string JwksText(std::initializer_list<nlohmann::json> keys) {
  return nlohmann::json{{"keys", nlohmann::json::array_t(keys)}}.dump();
}

std::string UnsignedToken(const nlohmann::json& claims) {
  return Segment({{"alg", "none"}}) + "." + Segment(claims) + ".";
}

std::string HmacToken(const nlohmann::json& claims, const std::string& secret,
                      const std::string& kid) {
  std::string input = Segment({{"alg", "HS256"}, {"kid", kid}}) + "." + Segment(claims);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." + Base64UrlEncode(std::string(reinterpret_cast<char*>(mac), length));
}

}  // namespace sdetcheck::testing
