#include <cmath>

#include "gpn/csv.h"
#include "gpn/text.h"
#include "gpn/writers.h"

namespace gpn {

std::string maturity_label(const ScoreTable& t, std::size_t unit, std::size_t node) {
  const auto score = t.score(unit, node);
  if (!score || t.methodology.nodes[node].depth > 1) return "";
  return t.methodology.maturity_of(*score);
}

std::string write_score_csv(const ScoreTable& t) {
  const Methodology& m = t.methodology;
  std::string out =
      "network,period,node,name,depth,score,maturity,coverage,kind,parent,state,points,max_points,answer,comment\n";
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    const Unit& unit = t.units[u];
    for (std::size_t ni = 0; ni < m.nodes.size(); ++ni) {
      const Node& n = m.nodes[ni];
      const auto score = t.score(u, ni);
      const auto cov = t.coverage_at(u, ni);
      out += csv_text(unit.network) + ',' + csv_text(unit.period) + ',' + n.id + ',' + csv_text(n.name) + ',' +
             std::to_string(n.depth) + ',' + (score ? fmt_number(*score) : "") + ',' +
             csv_text(maturity_label(t, u, ni)) + ',' + (cov ? fmt_number(*cov) : "") + ',' +
             (n.is_question() ? "question" : "node") + ',' + (n.parent ? m.nodes[*n.parent].id : "") + ',' +
             to_string(t.state_at(u, ni)) + ',';
      if (n.is_question()) {
        const double pts = t.points(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(ni));
        const Answer* a = t.answer(u, ni);
        out += (std::isnan(pts) ? "" : fmt_number(pts)) + ',' +
               (n.question->scored() ? fmt_number(n.question->max_points()) : "") + ',' +
               (a ? csv_text(a->value) : "") + ',' + (a ? csv_text(a->comment) : "");
      } else {
        out += ",,,";
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace gpn
