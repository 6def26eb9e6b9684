// libFuzzer target: CAS ticket validation answers, as protocol 1 text and as protocol 2/3
// XML.
#include <cstddef>
#include <cstdint>
#include <string>

#include "probe/cas_validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  for (int version : {1, 2, 3}) {
    sdetcheck::CasValidation v = sdetcheck::ParseCasValidation(body, version);
    // An identity is never ambiguous: a success names one user, a failure none.
    if (v.status == sdetcheck::CasValidation::Status::kSuccess && v.user.empty()) __builtin_trap();
    if (v.status != sdetcheck::CasValidation::Status::kSuccess && !v.user.empty()) __builtin_trap();
  }
  return 0;
}
