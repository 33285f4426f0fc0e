// The report as GitHub-flavoured Markdown with the charts as SVG files beside
// it. Outside text is escaped so it cannot add markup, links or images.
#include <fmt/format.h>

#include <cmath>

#include "report/charts_svg.h"
#include "gpn/report.h"
#include "gpn/writers.h"
#include "gpn/sensitivity_write.h"
#include "text/text.h"

namespace gpn {
namespace {

std::string md(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\n': case '\r': out += ' '; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '!': case '~': case '(':
      case ')': case '{': case '}':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string score_text(std::optional<double> v) { return v ? fmt_fixed(*v, 1) : "–"; }
std::string pct(double v) { return fmt_fixed(100 * v, 0) + "%"; }

std::string table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
  std::string s = "|";
  for (const auto& h : head) s += " " + h + " |";
  s += "\n|";
  for (std::size_t i = 0; i < head.size(); ++i) s += " --- |";
  s += "\n";
  for (const auto& r : rows) {
    s += "|";
    for (const auto& c : r) s += " " + c + " |";
    s += "\n";
  }
  return s + "\n";
}

}  // namespace

std::string write_report_markdown(const Report& r, std::vector<std::pair<std::string, std::string>>* charts) {
  const ScoreTable& t = *r.table;
  const Methodology& m = t.methodology;
  const double lo = m.scale_min, hi = m.scale_max;
  std::vector<std::string> dim_names;
  for (std::size_t d : r.dimensions) dim_names.push_back(m.nodes[d].name);

  std::string s = "# Pilot testing report\n\n" + md(m.title) + ", version " + md(m.version) + " (" + md(m.status) + ")" +
                  (r.settings.date.empty() ? "" : ", " + md(r.settings.date)) + "\n\n";
  if (m.status != "official")
    s += "> This methodology is marked **" + md(m.status) + "**: its scores illustrate the method and are not official results.\n\n";

  s += "## 1. Summary\n\n";
  s += fmt::format("{} network{} tested. Scores are on {}–{}.\n\n", t.units.size(), t.units.size() == 1 ? "" : "s",
                   fmt_number(lo), fmt_number(hi));
  for (const auto& c : r.comparisons.comparisons) {
    if (!c.period.empty()) s += "Period " + md(c.period) + ":\n\n";
    std::vector<std::size_t> order(c.members.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const int ra = c.rank(static_cast<Eigen::Index>(a), 0), rb = c.rank(static_cast<Eigen::Index>(b), 0);
      return (ra == 0 ? 1 << 30 : ra) < (rb == 0 ? 1 << 30 : rb);
    });
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i : order) {
      const std::size_t u = c.members[i];
      const int rank = c.rank(static_cast<Eigen::Index>(i), 0);
      const auto cov = t.coverage_at(u, 0);
      rows.push_back({rank ? std::to_string(rank) : "–", md(r.unit_label(u)), score_text(t.score(u, 0)),
                      md(maturity_label(t, u, 0)), cov ? pct(*cov) : "–"});
    }
    s += table({"Rank", "Network", "Overall score", "Maturity", "Coverage"}, rows);
  }

  s += "## 2. The methodology\n\n" + md(m.description) + "\n\nSource: " + md(m.source) + "\n\n";
  s += fmt::format("Unanswered questions count as **{}**; not-applicable answers are **{}**; a node needs at least {} of "
                   "its applicable weight answered to be scored.\n\n",
                   m.missing == AbsentPolicy::Zero ? "zero" : "dropped", m.not_applicable == AbsentPolicy::Drop ? "dropped" : "zero",
                   pct(m.min_coverage));
  if (!m.maturity.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : m.maturity) rows.push_back({md(l.name), fmt_number(l.min)});
    s += table({"Maturity level", "From score"}, rows);
  }
  {
    const auto shares = m.effective_shares();
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
      const Node& n = m.nodes[i];
      const std::string rule = n.is_question() ? std::string(to_string(n.question->type)) + (n.question->scored() ? "" : " (unscored)")
                                               : std::string(to_string(n.combine));
      std::string indent;
      for (std::size_t k = 0; k < n.depth; ++k) indent += "&nbsp;&nbsp;";
      rows.push_back({"`" + n.id + "`", indent + md(fit_width(n.name, 80)), rule, fmt_number(n.weight), fmt_fixed(100 * shares[i], 2) + "%"});
    }
    s += table({"Id", "Node", "Type or rule", "Weight", "Share"}, rows);
  }

  s += "## 3. Network profiles\n\n";
  for (const auto& p : r.profiles) {
    const std::size_t u = p.unit;
    const std::string label = r.unit_label(u);
    const std::string stem = fmt::format("profile-{}-{}", u + 1, safe_file_stem(r.unit_short(u)));
    s += "### " + md(label) + "\n\n";
    const auto overall = t.score(u, 0);
    const auto cov = t.coverage_at(u, 0);
    s += "Overall score **" + score_text(overall) + "**" + (overall ? " (" + md(maturity_label(t, u, 0)) + ")" : "") +
         "; coverage " + (cov ? pct(*cov) : "–") + ".\n\n";
    const Series main{t.units[u].network, p.dimensions};
    const Series median{"median of all networks", p.medians};
    charts->emplace_back(stem + "-radar.svg", radar_chart("Dimension scores of " + r.unit_short(u), dim_names, main, median, lo, hi));
    charts->emplace_back(stem + "-bars.svg", bar_chart("Dimension scores of " + r.unit_short(u) + " against the median", dim_names, main, median, lo, hi));
    s += "![Radar chart of the dimension scores of " + md(label) + "](charts/" + stem + "-radar.svg)\n";
    s += "![Dimension scores of " + md(label) + " against the median](charts/" + stem + "-bars.svg)\n\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < r.dimensions.size(); ++k)
      rows.push_back({md(dim_names[k]), score_text(p.dimensions[k]), score_text(p.medians[k])});
    s += table({"Dimension", "Score", "Median"}, rows);
    s += "Strongest indicators:\n\n";
    for (std::size_t n : p.strongest) s += "- " + md(m.nodes[n].name) + ": " + score_text(t.score(u, n)) + "\n";
    s += "\nWeakest indicators:\n\n";
    for (std::size_t n : p.weakest) s += "- " + md(m.nodes[n].name) + ": " + score_text(t.score(u, n)) + "\n";
    if (!p.recommendations.empty()) {
      s += "\nRecommendations:\n\n";
      for (std::size_t n : p.recommendations) s += "- **" + md(m.nodes[n].name) + "**: " + md(m.nodes[n].recommendation) + "\n";
    }
    if (!p.changes.empty()) {
      s += "\nChange since " + md(p.changes.front().from_period) + ":\n\n";
      std::vector<std::vector<std::string>> crow;
      for (const auto& ch : p.changes)
        crow.push_back({md(m.nodes[ch.node].name), fmt_fixed(ch.from, 1), fmt_fixed(ch.to, 1), fmt_fixed(ch.to - ch.from, 1)});
      s += table({"Node", md(p.changes.front().from_period), md(p.changes.front().to_period), "Change"}, crow);
    }
    if (!p.commented.empty()) {
      s += "\nThe network's own comments:\n\n";
      std::vector<std::vector<std::string>> crow;
      for (std::size_t q : p.commented) crow.push_back({"`" + m.nodes[q].id + "`", md(t.answer(u, q)->value), md(t.answer(u, q)->comment)});
      s += table({"Question", "Answer", "Comment"}, crow);
    } else {
      s += "\n";
    }
  }

  s += "## 4. Comparison\n\n";
  for (std::size_t ci = 0; ci < r.comparisons.comparisons.size(); ++ci) {
    const auto& c = r.comparisons.comparisons[ci];
    std::vector<std::string> names;
    std::vector<std::vector<std::optional<double>>> grid;
    for (std::size_t u : c.members) {
      names.push_back(r.unit_tag(u));
      std::vector<std::optional<double>> row;
      for (std::size_t d : r.dimensions) row.push_back(t.score(u, d));
      grid.push_back(row);
    }
    const std::string file = fmt::format("heatmap-{}.svg", ci + 1);
    charts->emplace_back(file, heatmap("Networks by dimension" + (c.period.empty() ? "" : ", period " + c.period), names, dim_names, grid, lo, hi));
    s += "![Heatmap of scores by network and dimension](charts/" + file + ")\n\n";
    std::vector<std::string> head = {"Network", "Overall rank", "Overall gap to best"};
    for (std::size_t d : r.dimensions) head.push_back("`" + m.nodes[d].id + "` rank");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < c.members.size(); ++i) {
      const auto row = static_cast<Eigen::Index>(i);
      std::vector<std::string> cells = {md(r.unit_label(c.members[i])), c.rank(row, 0) ? std::to_string(c.rank(row, 0)) : "–",
                                        std::isnan(c.gap_to_leader(row, 0)) ? "–" : fmt_fixed(c.gap_to_leader(row, 0), 1)};
      for (std::size_t d : r.dimensions) {
        const int rank = c.rank(row, static_cast<Eigen::Index>(d));
        cells.push_back(rank ? std::to_string(rank) : "–");
      }
      rows.push_back(cells);
    }
    s += table(head, rows);
  }

  if (r.sensitivity) {
    const SensitivityResult& sr = *r.sensitivity;
    std::vector<std::string> labels;
    for (std::size_t u = 0; u < t.units.size(); ++u) labels.push_back(r.unit_tag(u));
    charts->emplace_back("rank-intervals.svg", rank_interval_chart("Rank intervals under uncertainty", labels, sr));
    s += "### Robustness of the ranking\n\n" + md(describe(r.sensitivity_settings)) + fmt::format(" ({} model runs; the ranking changes in {}% of the draws).\n\n", sr.runs, fmt_fixed(100 * sr.changed_share, 1));
    s += "![Rank intervals of each network under uncertainty](charts/rank-intervals.svg)\n\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t u = 0; u < t.units.size(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      const int nom = sr.nominal_rank(i);
      rows.push_back({md(r.unit_label(u)), nom ? std::to_string(nom) : "–", fmt_fixed(sr.median_rank(i), 0),
                      fmt_fixed(sr.rank_p05(i), 0) + "–" + fmt_fixed(sr.rank_p95(i), 0),
                      nom ? fmt_fixed(100 * sr.rank_probability(i, nom - 1), 0) + "%" : "–"});
    }
    s += table({"Network", "Reported rank", "Median rank", "5–95% ranks", "Draws at the reported rank"}, rows);
    std::vector<std::vector<std::string>> frows;
    for (std::size_t f = 0; f < sr.factors.size(); ++f) {
      const auto i = static_cast<Eigen::Index>(f);
      frows.push_back({md(sr.factors[f]), std::isnan(sr.mean_first_order(i)) ? "–" : fmt_fixed(sr.mean_first_order(i), 3),
                       std::isnan(sr.mean_total_order(i)) ? "–" : fmt_fixed(sr.mean_total_order(i), 3)});
    }
    s += table({"Uncertain input", "First order", "Total order"}, frows);
  }

  const Diagnostics& d = r.diagnostics;
  s += "## 5. What the pilot says about the questionnaire\n\n";
  {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> flat;
    for (const auto& q : d.questions) {
      std::string dist;
      for (const auto& [answer, count] : q.distribution) dist += (dist.empty() ? "" : ", ") + md(answer) + fmt::format(": {}", count);
      rows.push_back({"`" + m.nodes[q.node].id + "`", pct(q.response_rate), pct(q.not_applicable_rate), dist});
      if (!q.discriminates) flat.push_back(q.node);
    }
    s += table({"Question", "Response rate", "Not applicable", "Answers"}, rows);
    s += "### Questions that do not discriminate\n\n";
    if (flat.empty()) s += "Every scored question separates at least two networks.\n\n";
    for (std::size_t q : flat) s += "- `" + m.nodes[q].id + "` " + md(m.nodes[q].question->text) + "\n";
    if (!flat.empty()) s += "\n";
    s += "### Indicators that may duplicate each other (|r| ≥ " + fmt_number(d.correlation_threshold) + ")\n\n";
    if (d.correlated.empty()) s += "No pair of indicators is correlated that strongly.\n\n";
    else {
      std::vector<std::vector<std::string>> crow;
      for (const auto& c : d.correlated) crow.push_back({md(m.nodes[c.a].name), md(m.nodes[c.b].name), fmt_fixed(c.r, 3), std::to_string(c.n)});
      s += table({"Indicator", "Indicator", "Pearson r", "Networks"}, crow);
    }
    s += "### Internal consistency of each dimension\n\n";
    std::vector<std::vector<std::string>> arow;
    for (const auto& c : d.dimensions)
      arow.push_back({md(m.nodes[c.node].name), std::to_string(c.items), std::to_string(c.units), c.alpha ? fmt_fixed(*c.alpha, 3) : "–", md(c.note)});
    s += table({"Dimension", "Items", "Networks", "Cronbach's alpha", "Note"}, arow);
  }

  s += "## 6. Annex\n\n";
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    s += "### All scores: " + md(r.unit_label(u)) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t n = 0; n < m.nodes.size(); ++n) {
      const Answer* a = m.nodes[n].is_question() ? t.answer(u, n) : nullptr;
      const auto cov = t.coverage_at(u, n);
      rows.push_back({"`" + m.nodes[n].id + "`", score_text(t.score(u, n)), to_string(t.state_at(u, n)), cov ? pct(*cov) : "–", a ? md(a->value) : ""});
    }
    s += table({"Id", "Score", "State", "Coverage", "Answer"}, rows);
  }
  std::vector<std::vector<std::string>> irow;
  for (const auto& in : r.inputs) irow.push_back({md(in.role), md(in.path), std::to_string(in.bytes), "`" + in.sha256 + "`"});
  s += "### Input files\n\n" + table({"Role", "Path", "Bytes", "SHA-256"}, irow);
  s += "Produced by gpn " GPN_VERSION " with: " + md(r.settings.options) + "\n";
  return s;
}

}  // namespace gpn
