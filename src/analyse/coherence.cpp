#include "gpn/coherence.h"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "gpn/diagnose.h"
#include "text/text.h"

namespace gpn {

std::vector<double> average_ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size(), NAN);
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double avg = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = avg;
    i = j + 1;
  }
  return r;
}

std::optional<double> spearman(const std::vector<double>& x, const std::vector<double>& y) {
  // Rank only the pairs present on both sides, as the Pearson correlation of ranks.
  std::vector<double> xs, ys;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) xs.push_back(x[i]), ys.push_back(y[i]);
  return pearson(average_ranks(xs), average_ranks(ys));
}

std::vector<AggregateCoherence> coherence(const ScoreTable& t, double duplicate_threshold) {
  const Methodology& m = t.methodology;
  std::vector<AggregateCoherence> out;
  auto column = [&](std::size_t node) {
    std::vector<double> v(t.units.size());
    for (std::size_t u = 0; u < t.units.size(); ++u) v[u] = t.score(u, node).value_or(NAN);
    return v;
  };
  for (std::size_t p = 0; p < m.nodes.size(); ++p) {
    if (m.nodes[p].is_question()) continue;
    AggregateCoherence c;
    c.node = p;
    for (std::size_t ch : m.nodes[p].children)
      if (m.scored(ch) && !(m.nodes[ch].is_question() && !m.nodes[ch].question->scored())) c.children.push_back(ch);
    const auto k = static_cast<Eigen::Index>(c.children.size());
    if (k < 2) continue;
    std::vector<std::vector<double>> cols;
    for (std::size_t ch : c.children) cols.push_back(column(ch));
    c.pearson = c.spearman = Eigen::MatrixXd::Constant(k, k, NAN);
    for (Eigen::Index i = 0; i < k; ++i)
      for (Eigen::Index j = 0; j < k; ++j) {
        const auto& a = cols[static_cast<std::size_t>(i)];
        const auto& b = cols[static_cast<std::size_t>(j)];
        c.pearson(i, j) = pearson(a, b).value_or(NAN);
        c.spearman(i, j) = spearman(a, b).value_or(NAN);
        if (i >= j || std::isnan(c.pearson(i, j))) continue;
        const std::string pair = m.nodes[c.children[static_cast<std::size_t>(i)]].id + " ~ " + m.nodes[c.children[static_cast<std::size_t>(j)]].id;
        if (c.pearson(i, j) < 0) c.flags.push_back(fmt::format("negative: {} (r = {})", pair, fmt_fixed(c.pearson(i, j), 2)));
        if (std::fabs(c.pearson(i, j)) >= duplicate_threshold)
          c.flags.push_back(fmt::format("near-duplicate: {} (r = {})", pair, fmt_fixed(c.pearson(i, j), 2)));
      }
    std::vector<std::size_t> complete;
    for (std::size_t u = 0; u < t.units.size(); ++u)
      if (std::all_of(cols.begin(), cols.end(), [&](const std::vector<double>& v) { return !std::isnan(v[u]); })) complete.push_back(u);
    c.complete_units = complete.size();
    if (complete.size() >= 3) {
      Eigen::MatrixXd x(static_cast<Eigen::Index>(complete.size()), k);
      for (std::size_t r = 0; r < complete.size(); ++r)
        for (Eigen::Index j = 0; j < k; ++j) x(static_cast<Eigen::Index>(r), j) = cols[static_cast<std::size_t>(j)][complete[r]];
      c.alpha = cronbach_alpha(x);
      Eigen::MatrixXd z = x.rowwise() - x.colwise().mean();
      bool constant = false;
      for (Eigen::Index j = 0; j < k; ++j) {
        const double n2 = z.col(j).norm();
        if (n2 <= 0) constant = true;
        else z.col(j) /= n2;
      }
      if (!constant) {
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(z.transpose() * z);
        c.pc1_share = eig.eigenvalues()(k - 1) / static_cast<double>(k);
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string write_coherence_table(const ScoreTable& t, const std::vector<AggregateCoherence>& all) {
  const Methodology& m = t.methodology;
  std::string out = fmt::format("{:<30}{:>6}{:>7}{:>8}{:>9}{:>9}\n", "Aggregate", "Items", "Units", "Alpha", "PC1 var", "Mean r");
  for (const auto& c : all) {
    double sum = 0;
    int n = 0;
    for (Eigen::Index i = 0; i < c.pearson.rows(); ++i)
      for (Eigen::Index j = i + 1; j < c.pearson.cols(); ++j)
        if (!std::isnan(c.pearson(i, j))) sum += c.pearson(i, j), ++n;
    out += fmt::format("{:<30}{:>6}{:>7}{:>8}{:>9}{:>9}\n", fit_width(m.nodes[c.node].id + " " + m.nodes[c.node].name, 29),
                       c.children.size(), c.complete_units, c.alpha ? fmt_fixed(*c.alpha, 3) : "--",
                       c.pc1_share ? fmt_fixed(100 * *c.pc1_share, 0) + "%" : "--", n ? fmt_fixed(sum / n, 2) : "--");
    for (const auto& f : c.flags) out += "    " + fit_width(f, 74) + "\n";
  }
  return out;
}

std::string write_coherence_csv(const ScoreTable& t, const std::vector<AggregateCoherence>& all) {
  const Methodology& m = t.methodology;
  std::string out = "aggregate,a,b,pearson,spearman\n";
  for (const auto& c : all)
    for (std::size_t i = 0; i < c.children.size(); ++i)
      for (std::size_t j = i + 1; j < c.children.size(); ++j) {
        const double p = c.pearson(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        const double s = c.spearman(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        out += fmt::format("{},{},{},{},{}\n", m.nodes[c.node].id, m.nodes[c.children[i]].id, m.nodes[c.children[j]].id,
                           std::isnan(p) ? "" : fmt_number(p), std::isnan(s) ? "" : fmt_number(s));
      }
  return out;
}

}  // namespace gpn
