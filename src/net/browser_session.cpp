#include "net/browser_session.h"

#include <algorithm>

#include <strings.h>

#include "net/redirect.h"
#include "net/url.h"

namespace sdetcheck {
namespace {

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
  return std::shared_ptr<BrowserSession>(
      new BrowserSession(transport, max_redirects, transport->OpenSession()));
}

std::shared_ptr<BrowserSession> BrowserSession::CreateFrom(Transport* transport, int max_redirects,
                                                           uint64_t snapshot) {
  uint64_t session = snapshot ? transport->OpenSessionFrom(snapshot) : 0;
  if (session == 0) return nullptr;
  return std::shared_ptr<BrowserSession>(new BrowserSession(transport, max_redirects, session));
}

BrowserSession::BrowserSession(Transport* transport, int max_redirects, uint64_t session)
    : transport_(transport), max_redirects_(max_redirects), session_(session) {}

BrowserSession::~BrowserSession() { transport_->CloseSession(session_); }

std::vector<CookieInfo> BrowserSession::Cookies() const {
  return transport_->SessionCookies(session_);
}

uint64_t BrowserSession::Snapshot() const { return transport_->SnapshotSession(session_); }

std::string BrowserSession::CookieDigest(const std::string& name) const {
  return transport_->SessionCookieDigest(session_, name);
}

void BrowserSession::Fetch(Request request, FollowPolicy follow, Done done) {
  Hop(std::move(request), std::move(follow), std::move(done), {});
}

void BrowserSession::Hop(Request request, FollowPolicy follow, Done done,
                         std::vector<std::string> trail) {
  request.follow_redirects = false;
  request.coalesce = false;
  request.session = session_;
  // The jar decides which cookies go with a request, never a header set by hand.
  RemoveCookieHeaders(&request.headers);
  trail.push_back(request.url);
  auto self = shared_from_this();
  transport_->Submit(request, [self, request, follow = std::move(follow), done = std::move(done),
                               trail](const FetchResult& result) {
    if (!result.ok) return done(result, trail);
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
    self->Hop(step.next, follow, done, trail);
  });
}

Request FormPost(const std::string& page_url, const std::string& action,
                 const std::vector<std::pair<std::string, std::string>>& fields) {
  Request post;
  post.method = "POST";
  post.url = action;
  post.body = FormEncode(fields);
  post.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  post.headers.emplace_back("Origin", SerializedOrigin(page_url));
  std::string referrer = ReferrerFor(page_url, action);
  if (!referrer.empty()) post.headers.emplace_back("Referer", referrer);
  return post;
}

}  // namespace sdetcheck
