#include "runs/fleet_summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/csv.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

constexpr size_t kWorst = 10;
constexpr size_t kFailures = 20;

FleetRow RowOf(const FleetRun& r) {
  const SavedRun& run = *r.run;
  return {r.id,
          run.target_name,
          run.verdict,
          run.overall.exigence.score,
          run.overall.exigence.fail,
          run.overall.exigence.error + run.overall.exigence.not_tested};
}

void CountVerdict(const std::string& verdict, int* conforme, int* non_conforme, int* incomplet) {
  if (verdict == "conforme") ++*conforme;
  if (verdict == "non_conforme") ++*non_conforme;
  if (verdict == "incomplet") ++*incomplet;
}

void CountAxes(const SavedRun& run, std::vector<FleetAxis>* axes) {
  for (const SavedScope& scope : run.axes) {
    auto it = std::find_if(axes->begin(), axes->end(),
                           [&](const FleetAxis& a) { return a.axis == scope.axis; });
    if (it == axes->end()) it = axes->insert(axes->end(), FleetAxis{scope.axis, scope.name});
    CountVerdict(scope.verdict, &it->conforme, &it->non_conforme, &it->incomplet);
  }
}

std::vector<FleetFailure> Failures(const std::vector<FleetRun>& runs) {
  std::map<std::string, FleetFailure> by_item;
  for (const FleetRun& r : runs) {
    for (const SavedItem& item : r.run->items) {
      if (item.state != "fail") continue;
      FleetFailure& f = by_item[item.id];
      f.item = item.id;
      f.title = item.title;
      f.level = item.level;
      ++f.instances;
    }
  }
  std::vector<FleetFailure> failures;
  failures.reserve(by_item.size());
  for (auto& [id, f] : by_item) failures.push_back(f);
  std::stable_sort(
      failures.begin(), failures.end(),
      [](const FleetFailure& a, const FleetFailure& b) { return a.instances > b.instances; });
  if (failures.size() > kFailures) failures.resize(kFailures);
  return failures;
}

std::vector<FleetRow> Worst(std::vector<FleetRow> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const FleetRow& a, const FleetRow& b) {
    double sa = a.exigence_score.value_or(-1), sb = b.exigence_score.value_or(-1);
    if (sa != sb) return sa < sb;
    return a.exigences_failed > b.exigences_failed;
  });
  if (rows.size() > kWorst) rows.resize(kWorst);
  return rows;
}

std::string Percent(const std::optional<double>& score) {
  if (!score) return "—";
  return std::to_string(static_cast<int>(std::floor(*score * 100 + 0.5))) + " %";
}

json RowJson(const FleetRow& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"verdict", r.verdict},
          {"exigence_score", r.exigence_score ? json(*r.exigence_score) : json(nullptr)},
          {"exigences_failed", r.exigences_failed},
          {"exigences_unverified", r.exigences_unverified},
          {"report", r.id + "/report.json"}};
}

}  // namespace

FleetSummary SummarizeFleet(const std::vector<FleetRun>& runs) {
  FleetSummary s;
  for (const FleetRun& r : runs) {
    s.rows.push_back(RowOf(r));
    CountVerdict(r.run->verdict, &s.conforme, &s.non_conforme, &s.incomplet);
    CountAxes(*r.run, &s.axes);
  }
  std::sort(s.rows.begin(), s.rows.end(),
            [](const FleetRow& a, const FleetRow& b) { return a.id < b.id; });
  s.failures = Failures(runs);
  s.worst = Worst(s.rows);
  return s;
}

std::string FleetJson(const FleetSummary& s) {
  json rows = json::array(), worst = json::array(), axes = json::array(), failures = json::array();
  for (const FleetRow& r : s.rows) rows.push_back(RowJson(r));
  for (const FleetRow& r : s.worst) worst.push_back(r.id);
  for (const FleetAxis& a : s.axes)
    axes.push_back({{"axis", a.axis},
                    {"conforme", a.conforme},
                    {"non_conforme", a.non_conforme},
                    {"incomplet", a.incomplet}});
  for (const FleetFailure& f : s.failures)
    failures.push_back({{"item", f.item}, {"level", f.level}, {"instances", f.instances}});
  json doc = {
      {"instances", s.rows.size()},
      {"verdicts",
       {{"conforme", s.conforme}, {"non_conforme", s.non_conforme}, {"incomplet", s.incomplet}}},
      {"axes", axes},
      {"most_frequent_failures", failures},
      {"worst_instances", worst},
      {"rows", rows}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string FleetCsv(const FleetSummary& s, char separator, const Wording& w) {
  std::string csv = "\xEF\xBB\xBF" +
                    CsvLine({"id", w.label("fleet_name"), w.label("verdict"),
                             w.label("compare_exigence_score"), w.label("compare_exigences_failed"),
                             w.label("compare_exigences_unverified"), w.label("compare_report")},
                            separator);
  for (const FleetRow& r : s.rows)
    csv += CsvLine({r.id, r.name, w.label("verdict." + r.verdict), Percent(r.exigence_score),
                    std::to_string(r.exigences_failed), std::to_string(r.exigences_unverified),
                    r.id + "/report.json"},
                   separator);
  return csv;
}

std::string FleetText(const FleetSummary& s, const Wording& w) {
  std::ostringstream out;
  out << w.message(Msg("fleet.verdicts", {{"count", std::to_string(s.rows.size())},
                                          {"conforme", std::to_string(s.conforme)},
                                          {"non_conforme", std::to_string(s.non_conforme)},
                                          {"incomplet", std::to_string(s.incomplet)}}))
      << "\n";
  for (const FleetAxis& a : s.axes)
    out << "  " << a.name << " : "
        << w.message(Msg("fleet.axis", {{"conforme", std::to_string(a.conforme)},
                                        {"non_conforme", std::to_string(a.non_conforme)},
                                        {"incomplet", std::to_string(a.incomplet)}}))
        << "\n";
  if (!s.failures.empty()) out << w.message(Msg("fleet.failures")) << "\n";
  for (const FleetFailure& f : s.failures)
    out << "  " << f.item << " · " << f.title << " : "
        << w.message(Msg("fleet.failure_count", {{"count", std::to_string(f.instances)}})) << "\n";
  if (!s.worst.empty()) out << w.message(Msg("fleet.worst")) << "\n";
  for (const FleetRow& r : s.worst)
    out << "  " << r.id << " · " << r.name << " : " << Percent(r.exigence_score) << " · "
        << w.message(Msg("fleet.failed_count", {{"count", std::to_string(r.exigences_failed)}}))
        << "\n";
  return out.str();
}

}  // namespace sdetcheck
