#include "util/json_text.h"

#include <algorithm>

namespace sdetcheck {

size_t JsonDepth(const std::string& body) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

std::string ParseJson(const std::string& body, nlohmann::json* doc) {
  if (JsonDepth(body) > kMaxJsonDepth) {
    return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  }
  try {
    *doc = nlohmann::json::parse(body);
    return "";
  } catch (const nlohmann::json::out_of_range& e) {
    // nlohmann reports a number beyond double's range (1e999999) this way: the JSON is
    // valid, its value cannot be represented.
    return "the JSON holds a number too large to represent (" + std::string(e.what()) + ")";
  } catch (const nlohmann::json::parse_error& e) {
    return "response is not valid JSON: syntax error at byte " + std::to_string(e.byte);
  } catch (const nlohmann::json::exception& e) {
    return std::string("response could not be read as JSON: ") + e.what();
  }
}

const nlohmann::json& JsonMember(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it != object.end() ? *it : kNull;
}

std::string JsonString(const nlohmann::json& object, const char* key) {
  const nlohmann::json& value = JsonMember(object, key);
  return value.is_string() ? value.get<std::string>() : "";
}

int JsonInt(const nlohmann::json& object, const char* key) {
  const nlohmann::json& value = JsonMember(object, key);
  return value.is_number_integer() ? value.get<int>() : 0;
}

}  // namespace sdetcheck
