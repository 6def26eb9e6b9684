#include "engine/exchange_log.h"

#include "probe/http_record.h"
#include "util/redactor.h"

namespace sdetcheck {

void ExchangeLog::Submit(const Request& request, Callback done) {
  std::string method = request.method;
  std::string url = request.url;
  inner()->Submit(request, [this, method, url, done = std::move(done)](const FetchResult& result) {
    records_.push_back(RecordExchange(method, url, result, redactor_));
    done(result);
  });
}

void ExchangeLog::SubmitBlocking(const std::string& url, BlockingWork work, BlockingDone done) {
  std::string endpoint = redactor_.Redact(url);
  inner()->SubmitBlocking(
      url, std::move(work), [this, endpoint, done = std::move(done)](bool finished) {
        records_.push_back(
            DocumentExcerpt{"text", endpoint,
                            finished ? "blocking network work (TLS handshake or LDAP search)"
                                     : "blocking network work past its deadline"});
        done(finished);
      });
}

}  // namespace sdetcheck
