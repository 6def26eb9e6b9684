#include "bundle/signature.h"

#include <fstream>
#include <memory>
#include <sstream>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "util/sha256.h"

namespace sdetcheck {
namespace {

struct Free {
  void operator()(BIO* b) const { BIO_free(b); }
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
  void operator()(X509* x) const { X509_free(x); }
  void operator()(CMS_ContentInfo* c) const { CMS_ContentInfo_free(c); }
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

std::string OpenSslError() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

bool ReadFile(const std::string& file, std::string* bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream out;
  out << in.rdbuf();
  *bytes = out.str();
  return true;
}

Owned<BIO> MemoryBio(const std::string& bytes) {
  return Owned<BIO>(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<size_t>(size)) : "";
}

Owned<EVP_PKEY> ReadPrivateKey(const std::string& file, std::string* error) {
  std::string pem;
  if (!ReadFile(file, &pem)) {
    *error = file + ": cannot read the signing key";
    return nullptr;
  }
  Owned<BIO> bio = MemoryBio(pem);
  Owned<EVP_PKEY> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) *error = file + ": not a PEM private key (an encrypted key is not supported)";
  return key;
}

Owned<X509> ReadCertificatePem(const std::string& pem) {
  Owned<BIO> bio = MemoryBio(pem);
  return Owned<X509>(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

Owned<EVP_PKEY> ReadPublicKeyPem(const std::string& pem) {
  Owned<BIO> bio = MemoryBio(pem);
  return Owned<EVP_PKEY>(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

std::string PublicKeyPem(EVP_PKEY* key) {
  Owned<BIO> out(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(out.get(), key);
  return BioText(out.get());
}

std::string CertificatePem(X509* cert) {
  Owned<BIO> out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert);
  return BioText(out.get());
}

std::string Fingerprint(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int size = i2d_PUBKEY(key, &der);
  if (size <= 0) return "";
  std::string bytes(reinterpret_cast<char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return Sha256Hex(bytes);
}

std::string Subject(X509* cert) {
  Owned<BIO> out(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(out.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
  return BioText(out.get());
}

bool SignEd25519(const std::string& bytes, EVP_PKEY* key, std::string* signature,
                 std::string* error) {
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, data, bytes.size()) != 1) {
    *error = "Ed25519 signature: " + OpenSslError();
    return false;
  }
  signature->resize(size);
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature->data()), &size, data,
                     bytes.size()) != 1) {
    *error = "Ed25519 signature: " + OpenSslError();
    return false;
  }
  signature->resize(size);
  return true;
}

bool SignCms(const std::string& bytes, EVP_PKEY* key, X509* cert, std::string* signature,
             std::string* error) {
  Owned<BIO> data = MemoryBio(bytes);
  Owned<CMS_ContentInfo> cms(CMS_sign(cert, key, nullptr, data.get(), CMS_DETACHED | CMS_BINARY));
  Owned<BIO> out(BIO_new(BIO_s_mem()));
  if (!cms || i2d_CMS_bio(out.get(), cms.get()) != 1) {
    *error = "CMS signature: " + OpenSslError();
    return false;
  }
  *signature = BioText(out.get());
  return true;
}

SignatureCheck CheckEd25519(const Signer& signer, const std::string& bytes,
                            const std::string& signature, const TrustAnchors& anchors) {
  SignatureCheck check;
  Owned<EVP_PKEY> key = ReadPublicKeyPem(signer.pem);
  if (!key || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    check.error = "the manifest's signer is not an Ed25519 public key";
    return check;
  }
  check.fingerprint = Fingerprint(key.get());
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  check.valid =
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size()) == 1;
  ERR_clear_error();
  if (!check.valid) {
    check.error = "the Ed25519 signature does not match the manifest";
    return check;
  }
  std::string expected_pem;
  if (anchors.key_file.empty()) return check;
  Owned<EVP_PKEY> expected =
      ReadFile(anchors.key_file, &expected_pem) ? ReadPublicKeyPem(expected_pem) : nullptr;
  check.pinned = expected && EVP_PKEY_eq(expected.get(), key.get()) == 1;
  if (!check.pinned) check.error = anchors.key_file + ": not the key that signed the bundle";
  return check;
}

// Whether the signer chains to a CA of `ca_file`, or is the certificate of `cert_file`.
bool Pinned(X509* cert, const TrustAnchors& anchors, std::string* error) {
  if (!anchors.cert_file.empty()) {
    std::string pem;
    Owned<X509> expected = ReadFile(anchors.cert_file, &pem) ? ReadCertificatePem(pem) : nullptr;
    if (expected && X509_cmp(expected.get(), cert) == 0) return true;
    *error = anchors.cert_file + ": not the certificate that signed the bundle";
    return false;
  }
  Owned<X509_STORE> store(X509_STORE_new());
  if (X509_STORE_load_file(store.get(), anchors.ca_file.c_str()) != 1) {
    *error = anchors.ca_file + ": cannot read CA certificates";
    return false;
  }
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      X509_STORE_CTX_free);
  X509_STORE_CTX_init(ctx.get(), store.get(), cert, nullptr);
  if (X509_verify_cert(ctx.get()) == 1) return true;
  *error = "the signer's certificate does not chain to " + anchors.ca_file + ": " +
           X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  return false;
}

SignatureCheck CheckCms(const Signer& signer, const std::string& bytes,
                        const std::string& signature, const TrustAnchors& anchors) {
  SignatureCheck check;
  Owned<X509> cert = ReadCertificatePem(signer.pem);
  Owned<BIO> der = MemoryBio(signature);
  Owned<CMS_ContentInfo> cms(d2i_CMS_bio(der.get(), nullptr));
  if (!cert || !cms) {
    check.error = "the manifest's signer or the CMS signature cannot be read";
    return check;
  }
  check.fingerprint = Fingerprint(X509_get0_pubkey(cert.get()));
  check.subject = Subject(cert.get());
  STACK_OF(X509)* certs = sk_X509_new_null();
  sk_X509_push(certs, cert.get());
  Owned<BIO> data = MemoryBio(bytes);
  // The signature is checked against the manifest's certificate only; whom to trust is
  // decided below, from the user's anchors.
  check.valid = CMS_verify(cms.get(), certs, nullptr, data.get(), nullptr,
                           CMS_BINARY | CMS_NOINTERN | CMS_NO_SIGNER_CERT_VERIFY) == 1;
  sk_X509_free(certs);
  ERR_clear_error();
  if (!check.valid) {
    check.error = "the CMS signature does not match the manifest and its certificate";
    return check;
  }
  if (anchors.cert_file.empty() && anchors.ca_file.empty()) return check;
  check.pinned = Pinned(cert.get(), anchors, &check.error);
  return check;
}

}  // namespace

bool ReadSigner(const SigningKeys& keys, Signer* signer, std::string* error) {
  Owned<EVP_PKEY> key = ReadPrivateKey(keys.key_file, error);
  if (!key) return false;
  if (keys.cert_file.empty()) {
    if (EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
      *error = keys.key_file +
               ": not an Ed25519 key; give its certificate (--sign-cert) for a CMS signature";
      return false;
    }
    *signer = {"ed25519", PublicKeyPem(key.get())};
    return true;
  }
  std::string pem;
  Owned<X509> cert = ReadFile(keys.cert_file, &pem) ? ReadCertificatePem(pem) : nullptr;
  if (!cert) {
    *error = keys.cert_file + ": not a PEM certificate";
    return false;
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    *error = keys.key_file + ": not the key of " + keys.cert_file;
    return false;
  }
  *signer = {"cms", CertificatePem(cert.get())};
  return true;
}

bool SignBytes(const std::string& bytes, const SigningKeys& keys, std::string* signature,
               std::string* error) {
  Owned<EVP_PKEY> key = ReadPrivateKey(keys.key_file, error);
  if (!key) return false;
  if (keys.cert_file.empty()) return SignEd25519(bytes, key.get(), signature, error);
  std::string pem;
  Owned<X509> cert = ReadFile(keys.cert_file, &pem) ? ReadCertificatePem(pem) : nullptr;
  if (!cert) {
    *error = keys.cert_file + ": not a PEM certificate";
    return false;
  }
  return SignCms(bytes, key.get(), cert.get(), signature, error);
}

SignatureCheck CheckSignature(const Signer& signer, const std::string& bytes,
                              const std::string& signature, const TrustAnchors& anchors) {
  if (signer.kind == "ed25519") return CheckEd25519(signer, bytes, signature, anchors);
  if (signer.kind == "cms") return CheckCms(signer, bytes, signature, anchors);
  SignatureCheck check;
  check.error = "unknown signature kind '" + signer.kind + "'";
  return check;
}

}  // namespace sdetcheck
