#include "aaf/charset_encoder.h"

namespace sdetcheck::aafgen {

CharsetEncoder::CharsetEncoder(const std::string& charset)
    : identity_(charset == "UTF-8" || charset == "utf-8") {
  if (identity_) return;
  handle_ = iconv_open(charset.c_str(), "UTF-8");
  // NOLINTNEXTLINE(performance-no-int-to-ptr): (iconv_t)-1 is iconv_open's documented failure
  opened_ = handle_ != reinterpret_cast<iconv_t>(-1);
}

CharsetEncoder::~CharsetEncoder() {
  if (opened_) iconv_close(handle_);
}

bool CharsetEncoder::Encode(const std::string& utf8, std::string* out) {
  if (identity_) {
    *out += utf8;
    return true;
  }
  size_t start = out->size();
  // A single-byte target never needs more bytes than the UTF-8 source.
  out->resize(start + utf8.size());
  char* in = const_cast<char*>(utf8.data());  // iconv's signature; the input is not modified
  size_t in_left = utf8.size();
  char* dest = out->data() + start;
  size_t out_left = utf8.size();
  size_t result = iconv(handle_, &in, &in_left, &dest, &out_left);
  out->resize(out->size() - out_left);
  return result != static_cast<size_t>(-1) && in_left == 0;
}

}  // namespace sdetcheck::aafgen
