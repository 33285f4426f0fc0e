// Comparative scores: within each period (and, optionally, each group of
// networks) every node's scores are ranked and set against the leader and the
// median; across periods, each network's change per node.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "gpn/answers.h"
#include "gpn/scores.h"

namespace gpn {

// One set of units compared with each other: one period, one group.
struct Comparison {
  std::string period;
  std::string group;                // "" when not grouped
  std::vector<std::size_t> members; // indices into ScoreTable::units
  // members x nodes; NaN / 0 where the member has no score for the node.
  Eigen::MatrixXd score;
  Eigen::MatrixXi rank;             // 1 = highest; ties share the smaller rank; 0 = no score
  Eigen::MatrixXd gap_to_leader;    // score - best (<= 0)
  Eigen::MatrixXd gap_to_median;    // score - median
  Eigen::MatrixXd percentile;       // share of the other scored members below, 0-100
  // Per node over the scored members; NaN where none is scored.
  Eigen::VectorXd best, median, mean;
  Eigen::VectorXi scored;           // how many members have a score
};

// A network's change at one node from one period to the next.
struct Change {
  std::string network;
  std::size_t node = 0;
  std::string from_period, to_period;
  double from = 0, to = 0;
};

struct ComparisonSet {
  std::string by;  // the networks-file column grouped by, or ""
  std::vector<Comparison> comparisons;
  std::vector<Change> changes;
};

// Scores closer than this (on the methodology's scale) are ties.
constexpr double kTieTolerance = 1e-9;

// Groups by `by` (a column of the networks file) when it is not empty; a
// network without a value there goes into the group "(none)". Fails when the
// column does not exist.
bool compare(const ScoreTable& t, const NetworkTable* networks, const std::string& by, ComparisonSet* out,
             Error* err);

// Ranks of `values` (NaN = unranked, 0), highest first, ties sharing the smaller rank.
Eigen::VectorXi competition_ranks(const Eigen::VectorXd& values, double tolerance = kTieTolerance);
double median_of(std::vector<double> values);

}  // namespace gpn
