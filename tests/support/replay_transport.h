#pragma once
// Test transports: no sockets. ReplayTransport answers from recorded responses keyed by
// method + URL; FaultTransport wraps another transport and injects transport errors.
//
// Recording files (tests/fixtures/recordings/*.json) hold one recording or a list of them:
//   {"request": {"method": "GET", "url": "https://..."},
//    "response": {"status": 200, "headers": [["Content-Type", "text/html"]], "body": "...",
//                 "tls_version": "TLSv1.3"}}
//   {"request": {...}, "error": "GET https://...: connection failed: ...", "error_kind": "connect"}
// "error_kind" is one of connect, tls, timeout, too_large, redirects, other (default other).
// A request may name "tls_max_version" (e.g. "1.0"): it then only answers requests capped at
// that version, so a server's answers to legacy handshakes can be recorded separately.
// Optional response fields, for bodies JSON cannot hold compactly or at all:
//   "effective_url" (default: the request URL), "redirects",
//   "body_base64" (bytes, e.g. binary garbage), "body_repeat": [["<div>", 100000], ...]
//   (concatenated after "body").

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "net/forwarding_transport.h"
#include "net/transport.h"

namespace sdetcheck {

struct Recording {
  std::string method = "GET";
  std::string url;
  std::string tls_max_version;  // empty: requests with no cap
  FetchResult result;
};

// Root of the recorded fixtures.
std::string RecordingsDirectory();

// Reads every recording in `path` (one object or a list). Returns nullopt and sets *error
// when the file cannot be read or does not follow the format.
std::optional<std::vector<Recording>> ReadRecordingFile(const std::string& path,
                                                        std::string* error);

// The first recording of RecordingsDirectory()/<name>; throws std::runtime_error when
// missing, so a broken fixture fails the test loudly.
Recording LoadRecording(const std::string& name);

class ReplayTransport : public Transport {
 public:
  ReplayTransport() = default;

  // Adds every recording of one file (name relative to RecordingsDirectory() unless
  // absolute). Throws std::runtime_error on a malformed file.
  void LoadFile(const std::string& file);
  // Adds every *.json file of a directory (sorted). Throws on a malformed file.
  void LoadDirectory(const std::string& directory);

  // A later recording for the same method + URL replaces the earlier one.
  void Add(const Recording& recording);
  void AddResponse(const std::string& method, const std::string& url, Response response);
  void AddError(const std::string& method, const std::string& url, const std::string& error,
                FetchError kind = FetchError::kOther);

  void Submit(const Request& request, Callback done) override;
  void Run() override;

  // How many times a URL was submitted (any method, any TLS cap).
  int SubmittedCount(const std::string& url) const;
  int TotalSubmitted() const { return static_cast<int>(requests_.size()); }
  // Every request submitted, in order.
  const std::vector<Request>& requests() const { return requests_; }
  // Requests for which no recording existed (answered with an error).
  const std::vector<std::string>& unmatched() const { return unmatched_; }
  bool HasRecording(const std::string& method, const std::string& url) const;

 private:
  static std::string KeyOf(const std::string& method, const std::string& url,
                           const std::string& tls_max_version = "");
  FetchResult Answer(const Request& request);

  std::map<std::string, FetchResult> recordings_;
  std::map<std::string, int> counts_;
  std::vector<Request> requests_;
  std::vector<std::string> unmatched_;
  std::deque<std::pair<FetchResult, Callback>> pending_;
};

class FaultTransport : public ForwardingTransport {
 public:
  enum class Fault { kTimeout, kConnectionRefused, kTlsHandshake, kBodyTooLarge, kRedirectLoop };

  // `inner` answers every request no fault applies to; it must outlive this object.
  explicit FaultTransport(Transport* inner) : ForwardingTransport(inner) {}

  // Every request whose URL contains `url_substring` fails with `fault`. The first
  // matching rule wins.
  void AddFault(const std::string& url_substring, Fault fault);

  void Submit(const Request& request, Callback done) override;
  void Run() override;

  int faults_injected() const { return faults_injected_; }

  // The result delivered for `fault`: error text shaped like CurlTransport's, and kind.
  static FetchResult Result(Fault fault, const Request& request);

 private:
  std::vector<std::pair<std::string, Fault>> rules_;
  std::deque<std::pair<FetchResult, Callback>> pending_;
  int faults_injected_ = 0;
};

}  // namespace sdetcheck
