#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "grid/loader.h"
#include "probe/loader.h"
#include "probe/registry.h"
#include "report/questionnaire.h"

namespace sdetcheck {
namespace {

bool LoadGridOrReport(const CliOptions& o, GridSet* grid) {
  Diagnostics diagnostics;
  *grid = LoadGridSet(o.grids, &diagnostics);
  if (diagnostics.empty()) return true;
  std::cerr << diagnostics.Format() << diagnostics.size() << " problem(s); run `sdetcheck lint`.\n";
  return false;
}

std::string CheckText(const Item& item) {
  return item.check.is_probe ? "probe " + item.check.probe.probe : std::string("attestation");
}

int WriteOutput(const CliOptions& o, const std::string& text) {
  if (o.output_file.empty()) {
    std::cout << text;
    return kExitConforme;
  }
  std::ofstream out(o.output_file, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "sdetcheck: cannot write " << o.output_file << "\n";
    return kExitInternal;
  }
  std::cerr << "wrote " << o.output_file << "\n";
  return kExitConforme;
}

}  // namespace

int GridListCommand(CliOptions& o) {
  GridSet grid;
  if (!LoadGridOrReport(o, &grid)) return kExitInvalidInput;
  std::cout << grid.id << " (SDET " << grid.sdet_version << "), " << grid.items.size()
            << " items\n";
  size_t id_width = 0, check_width = 0;
  for (const Item& item : grid.items) {
    id_width = std::max(id_width, item.id.size() + 2);
    check_width = std::max(check_width, CheckText(item).size() + 2);
  }
  for (const Item& item : grid.items) {
    std::cout << std::left << std::setw(static_cast<int>(id_width)) << item.id << std::setw(12)
              << item.axis << std::setw(15) << LevelName(item.level)
              << std::setw(static_cast<int>(check_width)) << CheckText(item)
              << item.title.In(o.lang) << "\n";
  }
  return kExitConforme;
}

int GridShowCommand(CliOptions& o) {
  GridSet grid;
  if (!LoadGridOrReport(o, &grid)) return kExitInvalidInput;
  const Item* item = grid.FindItem(o.item_id);
  if (!item) {
    std::cerr << "sdetcheck: no item '" << o.item_id << "' in " << grid.id << "\n";
    return kExitInvalidInput;
  }
  const std::string& l = o.lang;
  std::cout << item->id << " — " << item->title.In(l) << "\n"
            << "  axis:        " << item->axis << "\n"
            << "  level:       " << LevelName(item->level) << " ("
            << Rfc2119Keyword(item->level, item->polarity) << ")\n"
            << "  weight:      " << item->weight << "\n"
            << "  statement:   " << item->statement.In(l) << "\n"
            << "  source:      " << item->source.document
            << (item->source.section.empty() ? "" : ", " + item->source.section) << " (v"
            << item->source.version << ")\n"
            << "  provenance:  " << ProvenanceName(item->source.provenance)
            << (item->source.note.empty() ? "" : " — " + item->source.note) << "\n"
            << "  check:       " << CheckText(*item) << "\n";
  if (!item->check.is_probe) {
    std::cout << "  question:    " << item->check.attestation.question.In(l) << "\n"
              << "  evidence:    " << item->check.attestation.evidence.In(l) << "\n";
  }
  std::cout << "  remediation: " << item->remediation.In(l) << "\n"
            << "  defined at:  " << item->loc.file << ":" << item->loc.line << "\n";
  return kExitConforme;
}

int GridExportCommand(CliOptions& o) {
  GridSet grid;
  if (!LoadGridOrReport(o, &grid)) return kExitInvalidInput;
  if (o.export_format == "csv")
    return WriteOutput(o, ExportGridCsv(grid, o.lang, o.csv_separator[0]));
  std::string text, error;
  if (!ExportGridMarkdown(grid, o.lang, o.ReportsDir(), &text, &error)) {
    std::cerr << "sdetcheck: " << error << "\n";
    return kExitInternal;
  }
  return WriteOutput(o, text);
}

int ProbesListCommand(CliOptions& o) {
  std::cout << "Probe kinds:\n";
  for (const ProbeKind& kind : ProbeKinds())
    std::cout << "  " << std::left << std::setw(8) << kind.name << kind.summary << "\n";
  Diagnostics diagnostics;
  ProbeCatalog catalog = LoadProbes(o.probes, &diagnostics);
  std::cout << "Probes (" << catalog.probes.size() << "):\n";
  for (const ProbeDef& probe : catalog.probes) {
    std::cout << "  " << std::setw(32) << probe.name << std::setw(6) << probe.kind
              << probe.description << "\n";
  }
  if (!diagnostics.empty()) {
    std::cerr << diagnostics.Format();
    return kExitInvalidInput;
  }
  return kExitConforme;
}

}  // namespace sdetcheck
