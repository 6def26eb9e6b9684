#pragma once
// A versioned set of grids: a manifest plus one file of items per analysis axis.

#include <string>
#include <vector>

#include "grid/item.h"

namespace sdetcheck {

struct Axis {
  std::string id;
  LocalizedText name;
  std::string file;  // path of the axis file
};

struct GridSource {
  std::string id;
  std::string title;
  std::string url;
  bool consulted = false;
};

struct InputFile {
  std::string path;
  std::string sha256;
};

struct GridSet {
  std::string id;
  std::string sdet_version;
  std::string published;
  LocalizedText title;
  std::string provenance;
  std::vector<GridSource> sources;
  std::vector<Axis> axes;
  std::vector<Item> items;       // in axis order, then file order
  std::vector<InputFile> files;  // manifest and axis files, with their hashes

  const Item* FindItem(const std::string& id) const;
  const Axis* FindAxis(const std::string& id) const;
};

}  // namespace sdetcheck
