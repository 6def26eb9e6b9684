#include "net/redirect.h"

#include <algorithm>

#include <strings.h>

#include "net/url.h"

namespace sdetcheck {
namespace {

bool NameIs(const std::string& name, const char* wanted) {
  return strcasecmp(name.c_str(), wanted) == 0;
}

bool IsCredentialHeader(const std::string& name) {
  return NameIs(name, "Authorization") || NameIs(name, "Proxy-Authorization") ||
         NameIs(name, "Cookie");
}

void RemoveHeaders(HeaderList* headers, bool (*unwanted)(const std::string& name)) {
  headers->erase(std::remove_if(headers->begin(), headers->end(),
                                [unwanted](const auto& h) { return unwanted(h.first); }),
                 headers->end());
}

bool IsHttps(const std::string& url) { return url.rfind("https://", 0) == 0; }

RedirectStep Refuse(FetchError kind, const std::string& error) {
  RedirectStep step;
  step.action = RedirectStep::Action::kRefuse;
  step.error_kind = kind;
  step.error = error;
  return step;
}

Request NextRequest(const Request& request, long status, const std::string& target) {
  Request next = request;
  next.url = target;
  // RFC 9110 §15.4: 303 always, and 301/302 after a POST in practice, become a GET.
  bool becomes_get =
      status == 303 || ((status == 301 || status == 302) && request.method == "POST");
  if (becomes_get) {
    next.method = request.method == "HEAD" ? "HEAD" : "GET";
    next.body.clear();
    // A browser sends Origin with a form post, not with the GET that follows its redirect.
    RemoveHeaders(&next.headers, [](const std::string& name) {
      return NameIs(name, "Content-Type") || NameIs(name, "Origin");
    });
  }
  if (OriginOf(target) != OriginOf(request.url)) {
    RemoveHeaders(&next.headers, IsCredentialHeader);
    // The referrer keeps only its origin across origins (strict-origin-when-cross-origin).
    for (auto& [name, value] : next.headers) {
      if (NameIs(name, "Referer")) value = ReferrerFor(value, target);
    }
    next.headers.erase(std::remove_if(next.headers.begin(), next.headers.end(),
                                      [](const auto& h) {
                                        return NameIs(h.first, "Referer") && h.second.empty();
                                      }),
                       next.headers.end());
  }
  return next;
}

}  // namespace

bool IsRedirectStatus(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

RedirectStep NextHop(const Request& request, const Response& response) {
  if (!IsRedirectStatus(response.status)) return {};
  std::string where = request.method + " " + request.url + ": ";
  std::string code = "HTTP " + std::to_string(response.status);
  std::vector<std::string> locations = response.HeaderValues("Location");
  if (locations.empty() || locations.front().empty()) {
    return Refuse(FetchError::kProtocol, where + code + " redirect without a Location header");
  }
  if (locations.front().size() > kMaxLocationBytes) {
    return Refuse(FetchError::kProtocol, where + code + " redirect with a Location of " +
                                             std::to_string(locations.front().size()) +
                                             " bytes (sdetcheck follows at most " +
                                             std::to_string(kMaxLocationBytes) + ")");
  }
  std::string target = ResolveUrl(request.url, locations.front());
  if (OriginOf(target).empty()) {
    return Refuse(FetchError::kProtocol, where + code + " redirect to an unusable Location");
  }
  if (!IsHttps(target) && target.rfind("http://", 0) != 0) {
    return Refuse(FetchError::kProtocol,
                  where + code + " redirect to a non-HTTP URL, not followed");
  }
  if (IsHttps(request.url) && !IsHttps(target)) {
    return Refuse(FetchError::kDowngrade,
                  where + code + " redirect from HTTPS to plain HTTP (" + target +
                      "): not followed, so no cookie or credential travels in clear");
  }
  bool keeps_body = response.status == 307 || response.status == 308;
  if (keeps_body && !request.body.empty() && OriginOf(target) != OriginOf(request.url)) {
    return Refuse(FetchError::kProtocol,
                  where + code + " would re-send the submitted form to another origin (" +
                      OriginOf(target) + "): not followed");
  }
  RedirectStep step;
  step.action = RedirectStep::Action::kFollow;
  step.next = NextRequest(request, response.status, target);
  return step;
}

}  // namespace sdetcheck
