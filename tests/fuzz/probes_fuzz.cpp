// libFuzzer target: the probe loader, through every probe kind's parser and the matcher
// parser (regexes, XPath expressions and JSON pointers compiled).
#include <cstddef>
#include <cstdint>
#include <string>

#include "probe/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sdetcheck::Diagnostics diagnostics;
  sdetcheck::ProbeCatalog catalog;
  sdetcheck::LoadProbesFromText(text, "probes.yaml", &catalog, &diagnostics);
  return 0;
}
