#include "gpn/methodology.h"

#include "text/text.h"

#include <algorithm>
#include <cmath>

namespace gpn {

const char* to_string(QuestionType t) {
  switch (t) {
    case QuestionType::YesNo: return "yes_no";
    case QuestionType::Scale: return "scale";
    case QuestionType::SingleChoice: return "single_choice";
    case QuestionType::MultipleChoice: return "multiple_choice";
    case QuestionType::Number: return "number";
    case QuestionType::Percentage: return "percentage";
    case QuestionType::Year: return "year";
    case QuestionType::Date: return "date";
    case QuestionType::Text: return "text";
    case QuestionType::Indicator: return "indicator";
  }
  return "?";
}

const char* to_string(Combine c) {
  switch (c) {
    case Combine::Arithmetic: return "arithmetic";
    case Combine::Geometric: return "geometric";
    case Combine::Harmonic: return "harmonic";
    case Combine::Generalised: return "generalised";
    case Combine::Sum: return "sum";
    case Combine::Minimum: return "minimum";
    case Combine::Gate: return "gate";
  }
  return "?";
}

const char* to_string(AbsentPolicy p) { return p == AbsentPolicy::Zero ? "zero" : "drop"; }

bool Question::scored() const {
  switch (type) {
    case QuestionType::Text: return false;
    case QuestionType::Indicator: return true;
    case QuestionType::Number:
    case QuestionType::Percentage:
    case QuestionType::Year:
    case QuestionType::Date: return rule != NumberRule::None && max_points() > 0;
    default: return max_points() > 0;
  }
}

double Question::max_points() const {
  switch (type) {
    case QuestionType::YesNo:
      return std::max({yes_points, no_points, partly_points.value_or(0.0)});
    case QuestionType::Scale:
    case QuestionType::SingleChoice: {
      double best = 0;
      for (const auto& o : options) best = std::max(best, o.points);
      return best;
    }
    case QuestionType::MultipleChoice: {
      double total = 0;
      for (const auto& o : options) total += std::max(0.0, o.points);
      return choice_cap ? std::min(*choice_cap, total) : total;
    }
    case QuestionType::Number:
    case QuestionType::Percentage:
    case QuestionType::Year:
    case QuestionType::Date:
      switch (rule) {
        case NumberRule::None: return 0;
        case NumberRule::Goalposts: return goal_points;
        case NumberRule::Piecewise: {
          double best = 0;
          for (const auto& k : knots) best = std::max(best, k.second);
          return best;
        }
        case NumberRule::Bands: {
          double best = 0;
          for (const auto& b : bands) best = std::max(best, b.points);
          return best;
        }
      }
      return 0;
    case QuestionType::Text: return 0;
    case QuestionType::Indicator: return 1;  // scored on the normalisation's own scale
  }
  return 0;
}

std::string Question::allowed_answers() const {
  std::string out;
  auto add = [&out](const std::string& s) { out += out.empty() ? s : "|" + s; };
  switch (type) {
    case QuestionType::YesNo:
      add("yes");
      add("no");
      if (partly_points) add("partly");
      break;
    case QuestionType::Scale:
    case QuestionType::SingleChoice:
      for (const auto& o : options) add(o.label == o.value ? o.value : o.value + " (" + o.label + ")");
      break;
    case QuestionType::MultipleChoice: {
      std::string list;
      for (const auto& o : options) list += list.empty() ? o.value : "|" + o.value;
      add("any of " + list + " separated by ;");
      add("none");
      break;
    }
    case QuestionType::Number: {
      std::string range = "a number";
      if (min_value && max_value) range += " from " + fmt_number(*min_value) + " to " + fmt_number(*max_value);
      else if (min_value) range += " >= " + fmt_number(*min_value);
      else if (max_value) range += " <= " + fmt_number(*max_value);
      add(range);
      break;
    }
    case QuestionType::Percentage: add("a number from 0 to 100"); break;
    case QuestionType::Year: add("a year (YYYY)"); break;
    case QuestionType::Date: add("a date (YYYY-MM-DD)"); break;
    case QuestionType::Text: add("free text"); break;
    case QuestionType::Indicator: add("a number in the data table (gpn score --data)"); break;
  }
  if (allow_not_applicable) add("n/a");
  return out;
}

std::optional<std::size_t> Methodology::find(const std::string& node_id) const {
  auto it = index.find(node_id);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

std::vector<std::size_t> Methodology::question_nodes() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].is_question()) out.push_back(i);
  return out;
}

namespace {
// The setting of the nearest node, from `node` up to the root, that has one.
template <class T>
T inherited(const std::vector<Node>& nodes, std::size_t node, std::optional<T> Node::*field, T fallback) {
  for (std::optional<std::size_t> n = node; n; n = nodes[*n].parent)
    if (nodes[*n].*field) return *(nodes[*n].*field);
  return fallback;
}
}  // namespace

AbsentPolicy Methodology::missing_at(std::size_t node) const { return inherited(nodes, node, &Node::missing, missing); }

AbsentPolicy Methodology::not_applicable_at(std::size_t node) const {
  return inherited(nodes, node, &Node::not_applicable, not_applicable);
}

double Methodology::min_coverage_at(std::size_t node) const {
  return inherited(nodes, node, &Node::min_coverage, min_coverage);
}

double Methodology::max_points(std::size_t node) const {
  const Node& n = nodes[node];
  if (n.is_question()) return n.question->scored() ? n.question->max_points() : 0;
  if (n.max_points) return *n.max_points;
  double total = 0;
  for (std::size_t c : n.children) total += max_points(c);
  return total;
}

bool Methodology::scored(std::size_t node) const {
  const Node& n = nodes[node];
  if (n.is_question()) return n.question->scored();
  return std::any_of(n.children.begin(), n.children.end(), [this](std::size_t c) { return scored(c); });
}

std::vector<double> Methodology::effective_shares() const {
  std::vector<double> share(nodes.size(), 0.0);
  if (nodes.empty() || !scored(0)) return share;
  share[0] = 1.0;
  // Pre-order guarantees a parent's share is known before its children's.
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.is_question()) continue;
    const bool gate = n.combine == Combine::Gate;
    const bool by_points = n.combine == Combine::Sum || (gate && n.gate_rest == Combine::Sum);
    double total = 0;
    for (std::size_t c : n.children) {
      if (!scored(c) || (gate && nodes[c].id == n.gate_child)) continue;
      total += by_points ? max_points(c) : nodes[c].weight;
    }
    for (std::size_t c : n.children) {
      if (!scored(c)) continue;
      if (gate && nodes[c].id == n.gate_child) {
        share[c] = share[i];
        continue;
      }
      const double part = by_points ? max_points(c) : nodes[c].weight;
      share[c] = total > 0 ? share[i] * part / total : 0.0;
    }
  }
  return share;
}

std::string Methodology::maturity_of(double score) const {
  std::string level;
  for (const auto& m : maturity)
    if (score >= m.min) level = m.name;
  return level;
}

const Node* Methodology::dimension_of(std::size_t node) const {
  if (node == 0) return nullptr;
  std::size_t n = node;
  while (nodes[n].parent && *nodes[n].parent != 0) n = *nodes[n].parent;
  return &nodes[n];
}

}  // namespace gpn
