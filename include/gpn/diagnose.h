// What a pilot says about the questionnaire itself: response and
// not-applicable rates, answer distributions, questions that do not
// discriminate, indicators that duplicate each other, and the internal
// consistency (Cronbach's alpha) of each dimension.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "gpn/scores.h"

namespace gpn {

struct QuestionDiagnostics {
  std::size_t node = 0;
  std::size_t units = 0;  // networks asked
  std::size_t answered = 0, missing = 0, not_applicable = 0;
  double response_rate = 0;        // answered or n/a, over units
  double not_applicable_rate = 0;  // n/a over units
  // Answer -> count, in the question's own order for options; for numbers
  // the distinct values in increasing order; free text only counts answers.
  std::vector<std::pair<std::string, std::size_t>> distribution;
  bool discriminates = true;  // false when every answered unit earned the same points
};

struct CorrelatedPair {
  std::size_t a = 0, b = 0;  // indicator nodes
  double r = 0;              // Pearson correlation over units scored on both
  std::size_t n = 0;
};

struct DimensionConsistency {
  std::size_t node = 0;       // a first-level dimension
  std::size_t items = 0;      // its scored children
  std::size_t units = 0;      // units with every item scored
  std::optional<double> alpha;
  std::string note;           // why alpha is not given
};

struct Diagnostics {
  std::vector<QuestionDiagnostics> questions;
  std::vector<CorrelatedPair> correlated;  // |r| >= threshold
  std::vector<DimensionConsistency> dimensions;
  double correlation_threshold = 0.9;
  std::size_t min_units_for_alpha = 5;
};

Diagnostics diagnose(const ScoreTable& t, double correlation_threshold = 0.9, std::size_t min_units_for_alpha = 5);

// Pearson's r over the pairs where both are finite; nothing when fewer than 3
// pairs or a constant side.
std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y, std::size_t* n = nullptr);
// Cronbach's alpha of the columns of `items` (rows = units): k/(k-1) * (1 - sum var_i / var_total).
std::optional<double> cronbach_alpha(const Eigen::MatrixXd& items);

// Indicators: the inner nodes whose children are all questions.
std::vector<std::size_t> indicator_nodes(const Methodology& m);

}  // namespace gpn
