#pragma once
// A fleet's inventory (docs/fleet.md): the ENT instances of many establishments audited in
// one run, each with its target profile.

#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace sdetcheck {

struct FleetInstance {
  std::string id;       // unique; names the instance's report directory: [A-Za-z0-9._-]+
  std::string name;     // shown in reports instead of the target's name; "" keeps it
  std::string target;   // target profile file, resolved against the inventory's directory
  std::string answers;  // answers file, resolved likewise; "" = the run's --answers
  SourceLoc loc;
};

struct Inventory {
  std::string file;
  std::vector<FleetInstance> instances;  // in the file's order
};

// Reads an inventory YAML file; every problem (a missing or duplicate id, an id that cannot
// name a directory, a missing target) is a located diagnostic.
Inventory LoadInventory(const std::string& file, Diagnostics* diagnostics);

// The instances of shard `index` (0-based) of `count`: every count-th, starting at index, in
// inventory order, so that shards are disjoint and together cover the inventory.
std::vector<FleetInstance> ShardOf(const Inventory& inventory, int index, int count);

}  // namespace sdetcheck
