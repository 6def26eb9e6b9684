#include "html/limits.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include <strings.h>

#include "util/text.h"

namespace sdetcheck {
namespace {

struct TagCensus {
  size_t tags = 0;
  size_t attributes = 0;
  size_t most_attributes = 0;  // on one element
  size_t deepest = 0;
  std::vector<std::string> open;  // the elements the tree builder would hold open, estimated
  size_t foreign = 0;             // open <svg> and <math>, where "/>" closes an element
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool NameIn(const std::string& name, const char* const* names) {
  for (; *names; ++names) {
    if (strcasecmp(name.c_str(), *names) == 0) return true;
  }
  return false;
}

// Elements that never stay open (void), or that the next sibling closes implicitly: they
// do not deepen the tree however many there are.
bool LeavesNoOpenElement(const std::string& name) {
  static const char* const kNames[] = {
      "area",    "base",     "br",     "col",   "embed", "hr",    "img",   "input", "link",
      "meta",    "param",    "source", "track", "wbr",   "p",     "li",    "dt",    "dd",
      "option",  "optgroup", "tr",     "td",    "th",    "thead", "tbody", "tfoot", "colgroup",
      "caption", "rb",       "rt",     "rp",    "rtc",   nullptr};
  return NameIn(name, kNames);
}

bool IsForeignRoot(const std::string& name) {
  return strcasecmp(name.c_str(), "svg") == 0 || strcasecmp(name.c_str(), "math") == 0;
}

// Elements whose content is text up to their end tag, as the tokenizer reads them.
bool HoldsRawText(const std::string& name) {
  static const char* const kNames[] = {"script", "style",   "textarea", "title",     "xmp",
                                       "iframe", "noembed", "noframes", "plaintext", nullptr};
  return NameIn(name, kNames);
}

std::string NameAt(const std::string& html, size_t i) {
  size_t end = i;
  while (end < html.size() && !IsSpace(html[end]) && html[end] != '/' && html[end] != '>') ++end;
  return html.substr(i, std::min<size_t>(end - i, 32));
}

// The attribute states of the HTML tokenizer (WHATWG §13.2.5.32-40), only as far as counting
// attributes needs.
enum class AttributeState {
  kTagName,
  kBeforeName,
  kName,
  kAfterName,
  kBeforeValue,
  kQuoted,
  kUnquoted
};

// The state after `c`; counts an attribute when a name starts, remembers the opening quote.
AttributeState NextAttributeState(AttributeState state, char c, char* quote, size_t* count) {
  using State = AttributeState;
  switch (state) {
    case State::kTagName:
      return IsSpace(c) || c == '/' ? State::kBeforeName : state;
    case State::kBeforeName:
      if (IsSpace(c) || c == '/') return state;
      ++*count;
      return State::kName;
    case State::kName:
      if (IsSpace(c)) return State::kAfterName;
      if (c == '/') return State::kBeforeName;
      return c == '=' ? State::kBeforeValue : state;
    case State::kAfterName:
      if (c == '/') return State::kBeforeName;
      if (c == '=') return State::kBeforeValue;
      if (IsSpace(c)) return state;
      ++*count;
      return State::kName;
    case State::kBeforeValue:
      if (c == '"' || c == '\'') {
        *quote = c;
        return State::kQuoted;
      }
      return IsSpace(c) ? state : State::kUnquoted;
    case State::kQuoted:
      return c == *quote ? State::kBeforeName : state;
    case State::kUnquoted:
      return IsSpace(c) ? State::kBeforeName : state;
  }
  return state;
}

// Attributes of the start tag whose name begins at `i` (just after '<'). Returns the index
// of the tag's closing '>' (or the end); *self_closing for "/>".
size_t CountAttributes(const std::string& html, size_t i, size_t* count, bool* self_closing) {
  AttributeState state = AttributeState::kTagName;
  char quote = 0;
  for (; i < html.size(); ++i) {
    char c = html[i];
    if (c == '>' && state != AttributeState::kQuoted) {
      *self_closing = html[i - 1] == '/' && state != AttributeState::kUnquoted;
      return i;
    }
    state = NextAttributeState(state, c, &quote, count);
  }
  return i;
}

// Index of the first "</name" (any case) at or after `i`, or the end.
size_t EndOfRawText(const std::string& html, size_t i, const std::string& name) {
  for (size_t pos = html.find("</", i); pos != std::string::npos; pos = html.find("</", pos + 2)) {
    if (strncasecmp(html.c_str() + pos + 2, name.c_str(), name.size()) == 0) return pos;
  }
  return html.size();
}

void PopTo(size_t size, TagCensus* census) {
  while (census->open.size() > size) {
    if (IsForeignRoot(census->open.back())) --census->foreign;
    census->open.pop_back();
  }
}

// Start tags that end SVG or MathML content (WHATWG §13.2.6.5): the tree builder pops the
// foreign elements and opens an HTML one.
bool BreaksOutOfForeign(const std::string& name) {
  static const char* const kNames[] = {
      "b",      "big",  "blockquote", "body",  "br",   "center", "code",    "dd",   "div",
      "dl",     "dt",   "em",         "embed", "h1",   "h2",     "h3",      "h4",   "h5",
      "h6",     "head", "hr",         "i",     "img",  "li",     "listing", "menu", "meta",
      "nobr",   "ol",   "p",          "pre",   "ruby", "s",      "small",   "span", "strong",
      "strike", "sub",  "sup",        "table", "tt",   "u",      "ul",      "var",  nullptr};
  return NameIn(name, kNames);
}

void OpenElement(const std::string& name, bool self_closing, TagCensus* census) {
  if (census->foreign > 0 && BreaksOutOfForeign(name)) {
    size_t root = census->open.size();
    while (root > 0 && census->foreign > 0) {
      if (IsForeignRoot(census->open[--root])) PopTo(root, census);
    }
  }
  // In HTML "<div/>" opens a div: the slash closes elements only in SVG and MathML.
  bool closed = self_closing && census->foreign > 0;
  if (closed || LeavesNoOpenElement(name)) return;
  census->open.push_back(name);
  if (IsForeignRoot(name)) ++census->foreign;
  census->deepest = std::max(census->deepest, census->open.size());
}

// An end tag closes the innermost open element of its name, and those inside it; one that
// matches no open element is ignored, as the tree builder does.
void CloseElement(const std::string& name, TagCensus* census) {
  for (size_t i = census->open.size(); i > 0; --i) {
    if (census->open[i - 1] == name) return PopTo(i - 1, census);
  }
}

// Returns where scanning resumes after the start tag at `i` (index of '<').
size_t CountStartTag(const std::string& html, size_t i, TagCensus* census) {
  std::string name = AsciiLower(NameAt(html, i + 1));
  size_t attributes = 0;
  bool self_closing = false;
  size_t end = CountAttributes(html, i + 1, &attributes, &self_closing);
  ++census->tags;
  census->attributes += attributes;
  census->most_attributes = std::max(census->most_attributes, attributes);
  OpenElement(name, self_closing, census);
  if (census->foreign == 0 && HoldsRawText(name)) return EndOfRawText(html, end, name);
  return end;
}

// Where the comment starting at `i` ("<!--") ends, as the tokenizer reads it: "<!-->" and
// "<!--->" are whole comments, and "--!>" closes one as "-->" does.
size_t EndOfComment(const std::string& html, size_t i) {
  if (html.compare(i + 4, 1, ">") == 0) return i + 4;
  if (html.compare(i + 4, 2, "->") == 0) return i + 5;
  size_t dashes = html.find("-->", i + 4);
  size_t bang = html.find("--!>", i + 4);
  if (dashes == std::string::npos && bang == std::string::npos) return html.size();
  return dashes < bang ? dashes + 2 : bang + 3;
}

// A linear pre-scan: how many tags and attributes, and how deep the open elements go. It
// stops as soon as the page is deeper than the limit (then refused whatever follows).
TagCensus CountTags(const std::string& html) {
  TagCensus census;
  for (size_t i = 0; i + 1 < html.size() && census.deepest <= kMaxHtmlDepth; ++i) {
    if (html[i] != '<') continue;
    char next = html[i + 1];
    if (html.compare(i, 4, "<!--") == 0) {
      i = EndOfComment(html, i);
    } else if (next == '/') {
      ++census.tags;
      CloseElement(AsciiLower(NameAt(html, i + 2)), &census);
    } else if (next == '!' || next == '?') {
      ++census.tags;
    } else if (IsAsciiLetter(next)) {
      i = CountStartTag(html, i, &census);
    }
  }
  return census;
}

std::string Beyond(const std::string& what) {
  return what + ", beyond what sdetcheck analyses as HTML";
}

}  // namespace

std::string HtmlBeyondLimits(const std::string& html) {
  if (html.size() > kMaxHtmlBytes) {
    return "the page (" + std::to_string(html.size()) +
           " bytes) is larger than sdetcheck analyses as HTML (" +
           std::to_string(kMaxHtmlBytes >> 20) + " MiB)";
  }
  TagCensus census = CountTags(html);
  if (census.tags > kMaxHtmlTags) {
    return Beyond("the page has more than " + std::to_string(kMaxHtmlTags) + " tags") +
           " (real portals have fewer than 10,000)";
  }
  if (census.deepest > kMaxHtmlDepth) {
    return Beyond("the page nests more than " + std::to_string(kMaxHtmlDepth) + " elements deep");
  }
  if (census.most_attributes > kMaxHtmlAttributesPerElement) {
    return Beyond("an element of the page has " + std::to_string(census.most_attributes) +
                  " attributes") +
           " (" + std::to_string(kMaxHtmlAttributesPerElement) + " per element)";
  }
  if (census.attributes > kMaxHtmlAttributes) {
    return Beyond("the page has " + std::to_string(census.attributes) + " attributes") + " (" +
           std::to_string(kMaxHtmlAttributes) + ")";
  }
  return "";
}

}  // namespace sdetcheck
