#include "cli/exit_codes.h"

#include "judge/score.h"

namespace sdetcheck {

int ExitCodeFor(Verdict verdict) {
  switch (verdict) {
    case Verdict::kConforme:
      return kExitConforme;
    case Verdict::kNonConforme:
      return kExitNonConforme;
    case Verdict::kIncomplet:
      return kExitIncomplet;
  }
  return kExitInternal;
}

}  // namespace sdetcheck
