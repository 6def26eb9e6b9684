#pragma once
// The directory an importer would build from a full AAF feed, written as LDIF (RFC 2849) in
// the reference ENT's test schema (reference-ent/schema/ent-test.schema): one ENTStructure
// per establishment under ou=structures, one ENTPerson per person under ou=people, with the
// conventions the directory cross-check reads (aaf/directory_people.h): join key
// "<prefix><id>", national profile, UAIs in place of structure ids, relatives named by uid and
// the reverse relative -> pupil link derived. Logins are made from the id: e<id> pupils,
// r<id> relatives, p<id> staff. Used to load the reference ENT's slapd from a generated feed.

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace sdetcheck {

struct FeedLdifOptions {
  std::vector<std::string> files;  // one full (Complet) set, every type
  std::string suffix;              // e.g. "dc=sdetcheck,dc=test"
  std::string join_prefix = "AAF$";
};

struct FeedLdifResult {
  std::optional<std::string> error;  // "file: why"; nothing useful was written
  size_t structures = 0;
  size_t persons = 0;
};

// Reads the files twice (structures and links first, then the entries); each file's entries
// are written once the file was read to its end.
FeedLdifResult WriteFeedLdif(const FeedLdifOptions& options, std::ostream& out);

// Staff national profile from an AAF function code (aaf_sso.md §1.5): "ENS" -> "National_ENS";
// "" when the code is unknown.
std::string ProfileOfFunction(std::string_view code);

}  // namespace sdetcheck
