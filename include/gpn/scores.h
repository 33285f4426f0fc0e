// The scored table: for every unit (a network in a period) the score of every
// node of the framework, from questions up to the root. Kept as units x nodes
// matrices so comparisons and sensitivity work on whole columns.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gpn/answers.h"
#include "gpn/error.h"
#include "gpn/methodology.h"

namespace gpn {

enum class NodeState : std::uint8_t {
  Scored,         // a number
  Missing,        // unanswered, or below the node's minimum coverage: not computable
  NotApplicable,  // every applicable child was answered "not applicable"
  Unscored,       // free text and unscored questions, or nodes with only those below
};

const char* to_string(NodeState s);

struct ScoreTable {
  Methodology methodology;  // with any weight overrides applied
  std::vector<Unit> units;
  // units x nodes. value: share of the node's maximum, 0-1 (NaN unless Scored).
  Eigen::MatrixXd value;
  // Share of applicable weight that was answered, 0-1 (NaN when not
  // applicable), kept for inner nodes only: units x inner nodes, node n in
  // column coverage_column[n]. A question's coverage follows from its state
  // (1 scored, 0 missing, none otherwise), so its column would only repeat
  // the state; for 100,000 units of 50 indicators that was 40 MB to fill.
  Eigen::MatrixXd coverage;
  std::vector<Eigen::Index> coverage_column;  // per node; -1 for questions
  Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> state;  // NodeState per cell
  // Questions only: raw points earned (NaN unless answered and scored); empty for indicator data.
  Eigen::MatrixXd points;
  // Questions only: index into answers.answers, -1 where no row was given.
  Eigen::MatrixXi answer_row;
  AnswerSet answers;
  // Reported score = scale_offset + value * scale_factor: the methodology's scale
  // for questionnaires; 0 and 1 for indicator data, already on the
  // normalisation's own scale.
  double scale_offset = 0, scale_factor = 100;

  NodeState state_at(std::size_t unit, std::size_t node) const {
    return static_cast<NodeState>(state(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(node)));
  }
  // The score on the methodology's scale, or nothing when not Scored.
  std::optional<double> score(std::size_t unit, std::size_t node) const;
  std::optional<double> coverage_at(std::size_t unit, std::size_t node) const;
  const Answer* answer(std::size_t unit, std::size_t node) const;
  // A question's points, or nothing (unanswered, unscored, or indicator data).
  std::optional<double> points_at(std::size_t unit, std::size_t node) const;
};

// Per node, its column in a coverage matrix (inner nodes in order), or -1 for a question.
std::vector<Eigen::Index> coverage_columns(const Methodology& m);
void coverage_columns(const Methodology& m, std::vector<Eigen::Index>* columns);  // into a vector kept for reuse
// Shapes t's coverage for its methodology and `units` units, every cell NaN.
void shape_coverage(ScoreTable* t, Eigen::Index units);

// Scores every unit found in the answers. Fails on an answer its question does
// not allow (naming file, line and column) or when there are no answers at all.
// Warnings (unanswered questions) are added to *warnings.
bool score(const Methodology& m, AnswerSet answers, ScoreTable* out, Warnings* warnings, Error* err);

// Combines the question columns of `t` up the tree (children before parents),
// filling value, coverage and state of every inner node.
void aggregate(ScoreTable* t);

// The same on bare matrices, for callers that re-aggregate many times with
// other weights or rules (sensitivity analysis). A child whose weight is 0 is
// left out, as if dropped. `coverage` is shaped as ScoreTable::coverage.
using StateMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;
void aggregate(const Methodology& m, Eigen::MatrixXd& value, Eigen::MatrixXd& coverage, StateMatrix& state);

}  // namespace gpn
