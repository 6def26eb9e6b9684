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
constexpr size_t kMaxUnproductiveBytes = size_t{64} * 1024;

BodyDecoder::Result AppendCapped(const char* data, size_t size, std::string* body,
                                 size_t max_bytes) {
  if (body->size() + size > max_bytes) return BodyDecoder::Result::kTooLarge;
  body->append(data, size);
  return BodyDecoder::Result::kOk;
}

std::string ZlibProblem(const char* message, int rc) {
  return std::string("compressed body is corrupt (zlib: ") +
         (message ? message : "error " + std::to_string(rc)) + ")";
}

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
  void SetInput(const char* data, size_t size) {
    if (window == kZlibWindow && !produced) {
      // Until output appears, the input is kept: it may have to be read again as raw deflate.
      unproductive.append(data, size);
      if (unproductive.size() > kMaxUnproductiveBytes) unproductive.clear();
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    stream.avail_in = static_cast<uInt>(size);
  }
  // Another gzip member follows the one that ended (RFC 1952 allows several); anything else
  // is garbage (false).
  bool NextMember() {
    if (window != kGzipWindow || inflateReset(&stream) != Z_OK) return false;
    ended = false;
    return true;
  }
  // A zlib header was expected and is not there: the server may send raw deflate.
  bool MayBeRawDeflate(int rc) const {
    return rc == Z_DATA_ERROR && window == kZlibWindow && !produced && !unproductive.empty();
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
  if (!zlib_) return AppendCapped(data, size, body, max_bytes);
  fed_ = fed_ || size > 0;
  if (!problem_.empty() || !zlib_->initialised) return Result::kCorrupt;
  zlib_->SetInput(data, size);
  return Inflate(body, max_bytes);
}

BodyDecoder::Result BodyDecoder::Inflate(std::string* body, size_t max_bytes) {
  Zlib& z = *zlib_;
  char out[16384];
  while (z.stream.avail_in > 0) {
    if (z.ended && !z.NextMember()) break;
    z.stream.next_out = reinterpret_cast<Bytef*>(out);
    z.stream.avail_out = sizeof out;
    int rc = inflate(&z.stream, Z_NO_FLUSH);
    if (z.MayBeRawDeflate(rc)) {
      // Read everything received so far again, as raw deflate.
      std::string again = std::move(z.unproductive);
      if (!z.Init(kRawWindow)) break;
      return Feed(again.data(), again.size(), body, max_bytes);
    }
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      problem_ = ZlibProblem(z.stream.msg, rc);
      return Result::kCorrupt;
    }
    size_t produced = sizeof out - z.stream.avail_out;
    z.produced = z.produced || produced > 0;
    if (AppendCapped(out, produced, body, max_bytes) != Result::kOk) return Result::kTooLarge;
    if (rc == Z_STREAM_END) z.ended = true;
    if (rc == Z_BUF_ERROR && produced == 0) break;  // needs more input
  }
  return Result::kOk;
}

bool BodyDecoder::Complete() const { return !zlib_ || !fed_ || zlib_->ended; }

}  // namespace sdetcheck
