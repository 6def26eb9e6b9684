#pragma once
// A command's messages in the language of --lang (reports/i18n/<lang>.json).

#include <memory>
#include <string>

#include "cli/options.h"
#include "finding/message.h"

namespace sdetcheck {

class CliMessages {
 public:
  explicit CliMessages(const CliOptions& options);
  ~CliMessages();
  std::string Text(const Message& message) const;
  // A top-level label of the catalog (e.g. "state.pass"), or the key itself when missing.
  std::string Label(const std::string& key) const;

 private:
  struct Catalog;
  std::unique_ptr<Catalog> catalog_;
};

}  // namespace sdetcheck
