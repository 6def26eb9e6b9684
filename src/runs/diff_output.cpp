#include "runs/diff_output.h"

#include <sstream>

#include <nlohmann/json.hpp>

namespace sdetcheck {
namespace {

using nlohmann::json;

constexpr ChangeKind kKinds[] = {ChangeKind::kRegression,  ChangeKind::kUnverified,
                                 ChangeKind::kImprovement, ChangeKind::kChanged,
                                 ChangeKind::kEvidence,    ChangeKind::kAdded,
                                 ChangeKind::kRemoved};

std::string SideLine(const char* code, const SavedRun& run, const Wording& w) {
  return w.message(Msg(code, {{"target", run.target_name},
                              {"date", run.generated_at},
                              {"verdict", w.label("verdict." + run.verdict)},
                              {"file", run.file}}));
}

std::string StateLabel(const std::string& state, const char* prefix, const Wording& w) {
  return state.empty() ? w.message(Msg("diff.check.absent")) : w.label(prefix + state);
}

void WriteCheck(const CheckChange& c, const Wording& w, std::ostringstream* out) {
  *out << "    " << (c.regression ? "✗ " : "· ") << c.key;
  if (!c.subject.empty()) *out << " · " << c.subject;
  *out << " : " << StateLabel(c.old_state, "check_state.", w) << " → "
       << StateLabel(c.new_state, "check_state.", w);
  const std::string& message = c.new_message.empty() ? c.old_message : c.new_message;
  if (!message.empty()) *out << " — " << message;
  *out << "\n";
}

void WriteItem(const ItemChange& change, bool verbose, const Wording& w, std::ostringstream* out) {
  *out << "  " << change.id << " · " << w.label("level." + change.level) << " · " << change.title
       << "\n";
  if (change.old_state != change.new_state) {
    *out << "    " << StateLabel(change.old_state, "state.", w) << " → "
         << StateLabel(change.new_state, "state.", w) << "\n";
  }
  for (const CheckChange& check : change.checks) WriteCheck(check, w, out);
  if (change.evidence.empty()) return;
  if (!verbose) {
    *out << "    "
         << w.message(
                Msg("diff.evidence.count", {{"count", std::to_string(change.evidence.size())}}))
         << "\n";
    return;
  }
  for (const CheckChange& check : change.evidence) WriteCheck(check, w, out);
}

void WriteConclusion(const RunDiff& diff, const Wording& w, std::ostringstream* out) {
  int regressions = diff.Count(ChangeKind::kRegression);
  *out << (regressions > 0
               ? w.message(Msg("diff.result.regressions", {{"count", std::to_string(regressions)}}))
               : w.message(Msg("diff.result.none")))
       << "\n";
  int unverified = diff.Count(ChangeKind::kUnverified);
  if (unverified > 0)
    *out << w.message(Msg("diff.result.unverified", {{"count", std::to_string(unverified)}}))
         << "\n";
}

json CheckJson(const CheckChange& c) {
  return {{"key", c.key},
          {"subject", c.subject},
          {"old_state", c.old_state.empty() ? json() : json(c.old_state)},
          {"new_state", c.new_state.empty() ? json() : json(c.new_state)},
          {"old_message", c.old_message},
          {"new_message", c.new_message},
          {"regression", c.regression}};
}

json ChecksJson(const std::vector<CheckChange>& checks) {
  json list = json::array();
  for (const CheckChange& c : checks) list.push_back(CheckJson(c));
  return list;
}

json SideJson(const SavedRun& run) {
  return {{"file", run.file},         {"target", run.target_name},
          {"base_url", run.base_url}, {"generated_at", run.generated_at},
          {"verdict", run.verdict},   {"grid", run.grid_id + " " + run.sdet_version}};
}

}  // namespace

std::string DiffText(const RunDiff& diff, const DiffSides& sides, bool verbose, const Wording& w) {
  std::ostringstream out;
  out << SideLine("diff.side.old", *sides.old_run, w) << "\n"
      << SideLine("diff.side.new", *sides.new_run, w) << "\n";
  if (!diff.same_grid) {
    out << w.message(Msg("diff.grid_differs",
                         {{"old", sides.old_run->grid_id + " " + sides.old_run->sdet_version},
                          {"new", sides.new_run->grid_id + " " + sides.new_run->sdet_version}}))
        << "\n";
  }
  if (diff.items.empty()) out << "\n" << w.message(Msg("diff.none")) << "\n";
  for (ChangeKind kind : kKinds) {
    int count = diff.Count(kind);
    if (count == 0) continue;
    out << "\n"
        << w.message(Msg(std::string("diff.kind.") + ChangeKindName(kind),
                         {{"count", std::to_string(count)}}))
        << "\n";
    for (const ItemChange& change : diff.items) {
      if (change.kind == kind) WriteItem(change, verbose, w, &out);
    }
  }
  out << "\n";
  WriteConclusion(diff, w, &out);
  return out.str();
}

std::string DiffJson(const RunDiff& diff, const DiffSides& sides) {
  json counts = json::object();
  for (ChangeKind kind : kKinds) counts[ChangeKindName(kind)] = diff.Count(kind);
  json changes = json::array();
  for (const ItemChange& c : diff.items) {
    changes.push_back({{"kind", ChangeKindName(c.kind)},
                       {"id", c.id},
                       {"title", c.title},
                       {"level", c.level},
                       {"old_state", c.old_state.empty() ? json() : json(c.old_state)},
                       {"new_state", c.new_state.empty() ? json() : json(c.new_state)},
                       {"checks", ChecksJson(c.checks)},
                       {"evidence", ChecksJson(c.evidence)}});
  }
  json doc = {{"old", SideJson(*sides.old_run)},
              {"new", SideJson(*sides.new_run)},
              {"same_grid", diff.same_grid},
              {"regression", diff.HasRegression()},
              {"counts", counts},
              {"changes", changes}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace sdetcheck
