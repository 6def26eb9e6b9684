#pragma once
// Read-only view of an HTML page parsed by gumbo (the HTML5 parsing algorithm), so probes
// never look at HTML with regular expressions.

#include <string>
#include <utility>
#include <vector>

namespace sdetcheck {

struct HtmlElement {
  std::string tag;  // lower case
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // descendant text, whitespace collapsed

  const std::string* Attribute(const std::string& name) const;
};

struct HtmlInput {
  std::string name;
  std::string type;  // lower case; "text" when absent
  std::string value;
};

struct HtmlForm {
  std::string action;  // as written (may be relative or empty)
  std::string method;  // lower case; "get" when absent
  std::vector<HtmlInput> inputs;

  // The first input of the given type, or null.
  const HtmlInput* FirstOfType(const std::string& type) const;
};

// Every <form> with its <input> descendants, in document order.
std::vector<HtmlForm> FindHtmlForms(const std::string& html);

// Every element with tag `tag` (lower case; "*" for all), in document order.
std::vector<HtmlElement> FindHtmlElements(const std::string& html, const std::string& tag);

// The text a reader sees: no script/style/template content, whitespace collapsed.
std::string HtmlVisibleText(const std::string& html);

}  // namespace sdetcheck
