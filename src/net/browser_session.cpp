#include "net/browser_session.h"

#include "net/url.h"

namespace sdetcheck {
namespace {

// Cookies are scoped by host name only, like browsers (ports do not isolate cookies).
std::string HostOf(const std::string& url) {
  std::string origin = OriginOf(url);
  size_t scheme_end = origin.find("://");
  size_t port = origin.rfind(':');
  if (scheme_end == std::string::npos || port == std::string::npos || port <= scheme_end) return origin;
  return origin.substr(scheme_end + 3, port - scheme_end - 3);
}

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
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

void BrowserSession::Hop(Request request, FollowPolicy follow, Done done, std::vector<std::string> trail) {
  request.follow_redirects = false;
  request.coalesce = false;
  std::string cookies = CookieHeader(request.url);
  if (!cookies.empty()) request.headers.emplace_back("Cookie", cookies);
  trail.push_back(request.url);
  auto self = shared_from_this();
  transport_->Submit(request, [self, request, follow, done, trail](const FetchResult& result) {
    if (!result.ok) return done(result, trail);
    self->StoreCookies(request.url, result.response);
    std::vector<std::string> location = result.response.HeaderValues("Location");
    if (!IsRedirect(result.response.status) || location.empty()) return done(result, trail);
    std::string next = ResolveUrl(request.url, location.front());
    if (!follow(next)) return done(result, trail);
    if (static_cast<int>(trail.size()) > self->max_redirects_) {
      FetchResult loop;
      loop.error = request.url + ": more than " + std::to_string(self->max_redirects_) + " redirects";
      loop.error_kind = FetchError::kRedirects;
      return done(loop, trail);
    }
    Request get;
    get.url = next;
    self->Hop(get, follow, done, trail);
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
  auto it = jar_.find(HostOf(url));
  if (it == jar_.end()) return "";
  std::string header;
  for (const auto& [name, value] : it->second) header += (header.empty() ? "" : "; ") + name + "=" + value;
  return header;
}

}  // namespace sdetcheck
