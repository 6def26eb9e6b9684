#include <doctest/doctest.h>
#include <zlib.h>

#include "net/body_decoder.h"

namespace sdetcheck {
namespace {

// `plain` compressed with zlib's deflate: window 15+16 gzip, 15 zlib, -15 raw deflate.
std::string Compress(const std::string& plain, int window) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, window, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, plain.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

const std::string kPage = "<html><body>" + std::string(5000, 'x') + "</body></html>";

// Feeds `data` in pieces of `piece` bytes, as a network would.
BodyDecoder::Result FeedAll(BodyDecoder& d, const std::string& data, std::string* body,
                            size_t max = 1 << 20, size_t piece = 333) {
  for (size_t i = 0; i < data.size(); i += piece) {
    BodyDecoder::Result r = d.Feed(data.data() + i, std::min(piece, data.size() - i), body, max);
    if (r != BodyDecoder::Result::kOk) return r;
  }
  return BodyDecoder::Result::kOk;
}

TEST_CASE("body decoder: gzip, zlib and raw deflate bodies decode whole") {
  for (auto [encoding, window] :
       {std::pair{"gzip", 31}, {"x-gzip", 31}, {"deflate", 15}, {"deflate", -15}}) {
    for (size_t piece : {1, 333, 100000}) {  // one byte at a time: raw deflate found late
      BodyDecoder d(encoding);
      std::string body;
      CAPTURE(window);
      CAPTURE(piece);
      CHECK(FeedAll(d, Compress(kPage, window), &body, 1 << 20, piece) == BodyDecoder::Result::kOk);
      CHECK(d.Complete());
      CHECK(body == kPage);
    }
  }
}

TEST_CASE("body decoder: a truncated gzip body is incomplete, not a page") {
  std::string gz = Compress(kPage, 31);
  BodyDecoder d("gzip");
  std::string body;
  CHECK(FeedAll(d, gz.substr(0, gz.size() / 2), &body) == BodyDecoder::Result::kOk);
  CHECK_FALSE(d.Complete());
  // Even when only the 8-byte trailer (CRC, length) is missing.
  BodyDecoder tail("gzip");
  std::string all;
  FeedAll(tail, gz.substr(0, gz.size() - 4), &all);
  CHECK_FALSE(tail.Complete());
}

TEST_CASE("body decoder: a bomb stops at the size cap") {
  std::string bomb = Compress(std::string(50u << 20, '\0'), 31);
  CHECK(bomb.size() < 200000);
  BodyDecoder d("gzip");
  std::string body;
  CHECK(FeedAll(d, bomb, &body, 1u << 20, 4096) == BodyDecoder::Result::kTooLarge);
  CHECK(body.size() <= (1u << 20));
}

TEST_CASE("body decoder: corrupt data and unasked encodings are refused with a reason") {
  BodyDecoder corrupt("gzip");
  std::string body;
  // A valid gzip header, then a deflate block of the reserved type 3.
  const std::string invalid("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff", 13);
  CHECK(FeedAll(corrupt, invalid, &body) == BodyDecoder::Result::kCorrupt);
  CHECK(corrupt.problem().find("corrupt") != std::string::npos);
  BodyDecoder br("br");
  CHECK(FeedAll(br, "anything", &body) == BodyDecoder::Result::kCorrupt);
  CHECK(br.problem().find("unsupported Content-Encoding 'br'") != std::string::npos);
}

TEST_CASE("body decoder: identity passes bytes through, an empty compressed body is complete") {
  BodyDecoder plain("");
  std::string body;
  CHECK(FeedAll(plain, kPage, &body) == BodyDecoder::Result::kOk);
  CHECK(body == kPage);
  CHECK(plain.Complete());
  CHECK(BodyDecoder("gzip").Complete());  // HEAD, 204, 304: nothing to decode
}

TEST_CASE("body decoder: several gzip members are one body") {
  BodyDecoder d("gzip");
  std::string body;
  CHECK(FeedAll(d, Compress("abc", 31) + Compress("def", 31), &body) == BodyDecoder::Result::kOk);
  CHECK(d.Complete());
  CHECK(body == "abcdef");
}

}  // namespace
}  // namespace sdetcheck
