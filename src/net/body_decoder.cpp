#include "net/body_decoder.h"

#include <algorithm>
#include <cctype>

#include <zlib.h>

namespace sdetcheck {
namespace {

std::string Normalized(const std::string& encoding) {
  std::string out;
  for (char c : encoding) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

constexpr int kGzipWindow = 15 + 16;  // gzip wrapper only
constexpr int kZlibWindow = 15;       // "deflate" as the RFC says: zlib wrapper
constexpr int kRawWindow = -15;       // "deflate" as some servers send it: no wrapper
// Compressed input that gives no output is a few hundred bytes at most in real streams.
constexpr size_t kMaxUnproductiveBytes = 64 * 1024;

}  // namespace

struct BodyDecoder::Zlib {
  z_stream stream{};
  int window = 0;
  bool initialised = false;
  bool ended = false;
  bool produced = false;     // whether any byte came out (a raw-deflate retry is possible before)
  std::string unproductive;  // input fed before any output, while a retry is possible

  bool Init(int w) {
    if (initialised) inflateEnd(&stream);
    stream = z_stream{};
    window = w;
    initialised = inflateInit2(&stream, w) == Z_OK;
    return initialised;
  }
  ~Zlib() {
    if (initialised) inflateEnd(&stream);
  }
};

const char* AcceptedEncodings() { return "gzip, deflate"; }

BodyDecoder::BodyDecoder(const std::string& content_encoding) {
  std::string encoding = Normalized(content_encoding);
  if (encoding.empty() || encoding == "identity") return;
  zlib_ = std::make_unique<Zlib>();
  if (encoding == "gzip" || encoding == "x-gzip") {
    zlib_->Init(kGzipWindow);
  } else if (encoding == "deflate") {
    zlib_->Init(kZlibWindow);
  } else {
    problem_ = "unsupported Content-Encoding '" + content_encoding + "' (sdetcheck asked for " +
               AcceptedEncodings() + " only)";
  }
}

BodyDecoder::~BodyDecoder() = default;

BodyDecoder::Result BodyDecoder::Feed(const char* data, size_t size, std::string* body,
                                      size_t max_bytes) {
  if (!zlib_) {
    if (body->size() + size > max_bytes) return Result::kTooLarge;
    body->append(data, size);
    return Result::kOk;
  }
  fed_ = fed_ || size > 0;
  if (!problem_.empty() || !zlib_->initialised) return Result::kCorrupt;
  Zlib& z = *zlib_;
  if (z.window == kZlibWindow && !z.produced) {
    // Until output appears, the input is kept: it may have to be read again as raw deflate.
    z.unproductive.append(data, size);
    if (z.unproductive.size() > kMaxUnproductiveBytes) z.unproductive.clear();
  }
  z.stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  z.stream.avail_in = static_cast<uInt>(size);
  char out[16384];
  while (z.stream.avail_in > 0) {
    if (z.ended) {
      // Another gzip member follows (RFC 1952 allows several); anything else is garbage.
      if (z.window != kGzipWindow || inflateReset(&z.stream) != Z_OK) break;
      z.ended = false;
    }
    z.stream.next_out = reinterpret_cast<Bytef*>(out);
    z.stream.avail_out = sizeof out;
    int rc = inflate(&z.stream, Z_NO_FLUSH);
    if (rc == Z_DATA_ERROR && z.window == kZlibWindow && !z.produced && !z.unproductive.empty()) {
      // A zlib header was expected: read everything received so far again as raw deflate.
      std::string again = std::move(z.unproductive);
      if (!z.Init(kRawWindow)) break;
      return Feed(again.data(), again.size(), body, max_bytes);
    }
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      problem_ = std::string("compressed body is corrupt (zlib: ") +
                 (z.stream.msg ? z.stream.msg : "error " + std::to_string(rc)) + ")";
      return Result::kCorrupt;
    }
    size_t produced = sizeof out - z.stream.avail_out;
    z.produced = z.produced || produced > 0;
    if (body->size() + produced > max_bytes) return Result::kTooLarge;
    body->append(out, produced);
    if (rc == Z_STREAM_END) z.ended = true;
    if (rc == Z_BUF_ERROR && produced == 0) break;  // needs more input
  }
  return Result::kOk;
}

bool BodyDecoder::Complete() const { return !zlib_ || !fed_ || zlib_->ended; }

}  // namespace sdetcheck
