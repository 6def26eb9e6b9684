#include <string>

#include <doctest/doctest.h>

#include "util/base64.h"

namespace sdetcheck {
namespace {

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
