#pragma once

#include <optional>
#include <string>

namespace sdetcheck {

// Lower-case hex SHA-256 of a file's bytes, or nullopt when it cannot be read.
std::optional<std::string> Sha256OfFile(const std::string& path);

std::string Sha256Hex(const std::string& bytes);

}  // namespace sdetcheck
