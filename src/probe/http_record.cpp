#include "probe/http_record.h"

#include "util/redactor.h"

namespace sdetcheck {
namespace {

constexpr size_t kExcerptBytes = 400;
constexpr size_t kRedactionMargin = 4096;  // longer than any secret: none is cut before masking
constexpr size_t kEvidenceHeaders = 40;

const char* ProblemCode(FetchError kind) {
  switch (kind) {
    case FetchError::kConnect:
      return "transport.connect";
    case FetchError::kTls:
      return "transport.tls";
    case FetchError::kTimeout:
      return "transport.timeout";
    case FetchError::kTooLarge:
      return "transport.too_large";
    case FetchError::kRedirects:
      return "transport.redirects";
    case FetchError::kDowngrade:
      return "transport.downgrade";
    case FetchError::kProtocol:
      return "transport.protocol";
    case FetchError::kRefused:
      return "transport.refused";
    case FetchError::kNone:
    case FetchError::kOther:
      break;
  }
  return "transport.other";
}

}  // namespace

HttpExchange RecordExchange(const std::string& method, const std::string& url,
                            const FetchResult& result, const Redactor& redactor) {
  HttpExchange e;
  e.method = method;
  e.url = redactor.Redact(url);
  if (!result.ok) e.error = redactor.Redact(result.error);
  // A refusal still carries what the server said.
  if (!result.ok && result.response.status == 0) return e;
  const Response& response = result.response;
  e.status = response.status;
  if (response.effective_url != url) e.final_url = redactor.Redact(response.effective_url);
  e.tls_version = response.tls_version;
  for (const auto& [name, value] : response.headers) {
    if (e.headers.size() >= kEvidenceHeaders) break;
    e.headers.emplace_back(redactor.Redact(name), redactor.RedactHeader(name, value));
  }
  e.excerpt = redactor.RedactShort(response.body.substr(0, kExcerptBytes + kRedactionMargin),
                                   kExcerptBytes);
  return e;
}

Message TransportProblem(const FetchResult& result) {
  Message message = Msg(ProblemCode(result.error_kind));
  if (result.error_kind == FetchError::kRefused) {
    message.params.emplace_back("status", std::to_string(result.response.status));
    std::vector<std::string> retry = result.response.HeaderValues("Retry-After");
    message.params.emplace_back("retry_after", retry.empty() ? "" : retry.front().substr(0, 64));
  }
  return message;
}

Check TransportCheck(std::string key, std::string subject, const FetchResult& result,
                     size_t evidence, const Redactor& redactor) {
  Check check;
  check.key = std::move(key);
  check.subject = std::move(subject);
  check.state = CheckState::kError;
  check.message = TransportProblem(result);
  check.observed = redactor.Redact(result.error);
  check.evidence.push_back(evidence);
  return check;
}

}  // namespace sdetcheck
