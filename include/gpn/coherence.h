// Statistical coherence of the framework, per aggregate: how its children
// correlate (Pearson and Spearman), Cronbach's alpha, the share of variance
// the first principal component explains, and flags for negative correlations
// and near-duplicates.
#pragma once
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include "gpn/scores.h"

namespace gpn {

struct AggregateCoherence {
  std::size_t node = 0;
  std::vector<std::size_t> children;
  Eigen::MatrixXd pearson, spearman;  // children x children, NaN where undefined
  std::size_t complete_units = 0;     // units with every child scored
  std::optional<double> alpha;        // Cronbach's alpha over the complete units
  std::optional<double> pc1_share;    // first eigenvalue of the correlation matrix / number of children
  std::vector<std::string> flags;     // "negative: a ~ b (r = -0.42)", "near-duplicate: ..."
};

// Ranks with ties averaged (1 = smallest), NaN kept as NaN.
std::vector<double> average_ranks(const std::vector<double>& x);
std::optional<double> spearman(const std::vector<double>& x, const std::vector<double>& y);

std::vector<AggregateCoherence> coherence(const ScoreTable& t, double duplicate_threshold = 0.9);

std::string write_coherence_table(const ScoreTable& t, const std::vector<AggregateCoherence>& c);
std::string write_coherence_csv(const ScoreTable& t, const std::vector<AggregateCoherence>& c);

}  // namespace gpn
