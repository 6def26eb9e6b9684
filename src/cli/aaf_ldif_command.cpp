// `sdetcheck aaf ldif`: a full AAF feed as the LDIF an importer would load (aaf/feed_ldif.h).

#include <fstream>
#include <iostream>

#include "aaf/feed_ldif.h"
#include "aaf/feed_validation.h"
#include "cli/cli_messages.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace sdetcheck {

int AafLdifCommand(CliOptions& o) {
  CliMessages messages(o);
  std::vector<std::string> errors;
  FeedLdifOptions options;
  options.files = FeedFilesOf(o.aaf_inputs, &errors);
  options.suffix = o.ldif_suffix;
  options.join_prefix = o.ldif_join_prefix;
  if (errors.empty() && options.files.empty()) errors.push_back("no *.xml feed file given");
  if (!errors.empty()) {
    for (const std::string& error : errors)
      std::cerr << "sdetcheck: " << messages.Text(Msg("aaf.ldif.failed", {{"error", error}}))
                << "\n";
    return kExitInvalidInput;
  }
  std::ofstream file;
  if (!o.output_file.empty()) {
    file.open(o.output_file, std::ios::binary);
    if (!file) {
      std::cerr << "sdetcheck: "
                << messages.Text(
                       Msg("aaf.ldif.failed", {{"error", "cannot write " + o.output_file}}))
                << "\n";
      return kExitInternal;
    }
  }
  std::ostream& out = o.output_file.empty() ? std::cout : file;
  FeedLdifResult result = WriteFeedLdif(options, out);
  if (result.error) {
    std::cerr << "sdetcheck: " << messages.Text(Msg("aaf.ldif.failed", {{"error", *result.error}}))
              << "\n";
    return out ? kExitInvalidInput : kExitInternal;
  }
  if (!o.quiet)
    std::cerr << messages.Text(
                     Msg("aaf.ldif.done", {{"structures", std::to_string(result.structures)},
                                           {"persons", std::to_string(result.persons)}}))
              << "\n";
  return kExitConforme;
}

}  // namespace sdetcheck
