#pragma once
// What a probe recorded, typed by what it is. Every string has already been redacted:
// cookie and token values masked, secrets replaced, bodies bounded.

#include <string>
#include <variant>
#include <vector>

#include "net/http.h"

namespace sdetcheck {

struct HttpExchange {
  std::string method;
  std::string url;
  long status = 0;        // 0 when no response was obtained
  std::string final_url;  // after redirects, when different
  std::string tls_version;
  HeaderList headers;   // values of cookies and credentials masked
  std::string excerpt;  // start of the body, bounded
  std::string error;    // why there is no response
};

struct TlsHandshake {
  std::string url;
  std::string offered;     // highest version offered, e.g. "1.0"; "" = the library's default
  std::string negotiated;  // e.g. "TLSv1.3"; "" when refused
  std::string cipher;      // the suite negotiated, when it matters ("" otherwise)
  std::string error;
};

struct CertificateRecord {
  std::string subject;
  std::string not_before;
  std::string not_after;
  std::string source;  // where it was published (metadata URL)
};

struct DocumentExcerpt {
  std::string format;  // "xml", "json", "html", "text"
  std::string source;  // URL
  std::string excerpt;
};

using Evidence = std::variant<HttpExchange, TlsHandshake, CertificateRecord, DocumentExcerpt>;

}  // namespace sdetcheck
