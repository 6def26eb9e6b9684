#include "probe/ticket_referrer.h"

#include <algorithm>
#include <set>
#include <vector>

#include "html/document.h"
#include "net/url.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

const std::vector<std::string> kKnownPolicies = {"no-referrer",
                                                 "no-referrer-when-downgrade",
                                                 "same-origin",
                                                 "origin",
                                                 "strict-origin",
                                                 "origin-when-cross-origin",
                                                 "strict-origin-when-cross-origin",
                                                 "unsafe-url"};

std::string Trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool Known(const std::string& policy) {
  return std::find(kKnownPolicies.begin(), kKnownPolicies.end(), policy) != kKnownPolicies.end();
}

// A header may list several policies: the last one the browser knows wins (fallbacks first).
std::string LastKnownPolicy(const std::string& list) {
  std::string chosen;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string token = AsciiLower(Trim(list.substr(start, comma - start)));
    if (Known(token)) chosen = token;
    start = comma + 1;
  }
  return chosen;
}

// The subresources a browser fetches while showing the page, and the element's own policy.
struct Subresource {
  std::string url;
  std::string policy;  // referrerpolicy attribute, "" when absent
};

const std::vector<std::pair<std::string, std::string>> kSubresourceAttributes = {
    {"script", "src"}, {"img", "src"},   {"iframe", "src"}, {"link", "href"},  {"source", "src"},
    {"video", "src"},  {"audio", "src"}, {"embed", "src"},  {"object", "data"}};

bool FetchedLink(const HtmlElement& link) {
  const std::string* rel = link.Attribute("rel");
  if (!rel) return false;
  std::string value = AsciiLower(*rel);
  for (const char* fetched : {"stylesheet", "icon", "preload", "prefetch", "modulepreload"}) {
    if (value.find(fetched) != std::string::npos) return true;
  }
  return false;
}

bool CollectSubresources(const std::string& html, std::vector<Subresource>* found,
                         std::string* meta_policy, std::string* error) {
  std::vector<HtmlElement> elements;
  if (!FindHtmlElements(html, "*", &elements, error)) return false;
  for (const HtmlElement& element : elements) {
    const std::string* name = element.Attribute("name");
    const std::string* content = element.Attribute("content");
    if (element.tag == "meta" && name && content && AsciiLower(*name) == "referrer") {
      std::string policy = LastKnownPolicy(*content);
      if (!policy.empty()) *meta_policy = policy;
    }
    for (const auto& [tag, attribute] : kSubresourceAttributes) {
      const std::string* url = element.Attribute(attribute);
      if (element.tag != tag || !url || url->empty()) continue;
      if (tag == "link" && !FetchedLink(element)) continue;
      const std::string* own = element.Attribute("referrerpolicy");
      found->push_back({*url, own ? LastKnownPolicy(*own) : ""});
    }
  }
  return true;
}

std::string Join(const std::set<std::string>& origins) {
  std::string joined;
  for (const std::string& origin : origins) joined += (joined.empty() ? "" : ", ") + origin;
  return joined;
}

ReferrerJudgement Judged(CheckState state, Message message, std::string observed) {
  return {state, std::move(message), std::move(observed)};
}

}  // namespace

std::string EffectiveReferrerPolicy(const Response& page, const std::string& meta_policy) {
  if (!meta_policy.empty()) return meta_policy;
  std::string policy;
  for (const std::string& header : page.HeaderValues("Referrer-Policy")) {
    std::string last = LastKnownPolicy(header);
    if (!last.empty()) policy = last;
  }
  return policy;
}

bool PolicyLeaksFullUrl(const std::string& policy) {
  return policy == "unsafe-url" || policy == "no-referrer-when-downgrade";
}

ReferrerJudgement JudgeTicketReferrer(const std::string& page_url, const Response& page) {
  if (QueryParameter(page_url, "ticket").value_or("").empty()) {
    return Judged(CheckState::kPass, Msg("cas.referrer.ticket_removed"), "");
  }
  std::vector<Subresource> subresources;
  std::string meta_policy, error;
  if (!CollectSubresources(page.body, &subresources, &meta_policy, &error)) {
    return Judged(CheckState::kError, Msg("cas.referrer.unreadable"), error);
  }
  std::string page_policy = EffectiveReferrerPolicy(page, meta_policy);
  std::set<std::string> third_parties, leaking;
  std::string page_origin = OriginOf(page_url);
  for (const Subresource& subresource : subresources) {
    std::string origin = OriginOf(ResolveUrl(page_url, subresource.url));
    if (origin.empty() || origin == page_origin) continue;
    third_parties.insert(origin);
    std::string policy = subresource.policy.empty() ? page_policy : subresource.policy;
    if (PolicyLeaksFullUrl(policy)) leaking.insert(origin);
  }
  std::string shown_policy = page_policy.empty() ? "strict-origin-when-cross-origin" : page_policy;
  if (!leaking.empty()) {
    return Judged(CheckState::kFail,
                  Msg("cas.referrer.ticket_leaks", {{"origin", *leaking.begin()},
                                                    {"count", std::to_string(leaking.size())},
                                                    {"policy", shown_policy}}),
                  Join(leaking) + " (Referrer-Policy: " + shown_policy + ")");
  }
  return Judged(CheckState::kPass,
                Msg("cas.referrer.ticket_kept",
                    {{"count", std::to_string(third_parties.size())}, {"policy", shown_policy}}),
                "Referrer-Policy: " + shown_policy);
}

}  // namespace sdetcheck
