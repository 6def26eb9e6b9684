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

// The two steps of LoadGridSet from text already read (`file` names it in diagnostics):
// the manifest (its axes, whose files are resolved against the manifest's directory and must
// exist; no item is read), then the items of one axis file, added to `set`.
GridSet LoadGridManifestFromText(const std::string& text, const std::string& file,
                                 Diagnostics* diagnostics);
void LoadGridAxisFromText(const Axis& axis, const std::string& text, GridSet* set,
                          Diagnostics* diagnostics);

}  // namespace sdetcheck
