#include <doctest/doctest.h>

#include "html/document.h"

namespace sdetcheck {
namespace {

std::string ElementWithAttributes(size_t n, const std::string& value = "\"x\"") {
  std::string html = "<html><body><div";
  for (size_t i = 0; i < n; ++i) html += " a" + std::to_string(i) + "=" + value;
  return html + ">fin</div></body></html>";
}

TEST_CASE("html: an element with 100,000 attributes is refused before gumbo parses it") {
  std::string page = ElementWithAttributes(100000);
  CHECK(page.size() > 1000000);
  std::string error = HtmlBeyondLimits(page);
  CHECK(error.find("100000 attributes") != std::string::npos);
  std::vector<HtmlElement> elements;
  CHECK_FALSE(FindHtmlElements(page, "div", &elements, &error));
  std::vector<HtmlForm> forms;
  CHECK_FALSE(FindHtmlForms(page, &forms, &error));
  std::string text;
  CHECK_FALSE(HtmlVisibleText(page, &text, &error));
}

TEST_CASE("html: attributes are counted as the tokenizer sees them") {
  CHECK(HtmlBeyondLimits(ElementWithAttributes(kMaxHtmlAttributesPerElement)).empty());
  CHECK_FALSE(HtmlBeyondLimits(ElementWithAttributes(kMaxHtmlAttributesPerElement + 1)).empty());
  // Unquoted and valueless attributes count; spaces inside quoted values do not.
  std::string bare = "<p";
  for (size_t i = 0; i <= kMaxHtmlAttributesPerElement; ++i) bare += " b" + std::to_string(i);
  CHECK_FALSE(HtmlBeyondLimits(bare + ">").empty());
  std::string quoted = "<p title=\"" + std::string(10000, ' ') + "\" data-x='a b c d e f'>x</p>";
  CHECK(HtmlBeyondLimits(quoted).empty());
  // A quote that does not open a value does not hide the attributes after it.
  std::string evasive = "<p \"";
  for (size_t i = 0; i <= kMaxHtmlAttributesPerElement; ++i) evasive += " c" + std::to_string(i);
  CHECK_FALSE(HtmlBeyondLimits(evasive + ">").empty());
}

TEST_CASE("html: many elements with many attributes are refused by their total") {
  std::string page;
  for (int i = 0; i < 1000; ++i) page += ElementWithAttributes(kMaxHtmlAttributesPerElement);
  CHECK(HtmlBeyondLimits(page).find("attributes") != std::string::npos);
}

TEST_CASE("html: the tag limit counts tags, not '<' in text") {
  std::string text(100000, '<');
  CHECK(HtmlBeyondLimits("<p>" + text + "</p>").empty());
  std::string tags;
  for (size_t i = 0; i <= kMaxHtmlTags; ++i) tags += "<br>";
  CHECK(HtmlBeyondLimits(tags).find("more than 30000 tags") != std::string::npos);
}

TEST_CASE("html: pages nested deeper than the limit are refused, sloppy real pages are not") {
  std::string deep;
  for (size_t i = 0; i <= kMaxHtmlDepth; ++i) deep += "<div>";
  CHECK(HtmlBeyondLimits(deep).find("nests more than 1000 elements") != std::string::npos);
  std::string slashed;  // in HTML "<div/>" opens a div
  for (size_t i = 0; i <= kMaxHtmlDepth; ++i) slashed += "<div/>";
  CHECK_FALSE(HtmlBeyondLimits(slashed).empty());
  // Unclosed paragraphs, list items and options, void elements, closed divs, SVG shapes
  // and tags inside scripts or comments do not deepen the tree.
  std::string sloppy = "<ul>";
  for (int i = 0; i < 3000; ++i) sloppy += "<li><p>x<br><img src=a.png><div>y</div><option>z";
  sloppy += "</ul><svg>";
  for (int i = 0; i < 3000; ++i) sloppy += "<path d='M0 0'/>";
  sloppy += "</svg><script>";
  for (int i = 0; i < 3000; ++i) sloppy += "s += '<div>';";
  sloppy += "</script><!--";
  for (int i = 0; i < 3000; ++i) sloppy += "<div>";
  sloppy += "-->";
  CHECK_MESSAGE(HtmlBeyondLimits(sloppy).empty(), HtmlBeyondLimits(sloppy));
}

TEST_CASE("html: the pre-scan reads comments, stray end tags and SVG as the tree builder does") {
  auto repeat = [](const std::string& text, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += text;
    return out;
  };
  size_t over = kMaxHtmlDepth + 1;
  // "<!-->" and "<!--->" are whole comments: what follows is markup.
  CHECK_FALSE(HtmlBeyondLimits("<!-->" + repeat("<div>", over)).empty());
  CHECK_FALSE(HtmlBeyondLimits("<!--->" + repeat("<div>", over)).empty());
  CHECK_FALSE(HtmlBeyondLimits("<!-- x --!>" + repeat("<div>", over)).empty());
  CHECK(HtmlBeyondLimits("<!-- " + repeat("<div>", over) + " -->").empty());
  // An end tag that matches no open element closes nothing.
  CHECK_FALSE(HtmlBeyondLimits(repeat("<div></x>", over)).empty());
  // In SVG "/>" closes; an HTML element leaves SVG, where "<div/>" opens a div.
  CHECK(HtmlBeyondLimits("<svg>" + repeat("<g/>", over) + "</svg>").empty());
  CHECK_FALSE(HtmlBeyondLimits("<svg>" + repeat("<div/>", over)).empty());
  CHECK_FALSE(HtmlBeyondLimits(repeat("<g/>", over)).empty());  // outside SVG: HTML
}

TEST_CASE(
    "html: deep SVG nesting is refused (gumbo nests foreign content cheaply, frees it "
    "recursively)") {
  std::string page = "<svg>";
  for (int i = 0; i < 10000; ++i) page += "<g>";
  std::vector<HtmlElement> elements;
  std::string error;
  CHECK_FALSE(FindHtmlElements(page, "g", &elements, &error));
  CHECK(error.find("nests") != std::string::npos);
}

TEST_CASE("html: nested elements' texts are bounded, each and all together") {
  auto nested = [](size_t levels) {
    std::string page;
    for (size_t i = 0; i < levels; ++i) page += "<div>";
    return page + std::string(200000, 'x');
  };
  std::vector<HtmlElement> elements;
  std::string error;
  REQUIRE(FindHtmlElements(nested(400), "div", &elements, &error));
  CHECK(elements.size() == 400);
  CHECK(elements.front().text.size() == kMaxHtmlElementText);
  elements.clear();
  CHECK_FALSE(FindHtmlElements(nested(kMaxHtmlDepth - 10), "div", &elements, &error));
  CHECK(error.find("MiB of text") != std::string::npos);
}

TEST_CASE("html: a page within the limits is parsed") {
  std::vector<HtmlForm> forms;
  std::string error;
  REQUIRE(FindHtmlForms(
      "<form action='/login' method=POST><input name=u><input type=password name=p></form>", &forms,
      &error));
  REQUIRE(forms.size() == 1);
  CHECK(forms[0].method == "post");
  CHECK(forms[0].FirstOfType("password") != nullptr);
  std::string text;
  REQUIRE(HtmlVisibleText("<p>Mentions <script>x()</script>légales</p>", &text, &error));
  CHECK(text == "Mentions légales");
}

TEST_CASE("html: forms read select, textarea and button values as a browser submits them") {
  std::vector<HtmlForm> forms;
  std::string error;
  REQUIRE(FindHtmlForms(R"(<form method=post>
    <select name=domain><option value=a>A</option><option value=b selected>B</option></select>
    <select name=first><optgroup label=g><option>  Lycée   Hugo </option></optgroup><option>x</option></select>
    <select name=many multiple><option selected>1</option><option>2</option><option selected>3</option></select>
    <select name=none multiple><option>1</option></select>
    <textarea name=note>
ligne 1
ligne 2</textarea>
    <input type=checkbox name=remember checked><input type=radio name=r value=x disabled>
    <button type=button name=help>?</button>
    <button name=action value=login><span>Se connecter</span></button>
    <input type=submit name=other value=Other>
  </form>)",
                        &forms, &error));
  REQUIRE(forms.size() == 1);
  std::vector<std::pair<std::string, std::string>> seen;
  for (const HtmlInput& input : forms[0].inputs) seen.emplace_back(input.name, input.value);
  std::vector<std::pair<std::string, std::string>> expected = {{"domain", "b"},
                                                               {"first", "Lycée Hugo"},
                                                               {"many", "1"},
                                                               {"many", "3"},
                                                               {"note", "ligne 1\nligne 2"},
                                                               {"remember", ""},
                                                               {"r", "x"},
                                                               {"help", ""},
                                                               {"action", "login"},
                                                               {"other", "Other"}};
  CHECK(seen == expected);
  CHECK(forms[0].inputs[5].checked);
  CHECK(forms[0].inputs[6].disabled);
  CHECK(forms[0].inputs[4].type == "textarea");
  CHECK(forms[0].inputs[0].type == "select");
  CHECK(forms[0].inputs[7].type == "button");
  REQUIRE(forms[0].DefaultButton());
  CHECK(forms[0].DefaultButton()->name == "action");
  CHECK(forms[0].DefaultButton()->tag == "button");
}

}  // namespace
}  // namespace sdetcheck
