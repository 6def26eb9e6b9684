#pragma once
// Signing the bundle's manifest with the user's key, and checking it (OpenSSL): a raw Ed25519
// signature, or a detached CMS signature (DER) by a certificate's key.

#include <string>

namespace sdetcheck {

struct SigningKeys {
  std::string key_file;   // PEM private key
  std::string cert_file;  // PEM certificate: CMS; none: the key must be Ed25519
};

struct Signer {
  std::string kind;  // "ed25519" or "cms"
  std::string pem;   // the public key (ed25519) or the certificate (cms), PEM
};

// The signer `keys` make, read before signing (the manifest names it). False with *error
// naming the file: unreadable, not PEM, a key that does not match the certificate, a key that
// is not Ed25519 without a certificate.
bool ReadSigner(const SigningKeys& keys, Signer* signer, std::string* error);

// The signature of `bytes`, raw (ed25519) or DER (cms).
bool SignBytes(const std::string& bytes, const SigningKeys& keys, std::string* signature,
               std::string* error);

struct TrustAnchors {
  std::string key_file;   // the Ed25519 public key expected (PEM)
  std::string cert_file;  // the CMS signer certificate expected (PEM)
  std::string ca_file;    // CA certificates the CMS signer must chain to (PEM)
};

struct SignatureCheck {
  bool valid = false;       // the signature matches the bytes and the named signer
  bool pinned = false;      // and that signer is the one the user expects (a key, cert or CA given)
  std::string fingerprint;  // SHA-256 of the signer's public key (DER), hex
  std::string subject;      // the certificate's subject (cms)
  std::string error;        // why not valid, or why not pinned
};

SignatureCheck CheckSignature(const Signer& signer, const std::string& bytes,
                              const std::string& signature, const TrustAnchors& anchors);

}  // namespace sdetcheck
