// Browser sessions of the real transport (libcurl's cookie engine, one share handle per
// session) against the hostile server: the Set-Cookie headers a server may send (odd
// attributes, deletion, expired, foreign domain, path-scoped, cookie prefixes) and what the
// server then saw in the Cookie header, request by request.

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "net/curl_transport.h"
#include "net/url.h"
#include "support/hostile_server.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::HostileCaBundle;
using testing::HostilePort;
using testing::HostileReset;
using testing::HostileStats;

std::string LocalhostUrl(const std::string& path) {
  return "https://localhost:" + std::to_string(HostilePort("https")) + path;
}

std::string SetCookieUrl(const std::vector<std::string>& values) {
  std::string url = LocalhostUrl("/set-cookie?");
  for (const std::string& value : values) url += "c=" + PercentEncode(value) + "&";
  return url;
}

struct Client {
  CurlTransport transport;
  Client() : transport(Options()) {}
  static TransportOptions Options() {
    TransportOptions options;
    options.ca_bundle = HostileCaBundle();
    options.rate_per_second = 50;
    return options;
  }
  // One request in `session`, run to its end.
  FetchResult Get(const std::string& url, uint64_t session) {
    Request request;
    request.url = url;
    request.session = session;
    request.coalesce = false;
    request.follow_redirects = false;
    FetchResult out;
    transport.Submit(request, [&out](const FetchResult& r) { out = r; });
    transport.Run();
    return out;
  }
};

// The Cookie header of every recorded request, by request target ("" when none was sent).
std::map<std::string, std::string> CookiesSeen() {
  std::map<std::string, std::string> seen;
  const json stats = HostileStats();  // kept: a range over a temporary's member would dangle
  for (const json& request : stats["request_log"]) {
    std::string cookie;
    for (const json& header : request["headers"]) {
      std::string name = header[0];
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      if (name == "cookie") cookie = header[1];
    }
    seen[request["target"]] = cookie;
  }
  return seen;
}

// The cookie names of a Cookie header, sorted.
std::vector<std::string> Names(const std::string& header) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(';', start);
    std::string pair = header.substr(start, end == std::string::npos ? end : end - start);
    size_t first = pair.find_first_not_of(' ');
    if (first != std::string::npos) names.push_back(pair.substr(first, pair.find('=') - first));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::sort(names.begin(), names.end());
  return names;
}

using Strings = std::vector<std::string>;

TEST_SUITE("hostile") {
  TEST_CASE("cookie jar: Domain, Path, Secure, expiry and deletion behave as in a browser") {
    HostileReset();
    Client client;
    uint64_t session = client.transport.OpenSession();
    REQUIRE(client
                .Get(SetCookieUrl({
                         "keep=k1; Path=/",
                         "sec=s1; Secure; HttpOnly; Path=/",
                         "foreign=f1; Domain=example.org; Path=/",
                         "expired=e1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                         "private=p1; Path=/private",
                         "gone=g1; Path=/",
                         "odd=o1; path=/; SameSite=Whatever; Priority=High; Partitioned; Foo=bar",
                         "__Host-nopath=h1; Secure; Path=/private",
                         "__Secure-insecure=h2; Path=/",
                     }),
                     session)
                .ok);
    // Deletion, as servers do it (django-cas-server deletes its "warn" cookie so).
    REQUIRE(
        client
            .Get(SetCookieUrl({"gone=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"}),
                 session)
            .ok);
    client.Get(LocalhostUrl("/private/page?step=1"), session);
    client.Get(LocalhostUrl("/page?step=2"), session);
    // Never over plain HTTP, never to another host.
    client.Get("http://localhost:" + std::to_string(HostilePort("http")) + "/page?step=3", session);
    client.Get("https://127.0.0.1:" + std::to_string(HostilePort("https")) + "/page?step=4",
               session);
    // Another session has its own jar.
    uint64_t other = client.transport.OpenSession();
    client.Get(LocalhostUrl("/page?step=5"), other);
    // A plain HTTP answer's cookies are not kept either.
    client.Get("http://localhost:" + std::to_string(HostilePort("http")) +
                   "/set-cookie?c=plain%3D1%3B%20Path%3D%2F",
               session);

    std::map<std::string, std::string> seen = CookiesSeen();
    INFO("Cookie headers seen: " << json(seen).dump());
    CHECK(Names(seen["/private/page?step=1"]) == Strings{"keep", "odd", "private", "sec"});
    CHECK(Names(seen["/page?step=2"]) == Strings{"keep", "odd", "sec"});
    CHECK(seen["/page?step=3"].empty());
    CHECK(seen["/page?step=4"].empty());
    CHECK(seen["/page?step=5"].empty());

    // Read back: names and attributes, never values (CookieInfo has no value).
    std::map<std::string, CookieInfo> listed;
    for (const CookieInfo& cookie : client.transport.SessionCookies(session))
      listed[cookie.name] = cookie;
    Strings names;
    for (const auto& [name, cookie] : listed) names.push_back(name);
    CHECK(names == Strings{"keep", "odd", "private", "sec"});
    CHECK(listed["sec"].secure);
    CHECK(listed["sec"].http_only);
    CHECK_FALSE(listed["keep"].secure);
    CHECK_FALSE(listed["keep"].http_only);
    CHECK(listed["keep"].host_only);
    CHECK(listed["keep"].domain == "localhost");
    CHECK(listed["keep"].expires == 0);
    CHECK(listed["private"].path == "/private");
    CHECK(client.transport.SessionCookies(other).empty());

    // A closed session's id carries no cookies any more.
    client.transport.CloseSession(session);
    client.Get(LocalhostUrl("/page?step=6"), session);
    CHECK(CookiesSeen()["/page?step=6"].empty());
    CHECK(client.transport.SessionCookies(session).empty());
  }

  TEST_CASE("cookie jar: a request without a session sends and keeps no cookie") {
    HostileReset();
    Client client;
    REQUIRE(client.Get(SetCookieUrl({"keep=k1; Path=/"}), 0).ok);
    client.Get(LocalhostUrl("/page?step=none"), 0);
    CHECK(CookiesSeen()["/page?step=none"].empty());
  }
  TEST_CASE("cookie jar: a snapshot replays the cookies in a new session; digests, never values") {
    HostileReset();
    Client client;
    uint64_t session = client.transport.OpenSession();
    REQUIRE(
        client.Get(SetCookieUrl({"sso=v1; Secure; HttpOnly; Path=/", "pref=p1; Path=/"}), session)
            .ok);
    std::string before = client.transport.SessionCookieDigest(session, "sso");
    CHECK(before.size() == 64);
    CHECK(before.find("v1") == std::string::npos);
    CHECK(client.transport.SessionCookieDigest(session, "missing").empty());
    uint64_t snapshot = client.transport.SnapshotSession(session);
    REQUIRE(snapshot != 0);
    // The original session moves on; the snapshot keeps the values of its time.
    REQUIRE(client.Get(SetCookieUrl({"sso=v2; Secure; HttpOnly; Path=/"}), session).ok);
    CHECK(client.transport.SessionCookieDigest(session, "sso") != before);
    uint64_t replay = client.transport.OpenSessionFrom(snapshot);
    REQUIRE(replay != 0);
    CHECK(client.transport.SessionCookieDigest(replay, "sso") == before);
    client.Get(LocalhostUrl("/page?step=replayed"), replay);
    std::map<std::string, std::string> seen = CookiesSeen();
    CHECK(Names(seen["/page?step=replayed"]) == Strings{"pref", "sso"});
    CHECK(seen["/page?step=replayed"].find("sso=v1") != std::string::npos);
    std::vector<CookieInfo> cookies = client.transport.SessionCookies(replay);
    auto sso = std::find_if(cookies.begin(), cookies.end(),
                            [](const CookieInfo& c) { return c.name == "sso"; });
    REQUIRE(sso != cookies.end());
    CHECK(sso->secure);
    CHECK(sso->http_only);
    CHECK(client.transport.OpenSessionFrom(snapshot + 100) == 0);
  }
}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
