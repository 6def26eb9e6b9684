// libFuzzer target: one matcher parsed (regexes, XPath, JSON pointers compiled), then
// evaluated. The input is the matcher's YAML, optionally followed by a NUL byte and the
// body of the response it is evaluated on, served as HTML, XML and JSON in turn.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "probe/matcher.h"
#include "probe/matcher_parser.h"
#include "yaml/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string yaml = input.substr(0, nul);
  sdetcheck::Diagnostics diagnostics;
  sdetcheck::YamlReader reader("matcher.yaml", &diagnostics);
  std::optional<sdetcheck::YamlNode> root = reader.LoadString(yaml);
  if (!root) return 0;
  std::optional<sdetcheck::Matcher> matcher = sdetcheck::ParseMatcher(reader, *root, "matcher");
  if (!matcher) return 0;
  (void)matcher->Describe();
  sdetcheck::Response response;
  response.status = 200;
  response.effective_url = "https://ent.example/fuzz";
  response.tls_version = "TLSv1.2";
  response.body = nul == std::string::npos ? "" : input.substr(nul + 1);
  for (const char* type : {"text/html; charset=utf-8", "application/xml", "application/json"}) {
    response.headers = {{"Content-Type", type}, {"Set-Cookie", "SESSION=secret; Secure"}};
    (void)sdetcheck::Evaluate(*matcher, response);
  }
  return 0;
}
