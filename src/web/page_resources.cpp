#include "web/page_resources.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>
#include <string_view>

#include "html/document.h"
#include "net/url.h"
#include "util/text.h"
#include "web/bounds.h"

namespace sdetcheck {
namespace {

std::string TrimAscii(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n\r\f");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\n\r\f");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::istringstream in(AsciiLower(text));
  for (std::string token; in >> token;) tokens.push_back(token);
  return tokens;
}

bool HasToken(const std::vector<std::string>& tokens, std::string_view token) {
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

std::string AttributeOr(const HtmlElement& element, const std::string& name) {
  const std::string* value = element.Attribute(name);
  return value ? *value : "";
}

// The first candidate of a srcset ("a.png 1x, b.png 2x" -> "a.png").
std::string FirstOfSrcset(const std::string& srcset) {
  size_t begin = srcset.find_first_not_of(" \t\n\r\f,");
  if (begin == std::string::npos) return "";
  size_t end = srcset.find_first_of(" \t\n\r\f", begin);
  std::string first = srcset.substr(begin, end == std::string::npos ? end : end - begin);
  // A candidate without descriptor may end with the comma separating it from the next.
  while (!first.empty() && first.back() == ',') first.pop_back();
  return first;
}

// The <link> relations that make the browser fetch something for the page itself.
bool LinkFetches(const std::vector<std::string>& rel) {
  static constexpr std::array<std::string_view, 5> kFetched = {
      "stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload"};
  return std::any_of(kFetched.begin(), kFetched.end(),
                     [&](std::string_view kind) { return HasToken(rel, kind); });
}

// The URLs `element` makes the browser fetch, as written.
std::vector<std::string> ReferencesOf(const HtmlElement& element) {
  const std::string& tag = element.tag;
  if (tag == "link") {
    if (!LinkFetches(Tokens(AttributeOr(element, "rel")))) return {};
    return {AttributeOr(element, "href")};
  }
  if (tag == "img" || tag == "source") {
    return {AttributeOr(element, "src"), FirstOfSrcset(AttributeOr(element, "srcset"))};
  }
  if (tag == "video") return {AttributeOr(element, "src"), AttributeOr(element, "poster")};
  if (tag == "object") return {AttributeOr(element, "data")};
  if (tag == "input") {
    if (AsciiLower(AttributeOr(element, "type")) != "image") return {};
    return {AttributeOr(element, "src")};
  }
  static constexpr std::array<std::string_view, 6> kBySrc = {"script", "iframe", "frame",
                                                             "embed",  "audio",  "track"};
  if (std::find(kBySrc.begin(), kBySrc.end(), tag) != kBySrc.end()) {
    return {AttributeOr(element, "src")};
  }
  return {};
}

bool IsScript(const HtmlElement& element) {
  if (element.tag == "script") return true;
  if (element.tag != "link") return false;
  std::vector<std::string> rel = Tokens(AttributeOr(element, "rel"));
  return HasToken(rel, "modulepreload") ||
         (HasToken(rel, "preload") && AsciiLower(AttributeOr(element, "as")) == "script");
}

bool IsHttpUrl(const std::string& url) {
  std::string origin = OriginOf(url);
  return origin.rfind("http://", 0) == 0 || origin.rfind("https://", 0) == 0;
}

// The absolute URL a reference leads to, or "" when it fetches nothing from the network.
std::string NetworkUrl(const std::string& base, const std::string& reference) {
  std::string trimmed = TrimAscii(reference);
  if (trimmed.empty()) return "";
  std::string lower = AsciiLower(trimmed.substr(0, 16));
  for (std::string_view scheme : {"data:", "blob:", "javascript:", "about:"}) {
    if (lower.rfind(scheme, 0) == 0) return "";
  }
  std::string url = ResolveUrl(base, trimmed);
  return IsHttpUrl(url) ? url : "";
}

// The page URL, or the page's first <base href> resolved against it.
std::string BaseUrl(const std::vector<HtmlTreeNode>& nodes, const std::string& page_url) {
  for (const HtmlTreeNode& node : nodes) {
    const std::string* href = node.element.Attribute("href");
    if (node.element.tag == "base" && href && !TrimAscii(*href).empty()) {
      return ResolveUrl(page_url, TrimAscii(*href));
    }
  }
  return page_url;
}

// False once the list is full.
bool AddResources(const HtmlElement& element, const std::string& base, PageResources* out) {
  std::vector<std::string> references = ReferencesOf(element);
  std::string previous;
  for (const std::string& reference : references) {
    std::string url = NetworkUrl(base, reference);
    if (url.empty() || url == previous) continue;
    previous = url;
    if (out->resources.size() == kMaxWebListEntries) return false;
    PageResource resource;
    resource.url = url;
    resource.tag = element.tag;
    resource.is_script = IsScript(element);
    resource.has_integrity = !TrimAscii(AttributeOr(element, "integrity")).empty();
    resource.crossorigin = AttributeOr(element, "crossorigin");
    out->resources.push_back(std::move(resource));
  }
  return true;
}

std::string HostOf(const std::string& url) {
  std::optional<HostPort> host_port = HostAndPort(url);
  if (!host_port) return "";
  std::string host = AsciiLower(host_port->host);
  if (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

bool IsOwnHost(const std::string& host, const std::vector<std::string>& own_hosts) {
  for (std::string own : own_hosts) {
    own = AsciiLower(TrimAscii(own));
    if (!own.empty() && own.back() == '.') own.pop_back();
    if (own.empty()) continue;
    if (host == own) return true;
    if (host.size() > own.size() && host.compare(host.size() - own.size(), own.size(), own) == 0 &&
        host[host.size() - own.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

bool IsHostByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

// "//" opens a URL in script text when a scheme, a quote, a parenthesis, "=" or a space is
// right before it; "a//b" is code.
bool OpensUrl(std::string_view text, size_t slashes) {
  if (slashes == 0) return false;
  std::string_view before = text.substr(0, slashes);
  if (before.size() >= 6 && AsciiLower(std::string(before.substr(before.size() - 6))) == "https:") {
    return true;
  }
  if (before.size() >= 5 && AsciiLower(std::string(before.substr(before.size() - 5))) == "http:") {
    return true;
  }
  return std::string_view("\"'`(= \t\n").find(before.back()) != std::string_view::npos;
}

// The host written at `pos` when a path or a port follows it; "" otherwise.
std::string HostAt(std::string_view text, size_t pos) {
  constexpr size_t kMaxHostBytes = 253;
  size_t end = pos;
  while (end < text.size() && end - pos <= kMaxHostBytes && IsHostByte(text[end])) ++end;
  if (end == text.size() || (text[end] != '/' && text[end] != ':')) return "";
  std::string host = AsciiLower(std::string(text.substr(pos, end - pos)));
  bool well_formed = host.find('.') != std::string::npos && host.front() != '.' &&
                     host.back() != '.' && host.find("..") == std::string::npos &&
                     host.size() <= kMaxHostBytes;
  return well_formed ? host : "";
}

void AddHostsOf(std::string_view script, InlineScriptHosts* out) {
  for (size_t pos = script.find("//"); pos != std::string_view::npos;
       pos = script.find("//", pos + 2)) {
    if (!OpensUrl(script, pos)) continue;
    std::string host = HostAt(script, pos + 2);
    if (host.empty() || std::find(out->hosts.begin(), out->hosts.end(), host) != out->hosts.end()) {
      continue;
    }
    if (out->hosts.size() == kMaxWebListEntries) return;
    out->hosts.push_back(std::move(host));
  }
}

}  // namespace

PageResources FindPageResources(const std::string& html, const std::string& page_url) {
  PageResources out;
  std::vector<HtmlTreeNode> nodes;
  if (!HtmlElementTree(html, &nodes, &out.error)) return out;
  std::string base = BaseUrl(nodes, page_url);
  for (const HtmlTreeNode& node : nodes) {
    if (!AddResources(node.element, base, &out)) {
      out.truncated = true;
      break;
    }
  }
  return out;
}

std::vector<PageResource> MixedContent(const std::vector<PageResource>& resources,
                                       const std::string& page_url) {
  std::vector<PageResource> mixed;
  if (OriginOf(page_url).rfind("https://", 0) != 0) return mixed;
  for (const PageResource& resource : resources) {
    if (OriginOf(resource.url).rfind("http://", 0) == 0) mixed.push_back(resource);
  }
  return mixed;
}

std::vector<ThirdPartyScript> ThirdPartyScripts(const std::vector<PageResource>& resources,
                                                const std::vector<std::string>& own_hosts) {
  std::vector<ThirdPartyScript> scripts;
  for (const PageResource& resource : resources) {
    if (!resource.is_script) continue;
    std::string host = HostOf(resource.url);
    if (host.empty() || IsOwnHost(host, own_hosts)) continue;
    scripts.push_back({resource.url, host, resource.has_integrity});
  }
  return scripts;
}

InlineScriptHosts ScriptHostsFromInline(const std::string& html) {
  InlineScriptHosts out;
  std::vector<HtmlElement> scripts;
  if (!FindHtmlElements(html, "script", &scripts, &out.error)) return out;
  size_t scanned = 0;
  for (const HtmlElement& script : scripts) {
    if (script.Attribute("src") || scanned >= kMaxWebTextBytes) continue;
    std::string_view text = script.text;
    text = text.substr(0, kMaxWebTextBytes - scanned);
    scanned += text.size();
    AddHostsOf(text, &out);
  }
  return out;
}

std::vector<std::string> OwnHostsOf(const std::vector<std::string>& urls) {
  std::vector<std::string> hosts;
  for (const std::string& url : urls) {
    if (std::optional<HostPort> hp = HostAndPort(url)) hosts.push_back(AsciiLower(hp->host));
  }
  return hosts;
}

}  // namespace sdetcheck
