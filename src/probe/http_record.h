#pragma once
// What every probe records of an HTTP exchange, and how it words a request that got no
// usable answer: shared by the kinds that talk HTTP.

#include <string>

#include "finding/check.h"
#include "finding/evidence.h"
#include "net/http.h"

namespace sdetcheck {

class Redactor;

// The exchange as evidence: URL, status, TLS version, headers (cookie and credential
// values masked), the start of the body; or why there was no answer.
HttpExchange RecordExchange(const std::string& method, const std::string& url,
                            const FetchResult& result, const Redactor& redactor);

// Why a request got no usable answer, in words (transport.* message codes).
Message TransportProblem(const FetchResult& result);

// An error check for a request that got no usable answer.
Check TransportCheck(std::string key, std::string subject, const FetchResult& result,
                     size_t evidence, const Redactor& redactor);

}  // namespace sdetcheck
