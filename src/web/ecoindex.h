#pragma once
// The EcoIndex of a page (https://www.ecoindex.fr/comment-ca-marche/, method by the
// Collectif Conception Numérique Responsable): a 0..100 score and an A..G grade from three
// measures of the page, with the greenhouse-gas and water figures the method derives from
// the score. Pure.

#include <string>

namespace sdetcheck {

struct EcoIndex {
  int score = 0;        // 0..100, higher is better
  char grade = 'G';     // 'A'..'G'
  double ghg_g = 0;     // greenhouse gases, gCO2e per page view, to 2 decimals
  double water_cl = 0;  // water, centilitres per page view, to 2 decimals
};

// The EcoIndex of a page of `dom_elements` elements, loaded with `requests` HTTP requests
// weighing `size_kb` kilobytes (transferred). Negative inputs count as 0.
EcoIndex ComputeEcoIndex(double dom_elements, double requests, double size_kb);

struct DomCount {
  std::string error;  // non-empty when the page was not analysed (beyond the HTML limits)
  int elements = 0;
};

// The number of elements of the page as parsed (document.getElementsByTagName("*") in a
// browser, before scripts run): html, head and body included even when the page omits them.
DomCount CountDomElements(const std::string& html);

}  // namespace sdetcheck
