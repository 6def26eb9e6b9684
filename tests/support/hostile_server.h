#pragma once
// Client side of the hostile test server (tests/hostile/server.py, started by
// scripts/hostile.sh and by the CTest fixture `hostile`): where it listens, and what it
// measured of the requests it received. Every function throws std::runtime_error when the
// server cannot be reached.

#include <string>

#include <nlohmann/json.hpp>

namespace sdetcheck::testing {

// The server's directory (scripts/hostile.sh --dir), from $SDETCHECK_HOSTILE; "" if unset.
std::string HostileDir();

// A port of DIR/ports.json by name: https, https2, http, untrusted, tls_hang, control.
int HostilePort(const std::string& name);

// The URL of `path` on a named port: http:// for the http and control ports, else https://.
std::string HostileUrl(const std::string& port_name, const std::string& path);

// The local CA behind the https and https2 certificates (not the untrusted one).
std::string HostileCaBundle();

// GET /__stats on the control port: the measurements since the last reset.
nlohmann::json HostileStats();

// HostileStats() once the server has seen every connection close (it sees a close a moment
// after the client made it), or after 2 s.
nlohmann::json HostileStatsOnceClosed();

// POST /__reset: forgets every recorded request and connection (and CAS ticket).
void HostileReset();

// How many recorded requests contain `needle`, as sent or percent-, form- or Basic-decoded.
int HostileSeen(const std::string& needle);

}  // namespace sdetcheck::testing
