#include "gpn/csv.h"

#include <algorithm>

#include <fmt/format.h>

#include "gpn/text.h"

namespace gpn {

namespace {
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool formula_like(std::string_view s) {
  return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}
}  // namespace

CsvReader::CsvReader(std::string_view data, std::string file) : data_(data), file_(std::move(file)) {
  if (data_.substr(0, kBom.size()) == kBom) {
    pos_ = kBom.size();
    line_start_ = pos_;
  }
}

bool CsvReader::next(CsvRecord* rec, Error* err) {
  rec->fields.clear();
  rec->columns.clear();
  rec->lines.clear();
  const std::size_t n = data_.size();
  // Blank lines between records carry nothing and are skipped.
  while (pos_ < n && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  if (pos_ >= n) return false;
  rec->line = line_;

  for (;;) {
    const std::size_t column = display_width(data_.substr(line_start_, pos_ - line_start_)) + 1;
    rec->columns.push_back(column);
    rec->lines.push_back(line_);
    std::string field;
    if (pos_ < n && data_[pos_] == '"') {
      const std::size_t open_line = line_;
      const std::size_t open_column = column;
      ++pos_;
      for (;;) {
        const std::size_t q = data_.find('"', pos_);
        if (q == std::string_view::npos) {
          *err = Error{file_, open_line, open_column, "unterminated quoted field: expected a closing '\"', found the end of the file"};
          return false;
        }
        for (std::size_t i = pos_; i < q; ++i)
          if (data_[i] == '\n') {
            ++line_;
            line_start_ = i + 1;
          }
        field.append(data_.substr(pos_, q - pos_));
        pos_ = q + 1;
        if (pos_ < n && data_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r') {
        *err = Error{file_, line_, display_width(data_.substr(line_start_, pos_ - line_start_)) + 1,
                     fmt::format("expected ',' or the end of the line after a closing quote, found '{}'", data_[pos_])};
        return false;
      }
    } else {
      const std::size_t end = data_.find_first_of(",\r\n\"", pos_);
      const std::size_t stop = end == std::string_view::npos ? n : end;
      if (stop < n && data_[stop] == '"') {
        *err = Error{file_, line_, display_width(data_.substr(line_start_, stop - line_start_)) + 1,
                     "unexpected '\"' inside an unquoted field: quote the whole field and double inner quotes"};
        return false;
      }
      field.assign(data_.substr(pos_, stop - pos_));
      pos_ = stop;
    }
    if (field.find(kBom) != std::string::npos) {
      *err = Error{file_, rec->lines.back(), rec->columns.back(),
                   "unexpected byte order mark inside the data (files joined together?)"};
      return false;
    }
    rec->fields.push_back(std::move(field));
    if (pos_ >= n) return true;
    if (data_[pos_] == ',') {
      ++pos_;
      continue;
    }
    // End of record: \n, \r\n or a lone \r.
    if (data_[pos_] == '\r') ++pos_;
    if (pos_ < n && data_[pos_] == '\n') ++pos_;
    ++line_;
    line_start_ = pos_;
    return true;
  }
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Spreadsheets run a cell starting with = + - @ tab or CR; a leading ' shows it
// as text. Values that already start with quotes before such a character get
// one more, so csv_untext gives back exactly what was written.
std::string csv_text(std::string_view s) {
  if (formula_like(s.substr(std::min(s.size(), s.find_first_not_of('\'')))))
    return csv_field("'" + std::string(s));
  return csv_field(s);
}

std::string csv_untext(std::string_view s) {
  if (!s.empty() && s[0] == '\'' && formula_like(s.substr(std::min(s.size(), s.find_first_not_of('\'')))))
    return std::string(s.substr(1));
  return std::string(s);
}

}  // namespace gpn
