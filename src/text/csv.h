// RFC 4180 CSV: a reader that keeps the line and column of every field (so
// errors can point at a cell) and writers' helpers for quoting and for
// neutralising cells a spreadsheet would run as formulas. Hand-written rather
// than libcsv because messages need cell positions; see docs/design.md.
#pragma once
#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gpn/error.h"

namespace gpn {

// No answer, comment or name needs more; a larger field is an error rather than memory use.
constexpr std::size_t kMaxCsvFieldBytes = 1u << 20;

struct CsvRecord {
  std::size_t line = 0;               // line where the record starts
  std::vector<std::string> fields;    // unquoted
  std::vector<std::size_t> columns;   // 1-based column (characters) where each field starts
  std::vector<std::size_t> lines;     // line where each field starts (quoted fields may span lines)
};

class CsvReader {
 public:
  // `data` must outlive the reader. A leading UTF-8 byte order mark is skipped.
  CsvReader(std::string_view data, std::string file);

  // The next non-blank record. Returns false at the end (err untouched) or on
  // malformed input (err filled; check err->message). The record's vectors are
  // reused between calls, so reading allocates little.
  bool next(CsvRecord* rec, Error* err);

  // Reading in chunks: a reader over a chunk that is not the last (final =
  // false) stops before a record the chunk cuts off, and incomplete() says so.
  // consumed() bytes are done; reset() continues on the rest plus more data,
  // keeping the line count.
  bool incomplete() const { return incomplete_; }
  std::size_t consumed() const { return pos_; }
  std::size_t line() const { return line_; }  // the line the next record starts on
  void set_line(std::size_t line) { line_ = line; }
  void reset(std::string_view data, bool final);

 private:
  std::string_view data_;
  std::string file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  bool final_ = true;
  bool incomplete_ = false;
};

// CSV from a file read in blocks, so memory stays flat however large the file.
class CsvFileReader {
 public:
  // Fails (err filled) when the file cannot be opened or is a directory.
  bool open(const std::string& path, Error* err);
  bool next(CsvRecord* rec, Error* err);
  const std::string& path() const { return path_; }

 private:
  bool refill(Error* err);
  std::string path_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  std::string buffer_;
  std::size_t offset_ = 0;   // bytes of the file before buffer_
  std::size_t checked_ = 0;  // bytes of buffer_ already checked as UTF-8
  bool eof_ = false;
  std::unique_ptr<CsvReader> reader_;
};

// A field quoted when it needs to be (comma, quote, CR or LF inside).
std::string csv_field(std::string_view s);
// A text field from outside (names, answers, comments): quoted as needed, and
// prefixed with ' when it starts with = + - @ tab or CR, which spreadsheets
// would otherwise evaluate as a formula.
std::string csv_text(std::string_view s);
// Undoes csv_text's formula prefix when reading such a file back.
std::string csv_untext(std::string_view s);

}  // namespace gpn
