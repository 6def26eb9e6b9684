#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "web/bounds.h"
#include "web/page_resources.h"

namespace sdetcheck {
namespace {

const char kPage[] = "https://ent.example.fr/portail/accueil.html";

std::string PortalPage() {
  return R"html(<!DOCTYPE html><html lang="fr"><head>
<title>ENT</title>
<link rel="stylesheet" href="/css/ent.css">
<link rel="Shortcut Icon" href="favicon.ico">
<link rel="preload" as="script" href="https://cdn.example.net/lib.js" integrity="sha384-abc" crossorigin="anonymous">
<link rel="canonical" href="https://ent.example.fr/">
<link rel="alternate" hreflang="en" href="/en/">
<script src="/js/app.js"></script>
<script src="https://www.googletagmanager.com/gtag/js?id=G-1" async></script>
<script src="https://static.cas.example.fr/cas.js"></script>
<script>window.dataLayer = [];</script>
</head><body>
<img src="logo.png" alt="Logo">
<img srcset="  photo-1x.jpg 1x, photo-2x.jpg 2x" alt="">
<img src="data:image/png;base64,iVBOR" alt="">
<iframe src="http://video.example.org/embed/1"></iframe>
<video src="intro.mp4" poster="intro.jpg"><source src="intro.webm"><track src="intro.vtt"></video>
<object data="/docs/guide.pdf"></object>
<form action="http://ent.example.fr/recherche"><input type="image" src="/img/go.png"></form>
<a href="http://ailleurs.example.com/">lien</a>
<script src="javascript:void(0)"></script>
</body></html>)html";
}

std::vector<std::string> Urls(const std::vector<PageResource>& resources) {
  std::vector<std::string> urls;
  for (const PageResource& resource : resources) urls.push_back(resource.url);
  return urls;
}

TEST_CASE("web page resources: every subresource, resolved, in document order") {
  PageResources found = FindPageResources(PortalPage(), kPage);
  CHECK(found.error.empty());
  CHECK_FALSE(found.truncated);
  CHECK(Urls(found.resources) == std::vector<std::string>{
                                     "https://ent.example.fr/css/ent.css",
                                     "https://ent.example.fr/portail/favicon.ico",
                                     "https://cdn.example.net/lib.js",
                                     "https://ent.example.fr/js/app.js",
                                     "https://www.googletagmanager.com/gtag/js?id=G-1",
                                     "https://static.cas.example.fr/cas.js",
                                     "https://ent.example.fr/portail/logo.png",
                                     "https://ent.example.fr/portail/photo-1x.jpg",
                                     "http://video.example.org/embed/1",
                                     "https://ent.example.fr/portail/intro.mp4",
                                     "https://ent.example.fr/portail/intro.jpg",
                                     "https://ent.example.fr/portail/intro.webm",
                                     "https://ent.example.fr/portail/intro.vtt",
                                     "https://ent.example.fr/docs/guide.pdf",
                                     "https://ent.example.fr/img/go.png",
                                 });
  const PageResource& preload = found.resources[2];
  CHECK(preload.tag == "link");
  CHECK(preload.is_script);
  CHECK(preload.has_integrity);
  CHECK(preload.crossorigin == "anonymous");
  CHECK_FALSE(found.resources[0].is_script);
  CHECK(found.resources[3].is_script);
  CHECK_FALSE(found.resources[3].has_integrity);
  CHECK(found.resources[8].tag == "iframe");
}

TEST_CASE("web page resources: <base href> moves relative references") {
  PageResources found = FindPageResources(
      "<head><base href=\"https://static.example.fr/v2/\"><script src=\"a.js\"></script></head>",
      kPage);
  REQUIRE(found.resources.size() == 1);
  CHECK(found.resources[0].url == "https://static.example.fr/v2/a.js");
}

TEST_CASE("web page resources: mixed content only on an https page") {
  PageResources found = FindPageResources(PortalPage(), kPage);
  std::vector<PageResource> mixed = MixedContent(found.resources, kPage);
  CHECK(Urls(mixed) == std::vector<std::string>{"http://video.example.org/embed/1"});
  CHECK(MixedContent(found.resources, "http://ent.example.fr/").empty());
  CHECK(MixedContent(found.resources, "not a url").empty());
  // The scheme is compared as URLs are, case-insensitively.
  PageResources upper = FindPageResources("<img src=\"HTTP://x.example.org/a.png\">", kPage);
  CHECK(MixedContent(upper.resources, "HTTPS://ent.example.fr/").size() == 1);
}

TEST_CASE("web page resources: third-party scripts, own hosts and their subdomains apart") {
  PageResources found = FindPageResources(PortalPage(), kPage);
  std::vector<ThirdPartyScript> scripts =
      ThirdPartyScripts(found.resources, {"ENT.example.fr", "cas.example.fr."});
  REQUIRE(scripts.size() == 2);
  CHECK(scripts[0].host == "cdn.example.net");
  CHECK(scripts[0].has_integrity);
  CHECK(scripts[1].host == "www.googletagmanager.com");
  CHECK_FALSE(scripts[1].has_integrity);
  // "evil-ent.example.fr" merely ends with the name: not a subdomain.
  PageResources evil =
      FindPageResources("<script src=\"https://evilent.example.fr/x.js\"></script>", kPage);
  CHECK(ThirdPartyScripts(evil.resources, {"ent.example.fr"}).size() == 1);
  CHECK(ThirdPartyScripts(evil.resources, {"example.fr"}).empty());
}

TEST_CASE("web page resources: hosts named by inline scripts") {
  std::string html =
      R"html(<script src="https://ignored.example.com/x.js">var u = "https://no.example.com/";</script>
<script>
  (function(w,d,s,l,i){var j=d.createElement(s);j.src='https://www.GoogleTagManager.com/gtm.js?id='+i;})();
  var _paq = _paq || []; var u="//stats.example.org/"; // see www.example.com/doc
  var x = a//b/c;
  fetch("http://api.example.net:8443/v1"); img.src = "https://www.googletagmanager.com/ns.html";
  var bad = "https://nodot/"; var weird = "https://.example.com/";
</script>)html";
  InlineScriptHosts found = ScriptHostsFromInline(html);
  CHECK(found.error.empty());
  CHECK(found.hosts == std::vector<std::string>{"www.googletagmanager.com", "stats.example.org",
                                                "api.example.net"});
}

TEST_CASE("web page resources: hostile pages are bounded") {
  SUBCASE("deep nesting is refused with the HTML helpers' reason") {
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<span>";
    PageResources found = FindPageResources(deep + "<img src=a.png>", kPage);
    CHECK_FALSE(found.error.empty());
    CHECK(found.resources.empty());
    CHECK_FALSE(ScriptHostsFromInline(deep).error.empty());
  }
  SUBCASE("thousands of resources are capped") {
    std::string html;
    for (int i = 0; i < 1000; ++i) html += "<img src=\"/i" + std::to_string(i) + ".png\">";
    PageResources found = FindPageResources(html, kPage);
    CHECK(found.resources.size() == kMaxWebListEntries);
    CHECK(found.truncated);
  }
  SUBCASE("thousands of hosts in one inline script are capped") {
    std::string script = "<script>";
    for (int i = 0; i < 3000; ++i) script += "'//h" + std::to_string(i) + ".example.com/';";
    InlineScriptHosts found = ScriptHostsFromInline(script + "</script>");
    CHECK(found.hosts.size() == kMaxWebListEntries);
  }
  SUBCASE("NUL bytes in attributes do not make a URL") {
    std::string html = std::string("<script src=\"") + '\0' + "\"></script><img src=\" \">";
    PageResources found = FindPageResources(html, kPage);
    for (const PageResource& resource : found.resources)
      CHECK(resource.url.find('\0') == std::string::npos);
  }
}

}  // namespace
}  // namespace sdetcheck
