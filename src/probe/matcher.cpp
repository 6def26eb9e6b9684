#include "probe/matcher.h"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "finding/combine.h"
#include "html/document.h"
#include "net/redirect.h"
#include "net/url.h"
#include "util/json_text.h"
#include "util/redactor.h"
#include "util/secret_values.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

using State = MatchResult::State;
// Observed values are bounded here only loosely: callers redact, then shorten
// (Redactor::RedactShort), so that no secret is cut in two before it is masked.
constexpr size_t kShown = 4096;
constexpr size_t kMaxXmlDepth = 256;

std::string Shorten(const std::string& text) {
  if (text.size() <= kShown) return text;
  return TruncateUtf8(text, kShown) + "…";
}

const char* KindKey(Matcher::Kind kind) {
  switch (kind) {
    case Matcher::Kind::kStatus:
      return "http.status";
    case Matcher::Kind::kHeader:
      return "http.header";
    case Matcher::Kind::kBody:
      return "http.body";
    case Matcher::Kind::kXpath:
      return "http.xpath";
    case Matcher::Kind::kJson:
      return "http.json";
    case Matcher::Kind::kHtml:
      return "http.html";
    case Matcher::Kind::kHtmlText:
      return "http.html_text";
    case Matcher::Kind::kTls:
      return "http.tls";
    case Matcher::Kind::kHttpsRedirect:
      return "http.https_redirect";
    case Matcher::Kind::kAll:
      return "http.all";
    case Matcher::Kind::kAny:
      return "http.any";
    case Matcher::Kind::kNot:
      return "http.not";
  }
  return "http";
}

// One leaf's result: a check whose message says what was expected and seen. `code` gets
// ".pass" or ".fail" appended for a judged check; an error passes its own code.
MatchResult Leaf(State state, const Matcher& m, const std::string& code,
                 std::vector<std::pair<std::string, std::string>> params,
                 const std::string& observed) {
  Check check;
  check.key = KindKey(m.kind);
  check.subject = m.subject;
  check.state = state;
  check.expected = m.Describe();
  check.observed = observed;
  std::string full = code;
  if (state != State::kError) full += state == State::kPass ? ".pass" : ".fail";
  params.emplace_back("observed", observed);
  check.message = Msg(full, std::move(params));
  MatchResult r;
  r.state = state;
  if (state == State::kError) r.error = observed;
  r.checks.push_back(std::move(check));
  return r;
}

MatchResult Judge(bool ok, const Matcher& m, const std::string& code,
                  std::vector<std::pair<std::string, std::string>> params,
                  const std::string& observed) {
  return Leaf(ok ? State::kPass : State::kFail, m, code, std::move(params), observed);
}

// The response could not be read as the matcher needs (not XML, beyond the limits...).
MatchResult Unreadable(const Matcher& m, const std::string& format, const std::string& detail) {
  return Leaf(State::kError, m, "match.unreadable", {{"format", format}}, detail);
}

MatchResult RegexGaveUp(const Matcher& m) {
  return Leaf(State::kError, m, "match.regex_limit", {}, "regex match limit reached");
}

// Applies `matches` to a value; a regex that gives up is an error, not a fail.
std::optional<bool> RegexOk(const Regex& regex, const std::string& value) {
  Regex::Match found = regex.Search(value);
  if (found == Regex::Match::kGaveUp) return std::nullopt;
  return found == Regex::Match::kFound;
}

std::string JoinStatuses(const std::vector<long>& statuses) {
  std::string out;
  for (long s : statuses) out += (out.empty() ? "" : ", ") + std::to_string(s);
  return "[" + out + "]";
}

MatchResult EvaluateStatus(const Matcher& m, const Response& r) {
  bool ok = std::find(m.statuses.begin(), m.statuses.end(), r.status) != m.statuses.end();
  return Judge(ok, m, "match.status", {{"expected", JoinStatuses(m.statuses)}},
               std::to_string(r.status));
}

MatchResult EvaluateHeader(const Matcher& m, const Response& r, const Redactor& redactor) {
  std::vector<std::string> values = r.HeaderValues(m.subject);
  bool present = !values.empty();
  if (m.exists) {
    return Judge(present == *m.exists, m,
                 *m.exists ? "match.header.present" : "match.header.absent", {{"name", m.subject}},
                 present ? "present" : "absent");
  }
  if (!present) return Judge(false, m, "match.header.missing", {{"name", m.subject}}, "absent");
  // Cookie and token values are matched but never shown: names and attributes are evidence.
  auto shown = [&](const std::string& value) {
    return Shorten(redactor.RedactHeader(m.subject, value));
  };
  std::vector<std::pair<std::string, std::string>> params = {{"name", m.subject}};
  for (const std::string& value : values) {
    if (m.equals && value == *m.equals)
      return Judge(true, m, "match.header.value", params, shown(value));
    if (m.matches) {
      std::optional<bool> ok = RegexOk(*m.matches, value);
      if (!ok) return RegexGaveUp(m);
      if (*ok) return Judge(true, m, "match.header.value", params, shown(value));
    }
  }
  return Judge(false, m, "match.header.value", params, shown(values.front()));
}

MatchResult EvaluateBody(const Matcher& m, const Response& r) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"bytes", std::to_string(r.body.size())}};
  if (m.equals) {
    bool found = r.body.find(*m.equals) != std::string::npos;
    return Judge(found, m, "match.body", params, found ? Shorten(*m.equals) : "");
  }
  std::string matched;
  Regex::Match found = m.matches->Search(r.body, &matched);
  if (found == Regex::Match::kGaveUp) return RegexGaveUp(m);
  return Judge(found == Regex::Match::kFound, m, "match.body", params,
               found == Regex::Match::kFound ? Shorten(matched) : "");
}

bool LooksLikeHtml(const Response& r, const pugi::xml_document& doc) {
  std::string root = doc.document_element().name();
  std::transform(root.begin(), root.end(), root.begin(), ::tolower);
  return r.ContentType() == "text/html" || root == "html";
}

// Deepest element nesting, walked without recursion.
size_t XmlDepth(const pugi::xml_document& doc) {
  size_t deepest = 0;
  std::vector<std::pair<pugi::xml_node, size_t>> stack = {{doc.document_element(), 1}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (deepest > kMaxXmlDepth) break;
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) stack.emplace_back(child, depth + 1);
    }
  }
  return deepest;
}

MatchResult EvaluateXpath(const Matcher& m, const Response& r) {
  pugi::xml_document doc;
  // pugixml never loads DTDs or external entities; parse_default does not even keep the
  // DOCTYPE node, so no entity declared in it is ever expanded.
  pugi::xml_parse_result parsed =
      doc.load_buffer(r.body.data(), r.body.size(), pugi::parse_default);
  if (!parsed) {
    return Unreadable(m, "XML",
                      std::string("response is not well-formed XML: ") + parsed.description() +
                          " at byte " + std::to_string(parsed.offset));
  }
  if (LooksLikeHtml(r, doc)) return Unreadable(m, "XML", "expected XML, got an HTML page");
  if (XmlDepth(doc) > kMaxXmlDepth) {
    return Unreadable(m, "XML",
                      "XML nested deeper than " + std::to_string(kMaxXmlDepth) + " levels");
  }
  pugi::xpath_node_set nodes;
  try {
    nodes = doc.select_nodes(m.subject.c_str());
  } catch (const pugi::xpath_exception& e) {
    return Unreadable(m, "XML", std::string("XPath error: ") + e.what());
  }
  std::vector<std::pair<std::string, std::string>> params = {
      {"expr", m.subject}, {"count", std::to_string(nodes.size())}};
  if (m.exists) {
    return Judge(nodes.empty() != *m.exists, m,
                 *m.exists ? "match.xpath.present" : "match.xpath.absent", params,
                 std::to_string(nodes.size()) + " node(s)");
  }
  for (const pugi::xpath_node& node : nodes) {
    std::string value = node.node() ? node.node().text().get() : node.attribute().value();
    std::optional<bool> ok = RegexOk(*m.matches, value);
    if (!ok) return RegexGaveUp(m);
    if (*ok) return Judge(true, m, "match.xpath.value", params, Shorten(value));
  }
  return Judge(false, m, "match.xpath.value", params,
               nodes.empty() ? "no node selected" : "no selected node matches");
}

MatchResult EvaluateJson(const Matcher& m, const Response& r) {
  nlohmann::json doc;
  if (std::string problem = ParseJson(r.body, &doc); !problem.empty()) {
    return Unreadable(m, "JSON", problem);
  }
  nlohmann::json::json_pointer pointer(m.subject);  // validated when the probe was loaded
  const nlohmann::json* found = nullptr;
  try {
    if (doc.contains(pointer)) found = &doc.at(pointer);
  } catch (const nlohmann::json::exception&) {
    // e.g. an array index too large for the pointer: the value is simply not there.
  }
  bool present = found != nullptr;
  std::vector<std::pair<std::string, std::string>> params = {{"pointer", m.subject}};
  if (m.exists) {
    return Judge(present == *m.exists, m, *m.exists ? "match.json.present" : "match.json.absent",
                 params, present ? "present" : "absent");
  }
  if (!present) return Judge(false, m, "match.json.missing", params, "absent");
  const nlohmann::json& value = *found;
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  // A token's value, out of its JSON, no longer says what it is: masked here, where the
  // member's name is known.
  bool secret = !pointer.empty() && IsSecretFieldName(pointer.back());
  std::string shown = secret ? Redactor::kMask : Shorten(text);
  if (m.equals) return Judge(text == *m.equals, m, "match.json.value", params, shown);
  std::optional<bool> ok = RegexOk(*m.matches, text);
  if (!ok) return RegexGaveUp(m);
  return Judge(*ok, m, "match.json.value", params, shown);
}

std::optional<bool> ElementMatches(const Matcher& m, const HtmlElement& element) {
  for (const auto& [name, regex] : m.attributes) {
    const std::string* value = element.Attribute(name);
    if (!value) return false;
    std::optional<bool> ok = RegexOk(regex, *value);
    if (!ok || !*ok) return ok;
  }
  if (m.text) return RegexOk(*m.text, element.text);
  return true;
}

MatchResult EvaluateHtml(const Matcher& m, const Response& r) {
  std::vector<HtmlElement> elements;
  std::string error;
  if (!FindHtmlElements(r.body, m.subject, &elements, &error)) return Unreadable(m, "HTML", error);
  int count = 0;
  std::string example;
  for (const HtmlElement& element : elements) {
    std::optional<bool> ok = ElementMatches(m, element);
    if (!ok) return RegexGaveUp(m);
    if (!*ok) continue;
    if (count++ == 0) example = element.text.empty() ? element.tag : element.text;
  }
  std::string observed = std::to_string(count) + " matching <" + m.subject + ">";
  if (count > 0) observed += ", e.g. '" + Shorten(example) + "'";
  return Judge(count >= m.count_min, m, "match.html",
               {{"element", m.subject},
                {"count", std::to_string(count)},
                {"min", std::to_string(m.count_min)}},
               observed);
}

MatchResult EvaluateHtmlText(const Matcher& m, const Response& r) {
  std::string text, error;
  if (!HtmlVisibleText(r.body, &text, &error)) return Unreadable(m, "HTML", error);
  std::string matched;
  Regex::Match found = m.matches->Search(text, &matched);
  if (found == Regex::Match::kGaveUp) return RegexGaveUp(m);
  return Judge(found == Regex::Match::kFound, m, "match.html_text", {},
               found == Regex::Match::kFound ? Shorten(matched) : "");
}

// "TLSv1.2" -> 12, "1.3" -> 13, "TLSv1" (OpenSSL's name for 1.0) -> 10; 0 when unknown.
int TlsRank(const std::string& version) {
  if (version == "TLSv1") return 10;
  size_t dot = version.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= version.size()) return 0;
  return (version[dot - 1] - '0') * 10 + (version[dot + 1] - '0');
}

MatchResult EvaluateTls(const Matcher& m, const Response& r) {
  std::vector<std::pair<std::string, std::string>> params = {{"expected", m.min_tls_version}};
  if (r.tls_version.empty()) return Judge(false, m, "match.tls.none", params, "no TLS");
  return Judge(TlsRank(r.tls_version) >= TlsRank(m.min_tls_version), m, "match.tls", params,
               r.tls_version);
}

// A redirect to HTTPS, by default to the same host (any port) and the same path and query:
// a plain-HTTP page sent to the HTTPS home page loses the address the user asked for.
MatchResult EvaluateHttpsRedirect(const Matcher& m, const Response& r, const Redactor& redactor) {
  std::vector<std::string> locations = r.HeaderValues("Location");
  if (!IsRedirectStatus(r.status) || locations.empty()) {
    return Judge(false, m, "match.https_redirect.none", {}, "HTTP " + std::to_string(r.status));
  }
  std::string target = ResolveUrl(r.effective_url, locations.front());
  std::string shown = redactor.Redact(target.substr(0, 200));
  std::optional<UrlParts> to = PartsOf(target);
  std::optional<UrlParts> from = PartsOf(r.effective_url);
  if (!to || !from) return Judge(false, m, "match.https_redirect.unreadable", {}, shown);
  if (to->scheme != "https") return Judge(false, m, "match.https_redirect.scheme", {}, shown);
  if (m.same_host && to->host != from->host) {
    return Judge(false, m, "match.https_redirect.host", {{"host", from->host}}, shown);
  }
  if (m.same_path && to->path_and_query != from->path_and_query) {
    return Judge(false, m, "match.https_redirect.path",
                 {{"path", redactor.Redact(from->path_and_query.substr(0, 200))}}, shown);
  }
  return Judge(true, m, "match.https_redirect", {}, shown);
}

// `all`: its members' checks, side by side; the one rule of docs/scoring.md combines them.
MatchResult All(const Matcher& m, const Response& r, const Redactor& redactor) {
  MatchResult out;
  for (const Matcher& child : m.children) {
    MatchResult result = Evaluate(child, r, &redactor);
    for (Check& check : result.checks) out.checks.push_back(std::move(check));
  }
  Combined combined = CombineChecks(out.checks);
  out.state = combined.state;
  if (out.state == State::kError && combined.decisive) out.error = combined.decisive->observed;
  return out;
}

// `any`: one check, passing when a member passes; else an error if one could not be
// judged, else failing.
MatchResult Any(const Matcher& m, const Response& r, const Redactor& redactor) {
  bool any_pass = false, any_error = false;
  std::string observed, error;
  for (const Matcher& child : m.children) {
    MatchResult result = Evaluate(child, r, &redactor);
    any_pass |= result.state == State::kPass;
    any_error |= result.state == State::kError;
    if (result.state == State::kError && error.empty()) error = result.error;
    for (const Check& check : result.checks) {
      observed += std::string(observed.empty() ? "" : "; ") + CheckStateName(check.state) + ": " +
                  check.expected + (check.observed.empty() ? "" : " -> " + check.observed);
    }
  }
  State state = any_pass ? State::kPass : any_error ? State::kError : State::kFail;
  MatchResult out = state == State::kError
                        ? Leaf(state, m, "match.any.error", {}, error)
                        : Judge(state == State::kPass, m, "match.any",
                                {{"count", std::to_string(m.children.size())}}, observed);
  if (state == State::kError) out.checks.back().observed = observed;
  return out;
}

// `not`: one check, the member's verdict reversed; an error stays an error.
MatchResult Not(const Matcher& m, const Response& r, const Redactor& redactor) {
  MatchResult inner = Evaluate(m.children.front(), r, &redactor);
  if (inner.state == State::kError) return inner;
  std::string observed;
  for (const Check& check : inner.checks) {
    observed += std::string(observed.empty() ? "" : "; ") + check.observed;
  }
  return Judge(inner.state == State::kFail, m, "match.not",
               {{"what", m.children.front().Describe()}}, observed);
}

}  // namespace

MatchResult Evaluate(const Matcher& m, const Response& r, const Redactor* redactor) {
  static const Redactor kBuiltinOnly;
  const Redactor& masks = redactor ? *redactor : kBuiltinOnly;
  switch (m.kind) {
    case Matcher::Kind::kStatus:
      return EvaluateStatus(m, r);
    case Matcher::Kind::kHeader:
      return EvaluateHeader(m, r, masks);
    case Matcher::Kind::kBody:
      return EvaluateBody(m, r);
    case Matcher::Kind::kXpath:
      return EvaluateXpath(m, r);
    case Matcher::Kind::kJson:
      return EvaluateJson(m, r);
    case Matcher::Kind::kHtml:
      return EvaluateHtml(m, r);
    case Matcher::Kind::kHtmlText:
      return EvaluateHtmlText(m, r);
    case Matcher::Kind::kTls:
      return EvaluateTls(m, r);
    case Matcher::Kind::kHttpsRedirect:
      return EvaluateHttpsRedirect(m, r, masks);
    case Matcher::Kind::kAll:
      return All(m, r, masks);
    case Matcher::Kind::kAny:
      return Any(m, r, masks);
    case Matcher::Kind::kNot:
      return Not(m, r, masks);
  }
  return {};
}

namespace {

std::string RegexText(const std::optional<Regex>& re) { return "/" + re->pattern() + "/"; }

// " present", " equals 'x'", " matches /re/": what a header or JSON matcher tests.
std::string ValueTests(const Matcher& m) {
  std::string tests;
  if (m.exists) tests += *m.exists ? " present" : " absent";
  if (m.equals) tests += " equals '" + *m.equals + "'";
  if (m.matches) tests += " matches " + RegexText(m.matches);
  return tests;
}

std::string DescribeHtml(const Matcher& m) {
  std::ostringstream out;
  out << "at least " << m.count_min << " <" << m.subject << ">";
  for (const auto& [name, re] : m.attributes) out << " " << name << "=/" << re.pattern() << "/";
  if (m.text) out << " with text " << RegexText(m.text);
  return out.str();
}

std::string DescribeXpath(const Matcher& m) {
  std::string test = m.exists ? (*m.exists ? " selects a node" : " selects nothing")
                              : " text matches " + RegexText(m.matches);
  return "XPath " + m.subject + test;
}

}  // namespace

std::string Matcher::Describe() const {
  switch (kind) {
    case Kind::kStatus:
      return "status in " + JoinStatuses(statuses);
    case Kind::kHeader:
      return "header " + subject + ValueTests(*this);
    case Kind::kBody:
      return "body " + (equals ? "contains '" + *equals + "'" : "matches " + RegexText(matches));
    case Kind::kXpath:
      return DescribeXpath(*this);
    case Kind::kJson:
      return "JSON " + subject + ValueTests(*this);
    case Kind::kHtml:
      return DescribeHtml(*this);
    case Kind::kHtmlText:
      return "page text matches " + RegexText(matches);
    case Kind::kTls:
      return "TLS version >= " + min_tls_version;
    case Kind::kHttpsRedirect:
      return std::string("redirect to https://") + (same_host ? "the same host" : "any host") +
             (same_path ? ", same path and query" : "");
    case Kind::kAll:
      return "all of " + std::to_string(children.size()) + " conditions";
    case Kind::kAny:
      return "any of " + std::to_string(children.size()) + " conditions";
    case Kind::kNot:
      return "not (" + children.front().Describe() + ")";
  }
  return "";
}

}  // namespace sdetcheck
