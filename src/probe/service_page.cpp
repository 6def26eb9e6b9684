#include "probe/service_page.h"

#include <algorithm>
#include <cmath>

#include "util/regex.h"

namespace sdetcheck {
namespace {

bool Found(const Regex& regex, const std::string& text) {
  return regex.Search(text) == Regex::Match::kFound;
}

// Nearest-rank percentile of sorted values.
double Percentile(const std::vector<double>& sorted, double p) {
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

std::string Milliseconds(double ms) { return std::to_string(std::lround(ms)) + " ms"; }

}  // namespace

ServicePageShows ReadServicePage(long status, bool password_form, const std::string& text,
                                 const Regex* markers, const Regex& refusal) {
  if (status >= 500) return ServicePageShows::kServerError;
  if (status == 401 || status == 403) return ServicePageShows::kRefusal;
  if (status == 404 || status == 410) return ServicePageShows::kNotFound;
  if (password_form) return ServicePageShows::kLoginPage;
  if (status < 200 || status >= 300) return ServicePageShows::kUnrecognised;
  if (Found(refusal, text)) return ServicePageShows::kRefusal;
  if (markers && !Found(*markers, text)) return ServicePageShows::kUnrecognised;
  return ServicePageShows::kService;
}

ServiceAccessVerdict JudgeServiceAccess(ServiceExpectation expected, ServicePageShows shows,
                                        const std::string& profile) {
  using S = ServicePageShows;
  std::vector<std::pair<std::string, std::string>> params = {{"profile", profile}};
  if (shows == S::kServerError) return {CheckState::kError, Msg("service.server_error", params)};
  if (shows == S::kUnrecognised) return {CheckState::kError, Msg("service.unrecognised", params)};
  if (expected == ServiceExpectation::kRefused) {
    if (shows == S::kService) return {CheckState::kFail, Msg("service.wrongly_open", params)};
    return {CheckState::kPass, Msg("service.refused_as_expected", params)};
  }
  switch (shows) {
    case S::kService:
      return {CheckState::kPass, Msg("service.present", params)};
    case S::kRefusal:
      return {CheckState::kFail, Msg("service.refused_to_profile", params)};
    case S::kNotFound:
      return {CheckState::kFail, Msg("service.not_found", params)};
    default:
      return {CheckState::kFail, Msg("service.login_page", params)};
  }
}

ResponseTimes SummariseResponseTimes(std::vector<double> times_seconds, size_t samples) {
  ResponseTimes times;
  times.samples = samples;
  times.answered = times_seconds.size();
  if (times_seconds.empty()) return times;
  std::sort(times_seconds.begin(), times_seconds.end());
  times.median_ms = Percentile(times_seconds, 0.5) * 1000;
  times.p95_ms = Percentile(times_seconds, 0.95) * 1000;
  return times;
}

std::string DescribeResponseTimes(const ResponseTimes& times) {
  std::string text = std::to_string(times.answered) + "/" + std::to_string(times.samples);
  if (times.median_ms) text += " · " + Milliseconds(*times.median_ms) + " (p50)";
  if (times.p95_ms) text += " · " + Milliseconds(*times.p95_ms) + " (p95)";
  return text;
}

}  // namespace sdetcheck
