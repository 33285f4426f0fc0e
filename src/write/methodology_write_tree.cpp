// What `gpn validate` prints: the tree with weights, combination rules and each
// node's effective share of the total score.
#include <fmt/format.h>

#include "text/text.h"
#include "gpn/writers.h"

namespace gpn {

std::string write_methodology_tree(const Methodology& m) {
  std::string out = fmt::format("{} — {} {} ({})\n", m.id, fit_width(m.title, 50), m.version, m.status);
  std::size_t questions = 0, scored = 0;
  for (const auto& n : m.nodes)
    if (n.is_question()) {
      ++questions;
      scored += n.question->scored() ? 1 : 0;
    }
  out += fmt::format("{} nodes, {} questions ({} scored); missing answers: {}, not applicable: {}, "
                     "minimum coverage {}\n",
                     m.nodes.size(), questions, scored, to_string(m.missing), to_string(m.not_applicable),
                     fmt_number(m.min_coverage));
  if (!m.maturity.empty()) {
    out += "Maturity levels:";
    for (const auto& l : m.maturity) out += fmt::format(" {} >= {};", l.name, fmt_number(l.min));
    out.back() = '\n';
  }
  out += fmt::format("\n{:<48}{:>8}{:>9}  {}\n", "Node", "Weight", "Share", "Rule");
  const std::vector<double> shares = m.effective_shares();
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    const Node& n = m.nodes[i];
    const std::string label = std::string(2 * n.depth, ' ') + n.id + " " + n.name;
    std::string rule;
    if (n.is_question()) {
      rule = to_string(n.question->type);
      if (!n.question->scored()) rule += " (unscored)";
    } else {
      rule = to_string(n.combine);
      if (n.combine == Combine::Gate) rule += fmt::format(" by {}, rest {}", n.gate_child, to_string(n.gate_rest));
    }
    const bool gate_child = n.parent && m.nodes[*n.parent].combine == Combine::Gate && m.nodes[*n.parent].gate_child == n.id;
    const std::string share = gate_child ? "gate" : fmt_fixed(shares[i] * 100, 2) + "%";
    out += fmt::format("{:<48}{:>8}{:>9}  {}\n", fit_width(label, 47), fmt_number(n.weight), share, rule);
  }
  return out;
}

}  // namespace gpn
