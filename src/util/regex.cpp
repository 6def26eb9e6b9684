#include "util/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace sdetcheck {

struct Regex::Compiled {
  pcre2_code* code = nullptr;
  ~Compiled() { pcre2_code_free(code); }
};

std::optional<Regex> Regex::Compile(const std::string& pattern, std::string* error) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* compiled =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.c_str()), pattern.size(),
                    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &offset, nullptr);
  if (!compiled) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(code, message, sizeof(message));
    *error = "invalid regex at offset " + std::to_string(offset) + ": " +
             reinterpret_cast<const char*>(message);
    return std::nullopt;
  }
  Regex regex;
  regex.pattern_ = pattern;
  auto holder = std::make_shared<Compiled>();
  holder->code = compiled;
  regex.compiled_ = holder;
  return regex;
}

Regex::Match Regex::Search(const std::string& text, std::string* matched) const {
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(compiled_->code, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  // Bounded effort: PCRE2 backtracks on the heap, so these limit time and memory, not stack.
  pcre2_set_match_limit(context, 10'000'000);
  pcre2_set_depth_limit(context, 1'000'000);
  pcre2_set_heap_limit(context, 64 * 1024);  // KiB
  // Bodies may be any bytes: PCRE2_MATCH_INVALID_UTF (at compile time) makes invalid
  // UTF-8 simply unmatched instead of undefined behaviour.
  int rc = pcre2_match(compiled_->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                       0, data, context);
  Match result = Match::kNotFound;
  if (rc >= 0) {
    result = Match::kFound;
    if (matched) {
      PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
      *matched = text.substr(ovector[0], ovector[1] - ovector[0]);
    }
  } else if (rc != PCRE2_ERROR_NOMATCH) {
    result = Match::kGaveUp;
  }
  pcre2_match_context_free(context);
  pcre2_match_data_free(data);
  return result;
}

}  // namespace sdetcheck
