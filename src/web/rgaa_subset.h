#pragma once
// The part of RGAA an automated reading of one page can judge: the page's language and
// title, text alternatives of images, labels of form fields, the heading outline and the
// names of links. A failure here is a failure; passing is not RGAA compliance, which needs
// a person. Pure: a page in, counts and examples out.

#include <string>
#include <vector>

namespace sdetcheck {

constexpr size_t kMaxRgaaExamples = 5;
constexpr size_t kMaxRgaaExampleBytes = 120;

struct RgaaRuleResult {
  std::string rule;       // "rgaa.lang", "rgaa.title", "rgaa.img_alt", "rgaa.form_label",
                          // "rgaa.headings", "rgaa.link_name"
  std::string criterion;  // the RGAA 4.1 criterion it checks, e.g. "8.3"
  int failures = 0;
  // What failed, the first kMaxRgaaExamples of them, each at most kMaxRgaaExampleBytes: an
  // image's src, a field's name, "h2 -> h4", a link's href.
  std::vector<std::string> examples;
};

struct RgaaSubset {
  std::string error;  // non-empty when the page was not analysed (beyond the HTML limits)
  // The six rules, in the order of `rule` above, failing or not; empty on error.
  std::vector<RgaaRuleResult> rules;
};

// Checks, on the page's HTML:
// - rgaa.lang (8.3): <html> has a non-empty lang (or xml:lang);
// - rgaa.title (8.5): the head has a non-empty <title>;
// - rgaa.img_alt (1.1): every <img> and <area> has an alt attribute (alt="" marks a
//   decorative image, as do aria-hidden="true" and role="presentation"/"none"), and every
//   role="img" element has an aria-label, aria-labelledby or title;
// - rgaa.form_label (11.1): every <input> (but hidden, submit, button, image, reset),
//   <select> and <textarea> has a label: <label for=its id>, an enclosing <label>,
//   aria-label, aria-labelledby or title;
// - rgaa.headings (9.1): an <h1> exists, and no level is skipped going down (h2 -> h4);
// - rgaa.link_name (6.2): every <a href> has text, an <img> with non-empty alt inside, an
//   aria-label, aria-labelledby or title.
RgaaSubset CheckRgaaSubset(const std::string& html);

}  // namespace sdetcheck
