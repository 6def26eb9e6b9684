#pragma once
// Internal to report/: the services x profiles matrix. Rows are the target's services,
// columns the profiles of its test accounts (and of its services); each cell says whether
// the service is meant for the profile and what the SSO logins of that profile into that
// service gave, combined by the one rule, with the items they come from.

#include <vector>

#include <nlohmann/json.hpp>

#include "judge/result.h"
#include "target/profile.h"

namespace sdetcheck {

// {"profiles": [...], "rows": [{"service", "url", "cells": [{"profile", "expected",
// "state", "items"}]}]}; null when the target declares no service.
nlohmann::json ServicesMatrixJson(const TargetProfile& target,
                                  const std::vector<ItemResult>& results);

}  // namespace sdetcheck
