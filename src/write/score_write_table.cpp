// The terminal view: a summary line per unit, then each unit's tree of inner
// nodes (questions are in the CSV and JSON output). Fits 80 columns.
#include <fmt/format.h>

#include "text/text.h"
#include "gpn/writers.h"

namespace gpn {
namespace {

std::string pad(std::string_view s, std::size_t width) {
  std::string out = fit_width(s, width);
  return out + std::string(width - display_width(out), ' ');
}

std::string score_cell(const ScoreTable& t, std::size_t u, std::size_t ni) {
  if (auto s = t.score(u, ni)) return fmt_fixed(*s, 1);
  switch (t.state_at(u, ni)) {
    case NodeState::NotApplicable: return "n/a";
    case NodeState::Unscored: return "";
    default: return "--";
  }
}

std::string coverage_cell(const ScoreTable& t, std::size_t u, std::size_t ni) {
  auto c = t.coverage_at(u, ni);
  return c ? fmt_fixed(*c * 100, 0) + "%" : "";
}

// "JP 2024  Green Purchasing Network, Japan": id and period first, so a cut
// name still leaves the unit identifiable.
std::string unit_label(const ScoreTable& t, std::size_t u, const NetworkTable* networks) {
  const Unit& unit = t.units[u];
  std::string label = unit.network;
  if (!unit.period.empty()) label += " " + unit.period;
  if (networks)
    if (const Network* n = networks->find(unit.network); n && n->name != n->id) label += "  " + n->name;
  return label;
}

}  // namespace

std::string write_score_table(const ScoreTable& t, const NetworkTable* networks) {
  const Methodology& m = t.methodology;
  std::string out = fmt::format("{} {} ({})\n", fit_width(m.title, 60), fit_width(m.version, 10), m.status);
  out += fmt::format("Scores on {}-{}; '--' not computable, 'n/a' not applicable.\n\n", fmt_number(m.scale_min),
                     fmt_number(m.scale_max));
  out += pad("Network", 44) + fmt::format("{:>7}  {}{:>9}\n", "Score", pad("Maturity", 16), "Coverage");
  for (std::size_t u = 0; u < t.units.size(); ++u)
    out += pad(unit_label(t, u, networks), 44) +
           fmt::format("{:>7}  {}{:>9}\n", score_cell(t, u, 0), pad(maturity_label(t, u, 0), 16), coverage_cell(t, u, 0));

  for (std::size_t u = 0; u < t.units.size(); ++u) {
    out += "\n" + fit_width(unit_label(t, u, networks), 78) + "\n";
    for (std::size_t ni = 0; ni < m.nodes.size(); ++ni) {
      const Node& n = m.nodes[ni];
      if (n.is_question()) continue;
      const std::string name = std::string(2 * n.depth, ' ') + n.name;
      out += pad(name, 44) + fmt::format("{:>7}  {}{:>9}\n", score_cell(t, u, ni),
                                         pad(maturity_label(t, u, ni), 16), coverage_cell(t, u, ni));
    }
  }
  return out;
}

}  // namespace gpn
