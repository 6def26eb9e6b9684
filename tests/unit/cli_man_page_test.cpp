// sdetcheck(1) is generated from the command line's own definition: every subcommand of the
// table appears, with its options, and no line of help text is taken for a roff request.

#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "cli/commands.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

TEST_CASE("man page: every subcommand and its options, valid roff") {
  std::string out, err;
  REQUIRE(testing::RunCommand(std::string(SDETCHECK_BINARY) + " --man", &out, &err) == 0);
  CHECK(out.rfind(".TH SDETCHECK 1", 0) == 0);
  for (const Command& command : Commands()) {
    std::string title = std::string("sdetcheck ") +
                        (command.group ? command.group + std::string(" ") : "") + command.name;
    CHECK_MESSAGE(out.find(".SS \"" + title + "\"") != std::string::npos, title);
  }
  CHECK(out.find("\\-\\-bundle") != std::string::npos);
  CHECK(out.find("\\-\\-shard") != std::string::npos);
  std::istringstream lines(out);
  std::string line;
  const char* requests[] = {".TH", ".SH", ".SS", ".TP", ".B", ".PP", ".nf", ".fi"};
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '.') continue;
    bool known = false;
    for (const char* r : requests) known = known || line.rfind(r, 0) == 0;
    CHECK_MESSAGE(known, line);
  }
}

}  // namespace
}  // namespace sdetcheck
