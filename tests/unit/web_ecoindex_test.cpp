#include <cmath>
#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "web/ecoindex.h"

namespace sdetcheck {
namespace {

// Expected values from the method's reference implementation's tests
// (github.com/cnumr/ecoindex_python, tests/compute/test_ecoindex.py).
TEST_CASE("web ecoindex: scores of the method's reference cases") {
  struct Case {
    double dom, requests, size;
    int score;
  } cases[] = {
      {100, 100, 100, 72},         {100, 100, 1000, 67},  {100, 100, 10000, 58},
      {200, 200, 10000, 46},       {2355, 267, 2493, 10}, {240, 20, 331, 83},
      {2240, 100, 310182.902, 16},
  };
  for (const Case& c : cases) {
    INFO(c.dom << " " << c.requests << " " << c.size);
    CHECK(ComputeEcoIndex(c.dom, c.requests, c.size).score == c.score);
  }
}

TEST_CASE("web ecoindex: grade, greenhouse gases and water") {
  EcoIndex index = ComputeEcoIndex(100, 100, 100);
  CHECK(index.grade == 'B');
  CHECK(index.ghg_g == doctest::Approx(1.56));
  CHECK(index.water_cl == doctest::Approx(2.34));
  index = ComputeEcoIndex(2240, 100, 310182.902);
  CHECK(index.grade == 'F');
  CHECK(index.ghg_g == doctest::Approx(2.68));
  CHECK(index.water_cl == doctest::Approx(4.02));
  // Bounds are exclusive: 80 is a B, 81 an A; 10 is a G.
  CHECK(ComputeEcoIndex(240, 20, 331).grade == 'A');     // 83
  CHECK(ComputeEcoIndex(2355, 267, 2493).grade == 'G');  // 10
}

TEST_CASE("web ecoindex: extreme inputs stay within 0..100") {
  EcoIndex empty = ComputeEcoIndex(0, 0, 0);
  CHECK(empty.score == 100);
  CHECK(empty.grade == 'A');
  CHECK(empty.ghg_g == doctest::Approx(1));
  EcoIndex huge = ComputeEcoIndex(1e9, 1e9, 1e12);
  CHECK(huge.score == 0);
  CHECK(huge.grade == 'G');
  CHECK(huge.water_cl == doctest::Approx(4.5));
  CHECK(ComputeEcoIndex(-5, -1, -100).score == 100);
  double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(ComputeEcoIndex(nan, nan, nan).score == 100);
  double inf = std::numeric_limits<double>::infinity();
  CHECK(ComputeEcoIndex(inf, inf, inf).score == 0);
}

TEST_CASE("web ecoindex: DOM elements counted as parsed") {
  DomCount count = CountDomElements("<p>a<b>b</b></p><ul><li>1<li>2</ul>");
  CHECK(count.error.empty());
  CHECK(count.elements == 8);  // html, head, body, p, b, ul, li, li
  CHECK(CountDomElements("").elements == 3);
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  count = CountDomElements(deep);
  CHECK_FALSE(count.error.empty());
  CHECK(count.elements == 0);
}

}  // namespace
}  // namespace sdetcheck
