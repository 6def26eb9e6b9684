#pragma once
// Declarative expectations on an HTTP response (see docs/grid-format.md, "Matchers").
// Evaluation is pure: a response in, a verdict and its explanation out.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "finding/check.h"
#include "net/http.h"
#include "util/regex.h"

namespace sdetcheck {

struct Matcher {
  enum class Kind {
    kStatus,
    kHeader,
    kBody,
    kXpath,
    kJson,
    kHtml,
    kHtmlText,
    kTls,
    kHttpsRedirect,
    kAll,
    kAny,
    kNot
  };
  Kind kind = Kind::kStatus;
  std::vector<long> statuses;                             // status
  std::string subject;                                    // header name, xpath, pointer, element
  std::optional<bool> exists;                             // header, xpath, json
  std::optional<Regex> matches;                           // header, body, xpath, json, html_text
  std::optional<std::string> equals;                      // header, json; body: contains
  std::vector<std::pair<std::string, Regex>> attributes;  // html
  std::optional<Regex> text;                              // html
  int count_min = 1;                                      // html
  std::string min_tls_version;                            // tls, e.g. "1.2"
  bool same_host = true;                                  // https_redirect
  bool same_path = true;                                  // https_redirect
  std::vector<Matcher> children;                          // all, any, not

  // Human-readable statement of what is expected, e.g. "status in [301, 308]".
  std::string Describe() const;
};

struct MatchResult {
  using State = CheckState;  // kPass, kFail or kError
  State state = State::kPass;
  // One check per leaf matcher (members of `all` flattened), one per `any` or `not` group;
  // each says in words (a message code) what was expected and seen.
  std::vector<Check> checks;
  std::string error;  // the technical reason the response could not be judged (state kError)
};

class Redactor;

// `redactor` masks secret header values in what is shown (cookies, tokens, the target's
// secret headers); null masks the built-in ones only.
MatchResult Evaluate(const Matcher& matcher, const Response& response,
                     const Redactor* redactor = nullptr);

}  // namespace sdetcheck
