// libFuzzer target: SAML 2.0 metadata, read for the IdP and the SP descriptor.
#include <cstddef>
#include <cstdint>
#include <string>

#include "probe/saml_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string xml(reinterpret_cast<const char*>(data), size);
  for (const char* role : {"idp", "sp"}) {
    sdetcheck::SamlDescriptor d = sdetcheck::ReadSamlDescriptor(xml, role);
    if (d.found && !d.problem.empty()) __builtin_trap();
  }
  return 0;
}
