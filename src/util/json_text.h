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

}  // namespace sdetcheck
