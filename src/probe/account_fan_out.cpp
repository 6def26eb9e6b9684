#include "probe/account_fan_out.h"

#include <memory>

namespace sdetcheck {
namespace {

struct Joined {
  std::vector<ProbeOutcome> outcomes;  // per account, in the order given
  size_t pending = 0;
  ProbeDone done;
};

void Finish(const std::shared_ptr<Joined>& joined, size_t index, const std::string& account,
            ProbeOutcome outcome) {
  for (Check& check : outcome.checks) {
    if (check.account.empty()) check.account = account;
  }
  joined->outcomes[index] = std::move(outcome);
  if (--joined->pending > 0) return;
  ProbeOutcome total;
  for (ProbeOutcome& each : joined->outcomes) total.Append(std::move(each));
  joined->done(std::move(total));
}

}  // namespace

void FanOutAccounts(const std::vector<const Account*>& accounts, const AccountFlow& flow,
                    ProbeDone done) {
  auto joined = std::make_shared<Joined>();
  joined->outcomes.resize(accounts.size());
  // Counted before any start: a flow may end at once (a setup error) without ending the join.
  joined->pending = accounts.size();
  joined->done = std::move(done);
  for (size_t i = 0; i < accounts.size(); ++i) {
    const Account& account = *accounts[i];
    flow(account, [joined, i, id = account.id](ProbeOutcome outcome) {
      Finish(joined, i, id, std::move(outcome));
    });
  }
}

}  // namespace sdetcheck
