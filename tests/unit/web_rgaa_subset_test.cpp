#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "web/rgaa_subset.h"

namespace sdetcheck {
namespace {

RgaaRuleResult Rule(const RgaaSubset& subset, const std::string& id) {
  for (const RgaaRuleResult& rule : subset.rules) {
    if (rule.rule == id) return rule;
  }
  FAIL("no rule " << id);
  return {};
}

std::string Page(const std::string& body, const std::string& html_attributes = " lang=\"fr\"",
                 const std::string& head = "<title>Accueil — ENT</title>") {
  return "<!DOCTYPE html><html" + html_attributes + "><head>" + head + "</head><body><h1>ENT</h1>" +
         body + "</body></html>";
}

TEST_CASE("web rgaa subset: a clean page passes every rule, in a fixed order") {
  std::string body = R"(
<nav><a href="/"><img src="logo.png" alt="Accueil de l'ENT"></a>
<a href="/aide" aria-label="Aide"><svg aria-hidden="true"></svg></a></nav>
<h2>Connexion</h2>
<form><label for="login">Identifiant</label><input id="login" name="login">
<label>Mot de passe <input type="password" name="password"></label>
<input type="hidden" name="lt" value="x"><input type="submit" value="Se connecter">
<select name="profil" aria-label="Profil"><option>Élève</option></select>
<textarea name="message" title="Message"></textarea></form>
<img src="deco.png" alt=""><img src="deco2.png" aria-hidden="true">
<h3>Aide</h3><h2>Actualités</h2>
<map><area href="/a" alt="Zone A"></map><div role="img" aria-label="Graphique"></div>)";
  RgaaSubset subset = CheckRgaaSubset(Page(body));
  CHECK(subset.error.empty());
  REQUIRE(subset.rules.size() == 6);
  std::vector<std::string> ids;
  std::vector<std::string> criteria;
  for (const RgaaRuleResult& rule : subset.rules) {
    INFO(rule.rule);
    CHECK(rule.failures == 0);
    CHECK(rule.examples.empty());
    ids.push_back(rule.rule);
    criteria.push_back(rule.criterion);
  }
  CHECK(ids == std::vector<std::string>{"rgaa.lang", "rgaa.title", "rgaa.img_alt",
                                        "rgaa.form_label", "rgaa.headings", "rgaa.link_name"});
  CHECK(criteria == std::vector<std::string>{"8.3", "8.5", "1.1", "11.1", "9.1", "6.2"});
}

TEST_CASE("web rgaa subset: language and title") {
  CHECK(Rule(CheckRgaaSubset(Page("", "")), "rgaa.lang").failures == 1);
  CHECK(Rule(CheckRgaaSubset(Page("", " lang=\"  \"")), "rgaa.lang").failures == 1);
  CHECK(Rule(CheckRgaaSubset(Page("", " xml:lang=\"fr\"")), "rgaa.lang").failures == 0);
  RgaaSubset no_title = CheckRgaaSubset(Page("", " lang=fr", ""));
  CHECK(Rule(no_title, "rgaa.title").examples == std::vector<std::string>{"<title> missing"});
  RgaaSubset empty_title = CheckRgaaSubset(Page("", " lang=fr", "<title> \n </title>"));
  CHECK(Rule(empty_title, "rgaa.title").examples == std::vector<std::string>{"<title> empty"});
  // An SVG's <title> in the body is not the page's.
  RgaaSubset svg_title = CheckRgaaSubset(Page("<svg><title>Logo</title></svg>", " lang=fr", ""));
  CHECK(Rule(svg_title, "rgaa.title").failures == 1);
}

TEST_CASE("web rgaa subset: images without text alternative") {
  std::string body = R"(<img src="/img/eleve.png"><img src="ok.png" alt=""><img>
<img src="p.png" role="presentation"><map><area href="/zone"></map>
<span role="img"></span><span role="img" title="Note : 15/20"></span>)";
  RgaaRuleResult rule = Rule(CheckRgaaSubset(Page(body)), "rgaa.img_alt");
  CHECK(rule.failures == 4);
  CHECK(rule.examples ==
        std::vector<std::string>{"/img/eleve.png", "<img>", "/zone", "<span role=img>"});
}

TEST_CASE("web rgaa subset: form fields without label") {
  std::string body = R"(<form><input name="recherche"><input id="q2" name="q2">
<label for="other">Autre</label><select id="classe"></select><textarea></textarea>
<input type="email" aria-labelledby="  "><input type="image" src="go.png" alt="OK">
<input type="RESET"><label for="q3">Q3</label><input id="q3" name="q3"></form>)";
  RgaaRuleResult rule = Rule(CheckRgaaSubset(Page(body)), "rgaa.form_label");
  CHECK(rule.failures == 5);
  CHECK(rule.examples ==
        std::vector<std::string>{"recherche", "q2", "classe", "<textarea>", "<input type=email>"});
}

TEST_CASE("web rgaa subset: heading outline") {
  RgaaSubset skipped = CheckRgaaSubset(Page("<h2>A</h2><h4>B</h4><h2>C</h2><h3>D</h3><h6>E</h6>"));
  CHECK(Rule(skipped, "rgaa.headings").failures == 2);
  CHECK(Rule(skipped, "rgaa.headings").examples ==
        std::vector<std::string>{"h2 -> h4", "h3 -> h6"});
  RgaaSubset no_h1 = CheckRgaaSubset(
      "<html lang=fr><head><title>T</title></head><body><h2>A</h2><h3>B</h3></body></html>");
  CHECK(Rule(no_h1, "rgaa.headings").examples == std::vector<std::string>{"h1 missing"});
}

TEST_CASE("web rgaa subset: links without accessible name") {
  std::string body = R"(<a href="/vide"></a><a href="/icone"><img src="i.png" alt=""></a>
<a href="/cache"><span aria-hidden="true">×</span></a><a href="/script"><script>x</script></a>
<a href="/texte"><span>Cahier de textes</span></a><a href="/img"><img src="i.png" alt="Agenda"></a>
<a href="/titre" title="Messagerie"><i></i></a><a name="ancre"></a><a href="/espace">   </a>)";
  RgaaRuleResult rule = Rule(CheckRgaaSubset(Page(body)), "rgaa.link_name");
  CHECK(rule.failures == 5);
  CHECK(rule.examples ==
        std::vector<std::string>{"/vide", "/icone", "/cache", "/script", "/espace"});
}

TEST_CASE("web rgaa subset: examples are capped in number and length") {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "<img src=\"/" + std::string(500, 'x') + "\">";
  RgaaRuleResult rule = Rule(CheckRgaaSubset(Page(body)), "rgaa.img_alt");
  CHECK(rule.failures == 40);
  REQUIRE(rule.examples.size() == kMaxRgaaExamples);
  for (const std::string& example : rule.examples) CHECK(example.size() <= kMaxRgaaExampleBytes);
  // A cut never splits a UTF-8 sequence.
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "é";
  RgaaRuleResult utf8 =
      Rule(CheckRgaaSubset(Page("<img src=\"" + accented + "\">")), "rgaa.img_alt");
  REQUIRE(utf8.examples.size() == 1);
  CHECK(utf8.examples[0].size() == 120);
}

TEST_CASE("web rgaa subset: hostile pages") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  RgaaSubset refused = CheckRgaaSubset(deep);
  CHECK_FALSE(refused.error.empty());
  CHECK(refused.rules.empty());
  // Deep but within the limits: labels found through many levels, no recursion.
  std::string nested = "<label>Nom";
  for (int i = 0; i < 500; ++i) nested += "<span>";
  nested += "<input name=\"nom\">";
  CHECK(Rule(CheckRgaaSubset(Page(nested)), "rgaa.form_label").failures == 0);
  std::string with_nul = Page(std::string("<a href=\"/x\">") + '\0' + "</a>");
  CHECK(CheckRgaaSubset(with_nul).error.empty());
}

}  // namespace
}  // namespace sdetcheck
