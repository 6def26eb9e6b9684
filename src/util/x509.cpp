#include "util/x509.h"

#include <memory>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "util/base64.h"
#include "util/sha256.h"

namespace sdetcheck {
namespace {

std::string TimeText(const ASN1_TIME* time) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  ASN1_TIME_print(bio.get(), time);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, length);
}

// Key type and size, signature algorithm and days left of `cert` at `now`.
void ReadStrength(X509* cert, std::time_t now, CertificateInfo* info) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  if (key != nullptr) {
    int id = EVP_PKEY_get_base_id(key);
    info->key_type = id == EVP_PKEY_RSA ? "RSA" : id == EVP_PKEY_EC ? "EC" : OBJ_nid2sn(id);
    info->key_bits = EVP_PKEY_get_bits(key);
  }
  int signature = X509_get_signature_nid(cert);
  info->signature_algorithm = OBJ_nid2ln(signature);
  int digest = NID_undef;
  int public_key = NID_undef;
  if (OBJ_find_sigid_algs(signature, &digest, &public_key) == 1) {
    info->weak_signature_hash = digest == NID_sha1 || digest == NID_md5 || digest == NID_md5_sha1;
  }
  std::unique_ptr<ASN1_TIME, decltype(&ASN1_TIME_free)> at(ASN1_TIME_set(nullptr, now),
                                                           ASN1_TIME_free);
  int days = 0;
  int seconds = 0;
  if (at && ASN1_TIME_diff(&days, &seconds, at.get(), X509_get0_notAfter(cert)) == 1) {
    info->days_left = days;
  }
}

std::string NameText(const X509_NAME* name) {
  char text[512];
  X509_NAME_oneline(name, text, sizeof(text));
  return text;
}

}  // namespace

std::optional<CertificateInfo> InspectCertificate(const std::string& base64_der, std::time_t now,
                                                  int days, std::string* error) {
  std::optional<std::string> decoded = Base64Decode(base64_der);
  if (!decoded || decoded->empty()) {
    *error = "certificate is not valid base64";
    return std::nullopt;
  }
  return InspectCertificateDer(*decoded, now, days, error);
}

std::optional<CertificateInfo> InspectCertificateDer(const std::string& der, std::time_t now,
                                                     int days, std::string* error) {
  const unsigned char* cursor = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &cursor, static_cast<long>(der.size())), X509_free);
  if (!cert) {
    *error = "not a DER X.509 certificate";
    return std::nullopt;
  }
  CertificateInfo info;
  info.subject = NameText(X509_get_subject_name(cert.get()));
  info.issuer = NameText(X509_get_issuer_name(cert.get()));
  info.self_signed =
      X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())) == 0;
  info.not_before = TimeText(X509_get0_notBefore(cert.get()));
  info.not_after = TimeText(X509_get0_notAfter(cert.get()));
  std::time_t start = now;
  std::time_t end = now + static_cast<std::time_t>(days) * 86400;
  info.valid_at_start = X509_cmp_time(X509_get0_notBefore(cert.get()), &start) < 0;
  info.valid_at_end = X509_cmp_time(X509_get0_notAfter(cert.get()), &end) > 0;
  ReadStrength(cert.get(), now, &info);
  info.sha256_fingerprint = Sha256Hex(der);
  return info;
}

}  // namespace sdetcheck
