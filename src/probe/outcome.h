#pragma once
// What a probe observed and concluded. Every string in here has already been redacted.

#include <string>
#include <vector>

#include "net/http.h"

namespace sdetcheck {

struct Evidence {
  std::string request;  // "GET https://ent.example.fr/"
  long status = 0;      // 0 when no response was obtained
  std::string final_url;
  std::string tls_version;
  HeaderList headers;
  std::string excerpt;              // start of the body, bounded
  std::vector<std::string> checks;  // one line per expectation, with what was observed
};

struct ProbeOutcome {
  enum class Status { kPass, kFail, kError };
  Status status = Status::kError;
  std::string message;  // one line: why it failed or could not be checked
  std::string expected;
  std::vector<Evidence> evidence;
};

}  // namespace sdetcheck
