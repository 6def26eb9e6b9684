#pragma once
// Parsing of CAS ticket validation answers (CAS protocol 1, 2 and 3), pure.

#include <map>
#include <string>
#include <vector>

namespace sdetcheck {

struct CasValidation {
  enum class Status { kSuccess, kFailure, kMalformed };
  Status status = Status::kMalformed;
  std::string user;
  std::map<std::string, std::vector<std::string>> attributes;  // by local name
  std::string failure_code;  // e.g. INVALID_TICKET
  std::string problem;       // why the answer is malformed
};

// `version` 1: "yes\nuser\n" / "no\n"; 2 and 3: <cas:serviceResponse> XML, matched by
// local names so any namespace prefix works. No DTD or external entity is ever loaded.
CasValidation ParseCasValidation(const std::string& body, int version);

}  // namespace sdetcheck
