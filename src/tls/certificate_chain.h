#pragma once
// The certificate chain a TLS server sent, judged as a browser would: trusted from the given
// CA bundle (or the system's), names the host, in its validity period, strong key and
// signature; plus what a scan reports beside (revocation pointers, must-staple).

#include <ctime>
#include <string>
#include <vector>

#include "util/x509.h"

namespace sdetcheck {

struct ChainReport {
  std::vector<CertificateInfo> certificates;  // as sent, leaf first
  std::string error;        // the chain could not be read at all (then nothing else is meaningful)
  bool trusted = false;     // a path to a trust anchor, built from the sent chain alone
  std::string trust_error;  // OpenSSL's reason when not trusted
  bool hostname_matches = false;
  std::vector<std::string> subject_alt_names;  // "DNS:…" and "IP:…" of the leaf
  std::vector<std::string> ocsp_urls;
  std::vector<std::string> crl_urls;
  bool must_staple = false;  // the leaf's TLS feature extension asks for OCSP stapling
};

// `chain_der`: leaf first. `host`: the name or address the client asked for. `ca_bundle`: a
// PEM file of trust anchors, "" for the system's. Validity is judged at `now`.
ChainReport InspectChain(const std::vector<std::string>& chain_der, const std::string& host,
                         const std::string& ca_bundle, std::time_t now);

}  // namespace sdetcheck
