#include "probe/matcher_parser.h"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace sdetcheck {
namespace {

using Kind = Matcher::Kind;

const std::vector<std::pair<std::string, Kind>> kMatcherKeys = {
    {"status", Kind::kStatus},
    {"header", Kind::kHeader},
    {"body", Kind::kBody},
    {"xpath", Kind::kXpath},
    {"json", Kind::kJson},
    {"html", Kind::kHtml},
    {"html_text", Kind::kHtmlText},
    {"tls", Kind::kTls},
    {"https_redirect", Kind::kHttpsRedirect},
    {"all", Kind::kAll},
    {"any", Kind::kAny},
    {"not", Kind::kNot}};

std::vector<std::string> MatcherNames() {
  std::vector<std::string> names;
  names.reserve(kMatcherKeys.size());
  for (const auto& [name, kind] : kMatcherKeys) names.push_back(name);
  return names;
}

// ${...} is expanded only in literal values (equals, contains): in a pattern, an expression
// or a name a value could change the meaning, so it is refused rather than left literal.
bool RefuseVariable(YamlReader& r, const YamlNode& at, const std::string& text,
                    const std::string& where) {
  if (text.find("${") == std::string::npos) return false;
  r.Error(
      at, where + ": ${...} is not expanded here",
      "variables are expanded in 'equals' and 'contains' only; compare the value with one of them");
  return true;
}

std::optional<Regex> CompileAt(YamlReader& r, const YamlNode& map, const std::string& key,
                               const std::string& what, bool required) {
  std::optional<std::string> pattern = r.String(map, key, required, what);
  if (!pattern || RefuseVariable(r, map[key], *pattern, what + "." + key)) return std::nullopt;
  std::string error;
  std::optional<Regex> regex = Regex::Compile(*pattern, &error);
  if (!regex) r.Error(map[key], what + "." + key + ": " + error);
  return regex;
}

bool ParseStatus(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  std::vector<YamlNode> values;
  if (node.IsScalar()) values.push_back(node);
  if (node.IsSequence()) {
    for (const YamlNode& v : node.Elements()) values.push_back(v);
  }
  if (values.empty()) {
    r.Error(node, what + ": expected a status code or a list of them, e.g. [301, 308]");
    return false;
  }
  for (const YamlNode& v : values) {
    std::optional<long> code = v.Integer();
    bool ok = code && *code >= 100 && *code <= 599;
    if (!ok) {
      r.Error(v, what + ": '" + (v.IsScalar() ? v.Scalar() : "?") + "' is not an HTTP status code");
      return false;
    }
    m->statuses.push_back(*code);
  }
  return true;
}

// Checks that exactly one of `keys` is present (and at least one).
bool ExactlyOne(YamlReader& r, const YamlNode& node, const std::vector<std::string>& keys,
                const std::string& what) {
  int present = 0;
  for (const std::string& k : keys) present += node[k] ? 1 : 0;
  if (present == 1) return true;
  std::string list;
  for (const std::string& k : keys) list += (list.empty() ? "" : ", ") + k;
  r.Error(node, what + ": expected exactly one of: " + list);
  return false;
}

bool ParseHeaderLike(YamlReader& r, const YamlNode& node, const std::string& what,
                     const std::string& subject_key, Matcher* m) {
  if (!r.ExpectMap(node, what)) return false;
  r.CheckKeys(node, {subject_key, "exists", "matches", "equals"}, what);
  std::optional<std::string> subject = r.String(node, subject_key, true, what);
  if (!subject || !ExactlyOne(r, node, {"exists", "matches", "equals"}, what)) return false;
  if (RefuseVariable(r, node[subject_key], *subject, what + "." + subject_key)) return false;
  m->subject = *subject;
  m->exists = r.Boolean(node, "exists", false, what);
  m->equals = r.String(node, "equals", false, what);
  m->matches = CompileAt(r, node, "matches", what, false);
  return m->exists || m->equals || m->matches;
}

bool ParseBody(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (!r.ExpectMap(node, what)) return false;
  r.CheckKeys(node, {"contains", "matches"}, what);
  if (!ExactlyOne(r, node, {"contains", "matches"}, what)) return false;
  m->equals = r.String(node, "contains", false, what);
  m->matches = CompileAt(r, node, "matches", what, false);
  return m->equals || m->matches;
}

bool ParseXpath(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (!r.ExpectMap(node, what)) return false;
  r.CheckKeys(node, {"expr", "exists", "matches"}, what);
  std::optional<std::string> expr = r.String(node, "expr", true, what);
  if (!expr || !ExactlyOne(r, node, {"exists", "matches"}, what)) return false;
  if (RefuseVariable(r, node["expr"], *expr, what + ".expr")) return false;
  try {
    pugi::xpath_query query(expr->c_str());
  } catch (const pugi::xpath_exception& e) {
    r.Error(node["expr"], what + ".expr: invalid XPath: " + e.what());
    return false;
  }
  m->subject = *expr;
  m->exists = r.Boolean(node, "exists", false, what);
  m->matches = CompileAt(r, node, "matches", what, false);
  return m->exists || m->matches;
}

bool ParseJson(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (!ParseHeaderLike(r, node, what, "pointer", m)) return false;
  try {
    nlohmann::json::json_pointer pointer(m->subject);
  } catch (const nlohmann::json::exception& e) {
    r.Error(node["pointer"],
            what + ".pointer: invalid JSON pointer '" + m->subject + "' (expected e.g. /issuer)");
    return false;
  }
  return true;
}

bool ParseHtml(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (!r.ExpectMap(node, what)) return false;
  r.CheckKeys(node, {"element", "attr", "text", "count_min"}, what);
  std::optional<std::string> element = r.String(node, "element", true, what);
  if (!element || RefuseVariable(r, node["element"], *element, what + ".element")) return false;
  m->subject = *element;
  for (const auto& [name, pattern] : r.StringMap(node, "attr", what)) {
    if (RefuseVariable(r, node["attr"][name], name + pattern, what + ".attr." + name)) return false;
    std::string error;
    std::optional<Regex> regex = Regex::Compile(pattern, &error);
    if (!regex) {
      r.Error(node["attr"][name], what + ".attr." + name + ": " + error);
      return false;
    }
    m->attributes.emplace_back(name, *regex);
  }
  m->text = CompileAt(r, node, "text", what, false);
  if (node["text"] && !m->text) return false;
  m->count_min = static_cast<int>(r.Integer(node, "count_min", false, what).value_or(1));
  return true;
}

bool ParseHtmlText(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (!r.ExpectMap(node, what)) return false;
  r.CheckKeys(node, {"matches"}, what);
  m->matches = CompileAt(r, node, "matches", what, true);
  return m->matches.has_value();
}

bool ParseTls(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (!r.ExpectMap(node, what)) return false;
  r.CheckKeys(node, {"min_version"}, what);
  std::optional<std::string> version =
      r.Enum(node, "min_version", {"1.0", "1.1", "1.2", "1.3"}, true, what);
  if (version) m->min_tls_version = *version;
  return version.has_value();
}

bool ParseHttpsRedirect(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (!r.ExpectMap(node, what)) return false;
  r.CheckKeys(node, {"same_host", "same_path"}, what);
  m->same_host = r.Boolean(node, "same_host", false, what).value_or(true);
  m->same_path = r.Boolean(node, "same_path", false, what).value_or(true);
  return true;
}

bool ParseChildren(YamlReader& r, const YamlNode& node, const std::string& what, Matcher* m) {
  if (m->kind == Kind::kNot) {
    std::optional<Matcher> child = ParseMatcher(r, node, what);
    if (child) m->children.push_back(*child);
    return child.has_value();
  }
  if (!r.ExpectSequence(node, what)) return false;
  if (node.size() == 0) {
    r.Error(node, what + ": needs at least one matcher");
    return false;
  }
  bool ok = true;
  for (const YamlNode& entry : node.Elements()) {
    std::optional<Matcher> child = ParseMatcher(r, entry, what);
    if (child) m->children.push_back(*child);
    ok = ok && child.has_value();
  }
  return ok;
}

std::optional<Kind> KindNamed(const std::string& key) {
  for (const auto& [name, kind] : kMatcherKeys) {
    if (name == key) return kind;
  }
  return std::nullopt;
}

// Parses the body of a matcher whose kind is already set in *m.
bool ParseBodyOf(YamlReader& r, const YamlNode& body, const std::string& where, Matcher* m) {
  switch (m->kind) {
    case Kind::kStatus:
      return ParseStatus(r, body, where, m);
    case Kind::kHeader:
      return ParseHeaderLike(r, body, where, "name", m);
    case Kind::kBody:
      return ParseBody(r, body, where, m);
    case Kind::kXpath:
      return ParseXpath(r, body, where, m);
    case Kind::kJson:
      return ParseJson(r, body, where, m);
    case Kind::kHtml:
      return ParseHtml(r, body, where, m);
    case Kind::kHtmlText:
      return ParseHtmlText(r, body, where, m);
    case Kind::kTls:
      return ParseTls(r, body, where, m);
    case Kind::kHttpsRedirect:
      return ParseHttpsRedirect(r, body, where, m);
    case Kind::kAll:
    case Kind::kAny:
    case Kind::kNot:
      return ParseChildren(r, body, where, m);
  }
  return false;
}

}  // namespace

std::optional<Matcher> ParseMatcher(YamlReader& r, const YamlNode& node, const std::string& what) {
  if (!r.ExpectMap(node, what + " (a matcher)")) return std::nullopt;
  if (node.size() != 1) {
    r.Error(node, what + ": a matcher has exactly one key; combine several with all/any");
    return std::nullopt;
  }
  YamlNode::Entry entry = node.Entries().front();
  std::string key = entry.key.Scalar();
  std::optional<Kind> kind = KindNamed(key);
  if (!kind) {
    r.CheckKeys(node, MatcherNames(), what);
    return std::nullopt;
  }
  Matcher m;
  m.kind = *kind;
  if (!ParseBodyOf(r, entry.value, what + "." + key, &m)) return std::nullopt;
  return m;
}

}  // namespace sdetcheck
