#include "gpn/weights.h"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <cmath>

#include "text/csv.h"
#include "gpn/diagnose.h"
#include "sys/input_file.h"
#include "text/text.h"

namespace gpn {

double saaty_random_index(std::size_t n) {
  static const double kRI[] = {0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  return n < sizeof kRI / sizeof kRI[0] ? kRI[n] : 1.59;
}

bool parse_pairwise(const std::string& text, const std::string& name, std::vector<std::string>* ids,
                    Eigen::MatrixXd* a, Error* err) {
  CsvReader reader(text, name);
  CsvRecord rec;
  *err = Error{};
  if (!reader.next(&rec, err)) {
    if (err->message.empty()) *err = Error{name, 0, 0, "the file is empty"};
    return false;
  }
  std::vector<std::string> head;
  for (std::size_t i = 1; i < rec.fields.size(); ++i) head.emplace_back(trim(rec.fields[i]));
  const std::size_t n = head.size();
  if (n < 2) {
    *err = Error{name, rec.line, 0, "expected a header row with at least two node ids after the first cell"};
    return false;
  }
  Eigen::MatrixXd m(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  std::vector<std::pair<std::size_t, std::size_t>> where(n * n);
  std::size_t row = 0;
  while (reader.next(&rec, err)) {
    if (rec.fields.size() != n + 1) {
      *err = Error{name, rec.line, 0, fmt::format("expected {} fields (an id and {} comparisons), found {}", n + 1, n, rec.fields.size())};
      return false;
    }
    if (row >= n) {
      *err = Error{name, rec.line, 0, fmt::format("expected {} rows, one per id in the header, found more", n)};
      return false;
    }
    if (trim(rec.fields[0]) != head[row]) {
      *err = Error{name, rec.line, 1, fmt::format("expected row {} to be '{}' as in the header, found '{}'", row + 1, head[row], fit_width(trim(rec.fields[0]), 40))};
      return false;
    }
    for (std::size_t j = 0; j < n; ++j) {
      const std::string cell(trim(rec.fields[j + 1]));
      std::optional<double> v;
      if (const auto slash = cell.find('/'); slash != std::string::npos) {
        auto num = parse_number(cell.substr(0, slash)), den = parse_number(cell.substr(slash + 1));
        if (num && den && *den != 0) v = *num / *den;
      } else {
        v = parse_number(cell);
      }
      if (!v || !(*v > 0)) {
        *err = Error{name, rec.line, rec.columns[j + 1], fmt::format("expected a positive number or fraction such as 1/3, found '{}'", fit_width(cell, 20))};
        return false;
      }
      m(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(j)) = *v;
      where[row * n + j] = {rec.line, rec.columns[j + 1]};
    }
    ++row;
  }
  if (!err->message.empty()) return false;
  if (row != n) {
    *err = Error{name, 0, 0, fmt::format("expected {} rows, one per id in the header, found {}", n, row)};
    return false;
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const double aij = m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      const double aji = m(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i));
      if (i == j && std::fabs(aij - 1) > 1e-9) {
        *err = Error{name, where[i * n + j].first, where[i * n + j].second, fmt::format("the diagonal must be 1, found {}", fmt_number(aij))};
        return false;
      }
      if (std::fabs(aij * aji - 1) > 1e-3) {
        *err = Error{name, where[i * n + j].first, where[i * n + j].second,
                     fmt::format("expected the reciprocal of the '{}' row's '{}' entry ({}), found {}", head[j], head[i],
                                 fmt_number(1 / aji), fmt_number(aij))};
        return false;
      }
    }
  *ids = head;
  *a = m;
  return true;
}

bool load_pairwise(const std::string& path, std::vector<std::string>* ids, Eigen::MatrixXd* a, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, 1u << 20, err)) return false;
  return parse_pairwise(text, path, ids, a, err);
}

AhpResult ahp_weights(const std::vector<std::string>& ids, const Eigen::MatrixXd& a) {
  AhpResult r;
  r.ids = ids;
  Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
  Eigen::Index best = 0;
  for (Eigen::Index i = 1; i < a.rows(); ++i)
    if (solver.eigenvalues()(i).real() > solver.eigenvalues()(best).real()) best = i;
  // Perron-Frobenius: the principal eigenvector of a positive matrix has one sign.
  Eigen::VectorXd v = solver.eigenvectors().col(best).real().cwiseAbs();
  r.weights = v / v.sum();
  r.lambda_max = solver.eigenvalues()(best).real();
  const double n = static_cast<double>(a.rows());
  r.consistency_index = n > 1 ? (r.lambda_max - n) / (n - 1) : 0;
  const double ri = saaty_random_index(static_cast<std::size_t>(a.rows()));
  r.consistency_ratio = ri > 0 ? r.consistency_index / ri : 0;
  return r;
}

DerivedWeights equal_weights(const Methodology& m) {
  DerivedWeights d;
  for (std::size_t i = 1; i < m.nodes.size(); ++i) {
    const Node& parent = m.nodes[*m.nodes[i].parent];
    d.weights.emplace_back(i, 1.0 / static_cast<double>(parent.children.size()));
  }
  return d;
}

DerivedWeights pca_weights(const ScoreTable& t) {
  const Methodology& m = t.methodology;
  DerivedWeights d;
  for (std::size_t p = 0; p < m.nodes.size(); ++p) {
    const Node& parent = m.nodes[p];
    if (parent.is_question()) continue;
    const std::vector<std::size_t>& kids = parent.children;
    const auto k = static_cast<Eigen::Index>(kids.size());
    std::vector<std::size_t> complete;
    for (std::size_t u = 0; u < t.units.size(); ++u)
      if (std::all_of(kids.begin(), kids.end(), [&](std::size_t c) { return t.score(u, c).has_value(); })) complete.push_back(u);
    auto equal = [&](const std::string& why) {
      for (std::size_t c : kids) d.weights.emplace_back(c, 1.0 / static_cast<double>(k));
      d.notes.push_back(fmt::format("{}: {}; equal weights kept", parent.id, why));
    };
    if (k < 2) {
      for (std::size_t c : kids) d.weights.emplace_back(c, 1.0);
      continue;
    }
    if (complete.size() < 3) {
      equal(fmt::format("{} units with every child scored", complete.size()));
      continue;
    }
    Eigen::MatrixXd x(static_cast<Eigen::Index>(complete.size()), k);
    for (std::size_t r = 0; r < complete.size(); ++r)
      for (Eigen::Index j = 0; j < k; ++j) x(static_cast<Eigen::Index>(r), j) = *t.score(complete[r], kids[static_cast<std::size_t>(j)]);
    // PCA on the correlation matrix: standardise the columns first.
    const Eigen::RowVectorXd mean = x.colwise().mean();
    Eigen::MatrixXd z = x.rowwise() - mean;
    bool constant = false;
    for (Eigen::Index j = 0; j < k; ++j) {
      const double sd = std::sqrt(z.col(j).squaredNorm() / static_cast<double>(z.rows() - 1));
      if (sd <= 0) constant = true;
      else z.col(j) /= sd;
    }
    if (constant) {
      equal("a child has no variance");
      continue;
    }
    const Eigen::MatrixXd corr = z.transpose() * z / static_cast<double>(z.rows() - 1);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(corr);
    const Eigen::VectorXd loadings = eig.eigenvectors().col(k - 1).cwiseAbs();  // eigenvalues ascend
    for (Eigen::Index j = 0; j < k; ++j) d.weights.emplace_back(kids[static_cast<std::size_t>(j)], loadings(j) / loadings.sum());
  }
  return d;
}

std::vector<EffectiveWeight> effective_weights(const ScoreTable& t) {
  const Methodology& m = t.methodology;
  std::vector<EffectiveWeight> out;
  for (std::size_t p = 0; p < m.nodes.size(); ++p) {
    const Node& parent = m.nodes[p];
    if (parent.is_question() || !m.scored(p)) continue;
    std::vector<double> pv(t.units.size());
    for (std::size_t u = 0; u < t.units.size(); ++u) pv[u] = t.score(u, p).value_or(NAN);
    double nominal_total = 0, r2_total = 0;
    const std::size_t first = out.size();
    for (std::size_t c : parent.children) {
      if (!m.scored(c)) continue;
      EffectiveWeight e;
      e.node = c;
      e.parent = p;
      e.nominal = m.nodes[c].weight;
      nominal_total += e.nominal;
      std::vector<double> cv(t.units.size());
      for (std::size_t u = 0; u < t.units.size(); ++u) cv[u] = t.score(u, c).value_or(NAN);
      const auto r = pearson(cv, pv, &e.units);
      e.r = r.value_or(NAN);
      e.effective = r ? *r * *r : 0;
      r2_total += e.effective;
      out.push_back(e);
    }
    for (std::size_t i = first; i < out.size(); ++i) {
      out[i].nominal /= nominal_total;
      out[i].effective = r2_total > 0 ? out[i].effective / r2_total : NAN;
    }
  }
  return out;
}

std::string write_weights_yaml(const Methodology& m, const std::vector<std::pair<std::size_t, double>>& weights,
                               const std::string& comment) {
  std::string out = "# " + comment + "\n";
  for (const auto& [node, w] : weights) out += m.nodes[node].id + ": " + fmt_number(w) + "\n";
  return out;
}

}  // namespace gpn
