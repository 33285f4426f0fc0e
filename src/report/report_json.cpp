// The report as JSON: the score and comparison documents of `gpn score` and
// `gpn compare`, plus profiles, diagnostics and the annex's provenance.
#include <cmath>

#include "gpn/report.h"
#include "gpn/sensitivity_write.h"
#include "write/json_docs.h"

namespace gpn {

std::string write_report_json(const Report& r) {
  const ScoreTable& t = *r.table;
  const Methodology& m = t.methodology;
  auto opt = [](std::optional<double> v) { return v ? json(*v) : json(nullptr); };
  auto ids = [&](const std::vector<std::size_t>& nodes) {
    json a = json::array();
    for (std::size_t n : nodes) a.push_back(m.nodes[n].id);
    return a;
  };
  json doc;
  doc["format"] = "gpn-report/1";
  doc["date"] = r.settings.date.empty() ? json(nullptr) : json(r.settings.date);
  doc["scores"] = score_json(t, r.networks);
  doc["comparison"] = compare_json(t, r.comparisons);
  doc["dimensions"] = ids(r.dimensions);
  json profiles = json::array();
  for (const auto& p : r.profiles) {
    json jp = {{"network", t.units[p.unit].network}, {"period", t.units[p.unit].period}, {"label", r.unit_label(p.unit)}};
    json dims = json::array();
    for (std::size_t k = 0; k < r.dimensions.size(); ++k)
      dims.push_back({{"node", m.nodes[r.dimensions[k]].id}, {"score", opt(p.dimensions[k])}, {"median", opt(p.medians[k])}});
    jp["dimensions"] = std::move(dims);
    jp["strongest"] = ids(p.strongest);
    jp["weakest"] = ids(p.weakest);
    json recs = json::array();
    for (std::size_t n : p.recommendations) recs.push_back({{"node", m.nodes[n].id}, {"recommendation", m.nodes[n].recommendation}});
    jp["recommendations"] = std::move(recs);
    json comments = json::array();
    for (std::size_t q : p.commented) comments.push_back({{"question", m.nodes[q].id}, {"comment", t.answer(p.unit, q)->comment}});
    jp["comments"] = std::move(comments);
    json changes = json::array();
    for (const auto& ch : p.changes)
      changes.push_back({{"node", m.nodes[ch.node].id}, {"from_period", ch.from_period}, {"to_period", ch.to_period},
                         {"from", ch.from}, {"to", ch.to}, {"change", ch.to - ch.from}});
    jp["changes"] = std::move(changes);
    profiles.push_back(std::move(jp));
  }
  doc["profiles"] = std::move(profiles);

  const Diagnostics& d = r.diagnostics;
  json questions = json::array();
  for (const auto& q : d.questions) {
    json dist = json::array();
    for (const auto& [answer, count] : q.distribution) dist.push_back({{"answer", answer}, {"count", count}});
    questions.push_back({{"question", m.nodes[q.node].id}, {"answered", q.answered}, {"missing", q.missing},
                         {"not_applicable", q.not_applicable}, {"response_rate", q.response_rate},
                         {"not_applicable_rate", q.not_applicable_rate}, {"discriminates", q.discriminates},
                         {"distribution", std::move(dist)}});
  }
  json corr = json::array();
  for (const auto& c : d.correlated) corr.push_back({{"a", m.nodes[c.a].id}, {"b", m.nodes[c.b].id}, {"r", c.r}, {"networks", c.n}});
  json alpha = json::array();
  for (const auto& c : d.dimensions)
    alpha.push_back({{"dimension", m.nodes[c.node].id}, {"items", c.items}, {"networks", c.units}, {"alpha", opt(c.alpha)},
                     {"note", c.note}});
  doc["questionnaire"] = {{"questions", std::move(questions)}, {"correlation_threshold", d.correlation_threshold},
                          {"correlated_indicators", std::move(corr)}, {"consistency", std::move(alpha)}};
  json inputs = json::array();
  for (const auto& in : r.inputs) inputs.push_back({{"role", in.role}, {"path", in.path}, {"bytes", in.bytes}, {"sha256", in.sha256}});
  doc["sensitivity"] = r.sensitivity ? json::parse(write_sensitivity_json(t, r.sensitivity_settings, *r.sensitivity)) : json(nullptr);
  doc["annex"] = {{"inputs", std::move(inputs)}, {"tool", "gpn " GPN_VERSION}, {"options", r.settings.options}};
  return doc.dump(2) + "\n";
}

}  // namespace gpn
