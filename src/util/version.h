#pragma once
// The version of sdetcheck: CMake's project version, one place for the CLI, reports and
// bundles.

namespace sdetcheck {

inline constexpr const char* kSdetcheckVersion = SDETCHECK_VERSION;

}  // namespace sdetcheck
