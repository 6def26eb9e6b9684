#pragma once
// The subresources a page makes the browser fetch, read from its HTML: what mixed content it
// has, and which scripts come from third parties. Pure: strings in, structs out.

#include <string>
#include <vector>

namespace sdetcheck {

struct PageResource {
  std::string url;  // absolute, resolved against the page (and its <base href>)
  std::string tag;  // lower case: script, link, img, iframe, frame, audio, video, source, ...
  bool is_script = false;  // <script src>, <link rel=modulepreload>, <link rel=preload as=script>
  bool has_integrity = false;  // a non-empty `integrity` attribute (Subresource Integrity)
  std::string crossorigin;     // the `crossorigin` attribute as written; "" when absent
};

struct PageResources {
  std::string error;  // non-empty when the page was not analysed (beyond the HTML limits)
  std::vector<PageResource> resources;  // document order, at most kMaxWebListEntries
  bool truncated = false;               // more were found than kept
};

// Every subresource of the page at `page_url`: <script src>, <link href> of rel stylesheet,
// icon, apple-touch-icon, preload or modulepreload, <img src> and the first URL of its
// srcset, <iframe>/<frame>/<embed>/<audio>/<video>/<source>/<track> src, <video poster>,
// <object data>. Not a form's action (a navigation), nor data:, blob:, javascript: or
// about: URLs (nothing fetched from the network).
PageResources FindPageResources(const std::string& html, const std::string& page_url);

// The resources fetched over plain http:// by a page served over https:// (none when the page
// is not https). A CSP `upgrade-insecure-requests` is not taken into account.
std::vector<PageResource> MixedContent(const std::vector<PageResource>& resources,
                                       const std::string& page_url);

// The ENT's own hosts, lower case, from its addresses (portal, CAS server, the page itself);
// unparseable or empty ones are skipped. What ThirdPartyScripts and the page kinds compare with.
std::vector<std::string> OwnHostsOf(const std::vector<std::string>& urls);

struct ThirdPartyScript {
  std::string url;
  std::string host;  // lower case
  bool has_integrity = false;
};

// The scripts whose host is neither one of `own_hosts` (the portal's, the CAS server's) nor a
// subdomain of one, compared case-insensitively.
std::vector<ThirdPartyScript> ThirdPartyScripts(const std::vector<PageResource>& resources,
                                                const std::vector<std::string>& own_hosts);

struct InlineScriptHosts {
  std::string error;  // non-empty when the page was not analysed
  // Lower case, distinct, in first-seen order, at most kMaxWebListEntries.
  std::vector<std::string> hosts;
};

// The hosts that inline scripts (<script> without src) name in "https://host/...",
// "http://host/..." or "//host/..." URLs, the way trackers inject their own script. Reads at
// most kMaxWebTextBytes of script text, and the first 64 KiB of each script
// (kMaxHtmlElementText).
InlineScriptHosts ScriptHostsFromInline(const std::string& html);

}  // namespace sdetcheck
