#pragma once

#include <string>

#include "grid/grid_set.h"
#include "util/diagnostics.h"

namespace sdetcheck {

// Reads grids/<set>/manifest.yaml and the axis files it names. Every problem found
// (syntax, unknown keys, wrong enum values, duplicate ids, items on the wrong axis) is
// added to `diagnostics`; the returned set holds every item that could be read.
// Probe references are not resolved here (see lint/cross_check.h).
GridSet LoadGridSet(const std::string& directory, Diagnostics* diagnostics);

}  // namespace sdetcheck
