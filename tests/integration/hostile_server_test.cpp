// Smoke test of the hostile test server (tests/hostile/server.py) with plain libcurl: it
// answers on each port, and its measurements match what the client really did.

#include "support/hostile_server.h"

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <doctest/doctest.h>

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::HostileCaBundle;
using testing::HostileSeen;
using testing::HostileStats;
using testing::HostileUrl;

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

// Appends to a std::string, or discards the body when there is none.
size_t Append(char* data, size_t size, size_t count, void* out) {
  if (out) static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

Easy NewEasy(const std::string& url, std::string* body = nullptr) {
  Easy curl(curl_easy_init(), curl_easy_cleanup);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CAINFO, HostileCaBundle().c_str());
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, body);
  return curl;
}

struct Fetched {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string location;
};

// Runs the transfer; the body goes wherever NewEasy was told.
void Perform(CURL* curl, Fetched* fetched) {
  fetched->code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &fetched->status);
  char* location = nullptr;
  curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
  fetched->location = location ? location : "";
}

// One request on a fresh connection, closed before returning.
Fetched Fetch(const std::string& url, const std::string& post_fields = "", bool verify = true) {
  Fetched fetched;
  Easy curl = NewEasy(url, &fetched.body);
  if (!post_fields.empty()) curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, post_fields.c_str());
  if (!verify) curl_easy_setopt(curl.get(), CURLOPT_SSL_VERIFYPEER, 0L);
  Perform(curl.get(), &fetched);
  return fetched;
}

TEST_SUITE("hostile") {
  TEST_CASE("every data port answers, and the stats count each request and connection") {
    testing::HostileReset();
    CHECK(Fetch(HostileUrl("https", "/ok")).body == "ok\n");
    CHECK(Fetch(HostileUrl("https2", "/ok")).body == "ok\n");
    CHECK(Fetch(HostileUrl("http", "/ok")).body == "ok\n");
    CHECK(Fetch(HostileUrl("untrusted", "/ok")).code == CURLE_PEER_FAILED_VERIFICATION);
    CHECK(Fetch(HostileUrl("untrusted", "/ok"), "", false).body == "ok\n");

    json stats = testing::HostileStatsOnceClosed();
    CHECK(stats["requests"] == 4);
    CHECK(stats["by_path"]["/ok"] == 4);
    CHECK(stats["by_port"][std::to_string(testing::HostilePort("untrusted"))] == 1);
    REQUIRE(stats["connections"].size() == 5);
    const json& refused = stats["connections"][3];
    CHECK(refused["port"] == testing::HostilePort("untrusted"));
    CHECK(refused["tls"].get<std::string>().rfind("failed", 0) == 0);
    CHECK(refused["paths"].empty());
    CHECK(stats["connections"][2]["tls"].is_null());  // plain HTTP
    for (const json& connection : stats["connections"]) CHECK(!connection["closed"].is_null());
  }

  TEST_CASE("five parallel slow requests are five concurrent requests in one second") {
    testing::HostileReset();
    std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(),
                                                                curl_multi_cleanup);
    std::vector<std::string> bodies(5);
    std::vector<Easy> handles;
    for (std::string& body : bodies) {
      handles.push_back(NewEasy(HostileUrl("https", "/slow?ms=1000"), &body));
      curl_multi_add_handle(multi.get(), handles.back().get());
    }
    int running = 1;
    while (running > 0) {
      curl_multi_perform(multi.get(), &running);
      curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
    }
    for (Easy& handle : handles) curl_multi_remove_handle(multi.get(), handle.get());
    handles.clear();
    for (const std::string& body : bodies) CHECK(body == "slow\n");

    json stats = testing::HostileStatsOnceClosed();
    CHECK(stats["requests"] == 5);
    CHECK(stats["max_concurrent_requests"] == 5);
    CHECK(stats["max_concurrent_connections"] == 5);
    CHECK(stats["max_requests_in_any_1s_window"] == 5);
  }

  TEST_CASE("requests one after another on one connection: one at a time, windows apart") {
    testing::HostileReset();
    Fetched fetched;
    Easy curl = NewEasy(HostileUrl("https", "/ok"));
    for (int i = 0; i < 5; ++i) {
      if (i == 3) std::this_thread::sleep_for(std::chrono::milliseconds(1200));
      Perform(curl.get(), &fetched);
      CHECK(fetched.status == 200);
    }
    curl.reset();  // closes the connection

    json stats = testing::HostileStatsOnceClosed();
    CHECK(stats["requests"] == 5);
    CHECK(stats["max_concurrent_requests"] == 1);
    CHECK(stats["max_concurrent_connections"] == 1);
    CHECK(stats["max_requests_in_any_1s_window"] == 3);
    REQUIRE(stats["connections"].size() == 1);
    const json& connection = stats["connections"][0];
    CHECK(connection["paths"].size() == 5);
    CHECK(connection["closed_by"] == "client");
    CHECK(connection["linger_seconds"].get<double>() < 1.0);
  }

  TEST_CASE("a client leaving an endless body or a hanging request does not hurt the server") {
    testing::HostileReset();
    for (const char* path : {"/endless", "/hang", "/drip"}) {
      Fetched fetched;
      Easy curl = NewEasy(HostileUrl("https", path));
      curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 1500L);
      Perform(curl.get(), &fetched);
      CHECK(fetched.code == CURLE_OPERATION_TIMEDOUT);
    }
    CHECK(Fetch(HostileUrl("https", "/ok")).body == "ok\n");
    json stats = testing::HostileStatsOnceClosed();
    REQUIRE(stats["connections"].size() == 4);
    const json& hang = stats["connections"][1];
    CHECK(hang["paths"] == json::array({"/hang"}));
    CHECK(hang["closed_by"] == "client");
    CHECK(hang["last_response_end"].is_null());
    // No answer: the linger counts from the request, i.e. the client's 1.5 s timeout.
    CHECK(hang["linger_seconds"].get<double>() > 1.0);
  }

  TEST_CASE("CAS login: form, ticket for the posted user, validation once") {
    testing::HostileReset();
    std::string service = HostileUrl("https", "/ok");
    std::string login = HostileUrl("https", "/cas-ok/login?service=" + service);
    CHECK(Fetch(login).body.find("type=\"password\"") != std::string::npos);

    Fetched posted =
        Fetch(login, "username=eleve.test&password=CANARY%2Bpassword&lt=LT-1&execution=e1s1");
    CHECK(posted.status == 302);
    size_t at = posted.location.find("?ticket=ST-");
    REQUIRE(at != std::string::npos);
    CHECK(posted.location.substr(0, at) == service);
    std::string ticket = posted.location.substr(at + 8);
    CHECK(ticket.size() == 35);

    std::string validate =
        HostileUrl("https", "/cas-ok/p3/serviceValidate?service=" + service + "&ticket=" + ticket);
    CHECK(Fetch(validate).body.find("<cas:user>eleve.test</cas:user>") != std::string::npos);
    CHECK(Fetch(validate).body.find("INVALID_TICKET") != std::string::npos);

    // The password went in form-encoded: /__seen finds it decoded, and nowhere else.
    CHECK(HostileSeen("CANARY+password") == 1);
    CHECK(HostileSeen("never-sent-canary") == 0);
  }

}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
