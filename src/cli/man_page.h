#pragma once
// sdetcheck(1): the manual page in roff, generated from the command line's own definition
// (every subcommand, option and help text registered on CLI11), so that it never drifts.

#include <string>

namespace CLI {
class App;
}

namespace sdetcheck {

std::string ManPage(const CLI::App& app, const std::string& version);

}  // namespace sdetcheck
