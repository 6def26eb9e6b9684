#include "web/ecoindex.h"

#include <array>
#include <cmath>
#include <vector>

#include "html/document.h"

namespace sdetcheck {
namespace {

// The method's quantile tables, from its analysis of the HTTP Archive (as published by the
// method's reference implementation, github.com/cnumr/ecoindex_python, ecoindex/data): the
// bounds of 20 intervals for each measure.
using Quantiles = std::array<double, 21>;
constexpr Quantiles kDomQuantiles = {0,   47,  75,  159, 233,  298,  358,  417,  476,  537,   603,
                                     674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601};
constexpr Quantiles kRequestQuantiles = {0,  2,  15,  25,  34,  42,  49,  56,  63,  70,  78,
                                         86, 95, 105, 117, 130, 147, 170, 205, 281, 3920};
constexpr Quantiles kSizeQuantiles = {0,       1.37,    144.7,    319.53,  479.46,  631.97,
                                      783.38,  937.91,  1098.62,  1265.47, 1448.32, 1648.27,
                                      1876.08, 2142.06, 2465.37,  2866.31, 3401.59, 4155.73,
                                      5400.08, 8037.54, 223212.26};

// The grades' lower bounds: a score strictly above A's bound is an A, and so on.
struct GradeBound {
  char grade;
  int above;
};
constexpr std::array<GradeBound, 6> kGradeBounds = {
    {{'A', 80}, {'B', 70}, {'C', 55}, {'D', 40}, {'E', 25}, {'F', 10}}};

// Where `value` falls on the 0..20 scale of `quantiles`: the index of its interval, plus its
// position inside the interval; 20 beyond the last bound.
double QuantilePosition(const Quantiles& quantiles, double value) {
  for (size_t i = 1; i < quantiles.size(); ++i) {
    if (value < quantiles[i]) {
      return static_cast<double>(i - 1) +
             (value - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1]);
    }
  }
  return static_cast<double>(quantiles.size() - 1);
}

char GradeOf(int score) {
  for (const GradeBound& bound : kGradeBounds) {
    if (score > bound.above) return bound.grade;
  }
  return 'G';
}

double RoundToHundredths(double value) { return std::round(value * 100) / 100; }

}  // namespace

EcoIndex ComputeEcoIndex(double dom_elements, double requests, double size_kb) {
  // The DOM weighs 3, requests 2 and size 1: the method's choice, the user's device being
  // the largest share of the impacts.
  double dom = QuantilePosition(kDomQuantiles, std::fmax(dom_elements, 0));
  double req = QuantilePosition(kRequestQuantiles, std::fmax(requests, 0));
  double size = QuantilePosition(kSizeQuantiles, std::fmax(size_kb, 0));
  EcoIndex out;
  out.score = static_cast<int>(std::round(100 - 5 * (3 * dom + 2 * req + size) / 6));
  out.grade = GradeOf(out.score);
  out.ghg_g = RoundToHundredths(2 + 2 * (50.0 - out.score) / 100);
  out.water_cl = RoundToHundredths(3 + 3 * (50.0 - out.score) / 100);
  return out;
}

DomCount CountDomElements(const std::string& html) {
  DomCount out;
  std::vector<HtmlElement> elements;
  if (FindHtmlElements(html, "*", &elements, &out.error)) {
    out.elements = static_cast<int>(elements.size());
  }
  return out;
}

}  // namespace sdetcheck
