#pragma once

#include <cstddef>
#include <string>

namespace sdetcheck {

// How politely and how patiently the real transport talks to an ENT.
struct TransportOptions {
  int per_host_concurrency = 4;         // transfers in flight per host name
  bool per_host_includes_port = false;  // count host:port apart (one server per port)
  double rate_per_second = 10;          // global ceiling on started requests (retries included)
  long connect_timeout_ms = 5000;
  long total_timeout_ms = 20000;  // per attempt, from start to last byte
  int retries = 1;                // extra attempts after a transient failure (never after 429/503)
  long backoff_ms = 500;          // doubled at each retry
  size_t max_body_bytes = 10u << 20;
  long max_redirects = 5;
  std::string ca_bundle;  // PEM file; empty = system store
  std::string proxy;      // e.g. http://proxy:3128; empty = none (env ignored)
  std::string user_agent = "sdetcheck/0.1 (+conformity audit)";
};

}  // namespace sdetcheck
