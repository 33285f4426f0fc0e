#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "gpn/csv.h"
#include "gpn/indicator_data.h"
#include "gpn/input_file.h"
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

  std::vector<double> values;  // row-major while reading
  std::map<std::pair<std::string, std::string>, std::size_t> unit_rows;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  while (reader.next(&rec, err)) {
    if (rec.fields.size() != width) {
      *err = Error{name, rec.line, 0, fmt::format("expected {} fields as in the header, found {}", width, rec.fields.size())};
      return false;
    }
    std::string unit(trim(rec.fields[*c_unit]));
    if (unit.empty()) {
      *err = Error{name, rec.line, rec.columns[*c_unit], "expected a unit id, found an empty cell"};
      return false;
    }
    std::string period = c_period ? std::string(trim(rec.fields[*c_period])) : "";
    if (auto [it, fresh] = unit_rows.emplace(std::make_pair(unit, period), rec.line); !fresh) {
      *err = Error{name, rec.line, rec.columns[*c_unit],
                   fmt::format("unit '{}'{} appears twice: first at line {}", fit_width(unit, 60),
                               period.empty() ? "" : " period '" + period + "'", it->second)};
      return false;
    }
    const std::size_t base = values.size();
    values.resize(base + d.indicators.size(), nan);
    for (std::size_t i = 0; i < width; ++i) {
      if (indicator_of[i] < 0) continue;
      const std::string_view cell = trim(rec.fields[i]);
      if (cell.empty() || cell == "NA" || cell == "NaN" || cell == "na" || cell == "N/A") continue;
      auto v = parse_number(cell);
      if (!v) {
        *err = Error{name, rec.lines[i], rec.columns[i],
                     fmt::format("indicator '{}': expected a number, NA or an empty cell, found '{}'", trim(header[i]),
                                 fit_width(cell, 40))};
        return false;
      }
      values[base + static_cast<std::size_t>(indicator_of[i])] = *v;
    }
    for (std::size_t k = 0; k < extra_of.size(); ++k) d.extra[k].emplace_back(trim(rec.fields[extra_of[k]]));
    d.names.emplace_back(c_name ? std::string(trim(rec.fields[*c_name])) : unit);
    d.units.push_back(std::move(unit));
    d.periods.push_back(std::move(period));
    d.lines.push_back(rec.line);
  }
  if (!err->message.empty()) return false;
  if (d.units.empty()) {
    *err = Error{name, 0, 0, "no units: the file holds a header but no rows"};
    return false;
  }
  d.values = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      values.data(), static_cast<Eigen::Index>(d.units.size()), static_cast<Eigen::Index>(d.indicators.size()));
  *out = std::move(d);
  return true;
}

bool load_indicator_data(const std::string& path, const Methodology& m, IndicatorData* out, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, kMaxInputBytes, err)) return false;
  return parse_indicator_data(text, path, m, out, err);
}

}  // namespace gpn
