#pragma once
// Undoes the Content-Encoding of a response body as it arrives (gzip or deflate, through
// zlib), and says whether the compressed stream really ended: a body cut short must not
// pass for a complete page. libcurl's own decoder accepts truncated streams silently.

#include <memory>
#include <string>

namespace sdetcheck {

class BodyDecoder {
 public:
  enum class Result { kOk, kTooLarge, kCorrupt };

  // `content_encoding` as the server sent it; empty or "identity" = no decoding.
  // Anything other than gzip or deflate (the only ones sdetcheck asks for) is refused.
  explicit BodyDecoder(const std::string& content_encoding);
  ~BodyDecoder();
  BodyDecoder(const BodyDecoder&) = delete;
  BodyDecoder& operator=(const BodyDecoder&) = delete;

  // Appends the decoded bytes of `data` to `*body`, which may not grow beyond `max_bytes`.
  Result Feed(const char* data, size_t size, std::string* body, size_t max_bytes);
  // After the last byte: false when the compressed stream did not end (truncated body).
  bool Complete() const;
  // Why Feed() or Complete() failed, for a message.
  const std::string& problem() const { return problem_; }

 private:
  struct Zlib;
  // Inflates the input set in zlib_ into `*body`, chunk by chunk.
  Result Inflate(std::string* body, size_t max_bytes);
  std::unique_ptr<Zlib> zlib_;
  std::string problem_;
  bool fed_ = false;
};

// The value to send in Accept-Encoding: exactly what BodyDecoder decodes.
const char* AcceptedEncodings();

}  // namespace sdetcheck
