#pragma once
// The account × service plan of login-based probes: which test accounts log in, and into
// which services, from the target profile. Pure: no I/O.

#include <string>
#include <vector>

#include "finding/message.h"
#include "target/profile.h"

namespace sdetcheck {

// One browser session: an account logging into its services one after another.
struct AccountLogins {
  const Account* account = nullptr;
  std::vector<std::string> services;  // URLs, in the target profile's order
};

// The accounts named by `spec`: "*" (every account), "each_profile" (the first account of
// each profile) or one account id. An unknown id or no account at all sets `error`.
std::vector<const Account*> SelectAccounts(const std::string& spec, const TargetProfile& target,
                                           Message* error);

// The services `account` logs into: `service` itself, or for "*" every target service
// its profile should reach (possibly none).
std::vector<std::string> ServicesFor(const Account& account, const std::string& service,
                                     const TargetProfile& target);

// Accounts × services; accounts with no service are left out. Empty with `error` set when
// the account spec names nothing.
std::vector<AccountLogins> PlanLogins(const std::string& account_spec, const std::string& service,
                                      const TargetProfile& target, Message* error);

}  // namespace sdetcheck
