#include <doctest/doctest.h>

#include "engine/exchange_log.h"
#include "support/replay_transport.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

TEST_CASE("exchange log: every answer recorded, secrets masked, request bodies never kept") {
  ReplayTransport replay;
  Response login;
  login.status = 302;
  login.headers = {{"Set-Cookie", "lemonldap=0123456789abcdef0123; Secure; HttpOnly"},
                   {"Location", "https://ent.example.fr/?ticket=ST-1-abcdefghijklmnop"}};
  login.body = "redirecting";
  replay.AddResponse("POST", "https://cas.example.fr/login", login);
  Response validate;
  validate.status = 200;
  validate.body = "<cas:user>eleve1</cas:user> password=Corr3ct-Horse";
  replay.AddResponse(
      "GET", "https://cas.example.fr/p3/serviceValidate?ticket=ST-1-abcdefghijklmnop", validate);
  Redactor redactor;
  redactor.AddSecret("Corr3ct-Horse");
  ExchangeLog log(&replay, redactor);
  Request post;
  post.method = "POST";
  post.url = "https://cas.example.fr/login";
  post.body = "username=eleve1&password=Corr3ct-Horse";
  int answered = 0;
  log.Submit(post, [&](const FetchResult&) { ++answered; });
  Request get;
  get.url = "https://cas.example.fr/p3/serviceValidate?ticket=ST-1-abcdefghijklmnop";
  log.Submit(get, [&](const FetchResult&) { ++answered; });
  log.Run();
  CHECK(answered == 2);
  REQUIRE(log.records().size() == 2);
  std::string all;
  for (const Evidence& record : log.records()) {
    const HttpExchange& e = std::get<HttpExchange>(record);
    all += e.method + " " + e.url + " " + e.excerpt;
    for (const auto& [name, value] : e.headers) all += " " + name + ": " + value;
  }
  CHECK(all.find("Corr3ct-Horse") == std::string::npos);
  CHECK(all.find("0123456789abcdef0123") == std::string::npos);
  CHECK(all.find("ST-1-abcdefghijklmnop") == std::string::npos);
  CHECK(all.find("lemonldap=") != std::string::npos);  // names stay, as evidence
  CHECK(all.find("POST https://cas.example.fr/login") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
