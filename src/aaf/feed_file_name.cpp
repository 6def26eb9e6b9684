#include "aaf/feed_file_name.h"

#include <algorithm>
#include <vector>

namespace sdetcheck {
namespace {

bool Digits(std::string_view text, size_t count) {
  return text.size() == count &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<FeedFileName> ParseFeedFileName(std::string_view file_name) {
  constexpr std::string_view kSuffix = ".xml";
  if (file_name.size() <= kSuffix.size() ||
      file_name.substr(file_name.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  std::string_view stem = file_name.substr(0, file_name.size() - kSuffix.size());
  std::vector<std::string_view> parts;  // the last four '_' fields, last first
  while (parts.size() < 4) {
    size_t cut = stem.rfind('_');
    if (cut == std::string_view::npos) return std::nullopt;
    parts.push_back(stem.substr(cut + 1));
    stem = stem.substr(0, cut);
  }
  std::string_view chunk = parts[0], type = parts[1], date = parts[2], kind = parts[3];
  if (!Digits(chunk, 4) || !Digits(date, 8) || type.empty() || stem.empty() ||
      (kind != "Complet" && kind != "Delta")) {
    return std::nullopt;
  }
  FeedFileName name;
  name.prefix = std::string(stem);
  name.delta = kind == "Delta";
  name.date = std::string(date);
  name.type = std::string(type);
  name.chunk = std::stoi(std::string(chunk));
  return name;
}

}  // namespace sdetcheck
