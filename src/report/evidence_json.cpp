#include "report/evidence_json.h"

#include <variant>

#include "report/messages.h"

namespace sdetcheck {

using nlohmann::json;

namespace {

json HeadersJson(const HeaderList& headers) {
  json out = json::array();
  for (const auto& [name, value] : headers) out.push_back({{"name", name}, {"value", value}});
  return out;
}

const json& Member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it != object.end() ? *it : kNull;
}

std::string Str(const json& object, const char* key) {
  const json& value = Member(object, key);
  return value.is_string() ? value.get<std::string>() : "";
}

HeaderList HeadersFromJson(const json& headers) {
  HeaderList out;
  if (!headers.is_array()) return out;
  for (const json& h : headers) out.emplace_back(Str(h, "name"), Str(h, "value"));
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
  out.code = Str(message, "code");
  const json& params = Member(message, "params");
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
  std::string type = Str(r, "type");
  if (type == "http") {
    HttpExchange e;
    e.method = Str(r, "method");
    e.url = Str(r, "url");
    const json& status = Member(r, "status");
    e.status = status.is_number_integer() ? status.get<long>() : 0;
    e.final_url = Str(r, "final_url");
    e.tls_version = Str(r, "tls_version");
    e.headers = HeadersFromJson(Member(r, "headers"));
    e.excerpt = Str(r, "excerpt");
    e.error = Str(r, "error");
    return e;
  }
  if (type == "tls")
    return TlsHandshake{Str(r, "url"), Str(r, "offered"), Str(r, "negotiated"), Str(r, "cipher"),
                        Str(r, "error")};
  if (type == "certificate")
    return CertificateRecord{Str(r, "subject"), Str(r, "not_before"), Str(r, "not_after"),
                             Str(r, "source")};
  if (type == "document")
    return DocumentExcerpt{Str(r, "format"), Str(r, "source"), Str(r, "excerpt")};
  return std::nullopt;
}

std::optional<Check> CheckFromJson(const json& c) {
  std::optional<CheckState> state = CheckStateFromName(Str(c, "state"));
  if (!state || Str(c, "key").empty()) return std::nullopt;
  Check check;
  check.key = Str(c, "key");
  check.subject = Str(c, "subject");
  check.state = *state;
  check.message = MessageFromJson(Member(c, "message"));
  check.expected = Str(c, "expected");
  check.observed = Str(c, "observed");
  check.blocked_by = Str(c, "blocked_by");
  check.account = Str(c, "account");
  check.service = Str(c, "service");
  const json& evidence = Member(c, "evidence");
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
  const json& evidence = Member(item, "evidence");
  const json& checks = Member(item, "checks");
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
