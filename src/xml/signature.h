#pragma once
// Enveloped XML signatures (SAML metadata, Response, Assertion) verified with the xmlsec1
// library, OpenSSL backend, against certificates the caller trusts and nothing else: a key
// carried in the message (KeyInfo/KeyValue, X509Data) is never used. The document is parsed
// by libxml2 without network, DTD or entity substitution; a DOCTYPE is refused before parsing.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sdetcheck {

constexpr size_t kMaxSignedXmlBytes = 1 << 20;

// A parsed document whose ID attributes (ID, or Id/AssertionID on request) are registered,
// each exactly once. Opaque outside signature.cpp.
class SignedXml {
 public:
  // Parses `xml`; on refusal Ok() is false and Problem() says why (a DOCTYPE, an oversized
  // input, not well-formed XML, a duplicate ID).
  explicit SignedXml(const std::string& xml, size_t max_bytes = kMaxSignedXmlBytes);
  ~SignedXml();
  SignedXml(const SignedXml&) = delete;
  SignedXml& operator=(const SignedXml&) = delete;

  bool Ok() const { return problem_.empty(); }
  const std::string& Problem() const { return problem_; }

  struct Element {
    std::string local_name;
    std::string ns;
    std::string id;  // its ID attribute, "" when absent
  };
  // The document element (empty fields when the document was refused).
  Element Root() const;
  // Elements with that namespace and local name, in document order (the root included).
  std::vector<Element> Find(const std::string& ns, const std::string& local_name) const;

  struct Verification {
    bool signed_ = false;   // the element has a ds:Signature child
    bool verified = false;  // it verifies, over this element, with one of the certificates
    std::string problem;    // why not (no signature, a reference to another element...)
    std::string algorithm;  // SignatureMethod@Algorithm
  };
  // Verifies the ds:Signature that is a direct child of the element whose ID is `id` ("" for
  // the document element): exactly one Reference, its URI "#id" ("" allowed for the root),
  // same-document only, then the signature value against each of `certificates_der` in turn.
  Verification Verify(const std::string& id,
                      const std::vector<std::string>& certificates_der) const;

  // Adds an enveloped signature to the element whose ID is `id` (see SignEnveloped below) and
  // returns the whole document serialised; this document keeps the signature.
  std::optional<std::string> SignElement(const std::string& id, const std::string& key_pem,
                                         std::string* error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string problem_;
};

// Signs the element whose ID attribute is `id` with an enveloped signature, as a SAML IdP
// does: exclusive C14N, SHA-256 digest, RSA-SHA256 with `key_pem` (a PEM RSA private key),
// no KeyInfo (the relying party takes the key from metadata). The ds:Signature is inserted
// right after the element's Issuer child (its first child when it has none), where the SAML
// schema wants it. The same parser limits as SignedXml apply. nullopt and *error set when the
// document, the ID or the key cannot be used.
std::optional<std::string> SignEnveloped(const std::string& xml, const std::string& id,
                                         const std::string& key_pem, std::string* error);

// Decodes a base64 certificate as published in metadata (whitespace allowed) to DER; "" when
// it is not base64. A PEM text is accepted too.
std::string CertificateDer(const std::string& base64_or_pem);

}  // namespace sdetcheck
