// The scoring run: answers are grouped into units (network x period), every
// answer cell is scored by its question's rule, and the tree is aggregated.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "sys/memory.h"
#include "gpn/question_scoring.h"
#include "gpn/scores.h"

namespace gpn {

const char* to_string(NodeState s) {
  switch (s) {
    case NodeState::Scored: return "scored";
    case NodeState::Missing: return "not computable";
    case NodeState::NotApplicable: return "not applicable";
    case NodeState::Unscored: return "unscored";
  }
  return "?";
}

std::optional<double> ScoreTable::score(std::size_t unit, std::size_t node) const {
  if (state_at(unit, node) != NodeState::Scored) return std::nullopt;
  const double v = value(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(node));
  return scale_offset + v * scale_factor;
}

std::optional<double> ScoreTable::coverage_at(std::size_t unit, std::size_t node) const {
  const Eigen::Index column = coverage_column[node];
  if (column < 0) {
    switch (state_at(unit, node)) {
      case NodeState::Scored: return 1.0;
      case NodeState::Missing: return 0.0;
      default: return std::nullopt;
    }
  }
  const double c = coverage(static_cast<Eigen::Index>(unit), column);
  if (std::isnan(c)) return std::nullopt;
  return c;
}

void coverage_columns(const Methodology& m, std::vector<Eigen::Index>* columns) {
  columns->assign(m.nodes.size(), -1);
  Eigen::Index next = 0;
  for (std::size_t i = 0; i < m.nodes.size(); ++i)
    if (!m.nodes[i].is_question()) (*columns)[i] = next++;
}

std::vector<Eigen::Index> coverage_columns(const Methodology& m) {
  std::vector<Eigen::Index> columns;
  coverage_columns(m, &columns);
  return columns;
}

void shape_coverage(ScoreTable* t, Eigen::Index units) {
  t->coverage_column = coverage_columns(t->methodology);
  const auto inner = std::count_if(t->coverage_column.begin(), t->coverage_column.end(), [](Eigen::Index c) { return c >= 0; });
  resize_prefaulted(t->coverage, units, static_cast<Eigen::Index>(inner));
  t->coverage.setConstant(std::numeric_limits<double>::quiet_NaN());
}

std::optional<double> ScoreTable::points_at(std::size_t unit, std::size_t node) const {
  if (points.size() == 0) return std::nullopt;
  const double p = points(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(node));
  if (std::isnan(p)) return std::nullopt;
  return p;
}

const Answer* ScoreTable::answer(std::size_t unit, std::size_t node) const {
  if (answer_row.size() == 0) return nullptr;  // scored from indicator data: no answers
  const int row = answer_row(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(node));
  return row < 0 ? nullptr : &answers.answers[static_cast<std::size_t>(row)];
}

bool score(const Methodology& m, AnswerSet answers, ScoreTable* out, Warnings* warnings, Error* err) {
  if (answers.answers.empty()) {
    *err = Error{"", 0, 0, "no answers to score: the answer files hold a header but no rows"};
    return false;
  }
  if (m.numeric) {
    *err = Error{m.file, 0, 0, "this methodology's leaves are indicators: score a data table with --data FILE"};
    return false;
  }
  ScoreTable t;
  t.methodology = m;
  t.scale_offset = m.scale_min;
  t.scale_factor = m.scale_max - m.scale_min;
  // Units in order of network id, then period (the map's order).
  std::vector<std::uint32_t> row_of(answers.units.size());
  for (const auto& [key, unit] : answers.unit_index) {
    row_of[unit] = static_cast<std::uint32_t>(t.units.size());
    t.units.push_back(answers.units[unit]);
  }
  const auto units = static_cast<Eigen::Index>(t.units.size());
  const auto nodes = static_cast<Eigen::Index>(m.nodes.size());
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  resize_prefaulted(t.value, units, nodes);
  shape_coverage(&t, units);
  resize_prefaulted(t.points, units, nodes);
  resize_prefaulted(t.state, units, nodes);
  resize_prefaulted(t.answer_row, units, nodes);
  t.value.setConstant(kNaN);
  t.points.setConstant(kNaN);
  t.state.setConstant(static_cast<std::uint8_t>(NodeState::Missing));
  t.answer_row.setConstant(-1);
  for (std::size_t i = 0; i < answers.answers.size(); ++i) {
    const Answer& a = answers.answers[i];
    t.answer_row(row_of[a.unit], a.question) = static_cast<int>(i);
  }

  for (std::size_t qi : m.question_nodes()) {
    const Question& q = *m.nodes[qi].question;
    const auto col = static_cast<Eigen::Index>(qi);
    const bool scored = q.scored();
    const double max = q.max_points();
    for (Eigen::Index u = 0; u < units; ++u) {
      const int row = t.answer_row(u, col);
      QuestionOutcome outcome;
      if (row >= 0) {
        const Answer& a = answers.answers[static_cast<std::size_t>(row)];
        std::string why;
        if (!score_answer(q, a.value, &outcome, &why)) {
          *err = Error{answers.file_of(a), a.line, a.column, fmt::format("question '{}': {}", m.nodes[qi].id, why)};
          return false;
        }
      }
      NodeState s = NodeState::Missing;
      if (!scored) s = NodeState::Unscored;
      else if (outcome.state == AnswerState::NotApplicable) s = NodeState::NotApplicable;
      else if (outcome.state == AnswerState::Answered) s = NodeState::Scored;
      t.state(u, col) = static_cast<std::uint8_t>(s);
      if (s == NodeState::Scored) {
        t.points(u, col) = outcome.points;
        t.value(u, col) = outcome.points / max;
      }
    }
  }

  for (Eigen::Index u = 0; u < units; ++u) {
    std::vector<std::string> unanswered;
    for (std::size_t qi : m.question_nodes())
      if (static_cast<NodeState>(t.state(u, static_cast<Eigen::Index>(qi))) == NodeState::Missing)
        unanswered.push_back(m.nodes[qi].id);
    if (unanswered.empty()) continue;
    std::string list;
    for (std::size_t i = 0; i < unanswered.size() && i < 8; ++i) list += (i ? ", " : "") + unanswered[i];
    if (unanswered.size() > 8) list += fmt::format(" and {} more", unanswered.size() - 8);
    const Unit& unit = t.units[static_cast<std::size_t>(u)];
    warnings->add("", 0,
                  fmt::format("network '{}'{}: {} question{} unanswered ({})", unit.network,
                              unit.period.empty() ? "" : " period '" + unit.period + "'", unanswered.size(),
                              unanswered.size() == 1 ? "" : "s", list));
  }

  t.answers = std::move(answers);
  aggregate(&t);
  *out = std::move(t);
  return true;
}

}  // namespace gpn
