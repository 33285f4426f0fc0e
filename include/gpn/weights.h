// Where weights come from: pairwise comparisons (AHP), equal weights, the
// first principal component of the data, and how much each child actually
// drives its parent (effective weights).
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "gpn/error.h"
#include "gpn/scores.h"

namespace gpn {

// Saaty's random consistency index for n = 1..15 (RI(n); 0 for n <= 2).
double saaty_random_index(std::size_t n);

struct AhpResult {
  std::vector<std::string> ids;
  Eigen::VectorXd weights;  // principal right eigenvector, summing to 1
  double lambda_max = 0;
  double consistency_index = 0;  // (lambda_max - n) / (n - 1)
  double consistency_ratio = 0;  // CI / RI(n); 0 for n <= 2
};

// A square pairwise-comparison matrix: header row and first column are node
// ids (in the same order); a_ij says how much more important i is than j, with
// a_ji = 1 / a_ij and a_ii = 1. Entries may be fractions written as 1/3.
bool load_pairwise(const std::string& path, std::vector<std::string>* ids, Eigen::MatrixXd* a, Error* err);
bool parse_pairwise(const std::string& text, const std::string& name, std::vector<std::string>* ids,
                    Eigen::MatrixXd* a, Error* err);
AhpResult ahp_weights(const std::vector<std::string>& ids, const Eigen::MatrixXd& a);

// Weights of every child of every inner node from the first principal
// component of the children's scores over the units that have them all: the
// absolute loadings, normalised to sum to 1 within each parent. A parent with
// fewer than 3 complete units or fewer than 2 children keeps equal weights.
struct DerivedWeights {
  std::vector<std::pair<std::size_t, double>> weights;  // node, weight (normalised among siblings)
  std::vector<std::string> notes;
};
DerivedWeights pca_weights(const ScoreTable& t);
DerivedWeights equal_weights(const Methodology& m);

// For each child: its nominal share among its siblings and its effective
// weight, r^2(child, parent) over the units scored on both, normalised among
// the siblings.
struct EffectiveWeight {
  std::size_t node = 0, parent = 0;
  double nominal = 0, effective = 0, r = 0;
  std::size_t units = 0;
};
std::vector<EffectiveWeight> effective_weights(const ScoreTable& t);

// A weights file (id: weight per line), for --weights.
std::string write_weights_yaml(const Methodology& m, const std::vector<std::pair<std::size_t, double>>& weights,
                               const std::string& comment);

}  // namespace gpn
