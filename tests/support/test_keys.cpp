#include "support/test_keys.h"

#include <memory>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "probe/saml_idp_response.h"

namespace sdetcheck::testing {

TestKeyPair MakeTestKeyPair() {
  TestKeyPair pair;
  pair.key_pem = UntrustedRsaKeyPem();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pair.key_pem.data(), static_cast<int>(pair.key_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) return pair;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("sdetcheck test IdP"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key.get(), EVP_sha256());
  unsigned char* der = nullptr;
  int length = i2d_X509(cert.get(), &der);
  if (length > 0) pair.certificate_der.assign(reinterpret_cast<char*>(der), length);
  OPENSSL_free(der);
  return pair;
}

}  // namespace sdetcheck::testing
