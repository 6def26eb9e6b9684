#include "probe/cas_validation.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "util/text.h"
#include "xml/names.h"

namespace sdetcheck {
namespace {

constexpr const char* kCasNamespace = "http://www.yale.edu/tp/cas";
constexpr size_t kMaxAnswerBytes = 1 << 20;
constexpr size_t kMaxUserBytes = 256;
constexpr size_t kMaxAttributeValueBytes = 4096;
constexpr int kMaxDepth = 64;

// Comments, processing instructions and DOCTYPEs become nodes so that they can be refused;
// parse_fragment keeps text outside the root element for the same reason. Without
// parse_escapes references stay as written, so undeclared entities can be found.
constexpr unsigned kRawParse = pugi::parse_cdata | pugi::parse_wconv_attribute | pugi::parse_eol |
                               pugi::parse_comments | pugi::parse_pi | pugi::parse_doctype |
                               pugi::parse_declaration | pugi::parse_fragment;
constexpr unsigned kEscapedParse = kRawParse | pugi::parse_escapes;

CasValidation Malformed(const std::string& problem) {
  CasValidation v;
  v.problem = "CAS answer rejected: " + problem;
  return v;
}

std::string Trimmed(const std::string& s) {
  size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string Formatted(const char* format, unsigned value) {
  char text[16];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string Tag(const pugi::xml_node& element) { return "<" + std::string(element.name()) + ">"; }

// Checks shared by CAS 1 and XML identities: the user name and the failure code.
bool CheckIdentifier(const std::string& text, const std::string& label, std::string* problem) {
  if (text.empty()) {
    *problem = label + " is empty";
  } else if (text.size() > kMaxUserBytes) {
    *problem = label + " is " + std::to_string(text.size()) + " bytes, more than " +
               std::to_string(kMaxUserBytes);
  } else if (std::optional<char32_t> control = FirstControlCharacter(text)) {
    *problem = label + " contains control character " + Formatted("U+%04X", *control);
  } else {
    return true;
  }
  return false;
}

bool CheckUtf8(const std::string& body, std::string* problem) {
  size_t invalid = 0;
  if (IsValidUtf8(body, &invalid)) return true;
  *problem = "invalid UTF-8 at byte " + std::to_string(invalid);
  return false;
}

CasValidation ParseVersion1(const std::string& body) {
  std::string problem;
  if (!CheckUtf8(body, &problem)) return Malformed(problem);
  CasValidation v;
  if (body == "no\n" || body == "no\n\n") {
    v.status = CasValidation::Status::kFailure;
    return v;
  }
  if (body.rfind("no\n", 0) == 0) {
    return Malformed("unexpected text after \"no\" in a CAS 1 answer");
  }
  if (body.rfind("yes\n", 0) != 0) {
    return Malformed("a CAS 1 answer starts with \"yes\\n\" or \"no\\n\"");
  }
  size_t end_of_user = body.find('\n', 4);
  if (end_of_user == std::string::npos) {
    return Malformed("no newline after the CAS 1 user (truncated?)");
  }
  if (end_of_user + 1 != body.size()) {
    return Malformed("more than one line after \"yes\" in a CAS 1 answer");
  }
  v.user = body.substr(4, end_of_user - 4);
  if (!CheckIdentifier(v.user, "the CAS 1 user", &problem)) return Malformed(problem);
  v.status = CasValidation::Status::kSuccess;
  return v;
}

// Size, encoding and the characters XML 1.0 forbids, before any parsing.
bool CheckBytes(const std::string& body, std::string* problem) {
  if (body.size() > kMaxAnswerBytes) {
    *problem = std::to_string(body.size()) + " bytes, larger than the " +
               std::to_string(kMaxAnswerBytes) + "-byte limit";
    return false;
  }
  if (!CheckUtf8(body, problem)) return false;
  for (size_t i = 0; i < body.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      *problem = "control character " + Formatted("0x%02X", c) + " at byte " + std::to_string(i) +
                 " (not allowed in XML)";
      return false;
    }
  }
  return true;
}

bool Load(const std::string& body, unsigned flags, pugi::xml_document* doc, std::string* problem) {
  pugi::xml_parse_result parsed =
      doc->load_buffer(body.data(), body.size(), flags, pugi::encoding_utf8);
  if (parsed) return true;
  *problem = std::string("not well-formed XML: ") + parsed.description() + " at byte " +
             std::to_string(parsed.offset);
  return false;
}

bool IsXmlChar(unsigned long c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// "#233" or "#xE9" -> the code point; nullopt when not a character reference.
std::optional<unsigned long> CharacterReference(std::string_view name) {
  if (name.size() < 2 || name[0] != '#') return std::nullopt;
  bool hex = name[1] == 'x';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return std::nullopt;
  unsigned long code = 0;
  for (char d : digits) {
    int value = d >= '0' && d <= '9'          ? d - '0'
                : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
                                              : -1;
    if (value < 0) return std::nullopt;
    code = code * (hex ? 16 : 10) + value;
    if (code > 0x10FFFF) code = 0x110000;  // out of range whatever follows; no overflow
  }
  return code;
}

bool IsEntityName(std::string_view name) {
  auto is_start = [](unsigned char c) {
    return std::isalpha(c) || c == '_' || c == ':' || c >= 0x80;
  };
  if (name.empty() || !is_start(name[0])) return false;
  for (unsigned char c : name) {
    if (!is_start(c) && !std::isdigit(c) && c != '-' && c != '.') return false;
  }
  return true;
}

bool IsReferenceByte(unsigned char c) {
  return std::isalnum(c) || c == '#' || c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80;
}

// Every '&' in raw (unescaped) text must start a predefined entity or a character
// reference to an XML character; pugixml would leave any other reference as text.
bool CheckReferences(std::string_view text, const std::string& where, std::string* problem) {
  for (size_t amp = text.find('&'); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
    size_t end = amp + 1;
    while (end < text.size() && IsReferenceByte(static_cast<unsigned char>(text[end]))) ++end;
    std::string_view name = text.substr(amp + 1, end - amp - 1);
    if (end == text.size() || text[end] != ';') {
      *problem = "a '&' " + where + " starts no valid reference";
      return false;
    }
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") continue;
    std::string reference = "'&" + std::string(name) + ";'";
    if (std::optional<unsigned long> code = CharacterReference(name)) {
      if (IsXmlChar(*code)) continue;
      *problem =
          "character reference " + reference + " " + where + " is not an allowed XML character";
    } else if (IsEntityName(name)) {
      *problem = "entity reference " + reference + " " + where +
                 "; only &amp; &lt; &gt; &quot; &apos; and character references are allowed";
    } else {
      *problem = "a '&' " + where + " starts no valid reference";
    }
    return false;
  }
  return true;
}

bool CheckElement(const pugi::xml_node& element, int depth, std::string* problem) {
  if (depth > kMaxDepth) {
    *problem = "elements nested deeper than " + std::to_string(kMaxDepth) + " levels";
    return false;
  }
  // pugixml keeps both copies of a repeated attribute: with two xmlns:cas the namespace
  // would depend on which one a reader looks at.
  std::unordered_set<std::string_view> names;
  for (pugi::xml_attribute attribute : element.attributes()) {
    if (!names.insert(attribute.name()).second) {
      *problem =
          "attribute '" + std::string(attribute.name()) + "' appears twice on " + Tag(element);
      return false;
    }
    std::string where = "in attribute '" + std::string(attribute.name()) + "' of " + Tag(element);
    if (!CheckReferences(attribute.value(), where, problem)) return false;
  }
  return true;
}

bool CheckNode(const pugi::xml_node& node, int depth, std::string* problem) {
  switch (node.type()) {
    case pugi::node_doctype:
      *problem = "a DOCTYPE is not allowed (no DTD or entity is ever processed)";
      return false;
    case pugi::node_element:
      return CheckElement(node, depth, problem);
    case pugi::node_pcdata: {
      pugi::xml_node parent = node.parent();
      std::string where =
          parent.type() == pugi::node_element ? "in " + Tag(parent) : "outside the root element";
      return CheckReferences(node.value(), where, problem);
    }
    default:
      return true;
  }
}

// Checks every node of the raw (unescaped) document in document order. Iterative, not
// recursive: the nesting depth is the server's to choose.
bool CheckRawDocument(const pugi::xml_document& raw, std::string* problem) {
  pugi::xml_node node = raw.first_child();
  int depth = 1;
  while (node) {
    if (!CheckNode(node, depth, problem)) return false;
    if (node.first_child()) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (node && !node.next_sibling()) {
      node = node.parent();
      --depth;
    }
    if (node) node = node.next_sibling();
  }
  return true;
}

bool IsUtf8Name(std::string encoding) {
  for (char& c : encoding) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return encoding == "UTF-8";
}

// The single root element, after the optional declaration, comments and processing
// instructions.
bool FindRoot(const pugi::xml_document& doc, pugi::xml_node* root, std::string* problem) {
  int roots = 0;
  for (pugi::xml_node node : doc.children()) {
    if (node.type() == pugi::node_declaration) {
      if (node != doc.first_child()) {
        *problem = "an XML declaration must come first";
        return false;
      }
      pugi::xml_attribute encoding = node.attribute("encoding");
      if (encoding && !IsUtf8Name(encoding.value())) {
        *problem = "the XML declaration names encoding '" + std::string(encoding.value()) +
                   "'; CAS answers are read as UTF-8";
        return false;
      }
    } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      *problem = "text outside the root element";
      return false;
    } else if (node.type() == pugi::node_element) {
      if (roots++ == 0) *root = node;
    }
  }
  if (roots == 0) *problem = "no root element";
  if (roots > 1) {
    *problem = std::to_string(roots) + " root elements, expected exactly one <cas:serviceResponse>";
  }
  return roots == 1;
}

bool CheckCasNamespace(const pugi::xml_node& element, std::string* problem) {
  std::optional<std::string> ns = XmlNamespaceOf(element);
  if (ns == kCasNamespace) return true;
  std::string name = "<" + std::string(XmlLocalName(element)) + ">";
  if (!ns) {
    std::string prefix = XmlPrefix(element);
    *problem = name + " uses the prefix '" + prefix + "', declared by no xmlns:" + prefix;
  } else if (ns->empty()) {
    *problem = name + " is in no namespace, expected " + kCasNamespace;
  } else {
    *problem = name + " is in namespace '" + *ns + "', expected " + kCasNamespace;
  }
  return false;
}

// The children of `parent` with that local name; every one must be in the CAS namespace,
// since a client matching local names only would take it for the CAS element.
bool CasChildren(const pugi::xml_node& parent, const char* local_name,
                 std::vector<pugi::xml_node>* found, std::string* problem) {
  *found = XmlChildren(parent, local_name);
  for (const pugi::xml_node& child : *found) {
    if (!CheckCasNamespace(child, problem)) return false;
  }
  return true;
}

std::string ExpectedOne(size_t count, const char* local_name) {
  return std::to_string(count) + " <cas:" + local_name + "> elements, expected exactly one";
}

std::string Describe(const pugi::xml_node& node) {
  if (node.type() == pugi::node_comment) return "a comment";
  if (node.type() == pugi::node_pi) return "a processing instruction";
  return "an element " + Tag(node);
}

// The trimmed text of an element that must hold text only: a comment, processing
// instruction or element inside would let parsers disagree on the value.
bool ReadText(const pugi::xml_node& element, const std::string& label, const std::string& what,
              std::string* text, std::string* problem) {
  std::string joined;
  for (pugi::xml_node child : element.children()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) {
      *problem = label + " contains " + Describe(child) + "; " + what + " cannot be trusted";
      return false;
    }
    joined += child.value();
  }
  *text = Trimmed(joined);
  return true;
}

bool ReadAttributes(const pugi::xml_node& block,
                    std::map<std::string, std::vector<std::string>>* attributes,
                    std::string* problem) {
  for (pugi::xml_node attribute : block.children()) {
    if (attribute.type() != pugi::node_element) continue;
    std::string value;
    if (!ReadText(attribute, Tag(attribute), "the attribute value", &value, problem)) return false;
    if (value.size() > kMaxAttributeValueBytes) {
      *problem = Tag(attribute) + " is " + std::to_string(value.size()) + " bytes, more than " +
                 std::to_string(kMaxAttributeValueBytes);
      return false;
    }
    (*attributes)[XmlLocalName(attribute)].push_back(value);
  }
  return true;
}

CasValidation ReadSuccess(const pugi::xml_node& success) {
  std::string problem;
  std::vector<pugi::xml_node> users, blocks, pgts;
  if (!CasChildren(success, "user", &users, &problem) ||
      !CasChildren(success, "attributes", &blocks, &problem) ||
      !CasChildren(success, "proxyGrantingTicket", &pgts, &problem)) {
    return Malformed(problem);
  }
  if (users.empty()) return Malformed("no <cas:user> in <cas:authenticationSuccess>");
  if (users.size() > 1) return Malformed(ExpectedOne(users.size(), "user"));
  if (blocks.size() > 1) {
    return Malformed(std::to_string(blocks.size()) +
                     " <cas:attributes> elements, expected at most one");
  }
  CasValidation v;
  if (!ReadText(users[0], "<cas:user>", "the user name", &v.user, &problem) ||
      !CheckIdentifier(v.user, "<cas:user>", &problem) ||
      (!blocks.empty() && !ReadAttributes(blocks[0], &v.attributes, &problem))) {
    return Malformed(problem);
  }
  for (const pugi::xml_node& pgt : pgts) {
    v.proxy_granting_ticket = v.proxy_granting_ticket || !Trimmed(pgt.text().get()).empty();
  }
  v.status = CasValidation::Status::kSuccess;
  return v;
}

CasValidation ReadFailure(const pugi::xml_node& failure) {
  pugi::xml_attribute code = failure.attribute("code");
  if (!code) return Malformed("<cas:authenticationFailure> has no code attribute");
  CasValidation v;
  v.failure_code = Trimmed(code.value());
  std::string problem;
  if (!CheckIdentifier(v.failure_code, "the code attribute of <cas:authenticationFailure>",
                       &problem)) {
    return Malformed(problem);
  }
  v.status = CasValidation::Status::kFailure;
  return v;
}

CasValidation ReadServiceResponse(const pugi::xml_node& root) {
  std::string problem;
  if (std::strcmp(XmlLocalName(root), "serviceResponse") != 0) {
    return Malformed("the root element is " + Tag(root) + ", expected <cas:serviceResponse>");
  }
  std::vector<pugi::xml_node> successes, failures;
  if (!CheckCasNamespace(root, &problem) ||
      !CasChildren(root, "authenticationSuccess", &successes, &problem) ||
      !CasChildren(root, "authenticationFailure", &failures, &problem)) {
    return Malformed(problem);
  }
  if (!successes.empty() && !failures.empty()) {
    return Malformed(
        "both <cas:authenticationSuccess> and <cas:authenticationFailure>, expected exactly one");
  }
  if (successes.empty() && failures.empty()) {
    return Malformed(
        "neither <cas:authenticationSuccess> nor <cas:authenticationFailure> in "
        "<cas:serviceResponse>");
  }
  if (successes.size() > 1) {
    return Malformed(ExpectedOne(successes.size(), "authenticationSuccess"));
  }
  if (failures.size() > 1) {
    return Malformed(ExpectedOne(failures.size(), "authenticationFailure"));
  }
  return successes.empty() ? ReadFailure(failures[0]) : ReadSuccess(successes[0]);
}

CasValidation ParseServiceResponse(const std::string& body) {
  std::string problem;
  pugi::xml_document raw;
  if (!CheckBytes(body, &problem) || !Load(body, kRawParse, &raw, &problem) ||
      !CheckRawDocument(raw, &problem)) {
    return Malformed(problem);
  }
  // Same tree as `raw`, with the (now known to be harmless) references replaced.
  pugi::xml_document doc;
  pugi::xml_node root;
  if (!Load(body, kEscapedParse, &doc, &problem) || !FindRoot(doc, &root, &problem)) {
    return Malformed(problem);
  }
  return ReadServiceResponse(root);
}

using nlohmann::json;

bool JsonScalarText(const json& value, std::string* text) {
  if (value.is_string()) {
    *text = value.get<std::string>();
  } else if (value.is_number() || value.is_boolean()) {
    *text = value.dump();
  } else {
    return false;
  }
  return true;
}

bool ReadJsonAttribute(const std::string& name, const json& value, CasValidation* v,
                       std::string* problem) {
  std::vector<json> items = value.is_array() ? value.get<std::vector<json>>() : std::vector{value};
  for (const json& item : items) {
    std::string text;
    if (!JsonScalarText(item, &text)) {
      *problem = "attribute '" + name + "' holds an object or a nested list";
      return false;
    }
    if (text.size() > kMaxAttributeValueBytes) {
      *problem = "attribute '" + name + "' is " + std::to_string(text.size()) +
                 " bytes, more than " + std::to_string(kMaxAttributeValueBytes);
      return false;
    }
    v->attributes[name].push_back(text);
  }
  return true;
}

CasValidation ReadJsonSuccess(const json& success) {
  CasValidation v;
  std::string problem;
  const json* user = success.is_object() && success.contains("user") ? &success["user"] : nullptr;
  if (!user || !user->is_string()) return Malformed("no string \"user\" in authenticationSuccess");
  v.user = Trimmed(user->get<std::string>());
  if (!CheckIdentifier(v.user, "the user", &problem)) return Malformed(problem);
  if (success.contains("attributes")) {
    const json& attributes = success["attributes"];
    if (!attributes.is_object()) return Malformed("\"attributes\" is not an object");
    for (const auto& [name, value] : attributes.items()) {
      if (!ReadJsonAttribute(name, value, &v, &problem)) return Malformed(problem);
    }
  }
  v.status = CasValidation::Status::kSuccess;
  return v;
}

CasValidation ReadJsonFailure(const json& failure) {
  CasValidation v;
  std::string problem;
  if (!failure.is_object() || !failure.contains("code") || !failure["code"].is_string()) {
    return Malformed("no string \"code\" in authenticationFailure");
  }
  v.failure_code = Trimmed(failure["code"].get<std::string>());
  if (!CheckIdentifier(v.failure_code, "the failure code", &problem)) return Malformed(problem);
  v.status = CasValidation::Status::kFailure;
  return v;
}

}  // namespace

bool LooksLikeJson(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{';
}

CasValidation ParseCasJsonValidation(const std::string& body) {
  std::string problem;
  if (body.size() > kMaxAnswerBytes) {
    return Malformed(std::to_string(body.size()) + " bytes, larger than the " +
                     std::to_string(kMaxAnswerBytes) + "-byte limit");
  }
  if (!CheckUtf8(body, &problem)) return Malformed(problem);
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) return Malformed("not valid JSON");
  if (!doc.is_object() || !doc.contains("serviceResponse") || !doc["serviceResponse"].is_object()) {
    return Malformed("no \"serviceResponse\" object");
  }
  const json& response = doc["serviceResponse"];
  bool success = response.contains("authenticationSuccess");
  bool failure = response.contains("authenticationFailure");
  if (success == failure) {
    return Malformed("expected exactly one of authenticationSuccess and authenticationFailure");
  }
  return success ? ReadJsonSuccess(response["authenticationSuccess"])
                 : ReadJsonFailure(response["authenticationFailure"]);
}

CasValidation ParseCasValidation(const std::string& body, int version) {
  return version == 1 ? ParseVersion1(body) : ParseServiceResponse(body);
}

}  // namespace sdetcheck
