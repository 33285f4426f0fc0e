// RFC 4180 CSV: a reader that keeps the line and column of every field (so
// errors can point at a cell) and writers' helpers for quoting and for
// neutralising cells a spreadsheet would run as formulas. Hand-written rather
// than libcsv because messages need cell positions; see docs/design.md.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gpn/error.h"

namespace gpn {

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
  // malformed input (err filled; check err->message).
  bool next(CsvRecord* rec, Error* err);

 private:
  std::string_view data_;
  std::string file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
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
