#include "lint/cross_check.h"

#include <set>

namespace sdetcheck {
namespace {

std::vector<std::string> ProbeNames(const ProbeCatalog& probes) {
  std::vector<std::string> names;
  for (const ProbeDef& probe : probes.probes) names.push_back(probe.name);
  return names;
}

std::vector<std::string> ItemIds(const GridSet& grid) {
  std::vector<std::string> ids;
  for (const Item& item : grid.items) ids.push_back(item.id);
  return ids;
}

std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string closest = SuggestClosest(word, candidates);
  return closest.empty() ? "" : "did you mean '" + closest + "'?";
}

void CheckItemProbe(const Item& item, const ProbeCatalog& probes, Diagnostics* diagnostics) {
  const ProbeDef* probe = probes.Find(item.check.probe.probe);
  if (!probe) {
    diagnostics->Error(
        item.loc, "item " + item.id + ": probe '" + item.check.probe.probe + "' is not defined",
        DidYouMean(item.check.probe.probe, ProbeNames(probes)));
    return;
  }
  std::vector<std::string> declared;
  for (const auto& [name, value] : probe->params) declared.push_back(name);
  for (const auto& [name, value] : item.check.probe.with) {
    if (probe->params.count(name)) continue;
    diagnostics->Error(
        item.loc,
        "item " + item.id + ": probe '" + probe->name + "' has no parameter '" + name + "'",
        DidYouMean(name, declared));
  }
}

}  // namespace

void CrossCheckGridProbes(const GridSet& grid, const ProbeCatalog& probes,
                          Diagnostics* diagnostics) {
  for (const Item& item : grid.items) {
    if (item.check.is_probe && !item.check.probe.probe.empty()) {
      CheckItemProbe(item, probes, diagnostics);
    }
  }
}

void CrossCheckAnswers(const GridSet& grid, const Answers& answers, Diagnostics* diagnostics) {
  std::vector<std::string> ids = ItemIds(grid);
  std::set<std::string> attested;
  for (const Attestation& a : answers.attestations) {
    const Item* item = grid.FindItem(a.item);
    if (!item) {
      diagnostics->Error(a.loc, "attestation for unknown item '" + a.item + "'",
                         DidYouMean(a.item, ids));
    } else if (item->check.is_probe) {
      diagnostics->Error(a.loc, "item " + a.item + " is checked by a probe, not by attestation",
                         "a waiver is the way to accept a failing probed item");
    }
    if (!attested.insert(a.item).second) {
      diagnostics->Error(a.loc, "item " + a.item + " is answered twice");
    }
  }
  std::set<std::string> waived;
  for (const Waiver& w : answers.waivers) {
    if (!grid.FindItem(w.item)) {
      diagnostics->Error(w.loc, "waiver matches no item: '" + w.item + "'",
                         DidYouMean(w.item, ids));
    }
    if (!waived.insert(w.item).second) {
      diagnostics->Error(w.loc, "item " + w.item + " is waived twice");
    }
  }
}

}  // namespace sdetcheck
