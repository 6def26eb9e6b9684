#include "engine/login_plan.h"

#include <algorithm>

#include "util/text.h"

namespace sdetcheck {
namespace {

std::vector<const Account*> FirstOfEachProfile(const TargetProfile& target) {
  std::vector<const Account*> accounts;
  std::vector<std::string> seen;
  for (const Account& a : target.accounts) {
    if (Contains(seen, a.profile)) continue;
    seen.push_back(a.profile);
    accounts.push_back(&a);
  }
  return accounts;
}

}  // namespace

std::vector<const Account*> SelectAccounts(const std::string& spec, const TargetProfile& target,
                                           Message* error) {
  std::vector<const Account*> accounts;
  if (spec == "*") {
    for (const Account& a : target.accounts) accounts.push_back(&a);
  } else if (spec == "each_profile") {
    accounts = FirstOfEachProfile(target);
  } else if (const Account* a = target.FindAccount(spec)) {
    accounts.push_back(a);
  } else {
    *error = Msg("probe.account_unknown", {{"account", spec}});
    return {};
  }
  if (accounts.empty()) *error = Msg("probe.no_account");
  return accounts;
}

std::vector<std::string> ServicesFor(const Account& account, const std::string& service,
                                     const TargetProfile& target) {
  if (service != "*") return {service};
  std::vector<std::string> services;
  for (const Service& s : target.services) {
    if (Contains(s.profiles, account.profile)) services.push_back(s.url);
  }
  return services;
}

std::vector<AccountLogins> PlanLogins(const std::string& account_spec, const std::string& service,
                                      const TargetProfile& target, Message* error) {
  std::vector<AccountLogins> plan;
  for (const Account* account : SelectAccounts(account_spec, target, error)) {
    std::vector<std::string> services = ServicesFor(*account, service, target);
    if (!services.empty()) plan.push_back({account, std::move(services)});
  }
  return plan;
}

}  // namespace sdetcheck
