#include "grid/grid_set.h"

namespace sdetcheck {

const Item* GridSet::FindItem(const std::string& id) const {
  for (const Item& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

const Axis* GridSet::FindAxis(const std::string& id) const {
  for (const Axis& axis : axes) {
    if (axis.id == id) return &axis;
  }
  return nullptr;
}

}  // namespace sdetcheck
