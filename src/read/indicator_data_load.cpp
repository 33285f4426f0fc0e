#include <fmt/format.h>


#include <algorithm>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
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

const std::vector<std::string>* IndicatorData::column(const std::string& name) const {
  for (std::size_t i = 0; i < extra_columns.size(); ++i)
    if (extra_columns[i] == name) return &extra[i];
  return nullptr;
}

namespace indicator_rows {

void RowColumns::resize(std::size_t rows, std::size_t extra_columns) {
  units.resize(rows);
  names.resize(rows);
  periods.resize(rows);
  lines.resize(rows);
  unit_columns.resize(rows);
  keys.resize(rows);
  extra.assign(extra_columns, {});
  for (auto& column : extra) column.resize(rows);
}

namespace {

std::uint64_t unit_key(std::string_view unit, std::string_view period) {
  const std::uint64_t hu = std::hash<std::string_view>{}(unit), hp = std::hash<std::string_view>{}(period);
  return hu ^ (hp + 0x9e3779b97f4a7c15ULL + (hu << 6) + (hu >> 2));
}

}  // namespace

// Writes a row's labels and text cells at the part's next row, and counts it.
void RowReader::keep_row(RowPart* part, const std::vector<std::string_view>& cells, std::string_view unit,
                         std::size_t line, std::size_t unit_column) const {
  RowColumns& out = table.columns;
  const std::size_t at = part->first_row + part->rows;
  const std::string_view period = header.c_period ? trim(cells[*header.c_period]) : std::string_view();
  out.units[at] = unit;
  out.periods[at] = period;
  out.keys[at] = unit_key(unit, period);
  out.lines[at] = line;
  out.unit_columns[at] = unit_column;
  for (std::size_t k = 0; k < header.extra_of.size(); ++k) out.extra[k][at] = trim(cells[header.extra_of[k]]);
  out.names[at] = header.c_name ? trim(cells[*header.c_name]) : unit;
  ++part->rows;
}

// Most rows are plain: unquoted cells, numbers written as plain decimals, "NA"
// or nothing, ending in \n, \r\n or at the end of the text. Such a row is read
// here in one pass over its bytes. Anything else (a quote, blanks, another
// spelling of a number, too few or too many cells, a lone \r, an empty id)
// returns false before the row is kept, and the row is read again the general
// way, which also words any error; so both ways give the same table.
bool RowReader::read_plain_row(const char* p, const char* end, std::size_t line, std::vector<std::string_view>& cells,
                               RowPart* part, const char** next) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd& values = table.values;
  const std::vector<int>& indicator_of = header.indicator_of;
  const std::size_t width = header.width;
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
  const std::string_view unit = trim(cells[header.c_unit]);
  if (unit.empty()) return false;
  keep_row(part, cells, unit, line,
           display_width(std::string_view(row_start, static_cast<std::size_t>(cells[header.c_unit].data() - row_start))) + 1);
  return true;
}

void RowReader::read(std::string_view text, RowPart* part) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t width = header.width, c_unit = header.c_unit;
  Eigen::MatrixXd& values = table.values;
  std::vector<std::string_view> cells(width);
  std::vector<std::size_t> cell_lines(width);
  CsvRecord rec;
  std::size_t pos = 0, line = part->line;
  const std::size_t n = text.size();
  auto fail = [&](Error e) {
    part->failed = true;
    part->error = std::move(e);
  };
  // The next piece of this part starts on the line after the last one read here.
  struct LineKept {
    RowPart* part;
    const std::size_t& line;
    ~LineKept() { part->line = line; }
  } keep_line{part, line};
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
      if (header.indicator_of[i] < 0) continue;
      const std::string_view cell = trim(cells[i]);
      double v = nan;
      if (!(cell.empty() || cell == "NA" || cell == "NaN" || cell == "na" || cell == "N/A")) {
        auto parsed = parse_number(cell);
        if (!parsed)
          return fail(Error{name, cell_lines[i], column_of(i),
                            fmt::format("indicator '{}': expected a number, NA or an empty cell, found '{}'",
                                        trim(header.fields[i]), fit_width(cell, 40))});
        v = *parsed;
      }
      values(r, header.indicator_of[i]) = v;
    }
  }
}

namespace {

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

bool read_header(std::string_view text, const std::string& name, const Methodology& m, ValueLayout layout,
                 IndicatorData* d, TableHeader* h, Error* err) {
  CsvReader reader(text, name);
  CsvRecord rec;
  if (!reader.next(&rec, err)) {
    if (err->message.empty()) *err = Error{name, 0, 0, "the file is empty"};
    return false;
  }
  h->fields = rec.fields;
  const std::vector<std::size_t>& header_cols = rec.columns;
  const std::size_t width = h->width = h->fields.size();
  auto find_col = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (const char* n : names)
      for (std::size_t i = 0; i < width; ++i)
        if (to_lower(trim(h->fields[i])) == n) return i;
    return std::nullopt;
  };
  const auto c_unit = find_col({"ucode", "network", "unit", "id"});
  if (!c_unit) {
    *err = Error{name, rec.line, 1, "header: expected a unit id column (uCode, network, unit or id)"};
    return false;
  }
  h->c_unit = *c_unit;
  h->c_name = find_col({"uname", "name"});
  h->c_period = find_col({"time", "period", "year"});

  d->file = name;
  d->layout = layout;
  h->indicator_of.assign(width, -1);
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < width; ++i) {
    const std::string c(trim(h->fields[i]));
    if (!seen.emplace(c, i).second) {
      *err = Error{name, rec.line, header_cols[i], fmt::format("header: column '{}' is given twice", fit_width(c, 60))};
      return false;
    }
  }
  for (std::size_t qi : m.question_nodes()) {
    auto it = seen.find(m.nodes[qi].id);
    if (it == seen.end()) {
      *err = Error{name, rec.line, 0, fmt::format("header: no column for indicator '{}' of methodology '{}'", m.nodes[qi].id, m.id)};
      return false;
    }
    h->indicator_of[it->second] = static_cast<int>(layout == ValueLayout::Nodes ? qi : d->indicators.size());
    d->indicators.push_back(qi);
  }
  for (std::size_t i = 0; i < width; ++i)
    if (h->indicator_of[i] < 0 && i != h->c_unit && (!h->c_name || i != *h->c_name) && (!h->c_period || i != *h->c_period)) {
      d->extra_columns.emplace_back(trim(h->fields[i]));
      h->extra_of.push_back(i);
    }
  h->body = reader.consumed();
  h->body_line = reader.line();
  return true;
}

Survey& Survey::operator+=(const Survey& o) {
  rows += o.rows;
  line_feeds += o.line_feeds;
  lone_cr += o.lone_cr;
  quote = quote || o.quote;
  return *this;
}

// Rows are non-blank lines; a lone '\r' also ends a record, as in CsvReader, so
// each one may add a row: the count is an upper bound, exact without them.
Survey survey_lines(std::string_view all) {
  Survey s;
  const std::size_t to = all.size();
  for (std::size_t p = 0; p < to;) {
    const std::size_t e = std::min(all.find('\n', p), to);
    s.rows += e > p && !(e == p + 1 && all[p] == '\r');
    s.line_feeds += e < to;
    p = e + 1;
  }
  for (std::size_t p = all.find('\r'); p < to; p = all.find('\r', p + 1)) s.lone_cr += p + 1 < to && all[p + 1] != '\n';
  s.quote = all.find('"') != std::string_view::npos;
  return s;
}

void TableRows::allocate(std::size_t capacity, const Methodology& m, const IndicatorData& d, std::size_t extra_columns) {
  resize_prefaulted(values, static_cast<Eigen::Index>(capacity),
                    static_cast<Eigen::Index>(d.layout == ValueLayout::Nodes ? m.nodes.size() : d.indicators.size()));
  reserve_heap(capacity * label_bytes_per_row(extra_columns));
  columns.resize(capacity, extra_columns);
}

bool finish_table(const std::string& name, const std::vector<RowPart>& parts, const std::vector<std::size_t>& counted,
                  TableRows& table, IndicatorData& d, IndicatorData* out, Error* err) {
  RowColumns& columns = table.columns;
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
    // Rows of a later part sit at their counted place; the count and the rows read agree.
    if (&part != &parts.back() && part.rows != counted[static_cast<std::size_t>(&part - parts.data())]) {
      *err = Error{name, 0, 0, "internal error: rows counted and rows read differ"};
      return false;
    }
  }
  // Each lone CR counted room for a row that may not be one.
  const std::size_t total = parts.back().first_row + parts.back().rows;
  if (total != columns.units.size()) {
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
  Eigen::MatrixXd& values = table.values;
  if (static_cast<std::size_t>(values.rows()) != d.units.size())
    values.conservativeResize(static_cast<Eigen::Index>(d.units.size()), Eigen::NoChange);
  d.values = std::move(values);
  *out = std::move(d);
  return true;
}

std::size_t estimated_table_bytes(std::string_view sample, std::size_t size, const Methodology& m, ValueLayout layout) {
  if (size < two_cores::kTableBytes) return 0;
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
  // As TableRows::allocate asks for them: the value matrix, then the row labels.
  const std::size_t bytes = rows * (8 * columns + label_bytes_per_row(extra));
  return std::min(bytes, 4 * size + (std::size_t{64} << 20));
}

}  // namespace indicator_rows

using namespace indicator_rows;

bool parse_indicator_data(std::string_view text, const std::string& name, const Methodology& m, IndicatorData* out,
                          Error* err, std::size_t split_above, ValueLayout layout) {
  *err = Error{};
  IndicatorData d;
  TableHeader h;
  if (!read_header(text, name, m, layout, &d, &h, err)) return false;

  // The rows: most lines have no quotes and are split in place; a line with a
  // quote goes through the full CSV reader. Rows are counted first, so the
  // matrix is allocated once. A large file is surveyed in two pieces at once,
  // split after a line feed; without quotes or lone CRs it is then also read in
  // those two pieces, each piece's first line and row known from the survey.
  const std::size_t body = h.body;
  const std::string_view all(text);
  const std::size_t split = std::min(all.find('\n', body + (text.size() - body) / 2), text.size() - 1) + 1;
  const bool large = two_cores::worth_splitting(text.size() - body, split_above);
  Survey first, second;
  if (large) {
    two_cores::run_pair([&] { first = survey_lines(all.substr(body, split - body)); },
                        [&] { second = survey_lines(all.substr(split)); });
  } else {
    first = survey_lines(all.substr(body));
  }
  const std::size_t lone_cr = first.lone_cr + second.lone_cr;
  const bool two_pieces = large && lone_cr == 0 && !first.quote && !second.quote;
  const std::size_t middle = two_pieces ? split : text.size();
  const std::size_t rows_first = two_pieces ? first.rows : first.rows + second.rows;
  // Each lone CR may end a record of its own: an upper bound, exact without them.
  TableRows table;
  table.allocate(first.rows + second.rows + lone_cr, m, d, h.extra_of.size());
  const RowReader rows{name, h, table};
  std::vector<RowPart> parts(two_pieces ? 2 : 1);
  parts[0].line = h.body_line;
  if (two_pieces) {
    parts[1].line = h.body_line + first.line_feeds;
    parts[1].first_row = rows_first;
    two_cores::run_pair([&] { rows.read(all.substr(body, middle - body), &parts[0]); },
                        [&] { rows.read(all.substr(middle), &parts[1]); });
  } else {
    rows.read(all.substr(body), &parts[0]);
  }
  return finish_table(name, parts, {rows_first, second.rows}, table, d, out, err);
}

bool parse_indicator_data(std::string_view text, const std::string& name, const Methodology& m, IndicatorData* out,
                          Error* err, ValueLayout layout) {
  return parse_indicator_data(text, name, m, out, err, two_cores::kTableBytes, layout);
}

bool load_indicator_data(const std::string& path, const Methodology& m, IndicatorData* out, Error* err,
                         ValueLayout layout) {
  // A large regular file is read in pieces; one it does not read that way
  // (quotes, lone CRs, bad bytes, ...) is read whole below, which words every error.
  if (const auto done = read_indicator_file_in_pieces(path, m, out, err, layout)) return *done;
  // The table's memory is mapped in on a second core while the file's text is
  // checked: a block of the estimated size is allocated here, on this thread's
  // heap, mapped in alongside the check, and freed for the table to reuse.
  std::size_t ahead = 0;
  std::string head;
  std::size_t file_size = 0;
  if (read_file_start(path, std::size_t{64} << 10, &head, &file_size) && !head.empty())
    ahead = estimated_table_bytes(head, file_size, m, layout);
  std::unique_ptr<void, void (*)(void*)> block(ahead ? std::malloc(ahead) : nullptr, &std::free);
  std::function<void()> map_in;
  if (block) map_in = [p = block.get(), ahead] { prefault(p, ahead, true); };
  InputText text;
  const bool loaded = load_input_text(path, &text, kMaxInputBytes, err, map_in);
  block.reset();
  return loaded && parse_indicator_data(text.view(), path, m, out, err, two_cores::kTableBytes, layout);
}

}  // namespace gpn
