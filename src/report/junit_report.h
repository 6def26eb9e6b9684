#pragma once
// Internal to report/: JUnit XML, one testsuite per axis, one testcase per item, so a CI
// system shows failing exigences as failed tests.

#include <nlohmann/json.hpp>
#include <string>

namespace sdetcheck {

std::string RenderJunit(const nlohmann::json& report);

}  // namespace sdetcheck
