#pragma once
// Internal to report/: messages rendered in the report's language from its catalog.

#include <string>

#include <nlohmann/json.hpp>

#include "finding/message.h"

namespace sdetcheck {

// The catalog's "messages" template for `message.code`, each {name} replaced by the
// parameter of that name. An unknown code is shown as itself with its parameters, so a
// missing translation is visible, never silent (a unit test keeps the catalogs complete).
std::string RenderMessage(const Message& message, const nlohmann::json& catalog);

// {"code": ..., "params": {...}, "text": ...}; null for an empty message.
nlohmann::json MessageJson(const Message& message, const nlohmann::json& catalog);

}  // namespace sdetcheck
