// libFuzzer target: the grid loader. Each input is read both as a manifest and as an axis
// file. The names are in the working directory, which exists, so the axis files a manifest
// names are looked up as the real loader does (a directory that does not exist would answer
// "not found" for any name).
#include <cstddef>
#include <cstdint>
#include <string>

#include "grid/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sdetcheck::Diagnostics diagnostics;
  sdetcheck::GridSet set = sdetcheck::LoadGridManifestFromText(text, "manifest.yaml", &diagnostics);
  const sdetcheck::Axis axis{"securite", {}, "securite.yaml"};
  sdetcheck::LoadGridAxisFromText(axis, text, &set, &diagnostics);
  return 0;
}
