#include "tls/tls_scan.h"

#include <algorithm>
#include <memory>

#include "net/transport.h"
#include "tls/cipher_suite.h"

namespace sdetcheck {
namespace {

using Outcome = HandshakeResult::Outcome;

struct Scan {
  TlsScan result;
  TlsScanOptions options;
  HandshakeFn handshake;
  Transport* transport = nullptr;
  std::function<void(TlsScan)> done;
  int lanes_left = 0;
};

// One version's walk through its cipher suites.
struct Lane {
  std::shared_ptr<Scan> scan;
  size_t index = 0;                    // into scan->result.versions
  std::vector<std::string> remaining;  // not yet chosen by the server
  bool first = true;
};

using Next = std::function<void(const HandshakeResult&)>;

void Finish(const std::shared_ptr<Scan>& scan) {
  if (--scan->lanes_left > 0) return;
  TlsScan& result = scan->result;
  for (auto v = result.versions.rbegin(); v != result.versions.rend(); ++v) {
    if (v->Offered()) {
      result.certificate = v->first;
      break;
    }
  }
  scan->done(std::move(result));
}

void Submit(const std::shared_ptr<Scan>& scan, TlsHello hello, Next next) {
  ++scan->result.handshakes;
  auto answer = std::make_shared<HandshakeResult>();
  HandshakeFn handshake = scan->handshake;
  scan->transport->SubmitBlocking(
      scan->result.endpoint.url,
      [answer, handshake, hello = std::move(hello)] { *answer = handshake(hello); },
      [answer, next = std::move(next)](bool finished) {
        if (!finished) {
          answer->outcome = Outcome::kTimedOut;
          answer->detail = "the handshake passed its deadline";
        }
        next(*answer);
      });
}

TlsHello Hello(const Scan& scan, const std::string& version, std::vector<std::string> ciphers) {
  TlsHello hello;
  hello.host = scan.result.endpoint.host;
  hello.port = scan.result.endpoint.port;
  hello.server_name = scan.result.endpoint.server_name;
  hello.version = version;
  hello.ciphers = std::move(ciphers);
  hello.deadline = scan.options.deadline;
  return hello;
}

// Offers the accepted suites in reverse: a server imposing its order picks its favourite
// again, one following the client picks the client's first.
void CheckOrder(const std::shared_ptr<Lane>& lane) {
  VersionScan& version = lane->scan->result.versions[lane->index];
  if (version.accepted.size() < 2) return Finish(lane->scan);
  std::vector<std::string> reversed(version.accepted.rbegin(), version.accepted.rend());
  Submit(lane->scan, Hello(*lane->scan, version.version, reversed),
         [lane](const HandshakeResult& answer) {
           VersionScan& v = lane->scan->result.versions[lane->index];
           if (answer.outcome == Outcome::kCompleted) {
             if (answer.cipher == v.accepted.front()) v.order = "server";
             if (answer.cipher == v.accepted.back()) v.order = "client";
           }
           Finish(lane->scan);
         });
}

void Step(const std::shared_ptr<Lane>& lane);

void OnAnswer(const std::shared_ptr<Lane>& lane, const HandshakeResult& answer) {
  VersionScan& version = lane->scan->result.versions[lane->index];
  if (lane->first) {
    lane->first = false;
    version.first = answer;
  }
  if (answer.outcome != Outcome::kCompleted) {
    bool refused = answer.outcome == Outcome::kAlert || answer.outcome == Outcome::kClosed ||
                   answer.outcome == Outcome::kOtherVersion;
    if (!refused && !version.accepted.empty()) version.error = answer.detail;
    return version.accepted.empty() ? Finish(lane->scan) : CheckOrder(lane);
  }
  auto chosen = std::find(lane->remaining.begin(), lane->remaining.end(), answer.cipher);
  if (chosen == lane->remaining.end()) {
    version.error = "the server chose " + answer.cipher + ", which was not offered";
    return CheckOrder(lane);
  }
  version.accepted.push_back(answer.cipher);
  lane->remaining.erase(chosen);
  if (lane->remaining.empty()) return CheckOrder(lane);
  Step(lane);
}

void Step(const std::shared_ptr<Lane>& lane) {
  const VersionScan& version = lane->scan->result.versions[lane->index];
  TlsHello hello = Hello(*lane->scan, version.version, lane->remaining);
  // The first handshake of each version also keeps the chain: the certificate comes free.
  hello.capture_chain = hello.request_ocsp = lane->first;
  Submit(lane->scan, hello, [lane](const HandshakeResult& answer) { OnAnswer(lane, answer); });
}

std::vector<std::string> SuiteNames(const std::string& version) {
  std::vector<std::string> names;
  for (const CipherSuite& suite : OfferableCipherSuites(version)) names.push_back(suite.name);
  return names;
}

}  // namespace

void ScanTls(Transport& transport, const TlsEndpoint& endpoint, const TlsScanOptions& options,
             HandshakeFn handshake, std::function<void(TlsScan)> done) {
  auto scan = std::make_shared<Scan>();
  scan->result.endpoint = endpoint;
  scan->options = options;
  scan->handshake = std::move(handshake);
  scan->transport = &transport;
  scan->done = std::move(done);
  for (const std::string& version : options.versions) {
    VersionScan v;
    v.version = version;
    scan->result.versions.push_back(std::move(v));
  }
  scan->lanes_left = static_cast<int>(options.versions.size());
  if (scan->lanes_left == 0) return scan->done(std::move(scan->result));
  for (size_t i = 0; i < options.versions.size(); ++i) {
    auto lane = std::make_shared<Lane>();
    lane->scan = scan;
    lane->index = i;
    lane->remaining = SuiteNames(options.versions[i]);
    if (lane->remaining.empty()) {
      lane->scan->result.versions[i].first.outcome = Outcome::kUntestable;
      lane->scan->result.versions[i].first.detail =
          "this machine's OpenSSL cannot offer TLS " + options.versions[i];
      Finish(scan);
      continue;
    }
    Step(lane);
  }
}

}  // namespace sdetcheck
