#pragma once
// Read-only view of an HTML page parsed by gumbo (the HTML5 parsing algorithm), so probes
// never look at HTML with regular expressions.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "html/limits.h"

namespace sdetcheck {

struct HtmlElement {
  std::string tag;  // lower case
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // descendant text, whitespace collapsed

  const std::string* Attribute(const std::string& name) const;
};

// One control of a form, as its submission sees it.
struct HtmlInput {
  std::string name;
  // lower case. <input>: its type, "text" when absent; <select>: "select" (one entry per
  // option it submits: the selected ones, else the first for a single choice);
  // <textarea>: "textarea"; <button>: its type, "submit" when absent.
  std::string type;
  std::string value;          // <textarea>: its text; <select>: the option's value, else its text
  std::string tag = "input";  // input, select, textarea or button
  bool checked = false;       // a checkbox or radio button checked in the page
  bool disabled = false;      // never submitted
};

struct HtmlForm {
  std::string action;             // as written (may be relative or empty)
  std::string method;             // lower case; "get" when absent
  std::vector<HtmlInput> inputs;  // every control, in document order

  // The first input of the given type, or null.
  const HtmlInput* FirstOfType(const std::string& type) const;
  // The button a browser submits the form with when Enter is pressed in a field: the first
  // submit button (<input type=submit|image>, <button> of type submit), or null.
  const HtmlInput* DefaultButton() const;
};

// Text kept per element (a matcher's `text`), and for all elements of one search together.
constexpr size_t kMaxHtmlElementText = size_t{64} * 1024;
constexpr size_t kMaxHtmlCollectedText = 32u << 20;

// Every <form> with its controls (<input>, <select>, <textarea>, <button> descendants), in
// document order. False (and *error says
// why) when the page is beyond the limits.
bool FindHtmlForms(const std::string& html, std::vector<HtmlForm>* forms, std::string* error);

// Every element with tag `tag` (lower case; "*" for all), in document order.
bool FindHtmlElements(const std::string& html, const std::string& tag,
                      std::vector<HtmlElement>* elements, std::string* error);

// One element of the flattened element tree: `element.text` holds only the element's own text
// (its text children, whitespace collapsed, at most kMaxHtmlElementText), not its
// descendants', so the whole tree costs no more than the page.
struct HtmlTreeNode {
  static constexpr size_t kNoParent = SIZE_MAX;
  HtmlElement element;
  size_t parent = kNoParent;  // index of the parent element in the list; kNoParent for <html>
};

// Every element in document order (a parent before its descendants), each with its parent's
// index, for analyses that need the tree (a <label> around a control, an <img> inside a link).
// False (and *error says why) when the page is beyond the limits.
bool HtmlElementTree(const std::string& html, std::vector<HtmlTreeNode>* nodes, std::string* error);

// The text a reader sees: no script/style/template content, whitespace collapsed.
bool HtmlVisibleText(const std::string& html, std::string* text, std::string* error);

}  // namespace sdetcheck
