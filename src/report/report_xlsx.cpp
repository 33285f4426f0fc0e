// The report as an XLSX workbook (libxlsxwriter): one sheet per table, numbers
// stored as numbers. Text is always written as a string cell, never as a
// formula, so answers like "=HYPERLINK(...)" stay inert.
#include <cmath>
#include <ctime>

#include "gpn/report.h"
#include "gpn/writers.h"
#include "text/text.h"
#include "sys/loaded_libs.h"

namespace gpn {
namespace {

class Sheet {
 public:
  Sheet(const XlsxLib& x, lxw_workbook* wb, const char* name, lxw_format* bold)
      : x_(x), ws_(x.workbook_add_worksheet(wb, name)), bold_(bold) {}
  void header(const std::vector<std::string>& cols) {
    for (std::size_t c = 0; c < cols.size(); ++c) x_.worksheet_write_string(ws_, 0, static_cast<lxw_col_t>(c), cols[c].c_str(), bold_);
    x_.worksheet_freeze_panes(ws_, 1, 0);
    x_.worksheet_set_column(ws_, 0, static_cast<lxw_col_t>(cols.size() - 1), 16, nullptr);
    row_ = 1;
  }
  Sheet& text(const std::string& s) {
    if (!s.empty()) x_.worksheet_write_string(ws_, row_, col_, s.c_str(), nullptr);
    ++col_;
    return *this;
  }
  Sheet& number(std::optional<double> v) {
    if (v && std::isfinite(*v)) x_.worksheet_write_number(ws_, row_, col_, *v, nullptr);
    ++col_;
    return *this;
  }
  void next() {
    ++row_;
    col_ = 0;
  }

 private:
  const XlsxLib& x_;
  lxw_worksheet* ws_;
  lxw_format* bold_;
  lxw_row_t row_ = 0;
  lxw_col_t col_ = 0;
};

std::optional<double> nan_to_none(double v) { return std::isnan(v) ? std::nullopt : std::optional<double>(v); }

// The workbook's creation time: the report date when given, else a fixed
// instant, so the same inputs give the same bytes.
time_t creation_time(const std::string& date) {
  std::tm tm{};
  tm.tm_year = 100;
  tm.tm_mday = 1;
  if (date.size() == 10) {
    tm.tm_year = std::atoi(date.substr(0, 4).c_str()) - 1900;
    tm.tm_mon = std::atoi(date.substr(5, 2).c_str()) - 1;
    tm.tm_mday = std::atoi(date.substr(8, 2).c_str());
  }
  return timegm(&tm);
}

}  // namespace

bool write_report_xlsx(const Report& r, const std::string& path, Error* err) {
  const ScoreTable& t = *r.table;
  const Methodology& m = t.methodology;
  std::string why;
  const XlsxLib* x = xlsx_lib(&why);
  if (!x) {
    *err = Error{path, 0, 0, "cannot write the workbook: " + why};
    return false;
  }
  lxw_workbook* wb = x->workbook_new(path.c_str());
  if (!wb) {
    *err = Error{path, 0, 0, "cannot create the workbook"};
    return false;
  }
  lxw_doc_properties props{};
  std::string title = "Pilot testing report: " + m.title;
  props.title = title.data();
  props.created = creation_time(r.settings.date);
  x->workbook_set_properties(wb, &props);
  lxw_format* bold = x->workbook_add_format(wb);
  x->format_set_bold(bold);

  Sheet summary(*x, wb, "Summary", bold);
  summary.header({"period", "rank", "network", "name", "score", "maturity", "coverage"});
  for (const auto& c : r.comparisons.comparisons)
    for (std::size_t i = 0; i < c.members.size(); ++i) {
      const std::size_t u = c.members[i];
      const int rank = c.rank(static_cast<Eigen::Index>(i), 0);
      summary.text(c.period).number(rank ? std::optional<double>(rank) : std::nullopt).text(t.units[u].network)
          .text(r.unit_label(u)).number(t.score(u, 0)).text(maturity_label(t, u, 0))
          .number(t.coverage_at(u, 0));
      summary.next();
    }

  Sheet method(*x, wb, "Methodology", bold);
  method.header({"id", "name", "depth", "parent", "kind", "type or rule", "weight", "share", "recommendation", "question"});
  const auto shares = m.effective_shares();
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    const Node& n = m.nodes[i];
    method.text(n.id).text(n.name).number(static_cast<double>(n.depth)).text(n.parent ? m.nodes[*n.parent].id : "")
        .text(n.is_question() ? "question" : "node")
        .text(n.is_question() ? to_string(n.question->type) : to_string(n.combine)).number(n.weight).number(shares[i])
        .text(n.recommendation).text(n.is_question() ? n.question->text : "");
    method.next();
  }

  Sheet scores(*x, wb, "Scores", bold);
  scores.header({"network", "period", "node", "name", "depth", "score", "maturity", "coverage", "state", "points", "answer", "comment"});
  for (std::size_t u = 0; u < t.units.size(); ++u)
    for (std::size_t n = 0; n < m.nodes.size(); ++n) {
      const Answer* a = m.nodes[n].is_question() ? t.answer(u, n) : nullptr;
      scores.text(t.units[u].network).text(t.units[u].period).text(m.nodes[n].id).text(m.nodes[n].name)
          .number(static_cast<double>(m.nodes[n].depth)).number(t.score(u, n))
          .text(maturity_label(t, u, n)).number(t.coverage_at(u, n))
          .text(to_string(t.state_at(u, n)))
          .number(t.points_at(u, n))
          .text(a ? a->value : "").text(a ? a->comment : "");
      scores.next();
    }

  Sheet comparison(*x, wb, "Comparison", bold);
  comparison.header({"period", "network", "node", "score", "rank", "gap_to_leader", "gap_to_median", "percentile", "median"});
  for (const auto& c : r.comparisons.comparisons)
    for (std::size_t i = 0; i < c.members.size(); ++i)
      for (std::size_t n = 0; n < m.nodes.size(); ++n) {
        if (!m.scored(n)) continue;
        const auto row = static_cast<Eigen::Index>(i), col = static_cast<Eigen::Index>(n);
        comparison.text(c.period).text(t.units[c.members[i]].network).text(m.nodes[n].id).number(nan_to_none(c.score(row, col)))
            .number(c.rank(row, col) ? std::optional<double>(c.rank(row, col)) : std::nullopt)
            .number(nan_to_none(c.gap_to_leader(row, col))).number(nan_to_none(c.gap_to_median(row, col)))
            .number(nan_to_none(c.percentile(row, col))).number(nan_to_none(c.median(col)));
        comparison.next();
      }

  Sheet questions(*x, wb, "Questions", bold);
  questions.header({"question", "text", "answered", "missing", "not_applicable", "response_rate", "not_applicable_rate",
                    "discriminates", "answers"});
  for (const auto& q : r.diagnostics.questions) {
    std::string dist;
    for (const auto& [answer, count] : q.distribution) dist += (dist.empty() ? "" : ", ") + answer + ": " + std::to_string(count);
    questions.text(m.nodes[q.node].id).text(m.nodes[q.node].question->text).number(static_cast<double>(q.answered))
        .number(static_cast<double>(q.missing)).number(static_cast<double>(q.not_applicable)).number(q.response_rate)
        .number(q.not_applicable_rate).text(q.discriminates ? "yes" : "no").text(dist);
    questions.next();
  }

  Sheet corr(*x, wb, "Correlated", bold);
  corr.header({"indicator_a", "indicator_b", "pearson_r", "networks"});
  for (const auto& c : r.diagnostics.correlated) {
    corr.text(m.nodes[c.a].id).text(m.nodes[c.b].id).number(c.r).number(static_cast<double>(c.n));
    corr.next();
  }

  Sheet alpha(*x, wb, "Consistency", bold);
  alpha.header({"dimension", "items", "networks", "cronbach_alpha", "note"});
  for (const auto& c : r.diagnostics.dimensions) {
    alpha.text(m.nodes[c.node].id).number(static_cast<double>(c.items)).number(static_cast<double>(c.units)).number(c.alpha).text(c.note);
    alpha.next();
  }

  if (r.sensitivity) {
    const SensitivityResult& sr = *r.sensitivity;
    Sheet sens(*x, wb, "Sensitivity", bold);
    std::vector<std::string> head = {"network", "period", "nominal_rank", "median_rank", "rank_p05", "rank_p95", "mean_score"};
    for (const auto& f : sr.factors) head.push_back("total_order " + f);
    sens.header(head);
    for (std::size_t u = 0; u < t.units.size(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      sens.text(t.units[u].network).text(t.units[u].period).number(sr.nominal_rank(i) ? std::optional<double>(sr.nominal_rank(i)) : std::nullopt)
          .number(nan_to_none(sr.median_rank(i))).number(nan_to_none(sr.rank_p05(i))).number(nan_to_none(sr.rank_p95(i)))
          .number(nan_to_none(sr.mean_score(i)));
      for (std::size_t f = 0; f < sr.factors.size(); ++f) sens.number(nan_to_none(sr.total_order(static_cast<Eigen::Index>(f), i)));
      sens.next();
    }
  }

  Sheet inputs(*x, wb, "Inputs", bold);
  inputs.header({"role", "path", "bytes", "sha256"});
  for (const auto& in : r.inputs) {
    inputs.text(in.role).text(in.path).number(static_cast<double>(in.bytes)).text(in.sha256);
    inputs.next();
  }
  inputs.text("tool").text("gpn " GPN_VERSION).number(std::nullopt).text(r.settings.options);
  inputs.next();

  const lxw_error e = x->workbook_close(wb);
  if (e != LXW_NO_ERROR) {
    *err = Error{path, 0, 0, std::string("cannot write the workbook: ") + x->strerror(e)};
    return false;
  }
  return true;
}

}  // namespace gpn
