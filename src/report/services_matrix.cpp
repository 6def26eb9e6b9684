#include "report/services_matrix.h"

#include <algorithm>
#include <string>

#include "finding/combine.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

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

json Cell(const TargetProfile& target, const std::vector<ItemResult>& results,
          const Service& service, const std::string& profile) {
  std::vector<Check> checks;
  json items = json::array();
  for (const ItemResult& r : results) {
    size_t before = checks.size();
    for (const Check& check : r.checks) {
      if (LoginOf(check, target, service, profile)) checks.push_back(check);
    }
    if (checks.size() > before) items.push_back(r.item->id);
  }
  std::string state = checks.empty() ? "not_tested" : CheckStateName(CombineChecks(checks).state);
  return {{"profile", profile},
          {"expected", Contains(service.profiles, profile)},
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
