#include "report/report.h"

#include <filesystem>
#include <fstream>

#include "report/json_model.h"
#include "report/junit_report.h"
#include "report/sarif_report.h"
#include "report/saved_report.h"
#include "report/template_renderer.h"
#include "report/view_model.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Rendering {
  const json& report;
  const json& catalog;  // of the report's language
  const std::string& reports_dir;
};

using RenderFn = bool (*)(const Rendering&, std::string* output, std::string* error);

bool LoadCatalog(const std::string& reports_dir, const std::string& lang, json* catalog,
                 std::string* error) {
  std::string file = (fs::path(reports_dir) / "i18n" / (lang + ".json")).string();
  std::ifstream in(file);
  if (!in) {
    *error = file + ": cannot read message catalog";
    return false;
  }
  *catalog = json::parse(in, nullptr, false);
  if (catalog->is_discarded() || !catalog->is_object()) {
    *error = file + ": not a JSON object";
    return false;
  }
  return true;
}

bool RenderJson(const Rendering& r, std::string* output, std::string*) {
  // The model's strings are sanitised already; `replace` only keeps dump() from ever throwing.
  *output = r.report.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  return true;
}

bool RenderWithTemplate(const Rendering& r, const char* subdir, Escape escape, std::string* output,
                        std::string* error) {
  std::string file = (fs::path(r.reports_dir) / subdir / "report.mustache").string();
  return RenderTemplate(file, BuildReportView(r.report, r.catalog), escape, output, error);
}

bool RenderHtml(const Rendering& r, std::string* output, std::string* error) {
  return RenderWithTemplate(r, "html", Escape::kHtml, output, error);
}

bool RenderMarkdown(const Rendering& r, std::string* output, std::string* error) {
  return RenderWithTemplate(r, "md", Escape::kMarkdown, output, error);
}

bool RenderJunitXml(const Rendering& r, std::string* output, std::string*) {
  *output = RenderJunit(r.report);
  return true;
}

bool RenderSarifJson(const Rendering& r, std::string* output, std::string*) {
  *output = RenderSarif(r.report);
  return true;
}

struct Format {
  const char* name;
  const char* file;
  RenderFn render;
};

const Format kFormats[] = {
    {"json", "report.json", RenderJson},        {"html", "report.html", RenderHtml},
    {"md", "report.md", RenderMarkdown},        {"junit", "report.junit.xml", RenderJunitXml},
    {"sarif", "report.sarif", RenderSarifJson},
};

const Format* FindFormat(const std::string& name) {
  for (const Format& f : kFormats) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

bool WriteFile(const std::string& path, const std::string& content, std::string* error) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) *error = path + ": cannot write report";
  return static_cast<bool>(out);
}

bool WriteRendered(const Rendering& rendering, const std::vector<std::string>& formats,
                   const std::string& out_dir, std::vector<std::string>* written,
                   std::string* error) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    *error = out_dir + ": cannot create output directory: " + ec.message();
    return false;
  }
  for (const std::string& name : formats) {
    const Format* format = FindFormat(name);
    if (!format) {
      *error = "unknown report format '" + name + "'";
      return false;
    }
    std::string output;
    if (!format->render(rendering, &output, error)) return false;
    std::string path = (fs::path(out_dir) / format->file).string();
    if (!WriteFile(path, output, error)) return false;
    written->push_back(path);
  }
  return true;
}

}  // namespace

std::vector<std::string> ReportFormats() {
  std::vector<std::string> names;
  for (const Format& f : kFormats) names.push_back(f.name);
  return names;
}

bool WriteReports(const ReportContext& context, const std::vector<std::string>& formats,
                  const std::string& out_dir, std::vector<std::string>* written,
                  std::string* error) {
  json catalog;
  if (!LoadCatalog(context.reports_dir, context.lang, &catalog, error)) return false;
  json report = BuildReportJson(context, catalog);
  return WriteRendered({report, catalog, context.reports_dir}, formats, out_dir, written, error);
}

bool RenderSavedReport(const std::string& report_file, const std::string& reports_dir,
                       const std::vector<std::string>& formats, const std::string& out_dir,
                       std::vector<std::string>* written, std::string* error) {
  json report;
  if (!ReadSavedReport(report_file, &report, error)) return false;
  json catalog;
  if (!LoadCatalog(reports_dir, report["lang"].get<std::string>(), &catalog, error)) return false;
  return WriteRendered({report, catalog, reports_dir}, formats, out_dir, written, error);
}

}  // namespace sdetcheck
