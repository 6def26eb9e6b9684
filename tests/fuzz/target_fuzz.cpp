// libFuzzer target: the target profile loader (secrets are never resolved here). The name is
// in the working directory, so ca_bundle is looked up as the real loader does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "target/profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sdetcheck::Diagnostics diagnostics;
  sdetcheck::TargetProfile target =
      sdetcheck::LoadTargetProfileFromText(text, "target.yaml", &diagnostics);
  if (diagnostics.empty()) {
    (void)target.ToVariables();
    for (const sdetcheck::Service& service : target.services)
      target.AcceptsCredentials(service.url);
  }
  return 0;
}
