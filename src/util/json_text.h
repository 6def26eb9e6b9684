#pragma once
// Reading JSON a server sent: depth bounded before nlohmann parses it (its dump and
// comparisons recurse per level), and every failure said in words.

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace sdetcheck {

constexpr size_t kMaxJsonDepth = 256;

// Deepest nesting of arrays/objects, strings skipped.
size_t JsonDepth(const std::string& body);

// Empty when `body` parsed into *doc; otherwise what is wrong with it, in words (nested
// deeper than kMaxJsonDepth included).
std::string ParseJson(const std::string& body, nlohmann::json* doc);

// Reading a document that may be hand-edited or hostile, never throwing: the member `key` of
// `object` (a null when absent or `object` is no object), and its value as a string or a whole
// number ("" and 0 when absent or of another type).
const nlohmann::json& JsonMember(const nlohmann::json& object, const char* key);
std::string JsonString(const nlohmann::json& object, const char* key);
int JsonInt(const nlohmann::json& object, const char* key);

}  // namespace sdetcheck
