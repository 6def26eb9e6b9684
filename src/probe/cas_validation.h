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
  std::string failure_code;                                    // e.g. INVALID_TICKET
  bool proxy_granting_ticket = false;  // a success holds a non-empty <cas:proxyGrantingTicket>
  std::string problem;                 // why the answer is malformed: "CAS answer rejected: ..."
};

// The answer decides who logged in, so anything short of an unambiguous identity is
// kMalformed, never a success.
//
// `version` 1: exactly "yes\n<user>\n", or "no\n" optionally followed by one empty line.
// A "yes" answer without the final newline is refused: it cannot be told apart from an
// answer cut short inside the user name.
//
// `version` 2 and 3: UTF-8 XML of at most 1 MiB, elements nested at most 64 deep, no DOCTYPE,
// no entity reference but the five predefined ones and character references (nothing is
// ever expanded or loaded). One root <serviceResponse> holding exactly one
// <authenticationSuccess> or <authenticationFailure>, all in the CAS namespace
// (http://www.yale.edu/tp/cas) under any prefix. A success holds exactly one <user> of text
// only (no comment, element or processing instruction), trimmed, 1 to 256 bytes, without
// control characters; attribute values under <attributes> (by local name) are text only,
// at most 4096 bytes each. A failure needs a non-empty `code` attribute.
CasValidation ParseCasValidation(const std::string& body, int version);

// The JSON answer of CAS 3 (`format=JSON`): {"serviceResponse": {"authenticationSuccess":
// {"user": ..., "attributes": {...}}}} or {"serviceResponse": {"authenticationFailure":
// {"code": ...}}}, at most 1 MiB, same rules on the user, code and values as the XML answer
// (an attribute value is a string, number or boolean, or a list of them).
CasValidation ParseCasJsonValidation(const std::string& body);

// Whether `text` is the start of a JSON document (after blanks): '{'.
bool LooksLikeJson(const std::string& text);

}  // namespace sdetcheck
