#pragma once
// Text in a declared character set converted to UTF-8 with iconv (glibc): ISO-8859-15 is not
// Latin-1 (Œ œ Ÿ € Š š Ž ž sit where Latin-1 has other signs). One converter per thread.

#include <optional>
#include <string>
#include <string_view>

namespace sdetcheck {

class ToUtf8 {
 public:
  // `charset` as iconv names it ("ISO-8859-15", "UTF-8"); Ok() false when unknown.
  explicit ToUtf8(const std::string& charset);
  ~ToUtf8();
  ToUtf8(const ToUtf8&) = delete;
  ToUtf8& operator=(const ToUtf8&) = delete;

  bool Ok() const;
  // Appends the UTF-8 form of `text` to `out`; false (out unspecified) when `text` is not
  // valid in the charset.
  bool Append(std::string_view text, std::string* out);

 private:
  void* handle_;  // iconv_t
};

}  // namespace sdetcheck
