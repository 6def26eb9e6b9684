#include "net/curl_transport.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <ctime>
#include <deque>
#include <map>
#include <optional>
#include <set>

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <strings.h>

#include "exec/thread_executor.h"
#include "net/body_decoder.h"
#include "net/cookie_list.h"
#include "net/rate_limiter.h"
#include "net/redirect.h"
#include "util/sha256.h"

namespace sdetcheck {
namespace {

using Clock = std::chrono::steady_clock;

// One request on its way: its current hop, and how it got there.
struct Job {
  Request request;
  Transport::Callback done;
  int attempt = 0;    // attempts of the current hop
  int redirects = 0;  // hops taken before the current one
  double elapsed_before = 0;
  Clock::time_point not_before;
  std::string host;  // the per-host limit's key of request.url
  // A step of something already under way (a redirect hop, a retry, the next request of a
  // browser session that has sent one): it starts before new work, so that a login form's
  // one-time token or a fresh ticket does not expire while new probes take the slots.
  bool continuing = false;
  // Set for blocking work (SubmitBlocking) instead of a request; request.url names its host.
  Transport::BlockingWork blocking_work;
  Transport::BlockingDone blocking_done;
};

// Blocking work whose executor deadline passed while its thread still runs: its host slot
// stays taken until `ended` is set by the thread.
struct Lingering {
  std::string host;
  std::shared_ptr<std::atomic<bool>> ended;
};

enum class Abort { kNone, kBodyTooLarge, kHeaderFlood, kFraming, kDecoding };

struct Transfer {
  Job job;
  std::string host;
  CURL* easy = nullptr;
  uint64_t session = 0;  // the browser session whose cookie jar the transfer uses, if any
  curl_slist* headers = nullptr;
  Response response;
  std::optional<BodyDecoder> decoder;  // made at the first body byte, once headers are known
  size_t max_body = 0;
  size_t wire_in = 0;    // bytes received after the headers, framing included
  size_t wire_body = 0;  // of which body bytes (still compressed)
  size_t header_lines = 0;
  size_t header_bytes = 0;
  bool at_block_start = true;  // the next header line is a status line
  Abort abort = Abort::kNone;
  char error_buffer[CURL_ERROR_SIZE] = {0};
};

// More than this many header lines, or header bytes, in one response is a flood, not HTTP.
constexpr size_t kMaxHeaderLines = 300;
constexpr size_t kMaxHeaderBytes = size_t{256} * 1024;
// Chunked framing (sizes, extensions) may add this much beyond the body, or as much as the
// body itself when that is larger; more is a server hiding data in the framing.
constexpr size_t kMaxFramingBytes = size_t{64} * 1024;

std::string HostKey(const std::string& url, bool with_port) {
  CURLU* handle = curl_url();
  std::string key = url;
  if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* host = nullptr;
    char* port = nullptr;
    curl_url_get(handle, CURLUPART_HOST, &host, 0);
    curl_url_get(handle, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    key = host ? host : "";
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (with_port) key += std::string(":") + (port ? port : "");
    curl_free(host);
    curl_free(port);
  }
  curl_url_cleanup(handle);
  return key;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (!t->decoder) {
    std::vector<std::string> encodings = t->response.HeaderValues("Content-Encoding");
    t->decoder.emplace(encodings.empty() ? "" : encodings.back());
  }
  t->wire_body += bytes;
  switch (t->decoder->Feed(data, bytes, &t->response.body, t->max_body)) {
    case BodyDecoder::Result::kOk:
      return bytes;
    case BodyDecoder::Result::kTooLarge:
      t->abort = Abort::kBodyTooLarge;
      return 0;
    case BodyDecoder::Result::kCorrupt:
      t->abort = Abort::kDecoding;
      return 0;
  }
  return 0;  // makes curl abort with CURLE_WRITE_ERROR
}

void CaptureTlsVersion(Transfer* transfer) {
  if (!transfer->response.tls_version.empty()) return;
  curl_tlssessioninfo* info = nullptr;
  if (curl_easy_getinfo(transfer->easy, CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK || !info) return;
  if (info->backend == CURLSSLBACKEND_OPENSSL && info->internals) {
    transfer->response.tls_version = SSL_get_version(static_cast<SSL*>(info->internals));
  }
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  CaptureTlsVersion(t);
  // The caps count every header block of the transfer (1xx ones too): a server cannot
  // reset them by starting a line with "HTTP/".
  if (++t->header_lines > kMaxHeaderLines || (t->header_bytes += bytes) > kMaxHeaderBytes) {
    t->abort = Abort::kHeaderFlood;
    return 0;
  }
  std::string line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.empty()) {
    t->at_block_start = true;  // the end of a block: a final response or a 1xx may follow
    return bytes;
  }
  if (t->at_block_start) {
    t->at_block_start = false;
    if (line.rfind("HTTP/", 0) == 0) {
      t->response.headers.clear();  // a new response's status line (after a 1xx)
      return bytes;
    }
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return bytes;
  std::string value = line.substr(colon + 1);
  size_t first = value.find_first_not_of(" \t");
  value = first == std::string::npos ? "" : value.substr(first);
  t->response.headers.emplace_back(line.substr(0, colon), value);
  return bytes;
}

// Counts what arrives after the headers, framing included: libcurl strips chunk sizes and
// extensions without limit before the body callback sees anything.
int OnDebug(CURL*, curl_infotype type, char*, size_t size, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (type != CURLINFO_DATA_IN) return 0;
  t->wire_in += size;
  size_t framing = t->wire_in > t->wire_body ? t->wire_in - t->wire_body : 0;
  if (framing > std::max(kMaxFramingBytes, t->wire_body)) t->abort = Abort::kFraming;
  return 0;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(user)->abort == Abort::kNone ? 0 : 1;
}

bool IsTransient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

bool IsIdempotent(const Request& request) {
  return request.method == "GET" || request.method == "HEAD";
}

// A gateway that failed may succeed on a second try; a server that said "not now" (429,
// 503) is not asked again.
bool IsRetryableStatus(long status) { return status == 502 || status == 504; }
bool IsRefusalStatus(long status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

FetchError ClassifyError(const Transfer& t, CURLcode code) {
  switch (t.abort) {
    case Abort::kBodyTooLarge:
      return FetchError::kTooLarge;
    case Abort::kHeaderFlood:
    case Abort::kFraming:
    case Abort::kDecoding:
      return FetchError::kProtocol;
    case Abort::kNone:
      break;
  }
  switch (code) {
    case CURLE_FILESIZE_EXCEEDED:
      return FetchError::kTooLarge;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchError::kTimeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
      return FetchError::kTls;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return FetchError::kConnect;
    case CURLE_OUT_OF_MEMORY:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_GOT_NOTHING:
      return FetchError::kProtocol;
    default:
      return FetchError::kOther;
  }
}

long TlsVersionOption(const std::string& max_version) {
  if (max_version == "1.0")
    return static_cast<long>(CURL_SSLVERSION_TLSv1_0) |
           static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_0);
  if (max_version == "1.1")
    return static_cast<long>(CURL_SSLVERSION_TLSv1_0) |
           static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_1);
  if (max_version == "1.2")
    return static_cast<long>(CURL_SSLVERSION_TLSv1_0) |
           static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_2);
  return CURL_SSLVERSION_DEFAULT;
}

std::string Seconds(long ms) {
  std::string text = std::to_string(ms / 1000);
  if (ms % 1000) text += "." + std::to_string(ms % 1000 / 100);
  return text + " s";
}

std::string Bytes(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string DescribeAbort(const Transfer& t, const TransportOptions& options) {
  switch (t.abort) {
    case Abort::kBodyTooLarge:
      return "the response body exceeds the limit of " + Bytes(options.max_body_bytes) +
             " (--max-body)";
    case Abort::kHeaderFlood:
      return "the response has more than " + std::to_string(kMaxHeaderLines) + " header lines or " +
             Bytes(kMaxHeaderBytes) +
             " of headers (sdetcheck's cap; real servers send a few dozen)";
    case Abort::kFraming:
      return "the chunked framing carries " + Bytes(t.wire_in - t.wire_body) +
             " besides a body of " + Bytes(t.wire_body) +
             " (chunk extensions or padding beyond sdetcheck's cap of " + Bytes(kMaxFramingBytes) +
             ")";
    case Abort::kDecoding:
      return t.decoder ? t.decoder->problem() : "the body could not be decoded";
    case Abort::kNone:
      break;
  }
  return "";
}

std::string DescribeError(const Transfer& t, CURLcode code, const TransportOptions& options) {
  std::string where = t.job.request.method + " " + t.job.request.url + ": ";
  if (t.abort != Abort::kNone) return where + DescribeAbort(t, options);
  std::string detail = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_FILESIZE_EXCEEDED:
      return where + "the announced body size exceeds the limit of " +
             Bytes(options.max_body_bytes) + " (--max-body)";
    case CURLE_OPERATION_TIMEDOUT:
      return where + "no complete answer within " + Seconds(options.total_timeout_ms) +
             " (--timeout; " + detail + ")";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return where + "TLS certificate not trusted: " + detail;
    case CURLE_SSL_CONNECT_ERROR:
      return where + "TLS handshake failed: " + detail;
    case CURLE_COULDNT_RESOLVE_HOST:
      return where + "host name not resolved: " + detail;
    case CURLE_COULDNT_CONNECT:
      return where + "connection failed: " + detail;
    case CURLE_OUT_OF_MEMORY:
      // libcurl reports a header line over its 100 KiB limit as "out of memory".
      return where +
             "the answer could not be read: a header line longer than libcurl accepts "
             "(100 KiB), or memory exhausted";
    case CURLE_WEIRD_SERVER_REPLY:
      return where + "the server's answer is not valid HTTP: " + detail;
    case CURLE_PARTIAL_FILE:
      return where + "the connection closed before the announced body was complete: " + detail;
    case CURLE_RECV_ERROR:
      return where + "the answer broke off or its framing is invalid: " + detail;
    case CURLE_GOT_NOTHING:
      return where + "the server closed the connection without answering";
    default:
      return where + detail;
  }
}

std::string RefusalMessage(const Request& request, const Response& response, int attempts) {
  std::string text = request.method + " " + request.url + ": the server refused service (HTTP " +
                     std::to_string(response.status);
  std::vector<std::string> retry_after = response.HeaderValues("Retry-After");
  if (!retry_after.empty()) text += ", Retry-After: " + retry_after.front().substr(0, 64);
  text += ")";
  if (attempts > 1) text += " after " + std::to_string(attempts) + " attempts";
  return text + "; the check could not be made";
}

FetchResult Failure(FetchError kind, const std::string& error, int attempts) {
  FetchResult result;
  result.error_kind = kind;
  result.error = error;
  result.attempts = attempts;
  return result;
}

}  // namespace

// A browser session's cookie jar: libcurl's cookie engine in a share handle, so that Domain,
// Path, Secure, expiry and deletion (Max-Age=0, a past Expires) behave as in a browser, the
// public suffix list included. Transfers attach it while they run; one event loop drives
// every transfer, so the share needs no lock callbacks.
struct CookieJar {
  CURLSH* share = nullptr;
  int in_use = 0;        // transfers attached to it now
  bool closing = false;  // CloseSession() was called: freed when no transfer uses it
};

bool IsHttpsUrl(const std::string& url) {
  return url.size() >= 8 && strncasecmp(url.c_str(), "https://", 8) == 0;
}

struct CurlTransport::Impl {
  TransportOptions options;
  CURLM* multi = nullptr;
  std::map<uint64_t, CookieJar> jars;
  uint64_t last_session = 0;
  // Copies of jars (Netscape lines, values included): SnapshotSession().
  std::map<uint64_t, std::vector<std::string>> snapshots;
  uint64_t last_snapshot = 0;
  std::deque<Job> pending;  // continuing jobs first, each group in submission order
  std::set<uint64_t> sessions_started;
  // Per session, the cookie names whose Set-Cookie carried Secure or HttpOnly in a form
  // libcurl's jar drops ("HttpOnly=1"): Cookies() reports them as a browser would.
  std::map<uint64_t, std::map<std::string, SetCookieAttributes>> set_cookie_flags;
  std::map<CURL*, std::unique_ptr<Transfer>> active;
  std::map<std::string, int> active_per_host;
  RateLimiter limiter{0};
  ThreadExecutor* executor = nullptr;
  std::vector<Lingering> lingering;
  int started = 0;
  int started_blocking = 0;

  bool Busy() const {
    return !pending.empty() || !active.empty() || !lingering.empty() ||
           (executor && !executor->Idle());
  }

  void Enqueue(Job job) {
    if (!job.continuing) return pending.push_back(std::move(job));
    auto first_new =
        std::find_if(pending.begin(), pending.end(), [](const Job& j) { return !j.continuing; });
    pending.insert(first_new, std::move(job));
  }

  std::string HostOf(const std::string& url) const {
    return HostKey(url, options.per_host_includes_port);
  }

  void Configure(Transfer* t) {
    CURL* e = t->easy;
    const Request& r = t->job.request;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, options.total_timeout_ms);
    // Redirects are followed here, one hop at a time, so that each hop waits for the rate
    // and per-host limits and a downgrade to plain HTTP is caught before it is sent.
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    // A connection ends with its request, whatever the outcome: nothing lingers on a
    // server that misbehaved, and no state is carried from one check to the next.
    curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
    curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, AcceptedEncodings());
    curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);     // BodyDecoder does it, strictly
    curl_easy_setopt(e, CURLOPT_PROXY, options.proxy.c_str());  // "" disables env proxies
    if (!options.ca_bundle.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_bundle.c_str());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);  // only so that OnDebug sees the raw bytes
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, OnDebug);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, t);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, OnProgress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, t);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    if (!r.tls_max_version.empty()) {
      curl_easy_setopt(e, CURLOPT_SSLVERSION, TlsVersionOption(r.tls_max_version));
      // OpenSSL 3 refuses TLS < 1.2 at its default security level even when asked.
      curl_easy_setopt(e, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
    }
    if (r.method == "HEAD") curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    if (r.method == "POST") {
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
      curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, r.body.c_str());
    } else if (r.method != "GET" && r.method != "HEAD") {
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    for (const auto& [name, value] : r.headers) {
      t->headers = curl_slist_append(t->headers, (name + ": " + value).c_str());
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    AttachJar(t);
  }

  // Cookies travel over HTTPS only, whatever their attributes: a plain HTTP request of a
  // session neither sends nor stores any.
  void AttachJar(Transfer* t) {
    const Request& r = t->job.request;
    auto jar = jars.find(r.session);
    if (r.session == 0 || jar == jars.end() || jar->second.closing || !IsHttpsUrl(r.url)) return;
    curl_easy_setopt(t->easy, CURLOPT_SHARE, jar->second.share);
    curl_easy_setopt(t->easy, CURLOPT_COOKIEFILE, "");  // the engine on, nothing read
    ++jar->second.in_use;
    t->session = r.session;
  }

  void DetachJar(Transfer* t) {
    if (t->session == 0) return;
    curl_easy_setopt(t->easy, CURLOPT_SHARE, nullptr);
    auto jar = jars.find(t->session);
    t->session = 0;
    if (jar == jars.end()) return;
    --jar->second.in_use;
    if (jar->second.closing && jar->second.in_use == 0) FreeJar(jar);
  }

  void FreeJar(std::map<uint64_t, CookieJar>::iterator jar) {
    curl_share_cleanup(jar->second.share);
    jars.erase(jar);
  }

  uint64_t OpenSession() {
    CookieJar jar;
    jar.share = curl_share_init();
    curl_share_setopt(jar.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    jars[++last_session] = jar;
    return last_session;
  }

  void CloseSession(uint64_t session) {
    sessions_started.erase(session);
    set_cookie_flags.erase(session);
    auto jar = jars.find(session);
    if (jar == jars.end()) return;
    jar->second.closing = true;
    if (jar->second.in_use == 0) FreeJar(jar);
  }

  // libcurl's own listing of the jar (CURLINFO_COOKIELIST: Netscape lines, values
  // included), through an easy handle that borrows the share and sends nothing. Never
  // leaves the transport.
  std::vector<std::string> JarLines(uint64_t session) const {
    std::vector<std::string> lines;
    auto jar = jars.find(session);
    if (jar == jars.end() || jar->second.closing) return lines;
    CURL* easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_SHARE, jar->second.share);
    curl_slist* list = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_COOKIELIST, &list) == CURLE_OK) {
      for (curl_slist* line = list; line; line = line->next) lines.emplace_back(line->data);
    }
    curl_slist_free_all(list);
    curl_easy_setopt(easy, CURLOPT_SHARE, nullptr);
    curl_easy_cleanup(easy);
    return lines;
  }

  std::vector<CookieInfo> Cookies(uint64_t session) const {
    std::vector<CookieInfo> cookies;
    int64_t now = static_cast<int64_t>(time(nullptr));
    for (const std::string& line : JarLines(session)) {
      std::optional<CookieInfo> cookie = CookieFromJarLine(line);
      if (!cookie || (cookie->expires != 0 && cookie->expires <= now)) continue;
      auto flags = set_cookie_flags.find(session);
      if (flags != set_cookie_flags.end()) {
        auto seen = flags->second.find(cookie->name);
        if (seen != flags->second.end()) {
          cookie->secure = cookie->secure || seen->second.secure;
          cookie->http_only = cookie->http_only || seen->second.http_only;
        }
      }
      cookies.push_back(*cookie);
    }
    return cookies;
  }

  uint64_t Snapshot(uint64_t session) {
    if (jars.find(session) == jars.end()) return 0;
    snapshots[++last_snapshot] = JarLines(session);
    return last_snapshot;
  }

  // A new jar fed the snapshot's lines (CURLOPT_COOKIELIST reads the Netscape format).
  uint64_t OpenSessionFrom(uint64_t snapshot) {
    auto saved = snapshots.find(snapshot);
    if (saved == snapshots.end()) return 0;
    uint64_t session = OpenSession();
    CURL* easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_SHARE, jars[session].share);
    for (const std::string& line : saved->second) {
      curl_easy_setopt(easy, CURLOPT_COOKIELIST, line.c_str());
    }
    curl_easy_setopt(easy, CURLOPT_SHARE, nullptr);
    curl_easy_cleanup(easy);
    return session;
  }

  std::string CookieDigest(uint64_t session, const std::string& name) const {
    for (const std::string& line : JarLines(session)) {
      std::optional<CookieInfo> cookie = CookieFromJarLine(line);
      if (!cookie || cookie->name != name) continue;
      size_t value = line.rfind('\t');  // the value is the last field
      return Sha256Hex(value == std::string::npos ? "" : line.substr(value + 1));
    }
    return "";
  }

  // Starts every pending job that the host limit, the rate limit and its backoff allow.
  void StartReady() {
    for (auto it = pending.begin(); it != pending.end();) {
      Clock::time_point now = Clock::now();
      if (limiter.NextAllowed(now) > now) return;
      if (it->host.empty()) it->host = HostOf(it->request.url);
      const std::string host = it->host;
      if (it->not_before > now || active_per_host[host] >= options.per_host_concurrency) {
        ++it;
        continue;
      }
      if (it->blocking_work) {
        Job job = std::move(*it);
        it = pending.erase(it);
        limiter.Record(now);
        StartBlocking(std::move(job), host);
        continue;
      }
      auto transfer = std::make_unique<Transfer>();
      transfer->job = std::move(*it);
      it = pending.erase(it);
      if (transfer->job.request.session != 0) {
        sessions_started.insert(transfer->job.request.session);
      }
      transfer->host = host;
      transfer->max_body = options.max_body_bytes;
      transfer->easy = curl_easy_init();
      Configure(transfer.get());
      ++transfer->job.attempt;
      ++active_per_host[host];
      ++started;
      limiter.Record(now);
      curl_multi_add_handle(multi, transfer->easy);
      active[transfer->easy] = std::move(transfer);
    }
  }

  void StartBlocking(Job job, const std::string& host) {
    ++active_per_host[host];
    ++started_blocking;
    auto ended = std::make_shared<std::atomic<bool>>(false);
    Transport::BlockingWork work = [ended, work = std::move(job.blocking_work)] {
      work();
      ended->store(true);
    };
    Transport::BlockingDone done = [this, host, ended,
                                    done = std::move(job.blocking_done)](bool finished) {
      if (finished || ended->load()) {
        --active_per_host[host];
      } else {
        lingering.push_back({host, ended});
      }
      done(finished);
    };
    if (!executor) {
      work();
      return done(true);
    }
    executor->SubmitNow(std::move(work), std::move(done));
  }

  // Frees the host slots of expired blocking work that has since ended.
  void ReleaseLingering() {
    std::erase_if(lingering, [this](const Lingering& l) {
      if (!l.ended->load()) return false;
      --active_per_host[l.host];
      return true;
    });
  }

  void Finish(CURL* easy, CURLcode code) {
    std::unique_ptr<Transfer> t = std::move(active[easy]);
    active.erase(easy);
    --active_per_host[t->host];
    curl_multi_remove_handle(multi, easy);
    DetachJar(t.get());  // the cookies it set are in the jar; the callback may close it
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    bool ok = code == CURLE_OK && t->abort == Abort::kNone;
    // A request with effects (a login POST) is sent again only if it never left.
    bool resendable = IsIdempotent(t->job.request) || code == CURLE_COULDNT_CONNECT;
    bool transient = (!ok && t->abort == Abort::kNone && IsTransient(code) && resendable) ||
                     (ok && IsIdempotent(t->job.request) && IsRetryableStatus(status));
    if (transient && t->job.attempt <= options.retries) {
      long delay = options.backoff_ms << (t->job.attempt - 1);
      t->job.not_before = Clock::now() + std::chrono::milliseconds(delay);
      t->job.continuing = true;
      Enqueue(std::move(t->job));
    } else {
      Deliver(*t, ok ? CURLE_OK : code, status);
    }
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(easy);
  }

  // The latest Set-Cookie of each name wins, as in the jar.
  void RememberCookieFlags(uint64_t session, const Response& response) {
    if (session == 0) return;
    for (const std::string& value : response.HeaderValues("Set-Cookie")) {
      SetCookieAttributes attributes = ParseSetCookieAttributes(value);
      if (!attributes.name.empty()) set_cookie_flags[session][attributes.name] = attributes;
    }
  }

  void Deliver(Transfer& t, CURLcode code, long status) {
    Job& job = t.job;
    if (code != CURLE_OK || t.abort != Abort::kNone) {
      return job.done(
          Failure(ClassifyError(t, code), DescribeError(t, code, options), job.attempt));
    }
    if (t.decoder && !t.decoder->Complete()) {
      return job.done(Failure(FetchError::kProtocol,
                              job.request.method + " " + job.request.url +
                                  ": the compressed body is truncated (its stream does not end)",
                              job.attempt));
    }
    Response& response = t.response;
    response.status = status;
    response.effective_url = job.request.url;
    response.redirects = job.redirects;
    curl_off_t micros = 0;
    curl_easy_getinfo(t.easy, CURLINFO_TOTAL_TIME_T, &micros);
    response.elapsed_seconds = job.elapsed_before + static_cast<double>(micros) / 1e6;
    RememberCookieFlags(job.request.session, response);
    curl_off_t body_bytes = 0;
    long header_bytes = 0;
    curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &body_bytes);
    curl_easy_getinfo(t.easy, CURLINFO_HEADER_SIZE, &header_bytes);
    response.transferred_bytes = static_cast<int64_t>(body_bytes) + header_bytes;
    if (IsRefusalStatus(status)) {
      FetchResult refused = Failure(
          FetchError::kRefused, RefusalMessage(job.request, response, job.attempt), job.attempt);
      refused.response = std::move(response);  // what the server did say, TLS version included
      return job.done(refused);
    }
    if (job.request.follow_redirects && FollowRedirect(job, response)) return;
    FetchResult result;
    result.ok = true;
    result.attempts = job.attempt;
    result.response = std::move(response);
    job.done(result);  // may Submit() more jobs
  }

  // Queues the next hop, or delivers why there is none; false when `response` is final.
  bool FollowRedirect(Job& job, const Response& response) {
    RedirectStep step = NextHop(job.request, response);
    if (step.action == RedirectStep::Action::kNone) return false;
    if (step.action == RedirectStep::Action::kRefuse) {
      job.done(Failure(step.error_kind, step.error, job.attempt));
      return true;
    }
    if (job.redirects >= options.max_redirects) {
      job.done(Failure(FetchError::kRedirects,
                       job.request.method + " " + job.request.url + ": more than " +
                           std::to_string(options.max_redirects) +
                           " redirects (--max-redirects; a redirect loop?)",
                       job.attempt));
      return true;
    }
    Job next;
    next.request = std::move(step.next);
    next.done = std::move(job.done);
    next.redirects = job.redirects + 1;
    next.elapsed_before = response.elapsed_seconds;
    next.not_before = Clock::now();
    next.continuing = true;
    Enqueue(std::move(next));
    return true;
  }

  void DrainMessages() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg == CURLMSG_DONE) Finish(message->easy_handle, message->data.result);
    }
  }

  int PollTimeoutMs() const {
    Clock::time_point now = Clock::now();
    Clock::time_point wake = now + std::chrono::milliseconds(200);
    if (executor) wake = std::min(wake, now + executor->UntilNextDeadline());
    Clock::time_point allowed = limiter.NextAllowed(now);
    for (const Job& job : pending) {
      // A job waiting for a slot of its host is woken by that host's transfer ending.
      auto count = active_per_host.find(job.host);
      bool host_full =
          count != active_per_host.end() && count->second >= options.per_host_concurrency;
      if (!host_full) wake = std::min(wake, std::max(job.not_before, allowed));
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
    return static_cast<int>(std::max<long long>(ms, 1));
  }

  void Loop() {
    while (Busy()) {
      ReleaseLingering();
      StartReady();
      int running = 0;
      curl_multi_perform(multi, &running);
      DrainMessages();
      if (executor) executor->Deliver();
      if (!Busy()) break;
      // Also returns early when the executor finishes work (curl_multi_wakeup).
      curl_multi_poll(multi, nullptr, 0, PollTimeoutMs(), nullptr);
    }
  }
};

CurlTransport::CurlTransport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  static const bool kInitialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)kInitialised;
  impl_->options = std::move(options);
  impl_->limiter = RateLimiter(impl_->options.rate_per_second);
  impl_->multi = curl_multi_init();
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(impl_->options.per_host_concurrency));
}

CurlTransport::~CurlTransport() {
  for (auto& [easy, transfer] : impl_->active) {
    curl_multi_remove_handle(impl_->multi, easy);
    impl_->DetachJar(transfer.get());
    curl_slist_free_all(transfer->headers);
    curl_easy_cleanup(easy);
  }
  for (auto& [session, jar] : impl_->jars) curl_share_cleanup(jar.share);
  curl_multi_cleanup(impl_->multi);
}

void CurlTransport::Submit(const Request& request, Callback done) {
  Job job;
  job.request = request;
  job.done = std::move(done);
  job.not_before = Clock::now();
  job.continuing = request.session != 0 && impl_->sessions_started.contains(request.session);
  impl_->Enqueue(std::move(job));
}

void CurlTransport::SubmitBlocking(const std::string& url, BlockingWork work, BlockingDone done) {
  Job job;
  job.request.url = url;
  job.blocking_work = std::move(work);
  job.blocking_done = std::move(done);
  job.not_before = Clock::now();
  impl_->pending.push_back(std::move(job));
}

void CurlTransport::Run() { impl_->Loop(); }

void CurlTransport::AttachExecutor(ThreadExecutor* executor) {
  impl_->executor = executor;
  CURLM* multi = impl_->multi;
  executor->SetWakeup([multi] { curl_multi_wakeup(multi); });
}

int CurlTransport::started_transfers() const { return impl_->started; }

int CurlTransport::started_blocking() const { return impl_->started_blocking; }

uint64_t CurlTransport::OpenSession() { return impl_->OpenSession(); }

void CurlTransport::CloseSession(uint64_t session) { impl_->CloseSession(session); }

std::vector<CookieInfo> CurlTransport::SessionCookies(uint64_t session) const {
  return impl_->Cookies(session);
}

uint64_t CurlTransport::SnapshotSession(uint64_t session) { return impl_->Snapshot(session); }

uint64_t CurlTransport::OpenSessionFrom(uint64_t snapshot) {
  return impl_->OpenSessionFrom(snapshot);
}

std::string CurlTransport::SessionCookieDigest(uint64_t session, const std::string& name) const {
  return impl_->CookieDigest(session, name);
}

}  // namespace sdetcheck
