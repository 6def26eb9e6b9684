#include "tls/certificate_chain.h"

#include <memory>

#include <arpa/inet.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace sdetcheck {
namespace {

using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using Store = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;
using StoreContext = std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)>;
using Stack = std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)>;

void FreeStack(STACK_OF(X509) * stack) { sk_X509_pop_free(stack, X509_free); }

Cert Parse(const std::string& der) {
  const unsigned char* cursor = reinterpret_cast<const unsigned char*>(der.data());
  return Cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())), X509_free);
}

bool HostMatches(X509* leaf, const std::string& host) {
  if (X509_check_ip_asc(leaf, host.c_str(), 0) == 1) return true;
  return X509_check_host(leaf, host.c_str(), host.size(), 0, nullptr) == 1;
}

std::string AddressText(const ASN1_OCTET_STRING* ip) {
  char text[INET6_ADDRSTRLEN] = {0};
  int family = ip->length == 4 ? AF_INET : ip->length == 16 ? AF_INET6 : 0;
  if (!family || !inet_ntop(family, ip->data, text, sizeof text)) return "?";
  return text;
}

std::vector<std::string> AltNames(X509* leaf) {
  std::vector<std::string> names;
  auto* general =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(leaf, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; general && i < sk_GENERAL_NAME_num(general); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(general, i);
    if (name->type == GEN_DNS) {
      const ASN1_IA5STRING* dns = name->d.dNSName;
      names.push_back("DNS:" + std::string(reinterpret_cast<const char*>(dns->data), dns->length));
    } else if (name->type == GEN_IPADD) {
      names.push_back("IP:" + AddressText(name->d.iPAddress));
    }
  }
  GENERAL_NAMES_free(general);
  return names;
}

std::vector<std::string> OcspUrls(X509* leaf) {
  std::vector<std::string> urls;
  STACK_OF(OPENSSL_STRING)* found = X509_get1_ocsp(leaf);
  for (int i = 0; found && i < sk_OPENSSL_STRING_num(found); ++i)
    urls.emplace_back(sk_OPENSSL_STRING_value(found, i));
  X509_email_free(found);
  return urls;
}

std::vector<std::string> CrlUrls(X509* leaf) {
  std::vector<std::string> urls;
  auto* points = static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(leaf, NID_crl_distribution_points, nullptr, nullptr));
  for (int i = 0; points && i < sk_DIST_POINT_num(points); ++i) {
    DIST_POINT* point = sk_DIST_POINT_value(points, i);
    if (!point->distpoint || point->distpoint->type != 0) continue;
    GENERAL_NAMES* names = point->distpoint->name.fullname;
    for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
      if (name->type != GEN_URI) continue;
      const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
      urls.emplace_back(reinterpret_cast<const char*>(uri->data), uri->length);
    }
  }
  CRL_DIST_POINTS_free(points);
  return urls;
}

// The leaf's TLS feature extension (RFC 7633) lists status_request (5).
bool MustStaple(X509* leaf) {
  int index = X509_get_ext_by_NID(leaf, NID_tlsfeature, -1);
  if (index < 0) return false;
  ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(leaf, index));
  // SEQUENCE OF INTEGER; status_request is the INTEGER 5: 02 01 05.
  const unsigned char* bytes = ASN1_STRING_get0_data(data);
  for (int i = 0; i + 2 < ASN1_STRING_length(data); ++i)
    if (bytes[i] == 0x02 && bytes[i + 1] == 0x01 && bytes[i + 2] == 0x05) return true;
  return false;
}

void Verify(X509* leaf, STACK_OF(X509) * intermediates, const std::string& ca_bundle,
            std::time_t now, ChainReport* report) {
  Store store(X509_STORE_new(), X509_STORE_free);
  bool loaded =
      store && (ca_bundle.empty() ? X509_STORE_set_default_paths(store.get()) == 1
                                  : X509_STORE_load_file(store.get(), ca_bundle.c_str()) == 1);
  if (!loaded) {
    report->trust_error =
        "cannot load the trust anchors" + (ca_bundle.empty() ? "" : " " + ca_bundle);
    return;
  }
  StoreContext context(X509_STORE_CTX_new(), X509_STORE_CTX_free);
  if (!context || X509_STORE_CTX_init(context.get(), store.get(), leaf, intermediates) != 1) {
    report->trust_error = "cannot set up the verification";
    return;
  }
  X509_STORE_CTX_set_time(context.get(), 0, now);
  report->trusted = X509_verify_cert(context.get()) == 1;
  if (!report->trusted)
    report->trust_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
}

}  // namespace

ChainReport InspectChain(const std::vector<std::string>& chain_der, const std::string& host,
                         const std::string& ca_bundle, std::time_t now) {
  ChainReport report;
  if (chain_der.empty()) {
    report.error = "the server sent no certificate";
    return report;
  }
  for (const std::string& der : chain_der) {
    std::string error;
    std::optional<CertificateInfo> info = InspectCertificateDer(der, now, 0, &error);
    if (!info) {
      report.error = "certificate " + std::to_string(report.certificates.size() + 1) + ": " + error;
      return report;
    }
    report.certificates.push_back(std::move(*info));
  }
  Cert leaf = Parse(chain_der.front());
  Stack intermediates(sk_X509_new_null(), FreeStack);
  for (size_t i = 1; i < chain_der.size(); ++i)
    sk_X509_push(intermediates.get(), Parse(chain_der[i]).release());
  report.hostname_matches = HostMatches(leaf.get(), host);
  report.subject_alt_names = AltNames(leaf.get());
  report.ocsp_urls = OcspUrls(leaf.get());
  report.crl_urls = CrlUrls(leaf.get());
  report.must_staple = MustStaple(leaf.get());
  Verify(leaf.get(), intermediates.get(), ca_bundle, now, &report);
  return report;
}

}  // namespace sdetcheck
