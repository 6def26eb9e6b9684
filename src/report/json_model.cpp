#include "report/json_model.h"

#include <variant>

#include "report/evidence_json.h"
#include "report/messages.h"
#include "report/services_matrix.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

json Text(const LocalizedText& text) { return {{"fr", text.fr}, {"en", text.en}}; }

json TallyJson(const Tally& t) {
  std::optional<double> score = t.Score();
  return {{"pass", t.pass},
          {"fail", t.fail},
          {"error", t.error},
          {"not_tested", t.not_tested},
          {"attested", t.attested},
          {"waived", t.waived},
          {"not_applicable", t.not_applicable},
          {"weight_met", t.weight_met},
          {"weight_total", t.weight_total},
          {"weight_probed", t.weight_probed},
          {"weight_declared", t.weight_declared},
          {"score", score ? json(*score) : json(nullptr)}};
}

json ScopeJson(const ScopeSummary& scope, const GridSet& grid) {
  json out = {{"verdict", VerdictName(scope.verdict)},
              {"exigence", TallyJson(scope.exigence)},
              {"recommandation", TallyJson(scope.recommandation)}};
  if (const Axis* axis = grid.FindAxis(scope.axis)) {
    out["axis"] = axis->id;
    out["name"] = Text(axis->name);
  }
  return out;
}

json SourceJson(const SdetSource& s) {
  return {{"document", s.document},
          {"section", s.section},
          {"version", s.version},
          {"provenance", ProvenanceName(s.provenance)},
          {"note", s.note}};
}

json ItemJson(const ItemResult& r, const json& catalog) {
  const Item& item = *r.item;
  json evidence = json::array();
  for (const Evidence& e : r.evidence) evidence.push_back(EvidenceJson(e));
  json checks = json::array();
  for (const Check& check : r.checks) checks.push_back(CheckJson(check, catalog));
  json out = {{"id", item.id},
              {"axis", item.axis},
              {"level", LevelName(item.level)},
              {"polarity", PolarityName(item.polarity)},
              {"keyword", Rfc2119Keyword(item.level, item.polarity)},
              {"title", Text(item.title)},
              {"statement", Text(item.statement)},
              {"weight", item.weight},
              {"method", r.method == Method::kProbe ? "probe" : "attestation"},
              {"probe", item.check.is_probe ? json(item.check.probe.probe) : json(nullptr)},
              {"probe_with", item.check.is_probe ? json(item.check.probe.with) : json(nullptr)},
              {"responsible", item.responsible.empty() ? json(nullptr) : json(item.responsible)},
              {"state", StateName(r.state)},
              {"message", MessageJson(r.message, catalog)},
              {"source", SourceJson(item.source)},
              {"remediation", Text(item.remediation)},
              {"checks", checks},
              {"evidence", evidence},
              {"attestation", nullptr},
              {"waiver", nullptr}};
  if (!item.check.is_probe) out["question"] = Text(item.check.attestation.question);
  if (r.attestation) {
    const Attestation& a = *r.attestation;
    out["attestation"] = {{"answer", a.answer},
                          {"evidence", a.evidence},
                          {"author", a.author},
                          {"date", a.date},
                          {"comment", a.comment}};
  }
  if (r.waiver) {
    const Waiver& w = *r.waiver;
    out["waiver"] = {{"justification", w.justification},
                     {"owner", w.owner},
                     {"expires", w.expires},
                     {"expired", r.waiver_expired}};
  }
  return out;
}

json InputsJson(const ReportContext& c) {
  json inputs = json::array();
  for (const InputFile& f : c.grid->files)
    inputs.push_back({{"kind", "grid"}, {"path", f.path}, {"sha256", f.sha256}});
  for (const InputFile& f : *c.probe_files)
    inputs.push_back({{"kind", "probe"}, {"path", f.path}, {"sha256", f.sha256}});
  if (c.answers && !c.answers->file.empty()) {
    inputs.push_back(
        {{"kind", "answers"}, {"path", c.answers->file}, {"sha256", c.answers->sha256}});
  }
  return inputs;
}

}  // namespace

json SanitizeReportStrings(const json& value) {
  if (value.is_string()) return SanitizeForReport(value.get_ref<const std::string&>());
  if (value.is_array()) {
    json out = json::array();
    for (const json& child : value) out.push_back(SanitizeReportStrings(child));
    return out;
  }
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, child] : value.items())
      out[SanitizeForReport(key)] = SanitizeReportStrings(child);
    return out;
  }
  return value;
}

json BuildReportJson(const ReportContext& c, const json& catalog) {
  json axes = json::array();
  for (const ScopeSummary& scope : c.summary->axes) axes.push_back(ScopeJson(scope, *c.grid));
  json items = json::array();
  for (const ItemResult& r : *c.results) items.push_back(ItemJson(r, catalog));
  const Tally& ex = c.summary->overall.exigence;
  const Tally& rec = c.summary->overall.recommandation;
  json report = {
      {"schema_version", kReportSchemaVersion},
      {"tool", {{"name", "sdetcheck"}, {"version", kSdetcheckVersion}}},
      {"generated_at", c.generated_at},
      {"lang", c.lang},
      {"target", {{"name", c.target->name}, {"base_url", c.target->base_url}}},
      {"grid",
       {{"id", c.grid->id},
        {"sdet_version", c.grid->sdet_version},
        {"published", c.grid->published},
        {"title", Text(c.grid->title)},
        {"provenance", c.grid->provenance}}},
      {"inputs", InputsJson(c)},
      {"scoring",
       {{"version", kScoringVersion}, {"formula", catalog.value("scoring_formula", "")}}},
      {"verdict", VerdictName(c.summary->overall.verdict)},
      {"summary", {{"overall", ScopeJson(c.summary->overall, *c.grid)}, {"axes", axes}}},
      {"basis",
       {{"weight_probed", ex.weight_probed + rec.weight_probed},
        {"weight_declared", ex.weight_declared + rec.weight_declared}}},
      {"run",
       {{"requests_sent", c.stats.requests_sent},
        {"requests_coalesced", c.stats.requests_coalesced},
        {"duration_seconds", c.stats.duration_seconds}}},
      {"items", items}};
  json matrix = ServicesMatrixJson(*c.target, *c.results);
  if (!matrix.is_null()) report["services_matrix"] = matrix;
  return SanitizeReportStrings(report);
}

}  // namespace sdetcheck
