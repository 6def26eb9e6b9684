#pragma once
// Runs one probe flow per test account, the flows concurrently (each in its own browser
// session), and joins their outcomes in account order, every check naming its account.

#include <functional>
#include <vector>

#include "probe/registry.h"
#include "target/profile.h"

namespace sdetcheck {

using AccountFlow = std::function<void(const Account& account, ProbeDone done)>;

// Starts `flow` for each of `accounts` (not empty) and calls `done` once, when all ended.
void FanOutAccounts(const std::vector<const Account*>& accounts, const AccountFlow& flow,
                    ProbeDone done);

}  // namespace sdetcheck
