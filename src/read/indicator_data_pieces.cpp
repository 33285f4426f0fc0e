// A large indicator table read in pieces: byte ranges cut after line feeds,
// which the two cores take in turn, each read through a small buffer in chunks
// of whole lines (sys/file_pieces.h), instead of through the whole file mapped
// in: on a virtual machine the first read of each page of a new mapping is
// slow and serialised by the hypervisor, while a buffer that stays in the cache
// is not (figures in docs/performance.md). The file is read twice: first to
// check its bytes and count each piece's rows (so the value matrix is
// allocated once and each piece knows its first row), then to read the rows.
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>

#include "sys/file_pieces.h"
#include "sys/two_cores.h"
#include "text/csv.h"
#include "gpn/indicator_data.h"
#include "read/indicator_data_pieces.h"
#include "sys/input_file.h"
#include "sys/memory.h"
#include "text/text.h"
#include "read/indicator_data_rows.h"

namespace gpn {
namespace {

using namespace indicator_rows;

// 16 rather than 8: when one core is held up (the host's other guests), the
// other is left alone with at most one short piece at the end of a reading.
constexpr std::size_t kPieces = 16;

// The first reading of a piece: its bytes checked, its rows (from `body` on)
// surveyed. Not clean: a NUL byte, invalid UTF-8, a quote or a lone CR.
struct Scan {
  Survey survey;
  bool clean = true, whole = true;
};
Scan scan(const ReadAt& read_at, std::vector<char>& buffer, std::size_t from, std::size_t to, std::size_t body) {
  Scan s;
  LineChunks chunks(read_at, buffer, from, to);
  std::string_view chunk;
  while (chunks.next(&chunk)) {
    if (chunk.find('\0') != std::string_view::npos || invalid_utf8_at(chunk)) {
      s.clean = false;
      return s;
    }
    const std::size_t skip = chunks.offset() < body ? std::min(body - chunks.offset(), chunk.size()) : 0;
    s.survey += survey_lines(chunk.substr(skip));
    if (s.survey.quote || s.survey.lone_cr > 0) {
      s.clean = false;
      return s;
    }
  }
  s.whole = !chunks.short_read();
  return s;
}

}  // namespace

std::optional<bool> read_indicator_data_in_pieces(const ReadAt& read_at, std::size_t size, const std::string& name,
                                                  const Methodology& m, IndicatorData* out, Error* err,
                                                  const PieceOptions& options) {
  *err = Error{};
  // The header, from the file's first bytes; it must end there.
  std::string sample(std::min(size, options.sample_bytes), '\0');
  if (sample.empty() || read_at(sample.data(), sample.size(), 0) != sample.size()) return std::nullopt;
  if (sample.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  IndicatorData d;
  TableHeader h;
  Error header_err;  // not reported from here: the whole text is read, checked first, and words it
  if (!read_header(sample, name, m, options.layout, &d, &h, &header_err)) return std::nullopt;
  if (h.body >= sample.size() && sample.size() < size) return std::nullopt;

  // Pieces of about equal size, cut after line feeds, which the two cores
  // take in turn: whichever is free takes the next, so neither waits for the
  // other at the end of a reading.
  std::vector<char> buffers[2] = {std::vector<char>(std::max<std::size_t>(options.buffer_bytes, 1)),
                                  std::vector<char>(std::max<std::size_t>(options.buffer_bytes, 1))};
  std::vector<std::size_t> cuts = {0};
  for (std::size_t k = 1; k < kPieces; ++k) {
    const auto cut = after_line_feed(read_at, h.body + (size - h.body) / kPieces * k, size);
    if (!cut) return std::nullopt;
    if (*cut > cuts.back() && *cut < size) cuts.push_back(*cut);
  }
  cuts.push_back(size);
  const std::size_t pieces = cuts.size() - 1;
  const bool two = two_cores::available();
  auto on_both_cores = [&](const std::function<void(int core)>& work, const std::function<void()>& first_on_second = {}) {
    if (!two) return work(0);
    two_cores::run_pair([&] { work(0); },
                        [&] {
                          if (first_on_second) first_on_second();
                          work(1);
                        });
  };

  // First reading. The table's memory, estimated from the sample, is mapped in
  // on the second core meanwhile, which then joins in.
  const std::size_t ahead = two ? estimated_table_bytes(sample, size, m, options.layout) : 0;
  std::unique_ptr<void, void (*)(void*)> block(ahead ? std::malloc(ahead) : nullptr, &std::free);
  std::vector<Scan> scans(pieces);
  std::atomic<std::size_t> next{0};
  on_both_cores(
      [&](int core) {
        for (std::size_t i; (i = next++) < pieces;) scans[i] = scan(read_at, buffers[core], cuts[i], cuts[i + 1], h.body);
      },
      [&] {
        if (block) prefault(block.get(), ahead, true);
      });
  block.reset();
  std::size_t capacity = 0;
  for (const Scan& s : scans) {
    if (!s.clean || !s.whole) return std::nullopt;
    capacity += s.survey.rows;
  }

  // Second reading: the rows, each piece into its own range of the table.
  TableRows table;
  table.allocate(capacity, m, d, h.extra_of.size());
  const RowReader rows{name, h, table};
  std::vector<RowPart> parts(pieces);
  std::vector<std::size_t> counted(pieces);
  for (std::size_t i = 0; i < pieces; ++i) {
    counted[i] = scans[i].survey.rows;
    parts[i].line = i == 0 ? h.body_line : parts[i - 1].line + scans[i - 1].survey.line_feeds;
    parts[i].first_row = i == 0 ? 0 : parts[i - 1].first_row + counted[i - 1];
  }
  std::vector<char> whole(pieces, 1);
  next = 0;
  on_both_cores([&](int core) {
    for (std::size_t i; (i = next++) < pieces;) {
      LineChunks chunks(read_at, buffers[core], i == 0 ? h.body : cuts[i], cuts[i + 1]);
      std::string_view chunk;
      while (!parts[i].failed && chunks.next(&chunk)) rows.read(chunk, &parts[i]);
      whole[i] = !chunks.short_read();
    }
  });
  // The file changed between the readings: read it again, whole.
  for (const char w : whole)
    if (!w) return std::nullopt;
  return finish_table(name, parts, counted, table, d, out, err);
}

namespace indicator_rows {

std::optional<bool> read_indicator_file_in_pieces(const std::string& path, const Methodology& m, IndicatorData* out,
                                                  Error* err, ValueLayout layout) {
  RegularFile file;
  if (!file.open(path)) return std::nullopt;
  const std::size_t size = file.size();
  if (size <= two_cores::kTableBytes || size > kMaxInputBytes) return std::nullopt;
  const ReadAt read_at = [&file](char* to, std::size_t bytes, std::size_t offset) { return file.read_at(to, bytes, offset); };
  PieceOptions options;
  options.layout = layout;
  return read_indicator_data_in_pieces(read_at, size, path, m, out, err, options);
}

}  // namespace indicator_rows
}  // namespace gpn
