#include "cli/man_page.h"

#include <sstream>

#include <CLI/CLI.hpp>

namespace sdetcheck {
namespace {

// Text as roff shows it: backslashes escaped, a line starting with '.' or '\'' kept as text.
std::string Roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

void WriteOptions(const CLI::App& app, std::ostringstream* out) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    std::string name = option->get_name(true, true);
    if (name.empty() || name == "--help" || name == "-h,--help") continue;
    *out << ".TP\n.B " << Roff(name);
    if (!option->get_type_name().empty() && option->get_type_size() != 0 &&
        !option->get_positional())
      *out << " " << Roff(option->get_type_name());
    *out << "\n" << Roff(option->get_description()) << "\n";
  }
}

void WriteCommand(const CLI::App& sub, const std::string& prefix, std::ostringstream* out) {
  std::string path = prefix + sub.get_name();
  std::vector<const CLI::App*> children = sub.get_subcommands({});
  if (!children.empty()) {
    for (const CLI::App* child : children) WriteCommand(*child, path + " ", out);
    return;
  }
  *out << ".SS \"" << Roff(path) << "\"\n" << Roff(sub.get_description()) << "\n";
  WriteOptions(sub, out);
  if (!sub.get_footer().empty()) *out << ".PP\n.nf\n" << Roff(sub.get_footer()) << "\n.fi\n";
}

}  // namespace

std::string ManPage(const CLI::App& app, const std::string& version) {
  std::ostringstream out;
  out << ".TH SDETCHECK 1 \"\" \"sdetcheck " << version << "\" \"User Commands\"\n"
      << ".SH NAME\nsdetcheck \\- audit a French school digital workspace (ENT) against the "
         "SDET\n"
      << ".SH SYNOPSIS\n.B sdetcheck\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n"
      << ".SH DESCRIPTION\n"
      << Roff(app.get_description()) << "\n"
      << ".SH GLOBAL OPTIONS\n";
  WriteOptions(app, &out);
  out << ".SH COMMANDS\n";
  for (const CLI::App* sub : app.get_subcommands({})) WriteCommand(*sub, "sdetcheck ", &out);
  out << ".SH EXIT STATUS\n"
         ".TP\n.B 0\nconforme (audit), no problem (lint), no regression (diff), verified (bundle "
         "verify)\n"
         ".TP\n.B 1\nnon conforme: an applicable exigence fails; diff: a regression; bundle "
         "verify: verification failed\n"
         ".TP\n.B 2\nincomplet: no exigence fails, but one could not be checked or is "
         "unanswered\n"
         ".TP\n.B 3\ninvalid input: arguments, grid, probe, target, answers or inventory files; "
         "nothing was sent\n"
         ".TP\n.B 4\ninternal error\n";
  out << ".SH FILES\n"
         "Grids, probes and report templates are read from \\fI$SDETCHECK_DATA_DIR\\fR, else "
         "from \\fI../share/sdetcheck\\fR beside the binary (an installed copy: "
         "/usr/share/sdetcheck), else from the source tree it was built from.\n";
  out << ".SH EXAMPLES\n.nf\n" << Roff(app.get_footer()) << "\n.fi\n";
  return out.str();
}

}  // namespace sdetcheck
