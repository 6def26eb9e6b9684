#include "report/template_renderer.h"

#include <fstream>
#include <sstream>

#include <kainjow/mustache.hpp>

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
    case nlohmann::json::value_t::string:
      return data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return data{value.get<bool>()};
    case nlohmann::json::value_t::null:
      return data{false};
    case nlohmann::json::value_t::number_float: {
      std::ostringstream out;
      out << value.get<double>();
      return data{out.str()};
    }
    default:
      return data{value.dump()};
  }
}

// Data stays plain text in Markdown, wherever the template puts it: line breaks would end a
// table row or list item, '|' a cell; '<' and '&' would start HTML or an entity, '[' ']' a link
// or image, '`' a code span. A backslash is escaped too, or "a\|" would turn into "a\\|": an
// escaped backslash followed by a bare '|'. (Escapes do not work inside code spans, so the
// templates never put data in one.)
std::string MarkdownEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n':
      case '\r':
        out += ' ';
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\\':
      case '|':
      case '`':
      case '[':
      case ']':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
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
