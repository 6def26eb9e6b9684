#pragma once
// Internal to report/: JUnit XML, one testsuite per axis, one testcase per item, so a CI
// system shows failing exigences as failed tests.

#include <string>

#include <nlohmann/json.hpp>

namespace sdetcheck {

std::string RenderJunit(const nlohmann::json& report);

}  // namespace sdetcheck
