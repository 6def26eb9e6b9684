#pragma once
// The name of an AAF export file: <prefix>_<Complet|Delta>_<YYYYMMDD>_<Type>_<NNNN>.xml, e.g.
// ENT2D_0691670R_Complet_20260901_Eleve_0000.xml (aaf_sso.md §1.1). Pure.

#include <optional>
#include <string>
#include <string_view>

namespace sdetcheck {

struct FeedFileName {
  std::string prefix;  // "ENT2D_0691670R"
  bool delta = false;  // Delta rather than Complet
  std::string date;    // YYYYMMDD
  std::string type;    // "Eleve", "EtabEducNat", ...
  int chunk = 0;       // NNNN
};

// nullopt when `file_name` (no directory) does not follow the pattern.
std::optional<FeedFileName> ParseFeedFileName(std::string_view file_name);

}  // namespace sdetcheck
