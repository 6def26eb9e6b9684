#include "web/rgaa_subset.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "html/document.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

using Nodes = std::vector<HtmlTreeNode>;

std::string Trimmed(const std::string* value) {
  if (!value) return "";
  size_t begin = value->find_first_not_of(" \t\n\r\f");
  if (begin == std::string::npos) return "";
  size_t end = value->find_last_not_of(" \t\n\r\f");
  return value->substr(begin, end - begin + 1);
}

std::string TrimmedAttribute(const HtmlElement& element, const std::string& name) {
  return Trimmed(element.Attribute(name));
}

std::string LowerAttribute(const HtmlElement& element, const std::string& name) {
  return AsciiLower(TrimmedAttribute(element, name));
}

bool HasAriaName(const HtmlElement& element) {
  return !TrimmedAttribute(element, "aria-label").empty() ||
         !TrimmedAttribute(element, "aria-labelledby").empty() ||
         !TrimmedAttribute(element, "title").empty();
}

// Counts a failure and keeps its description among the first examples.
void Fail(RgaaRuleResult* rule, const std::string& example) {
  ++rule->failures;
  if (rule->examples.size() < kMaxRgaaExamples) {
    rule->examples.push_back(TruncateUtf8(example, kMaxRgaaExampleBytes));
  }
}

// The attribute's value, or "<tag>" when it is empty.
std::string Described(const HtmlElement& element, const std::string& name) {
  std::string value = TrimmedAttribute(element, name);
  return value.empty() ? "<" + element.tag + ">" : value;
}

// Whether each element has an ancestor with tag `tag`; a parent comes before its children.
std::vector<bool> InsideTag(const Nodes& nodes, std::string_view tag) {
  std::vector<bool> inside(nodes.size(), false);
  for (size_t i = 0; i < nodes.size(); ++i) {
    size_t parent = nodes[i].parent;
    if (parent == HtmlTreeNode::kNoParent) continue;
    inside[i] = inside[parent] || nodes[parent].element.tag == tag;
  }
  return inside;
}

RgaaRuleResult CheckLang(const Nodes& nodes) {
  RgaaRuleResult rule{"rgaa.lang", "8.3", 0, {}};
  for (const HtmlTreeNode& node : nodes) {
    if (node.element.tag != "html") continue;
    if (TrimmedAttribute(node.element, "lang").empty() &&
        TrimmedAttribute(node.element, "xml:lang").empty()) {
      Fail(&rule, "<html> without lang");
    }
    return rule;
  }
  Fail(&rule, "<html> without lang");
  return rule;
}

RgaaRuleResult CheckTitle(const Nodes& nodes) {
  RgaaRuleResult rule{"rgaa.title", "8.5", 0, {}};
  std::vector<bool> in_head = InsideTag(nodes, "head");
  bool seen = false;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].element.tag != "title" || !in_head[i]) continue;
    if (!Trimmed(&nodes[i].element.text).empty()) return rule;
    seen = true;
  }
  Fail(&rule, seen ? "<title> empty" : "<title> missing");
  return rule;
}

bool IsDecorative(const HtmlElement& element) {
  std::string role = LowerAttribute(element, "role");
  return LowerAttribute(element, "aria-hidden") == "true" || role == "presentation" ||
         role == "none";
}

RgaaRuleResult CheckImageAlternatives(const Nodes& nodes) {
  RgaaRuleResult rule{"rgaa.img_alt", "1.1", 0, {}};
  for (const HtmlTreeNode& node : nodes) {
    const HtmlElement& element = node.element;
    bool has_alt = element.Attribute("alt") != nullptr;
    if (element.tag == "img" && !has_alt && !IsDecorative(element)) {
      Fail(&rule, Described(element, "src"));
    } else if (element.tag == "area" && !has_alt) {
      Fail(&rule, Described(element, "href"));
    } else if (element.tag != "img" && LowerAttribute(element, "role") == "img" &&
               !HasAriaName(element)) {
      Fail(&rule, "<" + element.tag + " role=img>");
    }
  }
  return rule;
}

bool NeedsLabel(const HtmlElement& element) {
  if (element.tag == "select" || element.tag == "textarea") return true;
  if (element.tag != "input") return false;
  static constexpr std::array<std::string_view, 5> kUnlabelled = {"hidden", "submit", "button",
                                                                  "image", "reset"};
  std::string type = LowerAttribute(element, "type");
  return std::find(kUnlabelled.begin(), kUnlabelled.end(), type) == kUnlabelled.end();
}

std::set<std::string> LabelTargets(const Nodes& nodes) {
  std::set<std::string> targets;
  for (const HtmlTreeNode& node : nodes) {
    if (node.element.tag != "label") continue;
    std::string target = TrimmedAttribute(node.element, "for");
    if (!target.empty()) targets.insert(target);
  }
  return targets;
}

std::string FieldDescription(const HtmlElement& element) {
  for (const char* name : {"name", "id"}) {
    std::string value = TrimmedAttribute(element, name);
    if (!value.empty()) return value;
  }
  std::string type = LowerAttribute(element, "type");
  return "<" + element.tag + (type.empty() ? "" : " type=" + type) + ">";
}

RgaaRuleResult CheckFormLabels(const Nodes& nodes) {
  RgaaRuleResult rule{"rgaa.form_label", "11.1", 0, {}};
  std::set<std::string> targets = LabelTargets(nodes);
  std::vector<bool> in_label = InsideTag(nodes, "label");
  for (size_t i = 0; i < nodes.size(); ++i) {
    const HtmlElement& element = nodes[i].element;
    if (!NeedsLabel(element) || in_label[i] || HasAriaName(element)) continue;
    std::string id = TrimmedAttribute(element, "id");
    if (!id.empty() && targets.count(id) > 0) continue;
    Fail(&rule, FieldDescription(element));
  }
  return rule;
}

// 1..6 for h1..h6, else 0.
int HeadingLevel(const std::string& tag) {
  if (tag.size() != 2 || tag[0] != 'h' || tag[1] < '1' || tag[1] > '6') return 0;
  return tag[1] - '0';
}

RgaaRuleResult CheckHeadings(const Nodes& nodes) {
  RgaaRuleResult rule{"rgaa.headings", "9.1", 0, {}};
  bool has_h1 = false;
  int previous = 0;
  for (const HtmlTreeNode& node : nodes) {
    int level = HeadingLevel(node.element.tag);
    if (level == 0) continue;
    has_h1 = has_h1 || level == 1;
    if (previous != 0 && level > previous + 1) {
      Fail(&rule, "h" + std::to_string(previous) + " -> h" + std::to_string(level));
    }
    previous = level;
  }
  if (!has_h1) Fail(&rule, "h1 missing");
  return rule;
}

bool HidesContent(const HtmlElement& element) {
  const std::string& tag = element.tag;
  return tag == "script" || tag == "style" || tag == "template" ||
         LowerAttribute(element, "aria-hidden") == "true";
}

// Whether each element holds something a link's name is made of: text, or an image with a
// non-empty alt. Children come after their parent, so a backward pass sees them first.
std::vector<bool> HoldsNameContent(const Nodes& nodes) {
  std::vector<bool> holds(nodes.size(), false);
  for (size_t i = nodes.size(); i > 0; --i) {
    const HtmlTreeNode& node = nodes[i - 1];
    if (HidesContent(node.element)) continue;
    bool own = !Trimmed(&node.element.text).empty() ||
               (node.element.tag == "img" && !TrimmedAttribute(node.element, "alt").empty());
    holds[i - 1] = holds[i - 1] || own;
    if (holds[i - 1] && node.parent != HtmlTreeNode::kNoParent) holds[node.parent] = true;
  }
  return holds;
}

RgaaRuleResult CheckLinkNames(const Nodes& nodes) {
  RgaaRuleResult rule{"rgaa.link_name", "6.2", 0, {}};
  std::vector<bool> holds = HoldsNameContent(nodes);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const HtmlElement& element = nodes[i].element;
    if (element.tag != "a" || !element.Attribute("href")) continue;
    if (holds[i] || HasAriaName(element)) continue;
    Fail(&rule, Described(element, "href"));
  }
  return rule;
}

}  // namespace

RgaaSubset CheckRgaaSubset(const std::string& html) {
  RgaaSubset out;
  Nodes nodes;
  if (!HtmlElementTree(html, &nodes, &out.error)) return out;
  // Criterion numbers are RGAA 4.1's.
  out.rules = {CheckLang(nodes),       CheckTitle(nodes),    CheckImageAlternatives(nodes),
               CheckFormLabels(nodes), CheckHeadings(nodes), CheckLinkNames(nodes)};
  return out;
}

}  // namespace sdetcheck
