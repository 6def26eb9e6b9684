#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <unistd.h>

#include "util/sha256.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

TEST_CASE("Sha256Hex matches the FIPS 180-2 test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Sha256Hex is lower-case hex of 64 characters and hashes NUL bytes") {
  std::string with_nul("a\0b", 3);
  std::string hex = Sha256Hex(with_nul);
  CHECK(hex.size() == 64);
  CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(hex != Sha256Hex("ab"));
}

TEST_CASE("Sha256OfFile hashes the file's bytes exactly") {
  std::string path =
      (fs::temp_directory_path() / ("sdetcheck-sha-" + std::to_string(getpid()) + ".bin")).string();
  std::string content("line1\r\nline2\0\xff", 14);
  { std::ofstream(path, std::ios::binary) << content; }
  std::optional<std::string> hash = Sha256OfFile(path);
  fs::remove(path);
  REQUIRE(hash.has_value());
  CHECK(*hash == Sha256Hex(content));
}

TEST_CASE("Sha256OfFile returns nullopt for a missing file") {
  CHECK_FALSE(Sha256OfFile("/nonexistent/sdetcheck/none.yaml").has_value());
}

}  // namespace
}  // namespace sdetcheck
