#include "report/evidence_json.h"

#include <variant>

#include "report/messages.h"
#include "util/json_text.h"

namespace sdetcheck {

using nlohmann::json;

namespace {

json HeadersJson(const HeaderList& headers) {
  json out = json::array();
  for (const auto& [name, value] : headers) out.push_back({{"name", name}, {"value", value}});
  return out;
}

HeaderList HeadersFromJson(const json& headers) {
  HeaderList out;
  if (!headers.is_array()) return out;
  for (const json& h : headers) out.emplace_back(JsonString(h, "name"), JsonString(h, "value"));
  return out;
}

std::optional<CheckState> CheckStateFromName(const std::string& name) {
  for (CheckState state :
       {CheckState::kPass, CheckState::kFail, CheckState::kError, CheckState::kNotApplicable}) {
    if (name == CheckStateName(state)) return state;
  }
  return std::nullopt;
}

Message MessageFromJson(const json& message) {
  Message out;
  out.code = JsonString(message, "code");
  const json& params = JsonMember(message, "params");
  if (params.is_object()) {
    for (const auto& [name, value] : params.items())
      out.params.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

}  // namespace

json EvidenceJson(const Evidence& record) {
  struct Visitor {
    json operator()(const HttpExchange& e) const {
      return {{"type", "http"},
              {"method", e.method},
              {"url", e.url},
              {"status", e.status},
              {"final_url", e.final_url},
              {"tls_version", e.tls_version},
              {"headers", HeadersJson(e.headers)},
              {"excerpt", e.excerpt},
              {"error", e.error}};
    }
    json operator()(const TlsHandshake& e) const {
      return {{"type", "tls"},        {"url", e.url},
              {"offered", e.offered}, {"negotiated", e.negotiated},
              {"cipher", e.cipher},   {"error", e.error}};
    }
    json operator()(const CertificateRecord& e) const {
      return {{"type", "certificate"},
              {"subject", e.subject},
              {"not_before", e.not_before},
              {"not_after", e.not_after},
              {"source", e.source}};
    }
    json operator()(const DocumentExcerpt& e) const {
      return {
          {"type", "document"}, {"format", e.format}, {"source", e.source}, {"excerpt", e.excerpt}};
    }
  };
  return std::visit(Visitor{}, record);
}

json CheckJson(const Check& check, const json& catalog) {
  json out = {{"key", check.key},
              {"subject", check.subject},
              {"state", CheckStateName(check.state)},
              {"message", MessageJson(check.message, catalog)},
              {"expected", check.expected},
              {"observed", check.observed},
              {"blocked_by", check.blocked_by.empty() ? json(nullptr) : json(check.blocked_by)},
              {"evidence", check.evidence}};
  if (!check.account.empty()) out["account"] = check.account;
  if (!check.service.empty()) out["service"] = check.service;
  return out;
}

std::optional<Evidence> EvidenceFromJson(const json& r) {
  std::string type = JsonString(r, "type");
  if (type == "http") {
    HttpExchange e;
    e.method = JsonString(r, "method");
    e.url = JsonString(r, "url");
    const json& status = JsonMember(r, "status");
    e.status = status.is_number_integer() ? status.get<long>() : 0;
    e.final_url = JsonString(r, "final_url");
    e.tls_version = JsonString(r, "tls_version");
    e.headers = HeadersFromJson(JsonMember(r, "headers"));
    e.excerpt = JsonString(r, "excerpt");
    e.error = JsonString(r, "error");
    return e;
  }
  if (type == "tls")
    return TlsHandshake{JsonString(r, "url"), JsonString(r, "offered"), JsonString(r, "negotiated"),
                        JsonString(r, "cipher"), JsonString(r, "error")};
  if (type == "certificate")
    return CertificateRecord{JsonString(r, "subject"), JsonString(r, "not_before"),
                             JsonString(r, "not_after"), JsonString(r, "source")};
  if (type == "document")
    return DocumentExcerpt{JsonString(r, "format"), JsonString(r, "source"),
                           JsonString(r, "excerpt")};
  return std::nullopt;
}

std::optional<Check> CheckFromJson(const json& c) {
  std::optional<CheckState> state = CheckStateFromName(JsonString(c, "state"));
  if (!state || JsonString(c, "key").empty()) return std::nullopt;
  Check check;
  check.key = JsonString(c, "key");
  check.subject = JsonString(c, "subject");
  check.state = *state;
  check.message = MessageFromJson(JsonMember(c, "message"));
  check.expected = JsonString(c, "expected");
  check.observed = JsonString(c, "observed");
  check.blocked_by = JsonString(c, "blocked_by");
  check.account = JsonString(c, "account");
  check.service = JsonString(c, "service");
  const json& evidence = JsonMember(c, "evidence");
  if (evidence.is_array()) {
    for (const json& index : evidence) {
      if (!index.is_number_unsigned()) return std::nullopt;
      check.evidence.push_back(index.get<size_t>());
    }
  }
  return check;
}

std::optional<ProbeOutcome> OutcomeFromJson(const json& item) {
  ProbeOutcome outcome;
  const json& evidence = JsonMember(item, "evidence");
  const json& checks = JsonMember(item, "checks");
  if (!evidence.is_array() || !checks.is_array()) return std::nullopt;
  for (const json& record : evidence) {
    std::optional<Evidence> e = EvidenceFromJson(record);
    if (!e) return std::nullopt;
    outcome.evidence.push_back(std::move(*e));
  }
  for (const json& c : checks) {
    std::optional<Check> check = CheckFromJson(c);
    if (!check) return std::nullopt;
    for (size_t index : check->evidence) {
      if (index >= outcome.evidence.size()) return std::nullopt;
    }
    outcome.checks.push_back(std::move(*check));
  }
  return outcome;
}

}  // namespace sdetcheck
