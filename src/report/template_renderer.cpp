#include "report/template_renderer.h"

#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

namespace sdetcheck {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;
using kainjow::mustache::object;

data ToData(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      data out{data::type::object};
      for (const auto& [key, child] : value.items()) out.set(key, ToData(child));
      return out;
    }
    case nlohmann::json::value_t::array: {
      list out;
      for (const auto& child : value) out.push_back(ToData(child));
      return data{out};
    }
    case nlohmann::json::value_t::string: return data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean: return data{value.get<bool>()};
    case nlohmann::json::value_t::null: return data{false};
    case nlohmann::json::value_t::number_float: {
      std::ostringstream out;
      out << value.get<double>();
      return data{out.str()};
    }
    default: return data{value.dump()};
  }
}

// Markdown table cells: no line breaks, no column separators, no inline HTML.
std::string MarkdownEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') out += ' ';
    else if (c == '|') out += "\\|";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '`') out += "\\`";
    else out += c;
  }
  return out;
}

}  // namespace

bool RenderTemplate(const std::string& template_file, const nlohmann::json& view, Escape escape,
                    std::string* output, std::string* error) {
  std::ifstream in(template_file);
  if (!in) {
    *error = template_file + ": cannot read template";
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  mustache tmpl{text.str()};
  if (!tmpl.is_valid()) {
    *error = template_file + ": " + tmpl.error_message();
    return false;
  }
  if (escape == Escape::kMarkdown) tmpl.set_custom_escape(MarkdownEscape);
  *output = tmpl.render(ToData(view));
  if (!tmpl.is_valid()) {
    *error = template_file + ": " + tmpl.error_message();
    return false;
  }
  return true;
}

}  // namespace sdetcheck
