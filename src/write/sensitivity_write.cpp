#include "gpn/sensitivity_write.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "report/charts_svg.h"
#include "text/csv.h"
#include "text/text.h"

namespace gpn {
namespace {
std::string fx(double v, int d) { return std::isnan(v) ? "--" : fmt_fixed(v, d); }
std::string num(double v) { return std::isnan(v) ? "" : fmt_number(v); }
std::string unit_name(const ScoreTable& t, Eigen::Index u) {
  const Unit& x = t.units[static_cast<std::size_t>(u)];
  return x.period.empty() ? x.network : x.network + " " + x.period;
}
}  // namespace

std::string describe(const SensitivitySettings& s) {
  std::string d = fmt::format("{} base samples, seed {}", s.samples, s.seed);
  if (s.dirichlet > 0) d += fmt::format("; weights ~ Dirichlet(concentration {})", fmt_number(s.dirichlet));
  else if (s.weight_range > 0) d += fmt::format("; weights x U({}, {})", fmt_number(1 - s.weight_range), fmt_number(1 + s.weight_range));
  if (s.aggregations.size() > 1) {
    d += "; aggregation one of";
    for (auto c : s.aggregations) d += std::string(" ") + to_string(c);
  }
  if (s.normalisations.size() > 1) {
    d += "; normalisation one of";
    for (const auto& n : s.normalisations) d += " " + n;
  }
  if (s.imputations.size() > 1) {
    d += "; imputation one of";
    for (const auto& n : s.imputations) d += " " + n;
  }
  if (s.drop_one) d += "; one indicator (or none) dropped";
  return d;
}

std::string write_sensitivity_table(const ScoreTable& t, const SensitivitySettings& s, const SensitivityResult& r) {
  std::string out = fit_width("Uncertainty: " + describe(s), 78) + "\n";
  out += fmt::format("{} model runs; rank statistics over {} independent draws; the ranking changes in {}% of them.\n",
                     r.runs, r.draws, fmt_fixed(100 * r.changed_share, 1));
  if (r.changed_share < 0.05)
    out += "Ranks rarely move, so the Sobol estimates below carry large sampling error; raise --samples to firm them up.\n";
  out += "\n";
  out += fmt::format("{:<16}{:>9}{:>9}{:>8}{:>13}{:>11}{:>12}\n", "Network", "Score", "Nominal", "Median", "5-95% ranks",
                     "Mean score", "P(nominal)");
  for (Eigen::Index u = 0; u < r.nominal_rank.size(); ++u) {
    const int nom = r.nominal_rank(u);
    const double p = nom > 0 ? r.rank_probability(u, nom - 1) : NAN;
    out += fmt::format("{:<16}{:>9}{:>9}{:>8}{:>13}{:>11}{:>12}\n", fit_width(unit_name(t, u), 15), fx(r.nominal_score(u), 1),
                       nom ? std::to_string(nom) : "--", fx(r.median_rank(u), 0),
                       std::isnan(r.rank_p05(u)) ? "--" : fmt::format("{}-{}", fx(r.rank_p05(u), 0), fx(r.rank_p95(u), 0)),
                       fx(r.mean_score(u), 1), fx(p, 2));
  }
  out += fmt::format("\n{:<24}{:>14}{:>14}\n", "Uncertain input", "First order", "Total order");
  for (std::size_t f = 0; f < r.factors.size(); ++f)
    out += fmt::format("{:<24}{:>14}{:>14}\n", r.factors[f], fx(r.mean_first_order(static_cast<Eigen::Index>(f)), 3),
                       fx(r.mean_total_order(static_cast<Eigen::Index>(f)), 3));
  out += "Sobol indices of each network's output, averaged over the networks weighted by the output's variance.\n";
  return out;
}

std::string write_sensitivity_csv(const ScoreTable& t, const SensitivityResult& r) {
  std::string out = "network,period,nominal_score,nominal_rank,median_rank,rank_p05,rank_p95,mean_score";
  for (const auto& f : r.factors) out += ",first_order:" + csv_field(f) + ",total_order:" + csv_field(f);
  out += "\n";
  for (Eigen::Index u = 0; u < r.nominal_rank.size(); ++u) {
    const Unit& x = t.units[static_cast<std::size_t>(u)];
    out += csv_text(x.network) + ',' + csv_text(x.period) + ',' + num(r.nominal_score(u)) + ',' +
           (r.nominal_rank(u) ? std::to_string(r.nominal_rank(u)) : "") + ',' + num(r.median_rank(u)) + ',' + num(r.rank_p05(u)) +
           ',' + num(r.rank_p95(u)) + ',' + num(r.mean_score(u));
    for (std::size_t f = 0; f < r.factors.size(); ++f)
      out += ',' + num(r.first_order(static_cast<Eigen::Index>(f), u)) + ',' + num(r.total_order(static_cast<Eigen::Index>(f), u));
    out += "\n";
  }
  return out;
}

std::string write_sensitivity_json(const ScoreTable& t, const SensitivitySettings& s, const SensitivityResult& r) {
  using json = nlohmann::ordered_json;
  auto val = [](double v) { return std::isnan(v) ? json(nullptr) : json(v); };
  json doc = {{"format", "gpn-sensitivity/1"}, {"settings", describe(s)}, {"seed", s.seed}, {"samples", s.samples},
              {"runs", r.runs}, {"draws", r.draws}, {"changed_share", r.changed_share}, {"target", s.target_score ? "score" : "rank"}};
  json factors = json::array();
  for (std::size_t f = 0; f < r.factors.size(); ++f)
    factors.push_back({{"factor", r.factors[f]}, {"mean_first_order", val(r.mean_first_order(static_cast<Eigen::Index>(f)))},
                       {"mean_total_order", val(r.mean_total_order(static_cast<Eigen::Index>(f)))}});
  doc["factors"] = std::move(factors);
  json units = json::array();
  for (Eigen::Index u = 0; u < r.nominal_rank.size(); ++u) {
    json probs = json::array();
    for (Eigen::Index k = 0; k < r.rank_probability.cols(); ++k) probs.push_back(r.rank_probability(u, k));
    json first = json::object(), total = json::object();
    for (std::size_t f = 0; f < r.factors.size(); ++f) {
      first[r.factors[f]] = val(r.first_order(static_cast<Eigen::Index>(f), u));
      total[r.factors[f]] = val(r.total_order(static_cast<Eigen::Index>(f), u));
    }
    units.push_back({{"network", t.units[static_cast<std::size_t>(u)].network}, {"period", t.units[static_cast<std::size_t>(u)].period},
                     {"nominal_score", val(r.nominal_score(u))}, {"nominal_rank", r.nominal_rank(u) ? json(r.nominal_rank(u)) : json(nullptr)},
                     {"median_rank", val(r.median_rank(u))}, {"rank_p05", val(r.rank_p05(u))}, {"rank_p95", val(r.rank_p95(u))},
                     {"mean_score", val(r.mean_score(u))}, {"rank_probability", std::move(probs)},
                     {"first_order", std::move(first)}, {"total_order", std::move(total)}});
  }
  doc["units"] = std::move(units);
  return doc.dump(2) + "\n";
}

std::string rank_interval_chart(const std::string& title, const std::vector<std::string>& labels, const SensitivityResult& r) {
  const double left = 250, width = 320, row = 24, top = 46;
  const auto n = static_cast<double>(labels.size());
  const double h = top + row * n + 50;
  const double ranks = std::max(1.0, n);
  auto x_of = [&](double rank) { return left + width * (rank - 1) / std::max(1.0, ranks - 1); };
  std::string desc = "Rank of each network across the Monte Carlo draws.";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto u = static_cast<Eigen::Index>(i);
    desc += fmt::format(" {}: nominal {}, median {}, 5-95% {} to {};", labels[i], r.nominal_rank(u), fx(r.median_rank(u), 0),
                        fx(r.rank_p05(u), 0), fx(r.rank_p95(u), 0));
  }
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\" "
      "font-family=\"Helvetica, Arial, sans-serif\">\n<title>{2}</title>\n<desc>{3}</desc>\n"
      "<text x=\"{4}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{2}</text>\n",
      fmt_fixed(left + width + 40, 1), fmt_fixed(h, 1), html_escape(title), html_escape(desc), fmt_fixed((left + width + 40) / 2, 1));
  for (int k = 1; k <= static_cast<int>(ranks); ++k)
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e3e3e3\"/><text x=\"{0}\" y=\"{3}\" font-size=\"10\" "
                     "text-anchor=\"middle\" fill=\"#555\">{4}</text>\n",
                     fmt_fixed(x_of(k), 1), fmt_fixed(top - 6, 1), fmt_fixed(h - 40, 1), fmt_fixed(h - 28, 1), k);
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">Rank (1 = best)</text>\n",
                   fmt_fixed(left + width / 2, 1), fmt_fixed(h - 14, 1));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto u = static_cast<Eigen::Index>(i);
    const double y = top + row * static_cast<double>(i) + 10;
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>\n", fmt_fixed(left - 10, 1),
                     fmt_fixed(y + 4, 1), html_escape(fit_width(labels[i], 34)));
    if (std::isnan(r.rank_p05(u))) continue;
    s += fmt::format("<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"#1b7a3a\" stroke-width=\"6\" stroke-linecap=\"round\"/>\n",
                     fmt_fixed(x_of(r.rank_p05(u)), 1), fmt_fixed(x_of(r.rank_p95(u)), 1), fmt_fixed(y, 1));
    s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#fff\" stroke=\"#14532d\" stroke-width=\"2\"/>\n",
                     fmt_fixed(x_of(r.median_rank(u)), 1), fmt_fixed(y, 1));
    if (r.nominal_rank(u) > 0) {
      const double x = x_of(r.nominal_rank(u));
      s += fmt::format("<path d=\"M {} {} l 5 6 l -5 6 l -5 -6 z\" fill=\"#c0392b\"/>\n", fmt_fixed(x, 1), fmt_fixed(y - 6, 1));
    }
  }
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\">bar: 5-95% of draws; circle: median; red diamond: nominal rank</text>\n",
                   fmt_fixed(left, 1), fmt_fixed(h - 2, 1));
  return s + "</svg>\n";
}

}  // namespace gpn
