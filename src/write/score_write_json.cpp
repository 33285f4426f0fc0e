#include "write/json_docs.h"

#include <cmath>

#include "gpn/writers.h"

namespace gpn {

namespace {

json number_or_null(std::optional<double> v) { return v ? json(*v) : json(nullptr); }
}  // namespace

nlohmann::ordered_json score_json(const ScoreTable& t, const NetworkTable* networks) {
  const Methodology& m = t.methodology;
  json doc;
  doc["format"] = "gpn-scores/1";
  doc["tool"] = {{"name", "gpn"}, {"version", GPN_VERSION}};
  doc["methodology"] = {{"id", m.id},         {"title", m.title},   {"version", m.version},
                        {"status", m.status}, {"source", m.source}, {"file", m.file},
                        {"scale", {{"min", m.scale_min}, {"max", m.scale_max}}}};
  const std::vector<double> shares = m.effective_shares();
  json nodes = json::array();
  for (std::size_t ni = 0; ni < m.nodes.size(); ++ni) {
    const Node& n = m.nodes[ni];
    json j = {{"id", n.id},
              {"name", n.name},
              {"parent", n.parent ? json(m.nodes[*n.parent].id) : json(nullptr)},
              {"depth", n.depth},
              {"kind", n.is_question() ? "question" : "node"},
              {"weight", n.weight},
              {"share", shares[ni]}};
    if (n.is_question()) {
      j["type"] = to_string(n.question->type);
      j["max_points"] = n.question->scored() ? json(n.question->max_points()) : json(nullptr);
    } else {
      j["combine"] = to_string(n.combine);
    }
    nodes.push_back(std::move(j));
  }
  doc["nodes"] = std::move(nodes);

  json units = json::array();
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    const Unit& unit = t.units[u];
    json ju = {{"network", unit.network}, {"period", unit.period}};
    const Network* net = networks ? networks->find(unit.network) : nullptr;
    ju["name"] = net ? net->name : unit.network;
    json attrs = json::object();
    if (net)
      for (const auto& [k, v] : net->attributes) attrs[k] = v;
    ju["attributes"] = std::move(attrs);
    json scores = json::array();
    for (std::size_t ni = 0; ni < m.nodes.size(); ++ni) {
      const Node& n = m.nodes[ni];
      json js = {{"node", n.id},
                 {"state", to_string(t.state_at(u, ni))},
                 {"score", number_or_null(t.score(u, ni))},
                 {"coverage", number_or_null(t.coverage_at(u, ni))}};
      const std::string maturity = maturity_label(t, u, ni);
      if (!maturity.empty()) js["maturity"] = maturity;
      if (n.is_question()) {
        js["points"] = number_or_null(t.points_at(u, ni));
        const Answer* a = t.answer(u, ni);
        js["answer"] = a ? json(a->value) : json(nullptr);
        if (a && !a->comment.empty()) js["comment"] = a->comment;
      }
      scores.push_back(std::move(js));
    }
    ju["scores"] = std::move(scores);
    units.push_back(std::move(ju));
  }
  doc["units"] = std::move(units);
  return doc;
}

std::string write_score_json(const ScoreTable& t, const NetworkTable* networks) {
  return score_json(t, networks).dump(2) + "\n";
}

}  // namespace gpn
