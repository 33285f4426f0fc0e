#include "gpn/score_stream.h"

#include <fmt/format.h>

#include <unordered_set>

#include "gpn/answers.h"
#include "gpn/scores.h"
#include "gpn/writers.h"

namespace gpn {

bool score_stream(const Methodology& m, const std::vector<std::string>& files, StreamFormat format, const ByteSink& out,
                  std::size_t batch_units, const std::function<void(const Warnings&)>& on_warnings, StreamStats* stats,
                  Error* err) {
  AnswerSet set;
  // Units already written, as 64-bit hashes of (network, period): 8 bytes per
  // network, so memory stays nearly flat even for millions of networks.
  std::unordered_set<std::uint64_t> finished;
  auto key_of = [](const std::string& network, const std::string& period) {
    return static_cast<std::uint64_t>(std::hash<std::string>{}(network + '\x1f' + period));
  };
  std::string buffer = format == StreamFormat::Csv ? std::string(kScoreCsvHeader) : score_wide_header(m);
  bool failed_write = false;
  auto write = [&]() {
    if (!failed_write && !out(buffer)) failed_write = true;
    buffer.clear();
  };
  // Scores the batch, appends its rows, and forgets it.
  auto flush = [&]() -> bool {
    if (set.units.empty()) return true;
    for (const auto& u : set.units) finished.insert(key_of(u.network, u.period));
    stats->units += set.units.size();
    stats->answers += set.answers.size();
    ++stats->batches;
    AnswerSet batch;
    batch.files = set.files;
    std::swap(batch.units, set.units);
    std::swap(batch.unit_index, set.unit_index);
    std::swap(batch.answers, set.answers);
    std::swap(batch.rows, set.rows);
    batch.ordinal = set.ordinal;
    set.clear_answers();
    ScoreTable t;
    Warnings batch_warnings;
    if (!score(m, std::move(batch), &t, &batch_warnings, err)) return false;
    on_warnings(batch_warnings);
    if (format == StreamFormat::Csv) append_score_csv_rows(t, &buffer);
    else append_score_wide_rows(t, &buffer);
    write();
    return !failed_write || (*err = Error{"<output>", 0, 0, "write failed"}, false);
  };
  std::string current_file;
  NewUnitHook hook = [&](const std::string& network, const std::string& period, std::size_t line, Error* e) {
    if (finished.count(key_of(network, period))) {
      *e = Error{current_file, line, 1,
                 fmt::format("network '{}'{} appears again after its rows ended: streaming needs each network's rows "
                             "together (sort the file, or score without --stream)",
                             network, period.empty() ? "" : " period '" + period + "'")};
      return false;
    }
    return set.units.size() < batch_units || flush();
  };
  for (const auto& f : files) {
    current_file = f;
    if (!stream_answers(f, m, &set, hook, err)) return false;
  }
  if (!flush()) return false;
  if (stats->units == 0) return *err = Error{"", 0, 0, "no answers to score: the answer files hold a header but no rows"}, false;
  write();
  return !failed_write || (*err = Error{"<output>", 0, 0, "write failed"}, false);
}

}  // namespace gpn
