// libFuzzer target: HTML form extraction, element search and visible text (gumbo behind
// the pre-scan limits).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "html/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string html(reinterpret_cast<const char*>(data), size);
  std::string error;
  std::vector<sdetcheck::HtmlForm> forms;
  if (sdetcheck::FindHtmlForms(html, &forms, &error)) {
    for (const sdetcheck::HtmlForm& form : forms) (void)form.FirstOfType("password");
  }
  std::vector<sdetcheck::HtmlElement> elements;
  sdetcheck::FindHtmlElements(html, "*", &elements, &error);
  std::string text;
  sdetcheck::HtmlVisibleText(html, &text, &error);
  return 0;
}
