// Uncertainty and sensitivity analysis: Monte Carlo over the choices a
// researcher doubts (weights, aggregation, normalisation, imputation, which
// indicators to keep), the distribution of each network's rank, and Sobol
// first-order and total-order indices per uncertain input (Saltelli's design
// with Saltelli 2010 / Jansen estimators).
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gpn/indicator_data.h"
#include "gpn/pipeline.h"
#include "gpn/scores.h"

namespace gpn {

// A small, portable random number generator (SplitMix64), so the same seed
// gives the same samples with any compiler and standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform();                 // [0, 1)
  double normal();                  // standard normal (Box-Muller)
  double gamma(double shape);       // Marsaglia-Tsang; shape > 0
  std::size_t index(std::size_t n); // uniform in [0, n)

 private:
  std::uint64_t state_;
};

struct SensitivitySettings {
  std::size_t samples = 1000;  // N: base samples; the model runs N * (factors + 2) times
  std::uint64_t seed = 1;
  double weight_range = 0;     // weights times U(1 - r, 1 + r), per weight
  double dirichlet = 0;        // or: sibling weights ~ Dirichlet(c * nominal shares)
  std::vector<Combine> aggregations;        // alternatives drawn uniformly (inner nodes' combination)
  std::vector<std::string> normalisations;  // numeric methodologies: alternatives
  std::vector<std::string> imputations;     // numeric methodologies: alternatives
  bool drop_one = false;                    // drop one indicator (or none) at random
  bool target_score = false;                // Sobol indices of the score instead of the rank
};

struct SensitivityResult {
  std::vector<std::string> factors;  // uncertain inputs, in order
  std::size_t runs = 0;              // model evaluations
  std::size_t draws = 0;             // independent samples behind the rank statistics (2N)
  Eigen::VectorXd nominal_score;
  Eigen::VectorXi nominal_rank;
  Eigen::VectorXd median_rank, rank_p05, rank_p95, mean_score;
  Eigen::MatrixXd rank_probability;  // units x ranks (column r-1 = probability of rank r)
  double changed_share = 0;          // share of draws in which some rank differs from the nominal ranking
  Eigen::MatrixXd first_order, total_order;  // factors x units (NaN where the output never varies)
  // Per factor, over all units, each weighted by the variance of its output
  // (so ranks that almost never move do not add their estimation noise).
  Eigen::VectorXd mean_first_order, mean_total_order;
};

// The model: one evaluation per sample; `draw` fills a sample's value for one
// factor group, `evaluate` maps a full sample to the outputs (one per unit).
// Exposed generically so the estimators can be tested on models with known
// indices.
struct SobolResult {
  Eigen::MatrixXd first_order, total_order;  // factors x outputs
  Eigen::MatrixXd outputs_a, outputs_b;      // N x outputs, the two independent sample sets
  Eigen::RowVectorXd variance;               // of each output over both sets
};
using Sample = std::vector<std::vector<double>>;  // per factor group: its values
using Evaluator = std::function<Eigen::VectorXd(const Sample&)>;
// The N (factors + 2) runs are spread over the machine's cores (at most 4);
// `make_evaluator` gives each worker its own evaluator, so they share no state.
// Results do not depend on the number of workers.
SobolResult sobol_indices(std::size_t n, std::size_t factors, Random& rng,
                          const std::function<std::vector<double>(std::size_t factor, Random& rng)>& draw,
                          const std::function<Evaluator()>& make_evaluator,
                          const std::function<void(std::size_t done, std::size_t total)>& progress = {});

// Runs the analysis on a methodology scored from answers (`table`) or from
// indicator data (`data` with the nominal `pipeline`; then normalisations and
// imputations may vary).
bool run_sensitivity(const ScoreTable& table, const IndicatorData* data, const PipelineSettings* pipeline,
                     const SensitivitySettings& s, SensitivityResult* out, Error* err,
                     const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace gpn
