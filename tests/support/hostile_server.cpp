#include "support/hostile_server.h"

#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <thread>

#include <curl/curl.h>

#include "support/local_servers.h"

namespace sdetcheck::testing {
namespace {

size_t Append(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// One request to the control port; its body, or an exception unless it answered 200.
std::string Control(const std::string& path, bool post = false) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  std::string url = HostileUrl("control", path);
  std::string body;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 30000L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  if (post) curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, "");
  CURLcode code = curl_easy_perform(curl.get());
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (code != CURLE_OK || status != 200) {
    throw std::runtime_error(
        "hostile server: " + url + ": " +
        (code != CURLE_OK ? curl_easy_strerror(code) : "HTTP " + std::to_string(status)));
  }
  return body;
}

}  // namespace

std::string HostileDir() {
  const char* dir = std::getenv("SDETCHECK_HOSTILE");
  return dir ? dir : "";
}

int HostilePort(const std::string& name) {
  std::string file = HostileDir() + "/ports.json";
  nlohmann::json ports = nlohmann::json::parse(ReadFile(file), nullptr, false);
  if (!ports.is_object() || !ports.contains(name)) {
    throw std::runtime_error("hostile server: no port '" + name + "' in " + file +
                             " (is it running?)");
  }
  return ports[name].get<int>();
}

std::string HostileUrl(const std::string& port_name, const std::string& path) {
  std::string scheme = port_name == "http" || port_name == "control" ? "http" : "https";
  return scheme + "://127.0.0.1:" + std::to_string(HostilePort(port_name)) + path;
}

std::string HostileCaBundle() { return HostileDir() + "/certs/ca.pem"; }

nlohmann::json HostileStats() { return nlohmann::json::parse(Control("/__stats")); }

nlohmann::json HostileStatsOnceClosed() {
  nlohmann::json stats;
  for (int i = 0; i < 100; ++i) {
    stats = HostileStats();
    if (stats["open_now"] == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return stats;
}

void HostileReset() { Control("/__reset", true); }

int HostileSeen(const std::string& needle) {
  std::unique_ptr<char, decltype(&curl_free)> escaped(
      curl_easy_escape(nullptr, needle.data(), static_cast<int>(needle.size())), curl_free);
  return nlohmann::json::parse(Control("/__seen?needle=" + std::string(escaped.get())))["count"]
      .get<int>();
}

}  // namespace sdetcheck::testing
