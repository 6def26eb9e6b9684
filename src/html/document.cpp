#include "html/document.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <vector>

#include <gumbo.h>

#include "util/text.h"

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

size_t TreeDepth(const GumboNode* root);

// The page parsed, or null (and *error) when it is beyond the limits: checked before
// parsing by the pre-scan, and after it on the tree itself, in case the tree builder nested
// deeper than the pre-scan estimated (its teardown recurses per level).
Output ParseWithinLimits(const std::string& html, std::string* error) {
  Output none(nullptr, [](GumboOutput*) {});
  if (*error = HtmlBeyondLimits(html); !error->empty()) return none;
  Output output = Parse(html);
  if (size_t depth = TreeDepth(output->root); depth > 2 * kMaxHtmlDepth) {
    *error = "the page nests " + std::to_string(depth) +
             " elements deep, beyond what sdetcheck analyses as HTML";
    return none;
  }
  return output;
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

size_t TreeDepth(const GumboNode* root) {
  size_t deepest = 0;
  std::vector<std::pair<const GumboNode*, size_t>> stack = {{root, 1}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }
  return deepest;
}

// Appends the text under `root` until `*out` holds `max_bytes`.
void AppendText(const GumboNode* root, bool visible_only, size_t max_bytes, std::string* out) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty() && out->size() < max_bytes) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      std::string_view text = node->v.text.text;
      out->append(text.substr(0, max_bytes - out->size()));
      if (out->size() < max_bytes) *out += ' ';
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
  AppendText(node, false, kMaxHtmlElementText, &text);
  found.text = CollapseWhitespace(text);
  return found;
}

// False when the elements' texts together exceed kMaxHtmlCollectedText: nested elements
// each hold their descendants' text, so a deep page could otherwise fill the memory.
bool Collect(const GumboNode* root, const std::string& tag, std::vector<HtmlElement>* out) {
  std::vector<const GumboNode*> stack = {root};
  size_t collected = 0;
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    std::string name = TagName(node->v.element);
    if (tag == "*" || name == tag) {
      out->push_back(Describe(node, name));
      if ((collected += out->back().text.size()) > kMaxHtmlCollectedText) return false;
    }
    PushChildren(node, &stack);
  }
  return true;
}

// The text nodes directly under `node`, not its descendants'.
std::string OwnTextOf(const GumboNode* node) {
  std::string text;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length && text.size() < kMaxHtmlElementText; ++i) {
    auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
        child->type == GUMBO_NODE_CDATA) {
      text.append(
          std::string_view(child->v.text.text).substr(0, kMaxHtmlElementText - text.size()));
      text += ' ';
    }
  }
  return CollapseWhitespace(text);
}

HtmlTreeNode TreeNodeOf(const GumboNode* node, size_t parent) {
  const GumboElement& element = node->v.element;
  HtmlTreeNode out;
  out.parent = parent;
  out.element.tag = TagName(element);
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    out.element.attributes.emplace_back(attribute->name, attribute->value);
  }
  out.element.text = OwnTextOf(node);
  return out;
}

std::string AttributeOf(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute ? attribute->value : "";
}

bool HasAttribute(const GumboElement& element, const char* name) {
  return gumbo_get_attribute(&element.attributes, name) != nullptr;
}

std::string TextOf(const GumboNode* node) {
  std::string text;
  AppendText(node, false, kMaxHtmlElementText, &text);
  return CollapseWhitespace(text);
}

// A <textarea>'s raw text (the parser already dropped its first newline).
std::string RawTextOf(const GumboNode* node) {
  std::string text;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length && text.size() < kMaxHtmlElementText; ++i) {
    auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
      text += child->v.text.text;
    }
  }
  return text;
}

// The <option> descendants of a <select> (in <optgroup>s too), in document order.
std::vector<const GumboNode*> OptionsOf(const GumboNode* select) {
  std::vector<const GumboNode*> options;
  std::vector<const GumboNode*> stack;
  PushChildren(select, &stack);
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (node->v.element.tag == GUMBO_TAG_OPTION) {
      options.push_back(node);
    } else if (node->v.element.tag == GUMBO_TAG_OPTGROUP) {
      PushChildren(node, &stack);
    }
  }
  return options;
}

// What a <select> submits: its selected options, else (single choice) its first one.
void AddSelect(const GumboNode* node, std::vector<HtmlInput>* inputs) {
  const GumboElement& element = node->v.element;
  bool multiple = HasAttribute(element, "multiple");
  std::vector<const GumboNode*> options = OptionsOf(node);
  std::vector<const GumboNode*> chosen;
  for (const GumboNode* option : options) {
    if (!HasAttribute(option->v.element, "selected")) continue;
    chosen.push_back(option);
    if (!multiple) break;
  }
  if (chosen.empty() && !multiple && !options.empty()) chosen.push_back(options.front());
  for (const GumboNode* option : chosen) {
    HtmlInput input;
    input.name = AttributeOf(element, "name");
    input.type = "select";
    input.tag = "select";
    input.disabled =
        HasAttribute(element, "disabled") || HasAttribute(option->v.element, "disabled");
    const GumboAttribute* value = gumbo_get_attribute(&option->v.element.attributes, "value");
    input.value = value ? value->value : TextOf(option);
    inputs->push_back(std::move(input));
  }
}

HtmlForm DescribeForm(const GumboNode* form) {
  HtmlForm out;
  out.action = AttributeOf(form->v.element, "action");
  out.method = AsciiLower(AttributeOf(form->v.element, "method"));
  if (out.method.empty()) out.method = "get";
  std::vector<const GumboNode*> stack = {form};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& element = node->v.element;
    HtmlInput input;
    input.name = AttributeOf(element, "name");
    input.disabled = HasAttribute(element, "disabled");
    switch (element.tag) {
      case GUMBO_TAG_INPUT:
        input.type = AsciiLower(AttributeOf(element, "type"));
        if (input.type.empty()) input.type = "text";
        input.value = AttributeOf(element, "value");
        input.checked = HasAttribute(element, "checked");
        out.inputs.push_back(std::move(input));
        continue;  // void element
      case GUMBO_TAG_TEXTAREA:
        input.type = input.tag = "textarea";
        input.value = RawTextOf(node);
        out.inputs.push_back(std::move(input));
        continue;
      case GUMBO_TAG_SELECT:
        AddSelect(node, &out.inputs);
        continue;
      case GUMBO_TAG_BUTTON:
        input.tag = "button";
        input.type = AsciiLower(AttributeOf(element, "type"));
        if (input.type != "button" && input.type != "reset") input.type = "submit";
        input.value = AttributeOf(element, "value");
        out.inputs.push_back(std::move(input));
        break;  // its content may hold other elements, not controls
      default:
        break;
    }
    PushChildren(node, &stack);
  }
  return out;
}

}  // namespace

const HtmlInput* HtmlForm::FirstOfType(const std::string& type) const {
  for (const HtmlInput& input : inputs) {
    if (input.type == type) return &input;
  }
  return nullptr;
}

const HtmlInput* HtmlForm::DefaultButton() const {
  for (const HtmlInput& input : inputs) {
    if (input.type == "submit" || (input.tag == "input" && input.type == "image")) return &input;
  }
  return nullptr;
}

bool FindHtmlForms(const std::string& html, std::vector<HtmlForm>* forms, std::string* error) {
  Output output = ParseWithinLimits(html, error);
  if (!output) return false;
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
  Output output = ParseWithinLimits(html, error);
  if (!output) return false;
  if (Collect(output->root, tag, elements)) return true;
  *error = "the page's <" + tag + "> elements hold more than " +
           std::to_string(kMaxHtmlCollectedText >> 20) +
           " MiB of text in all, beyond what sdetcheck analyses";
  return false;
}

bool HtmlElementTree(const std::string& html, std::vector<HtmlTreeNode>* nodes,
                     std::string* error) {
  Output output = ParseWithinLimits(html, error);
  if (!output) return false;
  std::vector<std::pair<const GumboNode*, size_t>> stack = {
      {output->root, HtmlTreeNode::kNoParent}};
  while (!stack.empty()) {
    auto [node, parent] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    size_t index = nodes->size();
    nodes->push_back(TreeNodeOf(node, parent));
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i > 0; --i) {
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i - 1]), index);
    }
  }
  return true;
}

bool HtmlVisibleText(const std::string& html, std::string* text, std::string* error) {
  Output output = ParseWithinLimits(html, error);
  if (!output) return false;
  std::string raw;
  AppendText(output->root, true, kMaxHtmlBytes, &raw);
  *text = CollapseWhitespace(raw);
  return true;
}

}  // namespace sdetcheck
