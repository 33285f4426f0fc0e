#include "gpn/diagnose.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "gpn/question_scoring.h"
#include "text/text.h"

namespace gpn {

std::vector<std::size_t> indicator_nodes(const Methodology& m) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    const Node& n = m.nodes[i];
    if (n.is_question() || !m.scored(i)) continue;
    if (std::all_of(n.children.begin(), n.children.end(), [&](std::size_t c) { return m.nodes[c].is_question(); }))
      out.push_back(i);
  }
  return out;
}

std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y, std::size_t* count) {
  double sx = 0, sy = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      sx += x[i];
      sy += y[i];
      ++n;
    }
  if (count) *count = n;
  if (n < 3) return std::nullopt;
  const double mx = sx / static_cast<double>(n), my = sy / static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

std::optional<double> cronbach_alpha(const Eigen::MatrixXd& items) {
  const Eigen::Index n = items.rows(), k = items.cols();
  if (n < 2 || k < 2) return std::nullopt;
  auto variance = [n](const Eigen::VectorXd& v) {
    const double mean = v.mean();
    return (v.array() - mean).square().sum() / static_cast<double>(n - 1);
  };
  double item_var = 0;
  for (Eigen::Index j = 0; j < k; ++j) item_var += variance(items.col(j));
  const double total_var = variance(items.rowwise().sum());
  if (total_var <= 0) return std::nullopt;
  return static_cast<double>(k) / static_cast<double>(k - 1) * (1 - item_var / total_var);
}

namespace {

QuestionDiagnostics question_diagnostics(const ScoreTable& t, std::size_t qi) {
  const Question& q = *t.methodology.nodes[qi].question;
  QuestionDiagnostics d;
  d.node = qi;
  d.units = t.units.size();
  std::map<std::string, std::size_t> counts;
  std::map<double, std::size_t> numbers;
  std::vector<double> points;
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    const Answer* a = t.answer(u, qi);
    QuestionOutcome outcome;
    std::string why;
    if (a) score_answer(q, a->value, &outcome, &why);  // valid: scoring accepted it
    if (outcome.state == AnswerState::Missing) {
      ++d.missing;
      continue;
    }
    if (outcome.state == AnswerState::NotApplicable) {
      ++d.not_applicable;
      continue;
    }
    ++d.answered;
    points.push_back(outcome.points);
    switch (q.type) {
      case QuestionType::YesNo: ++counts[to_lower(a->value)]; break;
      case QuestionType::Scale:
      case QuestionType::SingleChoice:
      case QuestionType::MultipleChoice: {
        std::size_t start = 0;
        const std::string v = a->value;
        for (;;) {
          const std::size_t end = v.find(';', start);
          const std::string part = to_lower(trim(std::string_view(v).substr(start, end - start)));
          for (const auto& o : q.options)
            if (to_lower(o.value) == part || to_lower(o.label) == part) ++counts[o.value];
          if (part == "none") ++counts["none"];
          if (end == std::string::npos) break;
          start = end + 1;
        }
        break;
      }
      case QuestionType::Text: break;
      default:
        if (auto x = parse_number(a->value)) ++numbers[*x];
        else ++counts[a->value];  // dates and years keep their text
        break;
    }
  }
  const double units = static_cast<double>(std::max<std::size_t>(d.units, 1));
  d.response_rate = static_cast<double>(d.answered + d.not_applicable) / units;
  d.not_applicable_rate = static_cast<double>(d.not_applicable) / units;
  switch (q.type) {
    case QuestionType::YesNo:
      for (const char* v : {"yes", "partly", "no"})
        if (std::string(v) != "partly" || q.partly_points) d.distribution.emplace_back(v, counts[v]);
      break;
    case QuestionType::Scale:
    case QuestionType::SingleChoice:
    case QuestionType::MultipleChoice:
      for (const auto& o : q.options) d.distribution.emplace_back(o.value, counts[o.value]);
      if (q.type == QuestionType::MultipleChoice && counts["none"]) d.distribution.emplace_back("none", counts["none"]);
      break;
    case QuestionType::Text: d.distribution.emplace_back("(text)", d.answered); break;
    default:
      for (const auto& [x, c] : numbers) d.distribution.emplace_back(fmt_number(x), c);
      for (const auto& [s, c] : counts) d.distribution.emplace_back(s, c);
      break;
  }
  if (q.scored() && points.size() >= 2)
    d.discriminates = std::any_of(points.begin(), points.end(), [&](double p) { return std::fabs(p - points[0]) > 1e-12; });
  return d;
}

}  // namespace

Diagnostics diagnose(const ScoreTable& t, double correlation_threshold, std::size_t min_units_for_alpha) {
  const Methodology& m = t.methodology;
  Diagnostics d;
  d.correlation_threshold = correlation_threshold;
  d.min_units_for_alpha = min_units_for_alpha;
  for (std::size_t qi : m.question_nodes()) d.questions.push_back(question_diagnostics(t, qi));

  auto column = [&](std::size_t node) {
    std::vector<double> v(t.units.size());
    for (std::size_t u = 0; u < t.units.size(); ++u) v[u] = t.score(u, node).value_or(NAN);
    return v;
  };
  const auto indicators = indicator_nodes(m);
  for (std::size_t i = 0; i < indicators.size(); ++i)
    for (std::size_t j = i + 1; j < indicators.size(); ++j) {
      std::size_t n = 0;
      auto r = pearson(column(indicators[i]), column(indicators[j]), &n);
      if (r && std::fabs(*r) >= correlation_threshold) d.correlated.push_back({indicators[i], indicators[j], *r, n});
    }

  for (std::size_t dim : m.root().children) {
    if (!m.scored(dim) || m.nodes[dim].is_question()) continue;
    DimensionConsistency c;
    c.node = dim;
    std::vector<std::size_t> items;
    for (std::size_t ch : m.nodes[dim].children)
      if (m.scored(ch)) items.push_back(ch);
    c.items = items.size();
    std::vector<std::size_t> complete;
    for (std::size_t u = 0; u < t.units.size(); ++u)
      if (std::all_of(items.begin(), items.end(), [&](std::size_t it) { return t.score(u, it).has_value(); }))
        complete.push_back(u);
    c.units = complete.size();
    if (c.items < 2) {
      c.note = "one item only: alpha needs at least two";
    } else if (c.units < min_units_for_alpha) {
      c.note = fmt::format("{} network{} with every item scored; alpha needs at least {}", c.units,
                           c.units == 1 ? "" : "s", min_units_for_alpha);
    } else {
      Eigen::MatrixXd x(static_cast<Eigen::Index>(complete.size()), static_cast<Eigen::Index>(items.size()));
      for (std::size_t r = 0; r < complete.size(); ++r)
        for (std::size_t k = 0; k < items.size(); ++k)
          x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(k)) = *t.score(complete[r], items[k]);
      c.alpha = cronbach_alpha(x);
      if (!c.alpha) c.note = "no variance across networks";
    }
    d.dimensions.push_back(std::move(c));
  }
  return d;
}

}  // namespace gpn
