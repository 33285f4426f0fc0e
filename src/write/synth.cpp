#include "gpn/synth.h"

#include <fmt/format.h>

#include <cmath>

#include "gpn/sensitivity.h"
#include "text/text.h"

namespace gpn {

namespace {

// Appends go to `buf`; past 1 MiB (or at the end) they are written out.
bool spill(std::string& buf, const ByteSink& out, Error* err, bool last = false) {
  if (!last && buf.size() < (1u << 20)) return true;
  if (!out(buf)) return *err = Error{"", 0, 0, "write failed"}, false;
  buf.clear();
  return true;
}

std::string answer_for(const Question& q, Random& rng) {
  switch (q.type) {
    case QuestionType::YesNo: {
      const double u = rng.uniform();
      if (q.partly_points && u < 0.2) return "partly";
      return u < 0.6 ? "yes" : "no";
    }
    case QuestionType::Scale:
    case QuestionType::SingleChoice: return q.options[rng.index(q.options.size())].value;
    case QuestionType::MultipleChoice: {
      std::string a;
      for (const auto& o : q.options)
        if (rng.uniform() < 0.5) a += (a.empty() ? "" : ";") + o.value;
      return a.empty() ? "none" : a;
    }
    case QuestionType::Number:
    case QuestionType::Percentage: {
      double lo = q.min_value.value_or(0), hi = q.max_value.value_or(0);
      if (!q.max_value) {
        if (q.rule == NumberRule::Goalposts) hi = std::max(q.goal_low, q.goal_high) * 1.2;
        else if (q.rule == NumberRule::Piecewise) hi = q.knots.back().first * 1.2;
        else if (q.rule == NumberRule::Bands) hi = std::isfinite(q.bands.back().from) ? q.bands.back().from * 1.5 + 1 : 100;
        else hi = 100;
      }
      if (q.rule == NumberRule::Bands) {
        // Only values inside a band are valid: pick a band, then an integer in it.
        const Band& b = q.bands[rng.index(q.bands.size())];
        const double from = std::isfinite(b.from) ? b.from : 0, to = std::isfinite(b.to) ? b.to : from + 10;
        return fmt_number(std::floor(from + (to - from) * rng.uniform()));
      }
      return fmt_fixed(lo + (hi - lo) * rng.uniform(), 1);
    }
    case QuestionType::Year: return std::to_string(1990 + rng.index(35));
    case QuestionType::Date: return fmt::format("{}-{:02}-{:02}", 2010 + rng.index(15), 1 + rng.index(12), 1 + rng.index(28));
    case QuestionType::Text: return rng.uniform() < 0.5 ? "Synthetic remark, with a comma" : "Synthetic remark";
    case QuestionType::Indicator: return "";
  }
  return "";
}

}  // namespace

bool write_synthetic_answers(const Methodology& m, const SynthSettings& s, const ByteSink& out, Error* err) {
  if (m.numeric) {
    *err = Error{m.file, 0, 0, "this methodology's leaves are indicators: use gpn synth --numeric"};
    return false;
  }
  Random rng(s.seed);
  const auto questions = m.question_nodes();
  std::string buf = "network,period,question,answer,comment\n";
  const int width = static_cast<int>(std::to_string(s.networks).size());
  for (std::size_t n = 0; n < s.networks; ++n) {
    const std::string id = fmt::format("N{:0{}}", n + 1, width);
    for (std::size_t p = 0; p < s.periods; ++p) {
      const std::string period = std::to_string(2024 - static_cast<int>(s.periods) + 1 + static_cast<int>(p));
      for (std::size_t qi : questions) {
        const Question& q = *m.nodes[qi].question;
        const double u = rng.uniform();
        std::string answer;
        if (u < s.missing) answer = "";
        else if (q.allow_not_applicable && u < s.missing + s.not_applicable) answer = "n/a";
        else answer = answer_for(q, rng);
        buf += id;
        buf += ',';
        buf += period;
        buf += ',';
        buf += m.nodes[qi].id;
        buf += ',';
        buf += answer.find(',') == std::string::npos ? answer : "\"" + answer + "\"";
        buf += ",\n";
      }
      if (!spill(buf, out, err)) return false;
    }
  }
  return spill(buf, out, err, true);
}

std::string synthetic_methodology(std::size_t questions) {
  std::string y = fmt::format(
      "# Synthetic methodology written by 'gpn synth' for benchmarks: {} questions in 10 dimensions.\n"
      "format: gpn-methodology/1\nid: synthetic-{}\ntitle: Synthetic methodology\nversion: '1'\nstatus: draft\n"
      "missing: zero\nnot_applicable: drop\nmaturity:\n  - {{name: Low, min: 0}}\n  - {{name: High, min: 50}}\n"
      "framework:\n  id: root\n  name: Synthetic index\n  children:\n",
      questions, questions);
  const std::size_t dims = 10, indicators = 4;
  std::size_t q = 0;
  for (std::size_t d = 0; d < dims && q < questions; ++d) {
    y += fmt::format("    - id: D{}\n      name: Dimension {}\n      children:\n", d + 1, d + 1);
    for (std::size_t i = 0; i < indicators && q < questions; ++i) {
      y += fmt::format("        - id: D{}.{}\n          name: Indicator {}.{}\n          recommendation: Improve indicator {}.{}.\n"
                       "          children:\n", d + 1, i + 1, d + 1, i + 1, d + 1, i + 1);
      const std::size_t per = (questions - q) / ((dims - d) * indicators - i);
      for (std::size_t k = 0; k < std::max<std::size_t>(per, 1) && q < questions; ++k, ++q) {
        const std::string id = fmt::format("Q{}", q + 1);
        y += fmt::format("            - id: {}\n              question: Synthetic question {}?\n", id, q + 1);
        switch (q % 9) {
          case 0: y += "              type: yes_no\n              points: {yes: 1, no: 0, partly: 0.5}\n"; break;
          case 1:
            y += "              type: scale\n              options: [{value: '0', points: 0}, {value: '1', points: 1}, "
                 "{value: '2', points: 2}, {value: '3', points: 3}, {value: '4', points: 4}]\n";
            break;
          case 2: y += "              type: single_choice\n              options: [{value: a, points: 0}, {value: b, points: 2}, {value: c, points: 3}]\n"; break;
          case 3:
            y += "              type: multiple_choice\n              cap: 2\n              options: [{value: x, points: 1}, "
                 "{value: y, points: 1}, {value: z, points: 1}]\n";
            break;
          case 4: y += "              type: number\n              min: 0\n              piecewise: [[0, 0], [50, 0.5], [200, 1]]\n"; break;
          case 5: y += "              type: percentage\n              allow_not_applicable: true\n              goalposts: {low: 10, high: 50}\n"; break;
          case 6:
            y += "              type: number\n              min: 0\n              bands: [{from: 0, to: 0, points: 0}, "
                 "{from: 1, to: 5, points: 1}, {from: 6, points: 2}]\n";
            break;
          case 7: y += "              type: date\n              allow_not_applicable: true\n              piecewise: [[2010, 0], [2024, 1]]\n"; break;
          case 8: y += "              type: yes_no\n"; break;
        }
      }
    }
  }
  return y;
}

std::string synthetic_numeric_methodology(std::size_t indicators) {
  std::string y = fmt::format(
      "# Synthetic numeric methodology written by 'gpn synth --numeric': {} indicators,\n"
      "# pillars of 5 indicators, sub-indices of 5 pillars, one index (three aggregation levels).\n"
      "format: gpn-methodology/1\nid: synthetic-numeric-{}\ntitle: Synthetic composite index\nversion: '1'\nstatus: draft\n"
      "missing: drop\npipeline: {{impute: none, treat: none, normalise: 'minmax:0,100', aggregate: arithmetic}}\n"
      "framework:\n  id: Index\n  name: Synthetic index\n  children:\n",
      indicators, indicators);
  const std::size_t pillars = (indicators + 4) / 5, subs = (pillars + 4) / 5;
  for (std::size_t s = 0; s < subs; ++s) {
    y += fmt::format("    - id: S{}\n      name: Sub-index {}\n      children:\n", s + 1, s + 1);
    for (std::size_t p = s * 5; p < std::min(pillars, s * 5 + 5); ++p) {
      y += fmt::format("        - id: P{}\n          name: Pillar {}\n          children:\n", p + 1, p + 1);
      for (std::size_t i = p * 5; i < std::min(indicators, p * 5 + 5); ++i)
        y += fmt::format("            - {{id: I{}, type: indicator, direction: {}}}\n", i + 1, i % 7 == 3 ? -1 : 1);
    }
  }
  return y;
}

bool write_synthetic_indicators(std::size_t units, std::size_t indicators, std::uint64_t seed, const ByteSink& out, Error* err) {
  Random rng(seed);
  std::string buf = "uCode,uName,Group";
  for (std::size_t i = 0; i < indicators; ++i) buf += fmt::format(",I{}", i + 1);
  buf += '\n';
  const int width = static_cast<int>(std::to_string(units).size());
  for (std::size_t u = 0; u < units; ++u) {
    buf += fmt::format("U{:0{}},Unit {},G{}", u + 1, width, u + 1, u % 4 + 1);
    const double level = rng.uniform();
    for (std::size_t i = 0; i < indicators; ++i) {
      buf += ',';
      if (rng.uniform() < 0.02) {
        buf += "NA";
        continue;
      }
      // Correlated with the unit's level, with noise and some skew.
      const double v = 100 * (0.6 * level + 0.4 * rng.uniform()) * (1 + 0.5 * rng.uniform() * rng.uniform());
      buf += fmt_fixed(v, 3);
    }
    buf += '\n';
    if (!spill(buf, out, err)) return false;
  }
  return spill(buf, out, err, true);
}

}  // namespace gpn
