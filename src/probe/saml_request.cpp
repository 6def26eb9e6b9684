#include "probe/saml_request.h"

#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <zlib.h>

#include "net/url.h"
#include "util/base64.h"

namespace sdetcheck {
namespace {

constexpr const char* kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
constexpr const char* kEcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

std::optional<std::string> Deflate(const std::string& data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return std::nullopt;
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  return out;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// The signature of `query` with `key_pem` (SHA-256), and its SigAlg; nullopt when unusable.
std::optional<std::pair<std::string, std::string>> SignQuery(const std::string& query_without_sig,
                                                             const std::string& key_pem,
                                                             const char* algorithm) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) return std::nullopt;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(query_without_sig.data()),
                     query_without_sig.size()) != 1)
    return std::nullopt;
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(query_without_sig.data()),
                     query_without_sig.size()) != 1)
    return std::nullopt;
  signature.resize(length);
  return std::make_pair(Base64Encode(signature), std::string(algorithm));
}

const char* AlgorithmOf(const std::string& key_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) return nullptr;
  int id = EVP_PKEY_get_base_id(key.get());
  return id == EVP_PKEY_RSA ? kRsaSha256 : id == EVP_PKEY_EC ? kEcdsaSha256 : nullptr;
}

}  // namespace

std::string SamlRandomId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return "";
  static const char* const kHex = "0123456789abcdef";
  std::string id = "_sdetcheck";
  for (unsigned char b : bytes) {
    id += kHex[b >> 4];
    id += kHex[b & 15];
  }
  return id;
}

std::string SamlDateTime(std::time_t now) {
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::optional<std::string> InflateRedirectMessage(const std::string& value, size_t max_bytes) {
  std::optional<std::string> compressed = Base64Decode(value);
  if (!compressed) return std::nullopt;
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) return std::nullopt;
  std::string out;
  char buffer[16384];
  stream.next_in = reinterpret_cast<Bytef*>(compressed->data());
  stream.avail_in = static_cast<uInt>(compressed->size());
  int result = Z_OK;
  while (result == Z_OK && out.size() <= max_bytes) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END || out.size() > max_bytes) return std::nullopt;
  return out;
}

std::optional<SamlAuthnRequest> BuildAuthnRequest(const std::string& sso_url,
                                                  const std::string& sp_entity_id,
                                                  const std::string& acs_url, std::time_t now,
                                                  const std::string& key_pem, std::string* error) {
  SamlAuthnRequest request;
  request.id = SamlRandomId();
  request.xml =
      "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
      "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" +
      request.id + "\" Version=\"2.0\" IssueInstant=\"" + SamlDateTime(now) + "\" Destination=\"" +
      XmlEscape(sso_url) + "\" AssertionConsumerServiceURL=\"" + XmlEscape(acs_url) +
      "\" ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"><saml:Issuer>" +
      XmlEscape(sp_entity_id) + "</saml:Issuer></samlp:AuthnRequest>";
  std::optional<std::string> deflated = Deflate(request.xml);
  if (request.id.empty() || !deflated) {
    *error = "could not build the request (random or zlib failure)";
    return std::nullopt;
  }
  std::string query = "SAMLRequest=" + PercentEncode(Base64Encode(*deflated));
  if (!key_pem.empty()) {
    const char* algorithm = AlgorithmOf(key_pem);
    if (algorithm == nullptr) {
      *error = "the SP signing key is not an RSA or EC private key in PEM";
      return std::nullopt;
    }
    query += "&SigAlg=" + PercentEncode(algorithm);
    auto signature = SignQuery(query, key_pem, algorithm);
    if (!signature) {
      *error = "signing the request failed";
      return std::nullopt;
    }
    query += "&Signature=" + PercentEncode(signature->first);
    request.signed_ = true;
  }
  request.url = sso_url + (sso_url.find('?') == std::string::npos ? "?" : "&") + query;
  return request;
}

}  // namespace sdetcheck
