#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>

#include "sys/two_cores.h"
#include "text/csv.h"
#include "sys/memory.h"
#include "text/text.h"
#include "gpn/writers.h"

namespace gpn {

std::string maturity_label(const ScoreTable& t, std::size_t unit, std::size_t node) {
  const auto score = t.score(unit, node);
  if (!score || t.methodology.nodes[node].depth > 1) return "";
  return t.methodology.maturity_of(*score);
}

const char* kScoreCsvHeader =
    "network,period,node,name,depth,score,maturity,coverage,kind,parent,state,points,max_points,answer,comment\n";

void append_score_csv_rows(const ScoreTable& t, std::string* out) {
  const Methodology& m = t.methodology;
  // What does not change from unit to unit is formatted once.
  std::vector<std::string> node_part, kind_part, max_part;
  for (const Node& n : m.nodes) {
    node_part.push_back(n.id + ',' + csv_text(n.name) + ',' + std::to_string(n.depth) + ',');
    kind_part.push_back(std::string(n.is_question() ? "question" : "node") + ',' + (n.parent ? m.nodes[*n.parent].id : "") + ',');
    max_part.push_back(n.is_question() && n.question->scored() ? fmt_number(n.question->max_points()) : "");
  }
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    const std::string unit_part = csv_text(t.units[u].network) + ',' + csv_text(t.units[u].period) + ',';
    for (std::size_t ni = 0; ni < m.nodes.size(); ++ni) {
      const Node& n = m.nodes[ni];
      const auto score = t.score(u, ni);
      const auto cov = t.coverage_at(u, ni);
      *out += unit_part;
      *out += node_part[ni];
      if (score) append_number(out, *score);
      *out += ',';
      *out += csv_text(maturity_label(t, u, ni));
      *out += ',';
      if (cov) append_number(out, *cov);
      *out += ',';
      *out += kind_part[ni];
      *out += to_string(t.state_at(u, ni));
      *out += ',';
      if (n.is_question()) {
        if (const auto pts = t.points_at(u, ni)) append_number(out, *pts);
        *out += ',';
        *out += max_part[ni];
        *out += ',';
        if (const Answer* a = t.answer(u, ni)) {
          *out += csv_text(a->value);
          *out += ',';
          *out += csv_text(a->comment);
        } else {
          *out += ',';
        }
      } else {
        *out += ",,,";
      }
      *out += '\n';
    }
  }
}

std::string write_score_csv(const ScoreTable& t) {
  std::string out = kScoreCsvHeader;
  append_score_csv_rows(t, &out);
  return out;
}

std::string score_wide_header(const Methodology& m) {
  std::string out = "network,period";
  for (const Node& n : m.nodes)
    if (!n.is_question()) out += ',' + n.id;
  return out + '\n';
}

namespace {

// The wide table's columns: the inner nodes, in the methodology's order.
std::vector<std::size_t> wide_columns(const Methodology& m) {
  std::vector<std::size_t> columns;
  for (std::size_t ni = 0; ni < m.nodes.size(); ++ni)
    if (!m.nodes[ni].is_question()) columns.push_back(ni);
  return columns;
}

// About 20 bytes a number: reserved and mapped in at once, not grown by doubling.
void reserve_wide_rows(const std::vector<std::size_t>& columns, std::size_t rows, std::string* out) {
  const std::size_t before = out->size();
  const std::size_t want = before + rows * (24 + 20 * columns.size());
  if (out->capacity() >= want) return;
  out->reserve(want);
  prefault(out->data() + before, out->capacity() - before);
}

void append_wide_rows(const ScoreTable& t, const std::vector<std::size_t>& columns, std::size_t from, std::size_t to,
                      std::string* out) {
  if (to <= from) return;
  reserve_wide_rows(columns, to - from, out);
  // The stretch's scores, gathered column by column into rows: the table keeps
  // each node's column whole, and reading a row across columns missed the cache
  // on every cell. Same numbers as ScoreTable::score.
  const std::size_t width = columns.size(), rows = to - from;
  thread_local std::vector<double> scores;
  thread_local std::vector<char> scored;
  scores.resize(rows * width);
  scored.resize(rows * width);
  for (std::size_t k = 0; k < width; ++k) {
    const auto node = static_cast<Eigen::Index>(columns[k]);
    const double* value = &t.value(static_cast<Eigen::Index>(from), node);
    const std::uint8_t* state = &t.state(static_cast<Eigen::Index>(from), node);
    for (std::size_t r = 0; r < rows; ++r) {
      scores[r * width + k] = t.scale_offset + value[r] * t.scale_factor;
      scored[r * width + k] = state[r] == static_cast<std::uint8_t>(NodeState::Scored);
    }
  }
  // A row's numbers are placed in a buffer with room for all of them, then appended at once.
  std::vector<char> row(width * (kMaxNumberChars + 1) + 1);
  for (std::size_t r = 0; r < rows; ++r) {
    const Unit& unit = t.units[from + r];
    *out += csv_text(unit.network);
    *out += ',';
    *out += csv_text(unit.period);
    char* p = row.data();
    for (std::size_t k = 0; k < width; ++k) {
      *p++ = ',';
      if (scored[r * width + k]) p = write_number(p, scores[r * width + k]);
    }
    *p++ = '\n';
    out->append(row.data(), p);
  }
}

}  // namespace

// Formatting numbers is most of the work: rows are formatted in stretches, by
// two threads for a large table (even stretches here, odd ones on a helper),
// and each stretch is handed to the sink in turn as soon as the one before it
// has been; so one thread writes while the other formats. The bytes do not
// depend on the threads, and the whole text is never held at once.
bool write_score_wide(const ScoreTable& t, const ByteSink& sink) {
  const std::vector<std::size_t> columns = wide_columns(t.methodology);
  if (!sink(score_wide_header(t.methodology))) return false;
  constexpr std::size_t kStretch = 4096;
  const std::size_t n = t.units.size();
  const std::size_t stretches = (n + kStretch - 1) / kStretch;
  std::mutex mutex;
  std::condition_variable turn_changed;
  std::size_t turn = 0;  // the stretch to hand over next
  bool failed = false;
  auto run = [&](std::size_t first, std::size_t step) {
    std::string text;
    for (std::size_t s = first; s < stretches; s += step) {
      text.clear();
      append_wide_rows(t, columns, s * kStretch, std::min((s + 1) * kStretch, n), &text);
      std::unique_lock lock(mutex);
      turn_changed.wait(lock, [&] { return turn == s || failed; });
      if (failed) return;
      // The sink is called by one thread at a time, in stretch order.
      if (!sink(text)) failed = true;
      ++turn;
      lock.unlock();
      turn_changed.notify_all();
    }
  };
  if (stretches > 1 && two_cores::available()) {
    two_cores::run_pair([&] { run(0, 2); }, [&] { run(1, 2); });
  } else {
    run(0, 1);
  }
  return !failed;
}

void append_score_wide_rows(const ScoreTable& t, std::string* out) {
  bool header = true;  // the sink's first piece is the header, which this leaves out
  write_score_wide(t, [&](std::string_view bytes) {
    if (!header) out->append(bytes);
    header = false;
    return true;
  });
}

std::string write_score_wide(const ScoreTable& t) {
  std::string out;
  reserve_wide_rows(wide_columns(t.methodology), t.units.size() + 1, &out);
  write_score_wide(t, [&](std::string_view bytes) { return out.append(bytes), true; });
  return out;
}

}  // namespace gpn
