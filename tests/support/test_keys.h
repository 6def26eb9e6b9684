#pragma once
// A throw-away RSA key and its self-signed certificate, made by OpenSSL for a test run (never
// stored): tests sign with the key and verify with the certificate.

#include <string>

namespace sdetcheck::testing {

struct TestKeyPair {
  std::string key_pem;
  std::string certificate_der;
};

TestKeyPair MakeTestKeyPair();

}  // namespace sdetcheck::testing
