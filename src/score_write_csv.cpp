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

const char* kScoreCsvHeader =
    "network,period,node,name,depth,score,maturity,coverage,kind,parent,state,points,max_points,answer,comment\n";

void append_score_csv_rows(const ScoreTable& t, std::string* out) {
  const Methodology& m = t.methodology;
  // What does not change from unit to unit is formatted once.
  std::vector<std::string> node_part, kind_part, max_part;
  for (const Node& n : m.nodes) {
    node_part.push_back(n.id + ',' + csv_text(n.name) + ',' + std::to_string(n.depth) + ',');
    kind_part.push_back(std::string(n.is_question() ? "question" : "node") + ',' + (n.parent ? m.nodes[*n.parent].id : "") + ',');
    max_part.push_back(n.is_question() && n.question->scored() ? fmt_number(n.question->max_points()) : "");
  }
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    const std::string unit_part = csv_text(t.units[u].network) + ',' + csv_text(t.units[u].period) + ',';
    for (std::size_t ni = 0; ni < m.nodes.size(); ++ni) {
      const Node& n = m.nodes[ni];
      const auto score = t.score(u, ni);
      const auto cov = t.coverage_at(u, ni);
      *out += unit_part;
      *out += node_part[ni];
      if (score) *out += fmt_number(*score);
      *out += ',';
      *out += csv_text(maturity_label(t, u, ni));
      *out += ',';
      if (cov) *out += fmt_number(*cov);
      *out += ',';
      *out += kind_part[ni];
      *out += to_string(t.state_at(u, ni));
      *out += ',';
      if (n.is_question()) {
        if (const auto pts = t.points_at(u, ni)) *out += fmt_number(*pts);
        *out += ',';
        *out += max_part[ni];
        *out += ',';
        if (const Answer* a = t.answer(u, ni)) {
          *out += csv_text(a->value);
          *out += ',';
          *out += csv_text(a->comment);
        } else {
          *out += ',';
        }
      } else {
        *out += ",,,";
      }
      *out += '\n';
    }
  }
}

std::string write_score_csv(const ScoreTable& t) {
  std::string out = kScoreCsvHeader;
  append_score_csv_rows(t, &out);
  return out;
}

std::string score_wide_header(const Methodology& m) {
  std::string out = "network,period";
  for (const Node& n : m.nodes)
    if (!n.is_question()) out += ',' + n.id;
  return out + '\n';
}

void append_score_wide_rows(const ScoreTable& t, std::string* out) {
  const Methodology& m = t.methodology;
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    *out += csv_text(t.units[u].network);
    *out += ',';
    *out += csv_text(t.units[u].period);
    for (std::size_t ni = 0; ni < m.nodes.size(); ++ni) {
      if (m.nodes[ni].is_question()) continue;
      *out += ',';
      if (auto s = t.score(u, ni)) *out += fmt_number(*s);
    }
    *out += '\n';
  }
}

std::string write_score_wide(const ScoreTable& t) {
  std::string out = score_wide_header(t.methodology);
  append_score_wide_rows(t, &out);
  return out;
}

}  // namespace gpn
