#include "text/csv.h"

#include <algorithm>

#include <fmt/format.h>

#include "text/text.h"

#include <filesystem>

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
  incomplete_ = false;
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
  // Where the record starts, to come back to when a chunk ends inside it.
  const std::size_t start_pos = pos_, start_line = line_, start_line_start = line_start_;
  auto need_more = [&]() {
    pos_ = start_pos;
    line_ = start_line;
    line_start_ = start_line_start;
    incomplete_ = true;
    return false;
  };
  rec->line = line_;
  std::size_t nf = 0;
  // The display column of pos_, kept as we go: recomputing it per field from the
  // start of the line would make wide rows quadratic.
  std::size_t col = display_width(data_.substr(line_start_, pos_ - line_start_));
  auto field_slot = [&]() -> std::string& {
    if (nf < rec->fields.size()) {
      rec->fields[nf].clear();
      rec->columns[nf] = col + 1;
      rec->lines[nf] = line_;
    } else {
      rec->fields.emplace_back();
      rec->columns.push_back(col + 1);
      rec->lines.push_back(line_);
    }
    return rec->fields[nf++];
  };

  for (;;) {
    std::string& field = field_slot();
    if (pos_ < n && data_[pos_] == '"') {
      const std::size_t open_line = line_;
      const std::size_t open_column = col + 1;
      ++pos_;
      bool spanned = false;
      for (;;) {
        const std::size_t q = data_.find('"', pos_);
        if (q == std::string_view::npos) {
          // A field already past the limit is an error now, not after reading it all.
          if (n - pos_ > kMaxCsvFieldBytes) {
            *err = Error{file_, open_line, open_column,
                         fmt::format("a field of more than {} bytes: the limit is {} bytes per field", kMaxCsvFieldBytes, kMaxCsvFieldBytes)};
            return false;
          }
          if (!final_) return need_more();
          *err = Error{file_, open_line, open_column, "unterminated quoted field: expected a closing '\"', found the end of the file"};
          return false;
        }
        for (std::size_t i = pos_; i < q; ++i)
          if (data_[i] == '\n') {
            ++line_;
            line_start_ = i + 1;
            spanned = true;
          }
        field.append(data_.substr(pos_, q - pos_));
        pos_ = q + 1;
        if (pos_ < n && data_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        if (pos_ >= n && !final_) return need_more();  // a doubled quote may follow in the next chunk
        break;
      }
      col = spanned ? display_width(data_.substr(line_start_, pos_ - line_start_)) : col + display_width(field) + 2;
      if (!spanned)
        for (char c : field) col += c == '"';  // doubled quotes take two columns
      if (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r') {
        *err = Error{file_, line_, col + 1,
                     fmt::format("expected ',' or the end of the line after a closing quote, found '{}'", data_[pos_])};
        return false;
      }
    } else {
      std::size_t stop = pos_;
      while (stop < n) {
        const char c = data_[stop];
        if (c == ',' || c == '\n' || c == '\r' || c == '"') break;
        ++stop;
      }
      if (stop < n && data_[stop] == '"') {
        *err = Error{file_, line_, col + display_width(data_.substr(pos_, stop - pos_)) + 1,
                     "unexpected '\"' inside an unquoted field: quote the whole field and double inner quotes"};
        return false;
      }
      if (stop - pos_ > kMaxCsvFieldBytes) {
        *err = Error{file_, line_, col + 1,
                     fmt::format("a field of more than {} bytes: the limit is {} bytes per field", kMaxCsvFieldBytes, kMaxCsvFieldBytes)};
        return false;
      }
      if (stop >= n && !final_) return need_more();
      field.assign(data_.substr(pos_, stop - pos_));
      col += display_width(field);
      pos_ = stop;
    }
    if (field.size() > kMaxCsvFieldBytes) {
      *err = Error{file_, rec->lines[nf - 1], rec->columns[nf - 1],
                   fmt::format("a field of {} bytes: the limit is {} bytes per field", field.size(), kMaxCsvFieldBytes)};
      return false;
    }
    if (field.find(kBom) != std::string::npos) {
      *err = Error{file_, rec->lines[nf - 1], rec->columns[nf - 1],
                   "unexpected byte order mark inside the data (files joined together?)"};
      return false;
    }
    if (pos_ >= n) break;
    if (data_[pos_] == ',') {
      ++pos_;
      ++col;
      continue;
    }
    // End of record: \n, \r\n or a lone \r.
    if (data_[pos_] == '\r') {
      ++pos_;
      if (pos_ >= n && !final_) return need_more();  // the \n may be in the next chunk
    }
    if (pos_ < n && data_[pos_] == '\n') ++pos_;
    ++line_;
    line_start_ = pos_;
    break;
  }
  rec->fields.resize(nf);
  rec->columns.resize(nf);
  rec->lines.resize(nf);
  return true;
}

void CsvReader::reset(std::string_view data, bool final) {
  data_ = data;
  pos_ = 0;
  line_start_ = 0;
  final_ = final;
  incomplete_ = false;
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

namespace gpn {

bool CsvFileReader::open(const std::string& path, Error* err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  path_ = path;
  if (!fs::exists(path, ec)) return *err = Error{path, 0, 0, "cannot open: no such file"}, false;
  if (fs::is_directory(path, ec)) return *err = Error{path, 0, 0, "expected a file, found a directory"}, false;
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (!file_) return *err = Error{path, 0, 0, "cannot open: permission denied or unreadable"}, false;
  reader_ = std::make_unique<CsvReader>(std::string_view(), path);
  reader_->reset(std::string_view(), false);
  return refill(err);
}

// Keeps the unread tail, appends the next block, and checks the new bytes.
bool CsvFileReader::refill(Error* err) {
  constexpr std::size_t kBlock = 4u << 20;
  const std::size_t used = reader_->consumed();
  buffer_.erase(0, used);
  offset_ += used;
  checked_ -= used;
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kBlock);
  const std::size_t got = std::fread(buffer_.data() + old, 1, kBlock, file_.get());
  buffer_.resize(old + got);
  if (got < kBlock) {
    if (std::ferror(file_.get())) return *err = Error{path_, 0, 0, "read error"}, false;
    eof_ = true;
  }
  if (offset_ == 0 && old == 0 && got == 0) return *err = Error{path_, 0, 0, "the file is empty"}, false;
  const std::string_view fresh(buffer_.data() + old, got);
  if (fresh.find('\0') != std::string_view::npos)
    return *err = Error{path_, 0, 0, fmt::format("expected text, found a NUL byte at byte {}", offset_ + old + fresh.find('\0'))}, false;
  // A multi-byte character may be cut at the block's end: check up to the last complete one.
  std::size_t check_end = buffer_.size();
  if (!eof_)
    for (std::size_t back = 0; back < 4 && check_end > checked_; ++back) {
      if ((static_cast<unsigned char>(buffer_[check_end - 1]) & 0xC0) == 0x80) {
        --check_end;
        continue;
      }
      if (static_cast<unsigned char>(buffer_[check_end - 1]) >= 0xC0) --check_end;
      break;
    }
  if (auto bad = invalid_utf8_at(std::string_view(buffer_.data() + checked_, check_end - checked_)))
    return *err = Error{path_, 0, 0, fmt::format("expected UTF-8 text, found an invalid byte sequence at byte {}", offset_ + checked_ + *bad)}, false;
  checked_ = check_end;
  reader_->reset(buffer_, eof_);
  return true;
}

bool CsvFileReader::next(CsvRecord* rec, Error* err) {
  *err = Error{};
  for (;;) {
    if (reader_->next(rec, err)) return true;
    if (!err->message.empty()) return false;
    if (eof_ && !reader_->incomplete()) return false;
    if (!refill(err)) return false;
  }
}

}  // namespace gpn
