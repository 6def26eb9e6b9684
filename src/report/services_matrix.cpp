#include "report/services_matrix.h"

#include <algorithm>
#include <string>

#include "finding/combine.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
// Profiles of the accounts first (they can be tested), then those only services name.
std::vector<std::string> Profiles(const TargetProfile& target) {
  std::vector<std::string> profiles;
  for (const Account& a : target.accounts) {
    if (!Contains(profiles, a.profile)) profiles.push_back(a.profile);
  }
  for (const Service& s : target.services) {
    for (const std::string& p : s.profiles) {
      if (!Contains(profiles, p)) profiles.push_back(p);
    }
  }
  return profiles;
}

bool LoginOf(const Check& check, const TargetProfile& target, const Service& service,
             const std::string& profile) {
  if (check.service != service.url || check.account.empty()) return false;
  const Account* account = target.FindAccount(check.account);
  return account && account->profile == profile;
}

// What the profile must get from the service: the access probe's own expectation (it knows
// the catalogue's denied profiles), else the target's lists.
std::string Expectation(const Service& service, const std::string& profile, const Check* access) {
  if (access && !access->expected.empty()) return access->expected;
  if (Contains(service.profiles, profile)) return "open";
  if (Contains(service.denied, profile)) return "refused";
  return "none";
}

// present / absent / refused / wrongly_open from the access check; null without one.
json AccessOutcome(const Check* access) {
  if (!access || access->expected.empty()) {
    return access && access->state == CheckState::kError ? json("error") : json(nullptr);
  }
  bool open = access->expected == "open";
  switch (access->state) {
    case CheckState::kPass:
      return open ? "present" : "refused";
    case CheckState::kFail:
      return open ? "absent" : "wrongly_open";
    case CheckState::kError:
      return "error";
    default:
      return nullptr;
  }
}

json Cell(const TargetProfile& target, const std::vector<ItemResult>& results,
          const Service& service, const std::string& profile) {
  std::vector<Check> checks;
  const Check* access = nullptr;
  json items = json::array();
  for (const ItemResult& r : results) {
    size_t before = checks.size();
    for (const Check& check : r.checks) {
      if (!LoginOf(check, target, service, profile)) continue;
      checks.push_back(check);
      if (check.key == "service.access" && !access) access = &check;
    }
    if (checks.size() > before) items.push_back(r.item->id);
  }
  std::string state = checks.empty() ? "not_tested" : CheckStateName(CombineChecks(checks).state);
  return {{"profile", profile},
          {"expected", Contains(service.profiles, profile)},
          {"expectation", Expectation(service, profile, access)},
          {"access", AccessOutcome(access)},
          {"measure", access ? json(access->observed) : json(nullptr)},
          {"state", state},
          {"items", items}};
}

}  // namespace

json ServicesMatrixJson(const TargetProfile& target, const std::vector<ItemResult>& results) {
  if (target.services.empty()) return nullptr;
  std::vector<std::string> profiles = Profiles(target);
  json rows = json::array();
  for (const Service& service : target.services) {
    json cells = json::array();
    for (const std::string& profile : profiles)
      cells.push_back(Cell(target, results, service, profile));
    rows.push_back({{"service", service.id}, {"url", service.url}, {"cells", cells}});
  }
  return {{"profiles", profiles}, {"rows", rows}};
}

}  // namespace sdetcheck
