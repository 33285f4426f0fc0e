#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

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

bool parse_indicator_data(const std::string& text, const std::string& name, const Methodology& m, IndicatorData* out,
                          Error* err) {
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
  std::vector<int> indicator_of(width, -1);  // column -> position among indicators
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
    indicator_of[it->second] = static_cast<int>(d.indicators.size());
    d.indicators.push_back(qi);
  }
  std::vector<std::size_t> extra_of;
  for (std::size_t i = 0; i < width; ++i)
    if (indicator_of[i] < 0 && i != *c_unit && (!c_name || i != *c_name) && (!c_period || i != *c_period)) {
      d.extra_columns.emplace_back(trim(header[i]));
      extra_of.push_back(i);
    }
  d.extra.resize(extra_of.size());

  // The rows: most lines have no quotes and are split in place; a line with a
  // quote goes through the full CSV reader.
  // Rows = non-blank lines after the header (quoted line breaks aside), so the
  // matrix is allocated once at its final size.
  // A lone '\r' also ends a record (as in CsvReader), so each one may add a row:
  // an upper bound that is exact for files without them.
  std::size_t capacity = 0;
  for (std::size_t p = reader.consumed(); p < text.size();) {
    const std::size_t e = std::min(text.find('\n', p), text.size());
    capacity += e > p && !(e == p + 1 && text[p] == '\r');
    p = e + 1;
  }
  for (std::size_t p = text.find('\r', reader.consumed()); p != std::string::npos; p = text.find('\r', p + 1))
    capacity += p + 1 < text.size() && text[p + 1] != '\n';
  Eigen::MatrixXd values;
  resize_prefaulted(values, static_cast<Eigen::Index>(capacity), static_cast<Eigen::Index>(d.indicators.size()));
  std::unordered_map<std::string, std::size_t> unit_rows;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string_view> cells(width);
  std::vector<std::size_t> cell_lines(width);
  std::size_t pos = reader.consumed(), line = reader.line();
  const std::size_t n = text.size();
  while (pos < n) {
    if (text[pos] == '\n' || text[pos] == '\r') {
      line += text[pos] == '\n';
      ++pos;
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
      CsvReader one(std::string_view(text).substr(pos), name);
      one.set_line(line);
      if (!one.next(&rec, err)) return false;
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
    if (count != width) {
      *err = Error{name, row_line, 0, fmt::format("expected {} fields as in the header, found {}", width, count)};
      return false;
    }
    std::string unit(trim(cells[*c_unit]));
    if (unit.empty()) {
      *err = Error{name, row_line, column_of(*c_unit), "expected a unit id, found an empty cell"};
      return false;
    }
    std::string period = c_period ? std::string(trim(cells[*c_period])) : "";
    if (auto [it, fresh] = unit_rows.emplace(unit + '\x1f' + period, row_line); !fresh) {
      *err = Error{name, row_line, column_of(*c_unit),
                   fmt::format("unit '{}'{} appears twice: first at line {}", fit_width(unit, 60),
                               period.empty() ? "" : " period '" + period + "'", it->second)};
      return false;
    }
    const auto r = static_cast<Eigen::Index>(d.units.size());
    if (r >= values.rows())  // not expected (the count above is an upper bound), but never write past the end
      values.conservativeResize(2 * r + 1, Eigen::NoChange);
    for (std::size_t i = 0; i < width; ++i) {
      if (indicator_of[i] < 0) continue;
      const std::string_view cell = trim(cells[i]);
      double v = nan;
      if (!(cell.empty() || cell == "NA" || cell == "NaN" || cell == "na" || cell == "N/A")) {
        auto parsed = parse_number(cell);
        if (!parsed) {
          *err = Error{name, cell_lines[i], column_of(i),
                       fmt::format("indicator '{}': expected a number, NA or an empty cell, found '{}'", trim(header[i]),
                                   fit_width(cell, 40))};
          return false;
        }
        v = *parsed;
      }
      values(r, indicator_of[i]) = v;
    }
    for (std::size_t k = 0; k < extra_of.size(); ++k) d.extra[k].emplace_back(trim(cells[extra_of[k]]));
    d.names.emplace_back(c_name ? std::string(trim(cells[*c_name])) : unit);
    d.units.push_back(std::move(unit));
    d.periods.push_back(std::move(period));
    d.lines.push_back(row_line);
  }
  if (!err->message.empty()) return false;
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

bool load_indicator_data(const std::string& path, const Methodology& m, IndicatorData* out, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, kMaxInputBytes, err)) return false;
  return parse_indicator_data(text, path, m, out, err);
}

}  // namespace gpn
