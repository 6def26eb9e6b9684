#include "xml/signature.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include "util/base64.h"

namespace sdetcheck {
namespace {

const char* const kDsigNs = "http://www.w3.org/2000/09/xmldsig#";

// xmlsec and its OpenSSL backend, once per process; every IO callback removed so that no
// reference can reach a file or the network.
bool XmlSecReady() {
  static std::once_flag once;
  static bool ready = false;
  std::call_once(once, [] {
    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecCheckVersion() != 1) return;
    if (xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) return;
    xmlSecIOCleanupCallbacks();
    xmlSecErrorsDefaultCallbackEnableOutput(0);
    ready = true;
  });
  return ready;
}

std::string Text(const xmlChar* text) {
  return text == nullptr ? "" : reinterpret_cast<const char*>(text);
}

std::string AttributeOf(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = Text(value);
  xmlFree(value);
  return out;
}

bool Is(xmlNodePtr node, const char* ns, const char* local_name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(node->name), local_name) == 0;
}

std::vector<xmlNodePtr> Children(xmlNodePtr parent, const char* ns, const char* local_name) {
  std::vector<xmlNodePtr> out;
  for (xmlNodePtr child = parent->children; child != nullptr; child = child->next) {
    if (Is(child, ns, local_name)) out.push_back(child);
  }
  return out;
}

// A DOCTYPE anywhere (case-insensitive) or a first character that is not '<'.
std::string Refusal(const std::string& xml, size_t max_bytes) {
  if (xml.size() > max_bytes) return "document larger than " + std::to_string(max_bytes) + " bytes";
  size_t first = xml.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || xml[first] != '<') return "not an XML document";
  static const std::string kDoctype = "<!doctype";
  auto found =
      std::search(xml.begin(), xml.end(), kDoctype.begin(), kDoctype.end(),
                  [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  if (found != xml.end()) return "DOCTYPE refused (no DTD or entity is ever loaded)";
  return "";
}

struct DsigCtxFree {
  void operator()(xmlSecDSigCtxPtr ctx) const { xmlSecDSigCtxDestroy(ctx); }
};

// Only the transforms of SAML signatures: exclusive or inclusive C14N, enveloped, SHA-2 and
// SHA-1 digests, RSA and ECDSA signatures. XSLT, XPath and base64 are refused.
void RestrictTransforms(xmlSecDSigCtxPtr ctx) {
  for (xmlSecTransformId id :
       {xmlSecTransformInclC14NId, xmlSecTransformInclC14NWithCommentsId, xmlSecTransformExclC14NId,
        xmlSecTransformExclC14NWithCommentsId, xmlSecTransformEnvelopedId, xmlSecTransformSha1Id,
        xmlSecTransformSha256Id, xmlSecTransformSha384Id, xmlSecTransformSha512Id}) {
    xmlSecDSigCtxEnableReferenceTransform(ctx, id);
    xmlSecDSigCtxEnableSignatureTransform(ctx, id);
  }
  for (xmlSecTransformId id :
       {xmlSecTransformRsaSha1Id, xmlSecTransformRsaSha256Id, xmlSecTransformRsaSha384Id,
        xmlSecTransformRsaSha512Id, xmlSecTransformEcdsaSha256Id, xmlSecTransformEcdsaSha384Id,
        xmlSecTransformEcdsaSha512Id}) {
    xmlSecDSigCtxEnableSignatureTransform(ctx, id);
  }
  ctx->enabledReferenceUris = static_cast<xmlSecTransformUriType>(
      xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument);
}

// Signature verifies with this one certificate's key (the message's KeyInfo is ignored: a
// preset signKey is never replaced by xmlsec).
bool VerifiesWith(xmlNodePtr signature, const std::string& der) {
  xmlSecKeyPtr key = xmlSecCryptoAppKeyLoadMemory(
      reinterpret_cast<const xmlSecByte*>(der.data()), static_cast<xmlSecSize>(der.size()),
      xmlSecKeyDataFormatCertDer, nullptr, nullptr, nullptr);
  if (key == nullptr) return false;
  std::unique_ptr<xmlSecDSigCtx, DsigCtxFree> ctx(xmlSecDSigCtxCreate(nullptr));
  if (!ctx) {
    xmlSecKeyDestroy(key);
    return false;
  }
  ctx->signKey = key;  // owned by the context from here
  RestrictTransforms(ctx.get());
  return xmlSecDSigCtxVerify(ctx.get(), signature) >= 0 && ctx->status == xmlSecDSigStatusSucceeded;
}

// The one ds:Signature child of `element` whose one Reference points at it ("#ID", or ""
// for the document element); null with v->problem set otherwise.
xmlNodePtr CoveringSignature(xmlNodePtr element, bool is_root, SignedXml::Verification* v) {
  std::vector<xmlNodePtr> signatures = Children(element, kDsigNs, "Signature");
  if (signatures.empty()) {
    v->problem = "element not signed";
    return nullptr;
  }
  v->signed_ = true;
  if (signatures.size() != 1) {
    v->problem = "more than one Signature on the element";
    return nullptr;
  }
  std::vector<xmlNodePtr> info = Children(signatures[0], kDsigNs, "SignedInfo");
  std::vector<xmlNodePtr> references =
      info.size() == 1 ? Children(info[0], kDsigNs, "Reference") : std::vector<xmlNodePtr>{};
  if (references.size() != 1) {
    v->problem = "the signature must hold exactly one Reference";
    return nullptr;
  }
  std::vector<xmlNodePtr> method = Children(info[0], kDsigNs, "SignatureMethod");
  if (!method.empty()) v->algorithm = AttributeOf(method[0], "Algorithm");
  std::string uri = AttributeOf(references[0], "URI");
  std::string own_id = AttributeOf(element, "ID");
  bool whole_document =
      is_root && uri.empty() &&
      xmlHasProp(references[0], reinterpret_cast<const xmlChar*>("URI")) != nullptr;
  if ((own_id.empty() || uri != "#" + own_id) && !whole_document) {
    v->problem = "the signature references " + (uri.empty() ? std::string("(nothing)") : uri) +
                 ", not the signed element #" + own_id;
    return nullptr;
  }
  return signatures[0];
}

}  // namespace

struct SignedXml::Impl {
  xmlDocPtr doc = nullptr;
  ~Impl() {
    if (doc != nullptr) xmlFreeDoc(doc);
  }

  // Registers every ID attribute; false on a duplicate.
  bool RegisterIds(xmlNodePtr node, std::string* problem) {
    for (; node != nullptr; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      xmlAttrPtr attr = xmlHasProp(node, reinterpret_cast<const xmlChar*>("ID"));
      if (attr != nullptr) {
        std::string value = AttributeOf(node, "ID");
        if (xmlGetID(doc, reinterpret_cast<const xmlChar*>(value.c_str())) != nullptr) {
          *problem = "duplicate ID " + value;
          return false;
        }
        xmlAddID(nullptr, doc, reinterpret_cast<const xmlChar*>(value.c_str()), attr);
      }
      if (!RegisterIds(node->children, problem)) return false;
    }
    return true;
  }

  void Collect(xmlNodePtr node, const std::string& ns, const std::string& name,
               std::vector<Element>* out) const {
    for (; node != nullptr; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      if (Is(node, ns.c_str(), name.c_str())) out->push_back({name, ns, AttributeOf(node, "ID")});
      Collect(node->children, ns, name, out);
    }
  }
};

SignedXml::SignedXml(const std::string& xml, size_t max_bytes) : impl_(std::make_unique<Impl>()) {
  problem_ = Refusal(xml, max_bytes);
  if (!problem_.empty()) return;
  if (!XmlSecReady()) {
    problem_ = "xmlsec could not be initialised";
    return;
  }
  impl_->doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "message.xml", nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (impl_->doc == nullptr || xmlDocGetRootElement(impl_->doc) == nullptr) {
    problem_ = "not well-formed XML";
    return;
  }
  if (impl_->doc->intSubset != nullptr || impl_->doc->extSubset != nullptr) {
    problem_ = "DOCTYPE refused (no DTD or entity is ever loaded)";
    return;
  }
  impl_->RegisterIds(xmlDocGetRootElement(impl_->doc), &problem_);
}

SignedXml::~SignedXml() = default;

SignedXml::Element SignedXml::Root() const {
  if (!Ok()) return {};
  xmlNodePtr root = xmlDocGetRootElement(impl_->doc);
  std::string ns = root->ns == nullptr ? "" : Text(root->ns->href);
  return {Text(root->name), ns, AttributeOf(root, "ID")};
}

std::vector<SignedXml::Element> SignedXml::Find(const std::string& ns,
                                                const std::string& local_name) const {
  std::vector<Element> out;
  if (Ok()) impl_->Collect(xmlDocGetRootElement(impl_->doc), ns, local_name, &out);
  return out;
}

SignedXml::Verification SignedXml::Verify(const std::string& id,
                                          const std::vector<std::string>& certificates_der) const {
  Verification v;
  if (!Ok()) {
    v.problem = problem_;
    return v;
  }
  xmlNodePtr root = xmlDocGetRootElement(impl_->doc);
  xmlNodePtr element = root;
  if (!id.empty()) {
    xmlAttrPtr attr = xmlGetID(impl_->doc, reinterpret_cast<const xmlChar*>(id.c_str()));
    element = attr == nullptr ? nullptr : attr->parent;
  }
  if (element == nullptr) {
    v.problem = "no element with ID " + id;
    return v;
  }
  xmlNodePtr signature = CoveringSignature(element, element == root, &v);
  if (signature == nullptr) return v;
  for (const std::string& der : certificates_der) {
    if (VerifiesWith(signature, der)) {
      v.verified = true;
      return v;
    }
  }
  v.problem = "signature value does not verify with the trusted certificate(s)";
  return v;
}

namespace {

struct KeyFree {
  void operator()(xmlSecKeyPtr key) const { xmlSecKeyDestroy(key); }
};
using KeyPtr = std::unique_ptr<xmlSecKey, KeyFree>;

KeyPtr RsaKeyFromPem(const std::string& pem) {
  KeyPtr key(xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(pem.data()),
                                          static_cast<xmlSecSize>(pem.size()),
                                          xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr));
  if (key && (xmlSecKeyGetType(key.get()) & xmlSecKeyDataTypePrivate) != 0 &&
      xmlSecKeyCheckId(key.get(), xmlSecKeyDataRsaId)) {
    return key;
  }
  return nullptr;
}

// The ds:Signature template (enveloped, exc-c14n, RSA-SHA256, one Reference to #id) added to
// `element` after its Issuer child; null when xmlsec refuses.
xmlNodePtr AddSignatureTemplate(xmlDocPtr doc, xmlNodePtr element, const std::string& id) {
  xmlNodePtr signature =
      xmlSecTmplSignatureCreateNsPref(doc, xmlSecTransformExclC14NId, xmlSecTransformRsaSha256Id,
                                      nullptr, reinterpret_cast<const xmlChar*>("ds"));
  if (signature == nullptr) return nullptr;
  std::string uri = "#" + id;
  xmlNodePtr reference =
      xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha256Id, nullptr,
                                      reinterpret_cast<const xmlChar*>(uri.c_str()), nullptr);
  if (reference == nullptr ||
      xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId) == nullptr ||
      xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NId) == nullptr) {
    xmlFreeNode(signature);
    return nullptr;
  }
  xmlNodePtr issuer = element->children;
  while (issuer != nullptr &&
         !(issuer->type == XML_ELEMENT_NODE &&
           std::strcmp(reinterpret_cast<const char*>(issuer->name), "Issuer") == 0)) {
    issuer = issuer->next;
  }
  if (issuer != nullptr) return xmlAddNextSibling(issuer, signature);
  if (element->children != nullptr) return xmlAddPrevSibling(element->children, signature);
  return xmlAddChild(element, signature);
}

std::string Serialised(xmlDocPtr doc) {
  xmlChar* text = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &text, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
  xmlFree(text);
  return out;
}

}  // namespace

std::optional<std::string> SignEnveloped(const std::string& xml, const std::string& id,
                                         const std::string& key_pem, std::string* error) {
  SignedXml parsed(xml);  // IDs registered, DOCTYPE and oversized input refused
  if (!parsed.Ok()) {
    *error = parsed.Problem();
    return std::nullopt;
  }
  return parsed.SignElement(id, key_pem, error);
}

std::optional<std::string> SignedXml::SignElement(const std::string& id, const std::string& key_pem,
                                                  std::string* error) {
  xmlAttrPtr attr = xmlGetID(impl_->doc, reinterpret_cast<const xmlChar*>(id.c_str()));
  if (id.empty() || attr == nullptr) {
    *error = "no element with ID " + id;
    return std::nullopt;
  }
  KeyPtr key = RsaKeyFromPem(key_pem);
  if (!key) {
    *error = "the signing key is not a PEM RSA private key";
    return std::nullopt;
  }
  xmlNodePtr signature = AddSignatureTemplate(impl_->doc, attr->parent, id);
  std::unique_ptr<xmlSecDSigCtx, DsigCtxFree> ctx(xmlSecDSigCtxCreate(nullptr));
  if (signature == nullptr || !ctx) {
    *error = "xmlsec could not build the signature template";
    return std::nullopt;
  }
  ctx->signKey = key.release();  // owned by the context from here
  if (xmlSecDSigCtxSign(ctx.get(), signature) < 0) {
    *error = "xmlsec could not sign the element";
    return std::nullopt;
  }
  return Serialised(impl_->doc);
}

std::string CertificateDer(const std::string& text) {
  if (text.find("-----BEGIN") != std::string::npos) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!cert) return "";
    unsigned char* out = nullptr;
    int length = i2d_X509(cert.get(), &out);
    if (length <= 0) return "";
    std::string der(reinterpret_cast<char*>(out), static_cast<size_t>(length));
    OPENSSL_free(out);
    return der;
  }
  return Base64Decode(text).value_or("");
}

}  // namespace sdetcheck
