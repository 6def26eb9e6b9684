#pragma once
// UTF-8 text re-encoded by glibc's iconv, a whole buffer per call (never a value at a time).

#include <string>

#include <iconv.h>

namespace sdetcheck::aafgen {

class CharsetEncoder {
 public:
  // `charset` as iconv names it ("ISO-8859-15", "UTF-8"); UTF-8 is copied as is.
  explicit CharsetEncoder(const std::string& charset);
  ~CharsetEncoder();
  CharsetEncoder(const CharsetEncoder&) = delete;
  CharsetEncoder& operator=(const CharsetEncoder&) = delete;

  bool ok() const { return identity_ || opened_; }
  // Appends `utf8` re-encoded to *out; false (and *out partly filled) when a character has
  // no equivalent in the target charset or `utf8` is not valid UTF-8.
  bool Encode(const std::string& utf8, std::string* out);

 private:
  bool identity_;
  iconv_t handle_ = nullptr;
  bool opened_ = false;
};

}  // namespace sdetcheck::aafgen
