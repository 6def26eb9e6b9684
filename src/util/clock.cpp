#include "util/clock.h"

#include <ctime>

namespace sdetcheck {

std::string UtcNow(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  size_t size = std::strftime(text, sizeof text, format, &utc);
  return std::string(text, size);
}

}  // namespace sdetcheck
