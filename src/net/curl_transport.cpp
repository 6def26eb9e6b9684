#include "net/curl_transport.h"

#include <curl/curl.h>
#include <openssl/ssl.h>

#include <chrono>
#include <deque>
#include <map>
#include <thread>

namespace sdetcheck {
namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  Request request;
  Transport::Callback done;
  int attempt = 0;
  Clock::time_point not_before;
};

struct Transfer {
  Job job;
  std::string host;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  Response response;
  bool body_too_large = false;
  size_t max_body = 0;
  char error_buffer[CURL_ERROR_SIZE] = {0};
};

std::string HostKey(const std::string& url) {
  CURLU* handle = curl_url();
  std::string key = url;
  if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* host = nullptr;
    char* port = nullptr;
    curl_url_get(handle, CURLUPART_HOST, &host, 0);
    curl_url_get(handle, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    key = std::string(host ? host : "") + ":" + (port ? port : "");
    curl_free(host);
    curl_free(port);
  }
  curl_url_cleanup(handle);
  return key;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (transfer->response.body.size() + bytes > transfer->max_body) {
    transfer->body_too_large = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, bytes);
  return bytes;
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
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  CaptureTlsVersion(transfer);
  std::string line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    transfer->response.headers.clear();  // a new response (after a redirect or a 100)
    return bytes;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return bytes;
  std::string value = line.substr(colon + 1);
  size_t first = value.find_first_not_of(" \t");
  value = first == std::string::npos ? "" : value.substr(first);
  transfer->response.headers.emplace_back(line.substr(0, colon), value);
  return bytes;
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

bool IsTransientStatus(const Request& request, long status) {
  bool idempotent = request.method == "GET" || request.method == "HEAD";
  return idempotent && (status == 429 || status == 502 || status == 503 || status == 504);
}

FetchError ClassifyError(const Transfer& t, CURLcode code) {
  if (t.body_too_large || code == CURLE_FILESIZE_EXCEEDED) return FetchError::kTooLarge;
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return FetchError::kTimeout;
    case CURLE_TOO_MANY_REDIRECTS: return FetchError::kRedirects;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR: return FetchError::kTls;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT: return FetchError::kConnect;
    default: return FetchError::kOther;
  }
}

long TlsVersionOption(const std::string& max_version) {
  if (max_version == "1.0") return static_cast<long>(CURL_SSLVERSION_TLSv1_0) | static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_0);
  if (max_version == "1.1") return static_cast<long>(CURL_SSLVERSION_TLSv1_0) | static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_1);
  if (max_version == "1.2") return static_cast<long>(CURL_SSLVERSION_TLSv1_0) | static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_2);
  return CURL_SSLVERSION_DEFAULT;
}

std::string DescribeError(const Transfer& t, CURLcode code, const TransportOptions& options) {
  std::string where = t.job.request.method + " " + t.job.request.url + ": ";
  if (t.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return where + "response body exceeds the limit of " + std::to_string(options.max_body_bytes) +
           " bytes (--max-body)";
  }
  std::string detail = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return where + "no complete answer within " + std::to_string(options.total_timeout_ms) +
             " ms (" + detail + ")";
    case CURLE_TOO_MANY_REDIRECTS:
      return where + "more than " + std::to_string(options.max_redirects) +
             " redirects (redirect loop?)";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return where + "TLS certificate not trusted: " + detail;
    case CURLE_SSL_CONNECT_ERROR:
      return where + "TLS handshake failed: " + detail;
    case CURLE_COULDNT_RESOLVE_HOST:
      return where + "host name not resolved: " + detail;
    case CURLE_COULDNT_CONNECT:
      return where + "connection failed: " + detail;
    default:
      return where + detail;
  }
}

}  // namespace

struct CurlTransport::Impl {
  TransportOptions options;
  CURLM* multi = nullptr;
  std::deque<Job> pending;
  std::map<CURL*, std::unique_ptr<Transfer>> active;
  std::map<std::string, int> active_per_host;
  Clock::time_point next_start = Clock::now();
  int started = 0;

  std::chrono::nanoseconds Interval() const {
    if (options.rate_per_second <= 0) return std::chrono::nanoseconds(0);
    return std::chrono::nanoseconds(static_cast<long long>(1e9 / options.rate_per_second));
  }

  void Configure(Transfer* t) {
    CURL* e = t->easy;
    const Request& r = t->job.request;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, options.total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, r.follow_redirects ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, options.max_redirects);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
    curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_PROXY, options.proxy.c_str());  // "" disables env proxies
    if (!options.ca_bundle.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_bundle.c_str());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
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
  }

  // Starts every pending job that the host limit, the rate limit and its backoff allow.
  void StartReady() {
    for (auto it = pending.begin(); it != pending.end();) {
      Clock::time_point now = Clock::now();
      if (now < next_start) return;
      std::string host = HostKey(it->request.url);
      if (it->not_before > now || active_per_host[host] >= options.per_host_concurrency) {
        ++it;
        continue;
      }
      auto transfer = std::make_unique<Transfer>();
      transfer->job = std::move(*it);
      it = pending.erase(it);
      transfer->host = host;
      transfer->max_body = options.max_body_bytes;
      transfer->easy = curl_easy_init();
      Configure(transfer.get());
      ++transfer->job.attempt;
      ++active_per_host[host];
      ++started;
      next_start = now + Interval();
      curl_multi_add_handle(multi, transfer->easy);
      active[transfer->easy] = std::move(transfer);
    }
  }

  void Finish(CURL* easy, CURLcode code) {
    std::unique_ptr<Transfer> t = std::move(active[easy]);
    active.erase(easy);
    --active_per_host[t->host];
    curl_multi_remove_handle(multi, easy);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    bool transient = (code != CURLE_OK && IsTransient(code)) ||
                     (code == CURLE_OK && IsTransientStatus(t->job.request, status));
    if (transient && t->job.attempt <= options.retries) {
      long delay = options.backoff_ms << (t->job.attempt - 1);
      t->job.not_before = Clock::now() + std::chrono::milliseconds(delay);
      pending.push_back(std::move(t->job));
    } else {
      Deliver(*t, code, status);
    }
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(easy);
  }

  void Deliver(Transfer& t, CURLcode code, long status) {
    FetchResult result;
    result.attempts = t.job.attempt;
    if (code != CURLE_OK) {
      result.error = DescribeError(t, code, options);
      result.error_kind = ClassifyError(t, code);
    } else {
      result.ok = true;
      result.response = std::move(t.response);
      result.response.status = status;
      char* url = nullptr;
      curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &url);
      result.response.effective_url = url ? url : t.job.request.url;
      long redirects = 0;
      curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_COUNT, &redirects);
      result.response.redirects = static_cast<int>(redirects);
      curl_off_t micros = 0;
      curl_easy_getinfo(t.easy, CURLINFO_TOTAL_TIME_T, &micros);
      result.response.elapsed_seconds = static_cast<double>(micros) / 1e6;
    }
    t.job.done(result);  // may Submit() more jobs
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
    for (const Job& job : pending) wake = std::min(wake, std::max(job.not_before, next_start));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
    return static_cast<int>(std::max<long long>(ms, 1));
  }

  void Loop() {
    while (!pending.empty() || !active.empty()) {
      StartReady();
      int running = 0;
      curl_multi_perform(multi, &running);
      DrainMessages();
      if (active.empty() && !pending.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(PollTimeoutMs()));
        continue;
      }
      if (!active.empty()) curl_multi_poll(multi, nullptr, 0, PollTimeoutMs(), nullptr);
    }
  }
};

CurlTransport::CurlTransport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  static const bool kInitialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)kInitialised;
  impl_->options = std::move(options);
  impl_->multi = curl_multi_init();
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(impl_->options.per_host_concurrency));
}

CurlTransport::~CurlTransport() {
  for (auto& [easy, transfer] : impl_->active) {
    curl_multi_remove_handle(impl_->multi, easy);
    curl_slist_free_all(transfer->headers);
    curl_easy_cleanup(easy);
  }
  curl_multi_cleanup(impl_->multi);
}

void CurlTransport::Submit(const Request& request, Callback done) {
  impl_->pending.push_back({request, std::move(done), 0, Clock::now()});
}

void CurlTransport::Run() { impl_->Loop(); }

int CurlTransport::started_transfers() const { return impl_->started; }

}  // namespace sdetcheck
