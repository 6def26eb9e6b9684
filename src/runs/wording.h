#pragma once
// How runs/ outputs put words to a reader, in the language of --lang: message templates
// and labels of the catalogs (reports/i18n/<lang>.json), handed in by the command.

#include <functional>
#include <string>

#include "finding/message.h"

namespace sdetcheck {

struct Wording {
  std::function<std::string(const Message&)> message;    // a "messages" template, filled in
  std::function<std::string(const std::string&)> label;  // a top-level label, e.g. state.pass
};

}  // namespace sdetcheck
