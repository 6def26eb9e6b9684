#include "report/junit_report.h"

#include <map>
#include <sstream>

#include <pugixml.hpp>

namespace sdetcheck {
namespace {

using nlohmann::json;

std::string Title(const json& item, const std::string& lang) {
  return item["title"].value(lang, item["title"].value("fr", ""));
}

std::string MessageText(const json& message) {
  return message.is_object() ? message["text"].get<std::string>() : "";
}

// The checks, one per line, then the requests they rest on: what a CI log shows.
std::string EvidenceText(const json& item) {
  std::ostringstream out;
  for (const json& check : item["checks"]) {
    out << "[" << check["state"].get<std::string>() << "] " << check["key"].get<std::string>();
    if (!check["subject"].get<std::string>().empty())
      out << " (" << check["subject"].get<std::string>() << ")";
    std::string text = MessageText(check["message"]);
    if (!text.empty()) out << ": " << text;
    out << "\n";
  }
  for (const json& e : item["evidence"]) {
    if (e["type"] == "http") {
      out << e["method"].get<std::string>() << " " << e["url"].get<std::string>() << " -> "
          << e["status"].get<long>() << "\n";
    }
  }
  return out.str();
}

void AddCase(pugi::xml_node suite, const json& item, const std::string& lang,
             std::map<std::string, int>* counts) {
  pugi::xml_node testcase = suite.append_child("testcase");
  std::string state = item["state"];
  testcase.append_attribute("classname") =
      ("sdet." + item["axis"].get<std::string>() + "." + item["level"].get<std::string>()).c_str();
  testcase.append_attribute("name") =
      (item["id"].get<std::string>() + " " + Title(item, lang)).c_str();
  ++(*counts)["tests"];
  std::string message = MessageText(item["message"]);
  if (state == "fail") {
    ++(*counts)["failures"];
    pugi::xml_node failure = testcase.append_child("failure");
    failure.append_attribute("message") = message.c_str();
    failure.append_attribute("type") = item["keyword"].get<std::string>().c_str();
    failure.text() = EvidenceText(item).c_str();
  } else if (state == "error") {
    ++(*counts)["errors"];
    pugi::xml_node error = testcase.append_child("error");
    error.append_attribute("message") = message.c_str();
    error.text() = EvidenceText(item).c_str();
  } else if (state == "not_applicable" || state == "not_tested" || state == "waived") {
    ++(*counts)["skipped"];
    testcase.append_child("skipped").append_attribute("message") =
        (state + (message.empty() ? "" : ": " + message)).c_str();
  }
  testcase.append_child("system-out").text() =
      ("state: " + state + "\n" + EvidenceText(item)).c_str();
}

}  // namespace

std::string RenderJunit(const json& report) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node suites = doc.append_child("testsuites");
  suites.append_attribute("name") =
      ("sdetcheck " + report["grid"]["id"].get<std::string>()).c_str();
  std::string lang = report["lang"];
  for (const json& scope : report["summary"]["axes"]) {
    std::string axis = scope["axis"];
    pugi::xml_node suite = suites.append_child("testsuite");
    suite.append_attribute("name") = axis.c_str();
    std::map<std::string, int> counts;
    for (const json& item : report["items"]) {
      if (item["axis"] == axis) AddCase(suite, item, lang, &counts);
    }
    for (const char* key : {"tests", "failures", "errors", "skipped"}) {
      suite.append_attribute(key) = counts[key];
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace sdetcheck
