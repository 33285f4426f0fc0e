// Regression checks: fresh scores against a results file written earlier by
// `gpn score --format csv`, so CI fails when results move.
#pragma once
#include <string>
#include <vector>

#include "gpn/scores.h"

namespace gpn {

struct Difference {
  std::string network, period, node;
  std::string expected, got;  // the score as text; "" = no score; "(absent)" = no such row
  std::size_t line = 0;       // in the expected file; 0 for rows only the fresh scores have
};

// Compares every (network, period, node) score. Scores within `tolerance`
// (absolute) are equal; a score on one side only, or a row on one side only,
// is a difference.
bool check_scores(const ScoreTable& t, const std::string& expected_csv, const std::string& expected_name,
                  double tolerance, std::vector<Difference>* out, Error* err);

}  // namespace gpn
