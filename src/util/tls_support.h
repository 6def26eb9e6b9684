#pragma once
// What this machine's OpenSSL can offer: a legacy version it cannot offer cannot be
// tested, and must not be reported as refused by the server.

#include <string>

namespace sdetcheck {

// Whether a client here can offer TLS `version` ("1.0", "1.1", "1.2", "1.3") with at least
// one cipher, at security level 0 (as the legacy checks do).
bool LocalTlsCanOffer(const std::string& version);

}  // namespace sdetcheck
