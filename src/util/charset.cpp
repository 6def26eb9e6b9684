#include "util/charset.h"

#include <iconv.h>

namespace sdetcheck {
namespace {

iconv_t Handle(void* handle) { return static_cast<iconv_t>(handle); }
// iconv_open's failure value is (iconv_t)-1: the API's, not a pointer made up here.
const auto kInvalid =
    reinterpret_cast<void*>(static_cast<intptr_t>(-1));  // NOLINT(performance-no-int-to-ptr)

}  // namespace

ToUtf8::ToUtf8(const std::string& charset) : handle_(iconv_open("UTF-8", charset.c_str())) {}

ToUtf8::~ToUtf8() {
  if (Ok()) iconv_close(Handle(handle_));
}

bool ToUtf8::Ok() const { return handle_ != kInvalid; }

bool ToUtf8::Append(std::string_view text, std::string* out) {
  if (!Ok()) return false;
  iconv(Handle(handle_), nullptr, nullptr, nullptr, nullptr);  // initial state
  size_t start = out->size();
  out->resize(start + text.size() * 4 + 4);   // UTF-8 needs at most 4 bytes per input byte
  char* in = const_cast<char*>(text.data());  // iconv's signature; it does not write there
  size_t in_left = text.size();
  char* to = out->data() + start;
  size_t to_left = out->size() - start;
  size_t converted = iconv(Handle(handle_), &in, &in_left, &to, &to_left);
  if (converted == static_cast<size_t>(-1) || in_left != 0) return false;
  out->resize(out->size() - to_left);
  return true;
}

}  // namespace sdetcheck
