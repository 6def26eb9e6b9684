#include "net/browser_session.h"

#include <algorithm>

#include <strings.h>

#include "net/redirect.h"
#include "net/url.h"

namespace sdetcheck {
namespace {

// Cookies are scoped by host name only, like browsers (ports do not isolate cookies).
std::string HostOf(const std::string& url) {
  std::string origin = OriginOf(url);
  size_t scheme_end = origin.find("://");
  size_t port = origin.rfind(':');
  if (scheme_end == std::string::npos || port == std::string::npos || port <= scheme_end)
    return origin;
  return origin.substr(scheme_end + 3, port - scheme_end - 3);
}

FetchResult Refused(FetchError kind, const std::string& error) {
  FetchResult result;
  result.error_kind = kind;
  result.error = error;
  return result;
}

void RemoveCookieHeaders(HeaderList* headers) {
  headers->erase(
      std::remove_if(headers->begin(), headers->end(),
                     [](const auto& h) { return strcasecmp(h.first.c_str(), "Cookie") == 0; }),
      headers->end());
}

}  // namespace

std::shared_ptr<BrowserSession> BrowserSession::Create(Transport* transport, int max_redirects) {
  return std::shared_ptr<BrowserSession>(new BrowserSession(transport, max_redirects));
}

BrowserSession::BrowserSession(Transport* transport, int max_redirects)
    : transport_(transport), max_redirects_(max_redirects) {}

void BrowserSession::Fetch(Request request, FollowPolicy follow, Done done) {
  Hop(std::move(request), std::move(follow), std::move(done), {});
}

void BrowserSession::Hop(Request request, FollowPolicy follow, Done done,
                         std::vector<std::string> trail) {
  request.follow_redirects = false;
  request.coalesce = false;
  std::string cookies = CookieHeader(request.url);
  if (!cookies.empty()) request.headers.emplace_back("Cookie", cookies);
  trail.push_back(request.url);
  auto self = shared_from_this();
  transport_->Submit(request, [self, request, follow = std::move(follow), done = std::move(done),
                               trail](const FetchResult& result) {
    if (!result.ok) return done(result, trail);
    self->StoreCookies(request.url, result.response);
    RedirectStep step = NextHop(request, result.response);
    if (step.action == RedirectStep::Action::kNone) return done(result, trail);
    if (step.action == RedirectStep::Action::kRefuse) {
      return done(Refused(step.error_kind, step.error), trail);
    }
    if (!follow(step.next.url)) return done(result, trail);
    if (static_cast<int>(trail.size()) > self->max_redirects_) {
      return done(Refused(FetchError::kRedirects,
                          request.url + ": more than " + std::to_string(self->max_redirects_) +
                              " redirects (--max-redirects; a redirect loop?)"),
                  trail);
    }
    // The jar decides which cookies go with the next hop, not the previous request.
    RemoveCookieHeaders(&step.next.headers);
    self->Hop(step.next, follow, done, trail);
  });
}

void BrowserSession::StoreCookies(const std::string& url, const Response& response) {
  auto& cookies = jar_[HostOf(url)];
  for (const std::string& header : response.HeaderValues("Set-Cookie")) {
    std::string pair = header.substr(0, header.find(';'));
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    cookies[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
}

std::string BrowserSession::CookieHeader(const std::string& url) const {
  // Cookies never travel in clear, whatever their attributes: every flow here is HTTPS.
  if (url.rfind("https://", 0) != 0) return "";
  auto it = jar_.find(HostOf(url));
  if (it == jar_.end()) return "";
  std::string header;
  for (const auto& [name, value] : it->second)
    header += (header.empty() ? "" : "; ") + name + "=" + value;
  return header;
}

}  // namespace sdetcheck
