// libFuzzer target: the answers loader (attestations and waivers).
#include <cstddef>
#include <cstdint>
#include <string>

#include "answers/answers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sdetcheck::Diagnostics diagnostics;
  sdetcheck::LoadAnswersFromText(text, "answers.yaml", &diagnostics);
  return 0;
}
