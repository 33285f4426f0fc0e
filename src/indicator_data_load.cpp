#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <thread>

#include "gpn/csv.h"
#include "gpn/indicator_data.h"
#include "gpn/input_file.h"
#include "gpn/memory.h"
#include "gpn/text.h"

namespace gpn {

const std::vector<std::string>* IndicatorData::column(const std::string& name) const {
  for (std::size_t i = 0; i < extra_columns.size(); ++i)
    if (extra_columns[i] == name) return &extra[i];
  return nullptr;
}

namespace {

// The rows' text columns, sized once for every row the file can hold and
// written in place by row number: the two halves of a large file fill their
// own ranges at once, and nothing is moved to join them.
struct RowColumns {
  std::vector<std::string> units, names, periods;
  std::vector<std::vector<std::string>> extra;  // [column][row]
  std::vector<std::size_t> lines, unit_columns;
  std::vector<std::uint64_t> keys;  // hash of (unit, period), for the duplicate check

  void resize(std::size_t rows, std::size_t extra_columns) {
    units.resize(rows);
    names.resize(rows);
    periods.resize(rows);
    lines.resize(rows);
    unit_columns.resize(rows);
    keys.resize(rows);
    extra.assign(extra_columns, {});
    for (auto& column : extra) column.resize(rows);
  }
};

// Heap a row's labels take: the columns above (four strings, three words) and
// the duplicate check's slots, plus a string per extra column. The reader maps
// in this much per row; the estimate of a file's memory uses the same figure.
constexpr std::size_t label_bytes_per_row(std::size_t extra_columns) { return 160 + 32 * extra_columns; }

std::uint64_t unit_key(std::string_view unit, std::string_view period) {
  const std::uint64_t hu = std::hash<std::string_view>{}(unit), hp = std::hash<std::string_view>{}(period);
  return hu ^ (hp + 0x9e3779b97f4a7c15ULL + (hu << 6) + (hu >> 2));
}

// One stretch of the file: where its rows go, how many it read, and its first
// error. On cache lines of its own: the two halves' parts sit side by side and
// each row updates its count.
struct alignas(64) RowPart {
  std::size_t first_line = 1;  // the line the stretch starts on
  std::size_t first_row = 0;   // its first row's place in the columns and the value matrix
  // Rows read. A row with a bad number is counted, so its unit goes through the
  // duplicate check, which a row-by-row reader would have made before meeting
  // the number; a ragged row or an empty id fails before the row is counted.
  std::size_t rows = 0;
  bool failed = false;
  Error error;
};

struct RowReader {
  const std::string& name;
  std::size_t width;
  const std::vector<std::string>& header;
  const std::vector<int>& indicator_of;
  const std::vector<std::size_t>& extra_of;
  std::size_t c_unit;
  std::optional<std::size_t> c_name, c_period;
  Eigen::MatrixXd& values;
  RowColumns& out;

  void read(std::string_view text, RowPart* part) const;
  // Writes a row's labels and text cells at the part's next row, and counts it.
  void keep_row(RowPart* part, const std::vector<std::string_view>& cells, std::string_view unit, std::size_t line,
                std::size_t unit_column) const {
    const std::size_t at = part->first_row + part->rows;
    const std::string_view period = c_period ? trim(cells[*c_period]) : std::string_view();
    out.units[at] = unit;
    out.periods[at] = period;
    out.keys[at] = unit_key(unit, period);
    out.lines[at] = line;
    out.unit_columns[at] = unit_column;
    for (std::size_t k = 0; k < extra_of.size(); ++k) out.extra[k][at] = trim(cells[extra_of[k]]);
    out.names[at] = c_name ? trim(cells[*c_name]) : unit;
    ++part->rows;
  }
  bool read_plain_row(const char* p, const char* end, std::size_t line, std::vector<std::string_view>& cells,
                      RowPart* part, const char** next) const;
};

// Most rows are plain: unquoted cells, numbers written as plain decimals, "NA"
// or nothing, ending in \n, \r\n or at the end of the text. Such a row is read
// here in one pass over its bytes. Anything else (a quote, blanks, another
// spelling of a number, too few or too many cells, a lone \r, an empty id)
// returns false before the row is kept, and the row is read again the general
// way, which also words any error; so both ways give the same table.
bool RowReader::read_plain_row(const char* p, const char* end, std::size_t line, std::vector<std::string_view>& cells,
                               RowPart* part, const char** next) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto r = static_cast<Eigen::Index>(part->first_row + part->rows);
  if (r >= values.rows()) return false;
  const char* const row_start = p;
  for (std::size_t i = 0; i < width; ++i) {
    const char* const start = p;
    if (indicator_of[i] >= 0) {
      double v = nan;
      if (p != end && *p != ',' && *p != '\n' && *p != '\r' && !scan_plain_decimal(p, end, &v)) {
        p = start;
        if (end - p < 2 || p[0] != 'N' || p[1] != 'A') return false;
        p += 2;
      }
      values(r, indicator_of[i]) = v;  // a row given up is written again, or the read fails
    } else {
      while (p != end && *p != ',' && *p != '\n' && *p != '\r' && *p != '"') ++p;
      cells[i] = std::string_view(start, static_cast<std::size_t>(p - start));
    }
    if (i + 1 < width) {
      if (p == end || *p != ',') return false;
      ++p;
    }
  }
  if (p == end) *next = end;
  else if (*p == '\n') *next = p + 1;
  else if (*p == '\r' && p + 1 != end && p[1] == '\n') *next = p + 2;
  else return false;
  const std::string_view unit = trim(cells[c_unit]);
  if (unit.empty()) return false;
  keep_row(part, cells, unit, line,
           display_width(std::string_view(row_start, static_cast<std::size_t>(cells[c_unit].data() - row_start))) + 1);
  return true;
}

void RowReader::read(std::string_view text, RowPart* part) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string_view> cells(width);
  std::vector<std::size_t> cell_lines(width);
  CsvRecord rec;
  std::size_t pos = 0, line = part->first_line;
  const std::size_t n = text.size();
  auto fail = [&](Error e) {
    part->failed = true;
    part->error = std::move(e);
  };
  while (pos < n) {
    if (text[pos] == '\n' || text[pos] == '\r') {
      line += text[pos] == '\n';
      ++pos;
      continue;
    }
    if (const char* next; read_plain_row(text.data() + pos, text.data() + n, line, cells, part, &next)) {
      pos = static_cast<std::size_t>(next - text.data());
      ++line;
      continue;
    }
    std::size_t eol = std::min(text.find('\n', pos), n);
    std::string_view row(text.data() + pos, eol - pos);
    // The row ends at its first '\r' (\r\n or a lone \r), as CsvReader ends records.
    if (const std::size_t cr = row.find('\r'); cr != std::string_view::npos) {
      row = row.substr(0, cr);
      eol = pos + cr + (pos + cr + 1 < n && text[pos + cr + 1] == '\n');
    }
    const std::size_t row_line = line;
    std::string_view line_text = row;  // for columns in messages
    std::size_t count = 0;
    if (row.find('"') == std::string_view::npos) {
      std::size_t start = 0;
      for (;;) {
        const std::size_t comma = row.find(',', start);
        if (count < width) {
          cells[count] = row.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
          cell_lines[count] = row_line;
        }
        ++count;
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      pos = eol + 1;
      ++line;
    } else {
      CsvReader one(text.substr(pos), name);
      one.set_line(line);
      Error e;
      if (!one.next(&rec, &e)) return fail(e);
      count = rec.fields.size();
      for (std::size_t i = 0; i < count && i < width; ++i) {
        cells[i] = rec.fields[i];
        cell_lines[i] = rec.lines[i];
      }
      pos += one.consumed();
      line = one.line();
      line_text = std::string_view();
    }
    auto column_of = [&](std::size_t i) -> std::size_t {
      if (line_text.empty()) return rec.columns[i];
      return display_width(line_text.substr(0, static_cast<std::size_t>(cells[i].data() - line_text.data()))) + 1;
    };
    if (count != width)
      return fail(Error{name, row_line, 0, fmt::format("expected {} fields as in the header, found {}", width, count)});
    const std::string_view unit = trim(cells[c_unit]);
    if (unit.empty()) return fail(Error{name, row_line, column_of(c_unit), "expected a unit id, found an empty cell"});
    const auto r = static_cast<Eigen::Index>(part->first_row + part->rows);
    if (r >= values.rows()) return fail(Error{name, row_line, 0, "internal error: more rows than counted"});
    // Kept (and counted) before its numbers are read: see RowPart::rows.
    keep_row(part, cells, unit, row_line, column_of(c_unit));
    for (std::size_t i = 0; i < width; ++i) {
      if (indicator_of[i] < 0) continue;
      const std::string_view cell = trim(cells[i]);
      double v = nan;
      if (!(cell.empty() || cell == "NA" || cell == "NaN" || cell == "na" || cell == "N/A")) {
        auto parsed = parse_number(cell);
        if (!parsed)
          return fail(Error{name, cell_lines[i], column_of(i),
                            fmt::format("indicator '{}': expected a number, NA or an empty cell, found '{}'",
                                        trim(header[i]), fit_width(cell, 40))});
        v = *parsed;
      }
      values(r, indicator_of[i]) = v;
    }
  }
}

// The (unit, period) pairs seen so far, for the duplicate check: an open
// addressing table of row numbers, sized once for all rows, over the keys the
// readers hashed. A node-based map spent most of its time missing the cache on
// 100,000 rows; here the slot a later row needs is fetched while earlier rows
// are checked.
class UnitIndex {
 public:
  explicit UnitIndex(const RowColumns& rows) : rows_(rows) {
    std::size_t size = 16;
    while (size < 2 * rows.units.size()) size *= 2;
    slots_.assign(size, 0);
  }
  void prefetch(std::size_t row) const { __builtin_prefetch(&slots_[rows_.keys[row] & (slots_.size() - 1)]); }
  // Adds a row; returns 1 + the earlier row with the same unit and period, or 0.
  std::size_t insert(std::size_t row) {
    const std::uint64_t h = rows_.keys[row];
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = h & mask;; s = (s + 1) & mask) {
      if (slots_[s] == 0) {
        slots_[s] = static_cast<std::uint32_t>(row + 1);
        return 0;
      }
      const std::size_t earlier = slots_[s] - 1;
      if (rows_.keys[earlier] == h && rows_.units[earlier] == rows_.units[row] && rows_.periods[earlier] == rows_.periods[row])
        return earlier + 1;
    }
  }

 private:
  const RowColumns& rows_;
  std::vector<std::uint32_t> slots_;  // 0 = empty, else 1 + row
};

}  // namespace

bool parse_indicator_data(std::string_view text, const std::string& name, const Methodology& m, IndicatorData* out,
                          Error* err, std::size_t split_above, ValueLayout layout) {
  *err = Error{};
  CsvReader reader(text, name);
  CsvRecord rec;
  if (!reader.next(&rec, err)) {
    if (err->message.empty()) *err = Error{name, 0, 0, "the file is empty"};
    return false;
  }
  const std::vector<std::string> header = rec.fields;
  const std::vector<std::size_t> header_cols = rec.columns;
  const std::size_t width = header.size();
  auto find_col = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (const char* n : names)
      for (std::size_t i = 0; i < width; ++i)
        if (to_lower(trim(header[i])) == n) return i;
    return std::nullopt;
  };
  const auto c_unit = find_col({"ucode", "network", "unit", "id"});
  if (!c_unit) {
    *err = Error{name, rec.line, 1, "header: expected a unit id column (uCode, network, unit or id)"};
    return false;
  }
  const auto c_name = find_col({"uname", "name"});
  const auto c_period = find_col({"time", "period", "year"});

  IndicatorData d;
  d.file = name;
  std::vector<int> indicator_of(width, -1);  // file column -> column of the value matrix
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < width; ++i) {
    const std::string h(trim(header[i]));
    if (!seen.emplace(h, i).second) {
      *err = Error{name, rec.line, header_cols[i], fmt::format("header: column '{}' is given twice", fit_width(h, 60))};
      return false;
    }
  }
  for (std::size_t qi : m.question_nodes()) {
    auto it = seen.find(m.nodes[qi].id);
    if (it == seen.end()) {
      *err = Error{name, rec.line, 0, fmt::format("header: no column for indicator '{}' of methodology '{}'", m.nodes[qi].id, m.id)};
      return false;
    }
    indicator_of[it->second] = static_cast<int>(layout == ValueLayout::Nodes ? qi : d.indicators.size());
    d.indicators.push_back(qi);
  }
  std::vector<std::size_t> extra_of;
  for (std::size_t i = 0; i < width; ++i)
    if (indicator_of[i] < 0 && i != *c_unit && (!c_name || i != *c_name) && (!c_period || i != *c_period)) {
      d.extra_columns.emplace_back(trim(header[i]));
      extra_of.push_back(i);
    }

  // The rows: most lines have no quotes and are split in place; a line with a
  // quote goes through the full CSV reader. Rows are counted first (non-blank
  // lines; a lone '\r' also ends a record, as in CsvReader, so each one may add
  // a row: an upper bound, exact for files without them), so the matrix is
  // allocated once.
  const std::size_t body = reader.consumed();
  const std::string_view all(text);
  // One look over a stretch of whole lines: its rows, line feeds and lone CRs,
  // and whether it holds a quote.
  struct Survey {
    std::size_t rows = 0, line_feeds = 0, lone_cr = 0;
    bool quote = false;
  };
  auto survey = [&](std::size_t from, std::size_t to) {
    Survey s;
    for (std::size_t p = from; p < to;) {
      const std::size_t e = std::min(all.find('\n', p), to);
      s.rows += e > p && !(e == p + 1 && all[p] == '\r');
      s.line_feeds += e < to;
      p = e + 1;
    }
    for (std::size_t p = all.find('\r', from); p < to; p = all.find('\r', p + 1))
      s.lone_cr += p + 1 < all.size() && all[p + 1] != '\n';
    s.quote = all.substr(from, to - from).find('"') != std::string_view::npos;
    return s;
  };
  // A large file is surveyed in two halves at once, split after a line feed;
  // without quotes or lone CRs it is then also read in those two halves, each
  // half's first line and row known from the survey.
  const std::size_t split = std::min(all.find('\n', body + (text.size() - body) / 2), text.size() - 1) + 1;
  const bool large = text.size() - body > split_above && std::thread::hardware_concurrency() > 1;
  Survey first, second;
  if (large) {
    std::thread helper([&] { second = survey(split, text.size()); });
    first = survey(body, split);
    helper.join();
  } else {
    first = survey(body, text.size());
  }
  const std::size_t lone_cr = first.lone_cr + second.lone_cr;
  const bool halves = large && lone_cr == 0 && !first.quote && !second.quote;
  const std::size_t middle = halves ? split : text.size();
  const std::size_t rows_first = halves ? first.rows : first.rows + second.rows;
  // Each lone CR may end a record of its own: an upper bound, exact without them.
  const std::size_t capacity = first.rows + second.rows + lone_cr;
  Eigen::MatrixXd values;
  d.layout = layout;
  resize_prefaulted(values, static_cast<Eigen::Index>(capacity),
                    static_cast<Eigen::Index>(layout == ValueLayout::Nodes ? m.nodes.size() : d.indicators.size()));

  reserve_heap(capacity * label_bytes_per_row(extra_of.size()));
  RowColumns columns;
  columns.resize(capacity, extra_of.size());
  RowReader rows{name, width, header, indicator_of, extra_of, *c_unit, c_name, c_period, values, columns};
  std::vector<RowPart> parts(halves ? 2 : 1);
  parts[0].first_line = reader.line();
  if (halves) {
    parts[1].first_line = reader.line() + first.line_feeds;
    parts[1].first_row = rows_first;
    std::thread second([&] { rows.read(all.substr(middle), &parts[1]); });
    rows.read(all.substr(body, middle - body), &parts[0]);
    second.join();
  } else {
    rows.read(all.substr(body), &parts[0]);
  }

  // Checked in file order. A unit seen twice is found here, over the rows read;
  // of the errors, the one a reader going row by row meets first is reported.
  UnitIndex seen_units(columns);
  constexpr std::size_t kAhead = 16;  // rows whose slots are fetched in advance
  for (const RowPart& part : parts) {
    const std::size_t end = part.first_row + part.rows;
    for (std::size_t i = part.first_row; i < end; ++i) {
      if (i + kAhead < end) seen_units.prefetch(i + kAhead);
      if (const std::size_t first = seen_units.insert(i)) {
        const std::string& unit = columns.units[i];
        const std::string& period = columns.periods[i];
        *err = Error{name, columns.lines[i], columns.unit_columns[i],
                     fmt::format("unit '{}'{} appears twice: first at line {}", fit_width(unit, 60),
                                 period.empty() ? "" : " period '" + period + "'", columns.lines[first - 1])};
        return false;
      }
    }
    // After a bad number the failing row's unit was kept, for the check above only.
    if (part.failed) {
      *err = part.error;
      return false;
    }
    // Rows of a later half sit at their counted place; the count and the rows read agree.
    if (&part != &parts.back() && part.rows != rows_first) {
      *err = Error{name, 0, 0, "internal error: rows counted and rows read differ"};
      return false;
    }
  }
  // Each lone CR counted room for a row that may not be one.
  const std::size_t total = parts.back().first_row + parts.back().rows;
  if (total != capacity) {
    for (auto* column : {&columns.units, &columns.names, &columns.periods}) column->resize(total);
    for (auto& column : columns.extra) column.resize(total);
    columns.lines.resize(total);
  }
  d.units = std::move(columns.units);
  d.names = std::move(columns.names);
  d.periods = std::move(columns.periods);
  d.lines = std::move(columns.lines);
  d.extra = std::move(columns.extra);
  if (d.units.empty()) {
    *err = Error{name, 0, 0, "no units: the file holds a header but no rows"};
    return false;
  }
  if (static_cast<std::size_t>(values.rows()) != d.units.size())
    values.conservativeResize(static_cast<Eigen::Index>(d.units.size()), Eigen::NoChange);
  d.values = std::move(values);
  *out = std::move(d);
  return true;
}

namespace {

// The heap a large file's table will take (value matrix, row labels), estimated
// from its first 64 KiB: the header's columns and the mean length of the rows
// there. 0 for a small file or a sample without two whole rows. An estimate
// only: memory is mapped in ahead by it, never sized by it.
std::size_t estimated_table_bytes(const std::string& path, const Methodology& m, ValueLayout layout) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  struct stat st {};
  char head[64 << 10];
  const ssize_t got = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? ::pread(fd, head, sizeof head, 0) : -1;
  ::close(fd);
  const auto size = static_cast<std::size_t>(st.st_size);
  if (got <= 0 || size < kSplitAboveBytes) return 0;
  const std::string_view sample(head, static_cast<std::size_t>(got));
  const std::size_t header_end = sample.find('\n'), last_end = sample.rfind('\n');
  if (header_end == std::string_view::npos || last_end == header_end) return 0;
  const std::size_t rows_seen = static_cast<std::size_t>(std::count(sample.begin() + static_cast<long>(header_end) + 1,
                                                                    sample.begin() + static_cast<long>(last_end) + 1, '\n'));
  if (rows_seen < 2) return 0;
  const double row_bytes = static_cast<double>(last_end - header_end) / static_cast<double>(rows_seen);
  const auto rows = static_cast<std::size_t>(static_cast<double>(size - header_end) / row_bytes * 1.02) + 64;
  const std::size_t width = static_cast<std::size_t>(std::count(sample.begin(), sample.begin() + static_cast<long>(header_end), ',')) + 1;
  const std::size_t indicators = m.question_nodes().size();
  const std::size_t extra = width > indicators + 1 ? width - indicators - 1 : 0;
  const std::size_t columns = layout == ValueLayout::Nodes ? m.nodes.size() : indicators;
  // As parse_indicator_data asks for them: the value matrix, then the row labels.
  const std::size_t bytes = rows * (8 * columns + label_bytes_per_row(extra));
  return std::min(bytes, 4 * size + (std::size_t{64} << 20));
}

}  // namespace

bool load_indicator_data(const std::string& path, const Methodology& m, IndicatorData* out, Error* err,
                         ValueLayout layout) {
  // The table's memory is mapped in on a second core while the file's text is
  // checked: a block of the estimated size is allocated here, on this thread's
  // heap, mapped in alongside the check, and freed for the table to reuse.
  const std::size_t ahead = estimated_table_bytes(path, m, layout);
  std::unique_ptr<void, void (*)(void*)> block(ahead ? std::malloc(ahead) : nullptr, &std::free);
  std::function<void()> map_in;
  if (block) map_in = [p = block.get(), ahead] { prefault(p, ahead, true); };
  InputText text;
  const bool loaded = load_input_text(path, &text, kMaxInputBytes, err, map_in);
  block.reset();
  return loaded && parse_indicator_data(text.view(), path, m, out, err, kSplitAboveBytes, layout);
}

}  // namespace gpn
