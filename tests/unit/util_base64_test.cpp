#include <string>

#include <doctest/doctest.h>

#include "util/base64.h"

namespace sdetcheck {
namespace {

TEST_CASE("base64: RFC 4648 test vectors, padded and url-safe") {
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("foob") == "Zm9vYg==");
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64UrlEncode("f") == "Zg");
  CHECK(Base64UrlEncode("\xff\xef") == "_-8");
  CHECK(Base64UrlDecode("_-8").value_or("") == "\xff\xef");
  CHECK(Base64UrlDecode("Zm9vYg").value_or("") == "foob");
  CHECK(Base64UrlDecode("").value_or("x").empty());
}

TEST_CASE("base64url: padding, the standard alphabet and impossible lengths are refused") {
  CHECK(!Base64UrlDecode("Zg==").has_value());
  CHECK(!Base64UrlDecode("a+b/").has_value());
  CHECK(!Base64UrlDecode("abcde").has_value());
  CHECK(!Base64UrlDecode("ab c").has_value());
}

TEST_CASE("base64: round trip, padding, whitespace, garbage") {
  for (const std::string& data : {std::string(""), std::string("a"), std::string("ab"),
                                  std::string("abc"), std::string("\0\xff\x10", 3)}) {
    CHECK(Base64Decode(Base64Encode(data)) == data);
  }
  CHECK(Base64Encode("<samlp") == "PHNhbWxw");
  CHECK(Base64Decode("PHNh\nbWxw\r\n") == std::string("<samlp"));
  CHECK(Base64Decode("YQ==") == std::string("a"));
  CHECK_FALSE(Base64Decode("YQ="));
  CHECK_FALSE(Base64Decode("not base64!"));
}

}  // namespace
}  // namespace sdetcheck
