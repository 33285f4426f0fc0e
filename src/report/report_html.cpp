// The report as one self-contained HTML page: inline CSS and SVG, no scripts,
// no external requests; print CSS gives A4 pages. All outside text is escaped.
#include <fmt/format.h>

#include <cmath>

#include "report/charts_svg.h"
#include "gpn/report.h"
#include "gpn/writers.h"
#include "gpn/sensitivity_write.h"
#include "text/text.h"

namespace gpn {
namespace {

std::string esc(std::string_view s) { return html_escape(s); }
std::string score_text(std::optional<double> v) { return v ? fmt_fixed(*v, 1) : "&ndash;"; }
std::string pct(double v) { return fmt_fixed(100 * v, 0) + "%"; }

const char* kCss = R"(
body{font-family:Helvetica,Arial,sans-serif;color:#1d1d1d;max-width:980px;margin:0 auto;padding:24px;line-height:1.45}
h1{color:#14532d;margin-bottom:4px}h2{color:#14532d;border-bottom:2px solid #14532d;padding-bottom:3px;margin-top:40px}
h3{color:#1b7a3a;margin-top:28px}table{border-collapse:collapse;margin:10px 0 18px;font-size:13px}
th,td{border:1px solid #ccd5cc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#e8f3ea}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:bold;padding:4px 0}
.meta{color:#555}.note{background:#fff8e1;border-left:4px solid #e0a800;padding:6px 10px}
.charts{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}svg{max-width:100%;height:auto}
td code{white-space:nowrap}figure{margin:0}figcaption{font-size:12px;color:#555}nav ol{columns:2}code{font-size:12px;word-break:break-all}
@media print{@page{size:A4;margin:16mm 14mm}body{max-width:none;padding:0;font-size:11px}
section{break-before:page}section#summary{break-before:auto}article.profile{break-before:page}article.profile:first-of-type{break-before:auto}
table,figure,tr{break-inside:avoid}h2,h3{break-after:avoid}nav{display:none}a{color:inherit;text-decoration:none}}
)";

std::string tr(const std::vector<std::string>& cells, bool header = false) {
  std::string s = "<tr>";
  for (const auto& c : cells) {
    const bool num = !c.empty() && c.find_first_not_of("0123456789.-+%&ndash;") == std::string::npos;
    s += fmt::format("<{0}{1}>{2}</{0}>", header ? "th scope=\"col\"" : "td", num && !header ? " class=\"num\"" : "", c);
  }
  return s + "</tr>\n";
}

std::string table(const std::string& caption, const std::vector<std::string>& head,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string s = "<table>\n<caption>" + caption + "</caption>\n<thead>" + tr(head, true) + "</thead>\n<tbody>\n";
  for (const auto& r : rows) s += tr(r);
  return s + "</tbody></table>\n";
}

}  // namespace

std::string write_report_html(const Report& r) {
  const ScoreTable& t = *r.table;
  const Methodology& m = t.methodology;
  const double lo = m.scale_min, hi = m.scale_max;
  std::vector<std::string> dim_names;
  for (std::size_t d : r.dimensions) dim_names.push_back(m.nodes[d].name);

  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>Pilot testing report: " + esc(m.title) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
  h += "<header>\n<h1>Pilot testing report</h1>\n<p class=\"meta\">" + esc(m.title) + ", version " + esc(m.version) +
       " (" + esc(m.status) + ")" + (r.settings.date.empty() ? "" : " &middot; " + esc(r.settings.date)) + "</p>\n";
  if (m.status != "official")
    h += "<p class=\"note\">This methodology is marked <strong>" + esc(m.status) +
         "</strong>: its scores illustrate the method and are not official results.</p>\n";
  h += "</header>\n<nav aria-label=\"Contents\"><ol><li><a href=\"#summary\">Summary</a></li><li><a href=\"#methodology\">"
       "The methodology</a></li><li><a href=\"#profiles\">Network profiles</a></li><li><a href=\"#comparison\">Comparison</a>"
       "</li><li><a href=\"#questionnaire\">What the pilot says about the questionnaire</a></li><li><a href=\"#annex\">Annex"
       "</a></li></ol></nav>\n";

  // 1. Summary
  h += "<section id=\"summary\">\n<h2>1. Summary</h2>\n";
  h += fmt::format("<p>{} network{} tested with <em>{}</em> {} ({}). Scores are on {}&ndash;{}.</p>\n", t.units.size(),
                   t.units.size() == 1 ? "" : "s", esc(m.title), esc(m.version), esc(m.status), fmt_number(lo), fmt_number(hi));
  for (const auto& c : r.comparisons.comparisons) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> order(c.members.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const int ra = c.rank(static_cast<Eigen::Index>(a), 0), rb = c.rank(static_cast<Eigen::Index>(b), 0);
      return (ra == 0 ? 1 << 30 : ra) < (rb == 0 ? 1 << 30 : rb);
    });
    for (std::size_t i : order) {
      const std::size_t u = c.members[i];
      const int rank = c.rank(static_cast<Eigen::Index>(i), 0);
      const auto cov = t.coverage_at(u, 0);
      rows.push_back({rank ? std::to_string(rank) : "&ndash;", esc(r.unit_label(u)), score_text(t.score(u, 0)),
                      esc(maturity_label(t, u, 0)), cov ? pct(*cov) : "&ndash;"});
    }
    h += table(c.period.empty() ? "Ranking" : "Ranking, period " + esc(c.period),
               {"Rank", "Network", "Overall score", "Maturity", "Coverage"}, rows);
  }
  h += "</section>\n";

  // 2. Methodology
  h += "<section id=\"methodology\">\n<h2>2. The methodology</h2>\n";
  h += "<p>" + esc(m.description) + "</p>\n<p class=\"meta\">Source: " + esc(m.source) + "</p>\n";
  h += fmt::format("<p>Unanswered questions count as <strong>{}</strong>; not-applicable answers are <strong>{}</strong>"
                   "{}; a node needs at least {} of its applicable weight answered to be scored.</p>\n",
                   m.missing == AbsentPolicy::Zero ? "zero" : "dropped (siblings' weights renormalised)",
                   m.not_applicable == AbsentPolicy::Drop ? "dropped" : "counted as zero",
                   m.not_applicable == AbsentPolicy::Drop ? " (siblings' weights renormalised)" : "", pct(m.min_coverage));
  if (!m.maturity.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < m.maturity.size(); ++i)
      rows.push_back({esc(m.maturity[i].name), fmt_number(m.maturity[i].min),
                      i + 1 < m.maturity.size() ? "below " + fmt_number(m.maturity[i + 1].min) : fmt_number(hi)});
    h += table("Maturity levels", {"Level", "From", "To"}, rows);
  }
  {
    const auto shares = m.effective_shares();
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
      const Node& n = m.nodes[i];
      const std::string rule = n.is_question()
                                   ? std::string(to_string(n.question->type)) + (n.question->scored() ? "" : " (unscored)")
                                   : std::string(to_string(n.combine));
      rows.push_back({"<code>" + esc(n.id) + "</code>",
                      fmt::format("<span style=\"padding-left:{}em\">{}</span>", n.depth, esc(n.name)), esc(rule),
                      fmt_number(n.weight), fmt_fixed(100 * shares[i], 2) + "%"});
    }
    h += table("Framework: every node with its effective share of the total score",
               {"Id", "Node", "Type or rule", "Weight", "Share"}, rows);
  }
  h += "</section>\n";

  // 3. Profiles
  h += "<section id=\"profiles\">\n<h2>3. Network profiles</h2>\n";
  for (const auto& p : r.profiles) {
    const std::size_t u = p.unit;
    const std::string label = r.unit_label(u);
    h += "<article class=\"profile\" id=\"profile-" + std::to_string(u + 1) + "\">\n<h3>" + esc(label) + "</h3>\n";
    const auto overall = t.score(u, 0);
    const auto cov = t.coverage_at(u, 0);
    h += "<p>Overall score <strong>" + score_text(overall) + "</strong>" +
         (overall ? " (" + esc(maturity_label(t, u, 0)) + ")" : "") + "; coverage " + (cov ? pct(*cov) : "&ndash;") + ".</p>\n";
    const Series main{t.units[u].network, p.dimensions};
    const Series median{"median of all networks", p.medians};
    h += "<div class=\"charts\">\n<figure>" + radar_chart("Dimension scores of " + r.unit_short(u), dim_names, main, median, lo, hi) +
         "<figcaption>Radar of the dimension scores; dashed: median of all networks.</figcaption></figure>\n<figure>" +
         bar_chart("Dimension scores of " + r.unit_short(u) + " against the median", dim_names, main, median, lo, hi) +
         "<figcaption>Bars: this network; red ticks: median of all networks.</figcaption></figure>\n</div>\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < r.dimensions.size(); ++k) {
      const auto c = t.coverage_at(u, r.dimensions[k]);
      rows.push_back({esc(dim_names[k]), score_text(p.dimensions[k]), score_text(p.medians[k]),
                      esc(maturity_label(t, u, r.dimensions[k])), c ? pct(*c) : "&ndash;"});
    }
    h += table("Dimensions", {"Dimension", "Score", "Median", "Maturity", "Coverage"}, rows);
    auto list = [&](const std::vector<std::size_t>& nodes) {
      std::string s = "<ul>";
      for (std::size_t n : nodes) s += "<li>" + esc(m.nodes[n].name) + ": " + score_text(t.score(u, n)) + "</li>";
      return s + "</ul>\n";
    };
    h += "<h4>Strongest indicators</h4>\n" + list(p.strongest) + "<h4>Weakest indicators</h4>\n" + list(p.weakest);
    if (!p.recommendations.empty()) {
      h += "<h4>Recommendations</h4>\n<ul>";
      for (std::size_t n : p.recommendations) h += "<li><strong>" + esc(m.nodes[n].name) + "</strong>: " + esc(m.nodes[n].recommendation) + "</li>";
      h += "</ul>\n";
    }
    if (!p.changes.empty()) {
      std::vector<std::vector<std::string>> crow;
      for (const auto& ch : p.changes) {
        const std::string d = fmt_fixed(ch.to - ch.from, 1);
        crow.push_back({esc(m.nodes[ch.node].name), fmt_fixed(ch.from, 1), fmt_fixed(ch.to, 1), d[0] == '-' || d == "0.0" ? d : "+" + d});
      }
      h += table("Change since " + esc(p.changes.front().from_period), {"Node", esc(p.changes.front().from_period),
                 esc(p.changes.front().to_period), "Change"}, crow);
    }
    if (!p.commented.empty()) {
      std::vector<std::vector<std::string>> crow;
      for (std::size_t q : p.commented) crow.push_back({"<code>" + esc(m.nodes[q].id) + "</code>", esc(t.answer(u, q)->value), esc(t.answer(u, q)->comment)});
      h += table("The network's own comments", {"Question", "Answer", "Comment"}, crow);
    }
    h += "</article>\n";
  }
  h += "</section>\n";

  // 4. Comparison
  h += "<section id=\"comparison\">\n<h2>4. Comparison</h2>\n";
  for (const auto& c : r.comparisons.comparisons) {
    const std::string suffix = c.period.empty() ? "" : ", period " + c.period;
    std::vector<std::string> rows_names;
    std::vector<std::vector<std::optional<double>>> grid;
    for (std::size_t u : c.members) {
      rows_names.push_back(r.unit_tag(u));
      std::vector<std::optional<double>> row;
      for (std::size_t d : r.dimensions) row.push_back(t.score(u, d));
      grid.push_back(row);
    }
    h += "<figure>" + heatmap("Networks by dimension" + suffix, rows_names, dim_names, grid, lo, hi) +
         "<figcaption>Darker cells are higher scores.</figcaption></figure>\n";
    std::vector<std::string> head = {"Network", "Overall"};
    for (std::size_t d : r.dimensions) head.push_back(esc(m.nodes[d].id));
    std::vector<std::vector<std::string>> rank_rows, gap_rows;
    for (std::size_t i = 0; i < c.members.size(); ++i) {
      const auto row = static_cast<Eigen::Index>(i);
      std::vector<std::string> ranks = {esc(r.unit_label(c.members[i]))}, gaps = ranks;
      std::vector<std::size_t> cols = {0};
      cols.insert(cols.end(), r.dimensions.begin(), r.dimensions.end());
      for (std::size_t col : cols) {
        const auto j = static_cast<Eigen::Index>(col);
        ranks.push_back(c.rank(row, j) ? std::to_string(c.rank(row, j)) : "&ndash;");
        gaps.push_back(std::isnan(c.gap_to_leader(row, j)) ? "&ndash;" : fmt_fixed(c.gap_to_leader(row, j), 1));
      }
      rank_rows.push_back(ranks);
      gap_rows.push_back(gaps);
    }
    h += table("Ranks (1 = highest; ties share the smaller rank)" + esc(suffix), head, rank_rows);
    h += table("Distance to the best network (score minus the highest score)" + esc(suffix), head, gap_rows);
  }
  if (r.sensitivity) {
    const SensitivityResult& sr = *r.sensitivity;
    std::vector<std::string> labels;
    for (std::size_t u = 0; u < t.units.size(); ++u) labels.push_back(r.unit_tag(u));
    h += "<h3>Robustness of the ranking</h3>\n<p>" + esc(describe(r.sensitivity_settings)) +
         fmt::format(" ({} model runs; the ranking changes in {}% of the draws).</p>\n", sr.runs, fmt_fixed(100 * sr.changed_share, 1));
    h += "<figure>" + rank_interval_chart("Rank intervals under uncertainty", labels, sr) +
         "<figcaption>Bar: ranks in 90% of the draws; circle: median rank; diamond: the reported rank.</figcaption></figure>\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t u = 0; u < t.units.size(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      const int nom = sr.nominal_rank(i);
      rows.push_back({esc(r.unit_label(u)), nom ? std::to_string(nom) : "&ndash;", fmt_fixed(sr.median_rank(i), 0),
                      fmt_fixed(sr.rank_p05(i), 0) + "&ndash;" + fmt_fixed(sr.rank_p95(i), 0),
                      nom ? fmt_fixed(100 * sr.rank_probability(i, nom - 1), 0) + "%" : "&ndash;"});
    }
    h += table("Rank under uncertainty", {"Network", "Reported rank", "Median rank", "5&ndash;95% ranks", "Draws at the reported rank"}, rows);
    std::vector<std::vector<std::string>> frows;
    for (std::size_t f = 0; f < sr.factors.size(); ++f)
      frows.push_back({esc(sr.factors[f]), std::isnan(sr.mean_first_order(static_cast<Eigen::Index>(f))) ? "&ndash;" : fmt_fixed(sr.mean_first_order(static_cast<Eigen::Index>(f)), 3),
                       std::isnan(sr.mean_total_order(static_cast<Eigen::Index>(f))) ? "&ndash;" : fmt_fixed(sr.mean_total_order(static_cast<Eigen::Index>(f)), 3)});
    h += table("Which uncertain input moves the ranks (Sobol indices, mean over networks)", {"Input", "First order", "Total order"}, frows);
  }
  h += "</section>\n";

  // 5. Questionnaire
  const Diagnostics& d = r.diagnostics;
  h += "<section id=\"questionnaire\">\n<h2>5. What the pilot says about the questionnaire</h2>\n";
  {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> flat;
    for (const auto& q : d.questions) {
      std::string dist;
      for (const auto& [answer, count] : q.distribution) dist += (dist.empty() ? "" : ", ") + esc(answer) + fmt::format(": {}", count);
      rows.push_back({"<code>" + esc(m.nodes[q.node].id) + "</code>", esc(fit_width(m.nodes[q.node].question->text, 90)),
                      pct(q.response_rate), pct(q.not_applicable_rate), dist});
      if (!q.discriminates) flat.push_back(m.nodes[q.node].id);
    }
    h += table("Response per question", {"Question", "Text", "Response rate", "Not applicable", "Answers"}, rows);
    h += "<h3>Questions that do not discriminate</h3>\n";
    if (flat.empty()) h += "<p>Every scored question separates at least two networks.</p>\n";
    else {
      h += "<p>Every network that answered earned the same points on these questions:</p>\n<ul>";
      for (const auto& id : flat) h += "<li><code>" + esc(id) + "</code> " + esc(m.nodes[*m.find(id)].question->text) + "</li>";
      h += "</ul>\n";
    }
    h += fmt::format("<h3>Indicators that may duplicate each other (|r| &ge; {})</h3>\n", fmt_number(d.correlation_threshold));
    if (d.correlated.empty()) h += "<p>No pair of indicators is correlated that strongly.</p>\n";
    else {
      std::vector<std::vector<std::string>> crow;
      for (const auto& c : d.correlated)
        crow.push_back({esc(m.nodes[c.a].name), esc(m.nodes[c.b].name), fmt_fixed(c.r, 3), std::to_string(c.n)});
      h += table("Candidates for merging", {"Indicator", "Indicator", "Pearson r", "Networks"}, crow);
      if (t.units.size() < 10)
        h += fmt::format("<p class=\"note\">With {} networks a correlation this strong can arise by chance; treat these "
                         "pairs as questions to ask, not conclusions.</p>\n", t.units.size());
    }
    h += "<h3>Internal consistency of each dimension</h3>\n";
    std::vector<std::vector<std::string>> arow;
    for (const auto& c : d.dimensions)
      arow.push_back({esc(m.nodes[c.node].name), std::to_string(c.items), std::to_string(c.units),
                      c.alpha ? fmt_fixed(*c.alpha, 3) : "&ndash;", esc(c.note)});
    h += table("Cronbach's alpha over each dimension's indicators", {"Dimension", "Items", "Networks", "Alpha", "Note"}, arow);
  }
  h += "</section>\n";

  // 6. Annex
  h += "<section id=\"annex\">\n<h2>6. Annex</h2>\n";
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t n = 0; n < m.nodes.size(); ++n) {
      const Node& node = m.nodes[n];
      const Answer* a = node.is_question() ? t.answer(u, n) : nullptr;
      const auto cov = t.coverage_at(u, n);
      rows.push_back({"<code>" + esc(node.id) + "</code>", fmt::format("<span style=\"padding-left:{}em\">{}</span>", node.depth, esc(fit_width(node.name, 70))),
                      score_text(t.score(u, n)), esc(to_string(t.state_at(u, n))), cov ? pct(*cov) : "&ndash;", a ? esc(a->value) : ""});
    }
    h += table("All scores: " + esc(r.unit_label(u)), {"Id", "Node", "Score", "State", "Coverage", "Answer"}, rows);
  }
  std::vector<std::vector<std::string>> irow;
  for (const auto& in : r.inputs) irow.push_back({esc(in.role), "<code>" + esc(in.path) + "</code>", std::to_string(in.bytes), "<code>" + in.sha256 + "</code>"});
  h += table("Input files", {"Role", "Path", "Bytes", "SHA-256"}, irow);
  h += "<p>Produced by gpn " GPN_VERSION " with: <code>" + esc(r.settings.options) + "</code></p>\n</section>\n</body>\n</html>\n";
  return h;
}

}  // namespace gpn
