#include "html/document.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

namespace sdetcheck {
namespace {

using Output = std::unique_ptr<GumboOutput, void (*)(GumboOutput*)>;

GumboOptions ParseOptions() {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // gumbo copies the open-element stack for every error it records
  return options;
}

Output Parse(const std::string& html) {
  static const GumboOptions kOptions = ParseOptions();
  return Output(gumbo_parse_with_options(&kOptions, html.data(), html.size()),
                [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
}

std::string TagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data, piece.length);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

bool IsHiddenContainer(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  GumboTag tag = node->v.element.tag;
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE ||
         tag == GUMBO_TAG_NOSCRIPT;
}

// Iterative walks: hostile pages can nest elements deeper than the stack allows.
void PushChildren(const GumboNode* node, std::vector<const GumboNode*>* stack) {
  const GumboVector& children = node->v.element.children;
  for (unsigned i = children.length; i > 0; --i) {
    stack->push_back(static_cast<const GumboNode*>(children.data[i - 1]));
  }
}

void AppendText(const GumboNode* root, bool visible_only, std::string* out) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      *out += node->v.text.text;
      *out += ' ';
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    if (visible_only && IsHiddenContainer(node)) continue;
    PushChildren(node, &stack);
  }
}

std::string CollapseWhitespace(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

HtmlElement Describe(const GumboNode* node, std::string name) {
  const GumboElement& element = node->v.element;
  HtmlElement found;
  found.tag = std::move(name);
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    found.attributes.emplace_back(attribute->name, attribute->value);
  }
  std::string text;
  AppendText(node, false, &text);
  found.text = CollapseWhitespace(text);
  return found;
}

void Collect(const GumboNode* root, const std::string& tag, std::vector<HtmlElement>* out) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    std::string name = TagName(node->v.element);
    if (tag == "*" || name == tag) out->push_back(Describe(node, name));
    PushChildren(node, &stack);
  }
}

std::string AttributeOf(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute ? attribute->value : "";
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

HtmlForm DescribeForm(const GumboNode* form) {
  HtmlForm out;
  out.action = AttributeOf(form->v.element, "action");
  out.method = Lower(AttributeOf(form->v.element, "method"));
  if (out.method.empty()) out.method = "get";
  std::vector<const GumboNode*> stack = {form};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (node->v.element.tag == GUMBO_TAG_INPUT) {
      HtmlInput input{AttributeOf(node->v.element, "name"), Lower(AttributeOf(node->v.element, "type")),
                      AttributeOf(node->v.element, "value")};
      if (input.type.empty()) input.type = "text";
      out.inputs.push_back(input);
    }
    PushChildren(node, &stack);
  }
  return out;
}

struct TagCensus {
  size_t tags = 0;
  size_t attributes = 0;
  size_t most_attributes = 0;  // on one element
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Attributes of the start tag whose name begins at `i` (just after '<'), following the
// attribute states of the HTML tokenizer (WHATWG §13.2.5.32-40) only as far as counting
// needs. Returns the index of the tag's closing '>' (or the end).
size_t CountAttributes(const std::string& html, size_t i, size_t* count) {
  enum class State { kTagName, kBeforeName, kName, kAfterName, kBeforeValue, kQuoted, kUnquoted };
  State state = State::kTagName;
  char quote = 0;
  for (; i < html.size(); ++i) {
    char c = html[i];
    switch (state) {
      case State::kTagName:
        if (c == '>') return i;
        if (IsSpace(c) || c == '/') state = State::kBeforeName;
        break;
      case State::kBeforeName:
        if (c == '>') return i;
        if (!IsSpace(c) && c != '/') ++*count, state = State::kName;
        break;
      case State::kName:
        if (c == '>') return i;
        if (IsSpace(c)) state = State::kAfterName;
        else if (c == '/') state = State::kBeforeName;
        else if (c == '=') state = State::kBeforeValue;
        break;
      case State::kAfterName:
        if (c == '>') return i;
        if (c == '/') state = State::kBeforeName;
        else if (c == '=') state = State::kBeforeValue;
        else if (!IsSpace(c)) ++*count, state = State::kName;
        break;
      case State::kBeforeValue:
        if (c == '>') return i;
        if (c == '"' || c == '\'') quote = c, state = State::kQuoted;
        else if (!IsSpace(c)) state = State::kUnquoted;
        break;
      case State::kQuoted:
        if (c == quote) state = State::kBeforeName;
        break;
      case State::kUnquoted:
        if (c == '>') return i;
        if (IsSpace(c)) state = State::kBeforeName;
        break;
    }
  }
  return i;
}

// A linear pre-scan, so that the limits are known before gumbo does any work.
TagCensus CountTags(const std::string& html) {
  TagCensus census;
  for (size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    if (html[i + 1] == '/' || html[i + 1] == '!' || html[i + 1] == '?') {
      ++census.tags;
      continue;
    }
    if (!IsAsciiLetter(html[i + 1])) continue;
    ++census.tags;
    size_t attributes = 0;
    i = CountAttributes(html, i + 1, &attributes);
    census.attributes += attributes;
    census.most_attributes = std::max(census.most_attributes, attributes);
  }
  return census;
}

}  // namespace

const HtmlInput* HtmlForm::FirstOfType(const std::string& type) const {
  for (const HtmlInput& input : inputs) {
    if (input.type == type) return &input;
  }
  return nullptr;
}

bool FindHtmlForms(const std::string& html, std::vector<HtmlForm>* forms, std::string* error) {
  if (*error = HtmlBeyondLimits(html); !error->empty()) return false;
  Output output = Parse(html);
  std::vector<const GumboNode*> stack = {output->root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (node->v.element.tag == GUMBO_TAG_FORM) forms->push_back(DescribeForm(node));
    PushChildren(node, &stack);
  }
  return true;
}

const std::string* HtmlElement::Attribute(const std::string& name) const {
  for (const auto& [n, v] : attributes) {
    if (n == name) return &v;
  }
  return nullptr;
}

bool FindHtmlElements(const std::string& html, const std::string& tag,
                      std::vector<HtmlElement>* elements, std::string* error) {
  if (*error = HtmlBeyondLimits(html); !error->empty()) return false;
  Output output = Parse(html);
  Collect(output->root, tag, elements);
  return true;
}

bool HtmlVisibleText(const std::string& html, std::string* text, std::string* error) {
  if (*error = HtmlBeyondLimits(html); !error->empty()) return false;
  Output output = Parse(html);
  std::string raw;
  AppendText(output->root, true, &raw);
  *text = CollapseWhitespace(raw);
  return true;
}

std::string HtmlBeyondLimits(const std::string& html) {
  if (html.size() > kMaxHtmlBytes) {
    return "the page (" + std::to_string(html.size()) + " bytes) is larger than sdetcheck analyses as HTML (" +
           std::to_string(kMaxHtmlBytes >> 20) + " MiB)";
  }
  TagCensus census = CountTags(html);
  if (census.tags > kMaxHtmlTags) {
    return "the page has more than " + std::to_string(kMaxHtmlTags) +
           " tags, beyond what sdetcheck analyses as HTML (real portals have fewer than 10,000)";
  }
  if (census.most_attributes > kMaxHtmlAttributesPerElement) {
    return "an element of the page has " + std::to_string(census.most_attributes) +
           " attributes, beyond what sdetcheck analyses as HTML (" +
           std::to_string(kMaxHtmlAttributesPerElement) + " per element)";
  }
  if (census.attributes > kMaxHtmlAttributes) {
    return "the page has " + std::to_string(census.attributes) +
           " attributes, beyond what sdetcheck analyses as HTML (" +
           std::to_string(kMaxHtmlAttributes) + ")";
  }
  return "";
}

}  // namespace sdetcheck
