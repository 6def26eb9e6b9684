#include "grid/item.h"

namespace sdetcheck {

const char* LevelName(Level level) {
  return level == Level::kExigence ? "exigence" : "recommandation";
}

const char* PolarityName(Polarity polarity) {
  return polarity == Polarity::kPositive ? "positive" : "negative";
}

const char* ProvenanceName(Provenance provenance) {
  switch (provenance) {
    case Provenance::kVerified:
      return "verified";
    case Provenance::kSecondary:
      return "secondary";
    case Provenance::kUnverified:
      return "unverified";
  }
  return "unverified";
}

const char* Rfc2119Keyword(Level level, Polarity polarity) {
  bool must = level == Level::kExigence;
  if (polarity == Polarity::kNegative) return must ? "MUST NOT" : "SHOULD NOT";
  return must ? "MUST" : "SHOULD";
}

}  // namespace sdetcheck
