// The indicator data reader's parts shared by its two ways of getting a file's
// text: the whole text at once (indicator_data_load.cpp) and a large file in
// pieces of whole lines (indicator_data_pieces.cpp). Both read the header, survey
// the rows, read them and check them through these, so they give the same table
// and the same first error.
#pragma once
#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpn/error.h"
#include "gpn/indicator_data.h"
#include "gpn/methodology.h"

namespace gpn::indicator_rows {

// The rows' text columns, sized once for every row the file can hold and
// written in place by row number: the pieces of a large file fill their
// own ranges at once, and nothing is moved to join them.
struct RowColumns {
  std::vector<std::string> units, names, periods;
  std::vector<std::vector<std::string>> extra;  // [column][row]
  std::vector<std::size_t> lines, unit_columns;
  std::vector<std::uint64_t> keys;  // hash of (unit, period), for the duplicate check

  void resize(std::size_t rows, std::size_t extra_columns);
};

// Heap a row's labels take: the columns above (four strings, three words) and
// the duplicate check's slots, plus a string per extra column. The reader maps
// in this much per row; the estimate of a file's memory uses the same figure.
constexpr std::size_t label_bytes_per_row(std::size_t extra_columns) { return 160 + 32 * extra_columns; }

// What the header says: the columns' roles, and where the rows start.
struct TableHeader {
  std::vector<std::string> fields;
  std::size_t width = 0, c_unit = 0;
  std::optional<std::size_t> c_name, c_period;
  std::vector<int> indicator_of;      // file column -> column of the value matrix, or -1
  std::vector<std::size_t> extra_of;  // file columns kept as text
  std::size_t body = 0;               // the first row's byte offset
  std::size_t body_line = 1;          // and its line
};

// Reads the header record at the start of `text` and matches it to the
// methodology's indicators; fills d's file, layout, indicators and extra columns.
bool read_header(std::string_view text, const std::string& name, const Methodology& m, ValueLayout layout,
                 IndicatorData* d, TableHeader* h, Error* err);

// One look over a piece (or chunk) of whole lines: its rows, line feeds and lone CRs,
// and whether it holds a quote. Stretches end after a line feed or at the end
// of the file, so the counts of consecutive pieces add up.
struct Survey {
  std::size_t rows = 0, line_feeds = 0, lone_cr = 0;
  bool quote = false;
  Survey& operator+=(const Survey& o);
};
Survey survey_lines(std::string_view lines);

// One piece of the file: where its rows go, how many it read, and its first
// error. On cache lines of its own: the pieces' parts sit side by side and
// each row updates its count.
struct alignas(64) RowPart {
  std::size_t line = 1;       // the line the piece's next text starts on
  std::size_t first_row = 0;  // its first row's place in the columns and the value matrix
  // Rows read. A row with a bad number is counted, so its unit goes through the
  // duplicate check, which a row-by-row reader would have made before meeting
  // the number; a ragged row or an empty id fails before the row is counted.
  std::size_t rows = 0;
  bool failed = false;
  Error error;
};

// The table being filled: the value matrix and the text columns, allocated for
// `capacity` rows (counted by the survey) and mapped in before the rows come.
struct TableRows {
  Eigen::MatrixXd values;
  RowColumns columns;
  void allocate(std::size_t capacity, const Methodology& m, const IndicatorData& d, std::size_t extra_columns);
};

struct RowReader {
  const std::string& name;
  const TableHeader& header;
  TableRows& table;

  // Reads the rows of `text` (whole lines) into the part's next rows; a part
  // may be read in several consecutive pieces. Stops at the first error.
  void read(std::string_view text, RowPart* part) const;

 private:
  void keep_row(RowPart* part, const std::vector<std::string_view>& cells, std::string_view unit, std::size_t line,
                std::size_t unit_column) const;
  bool read_plain_row(const char* p, const char* end, std::size_t line, std::vector<std::string_view>& cells,
                      RowPart* part, const char** next) const;
};

// After the parts are read: the duplicate check in file order, the first error
// a row-by-row reader would meet, and the table moved into `out`. `counted`:
// each part's rows as the survey counted them (for the last, an upper bound).
bool finish_table(const std::string& name, const std::vector<RowPart>& parts, const std::vector<std::size_t>& counted,
                  TableRows& table, IndicatorData& d, IndicatorData* out, Error* err);

// The heap a large file's table will take (value matrix, row labels), estimated
// from its first bytes (`sample`, 64 KiB or so) and its size: the header's
// columns and the mean length of the rows there. 0 for a small file or a sample
// without two whole rows. An estimate only: memory is mapped in ahead by it,
// never sized by it.
std::size_t estimated_table_bytes(std::string_view sample, std::size_t size, const Methodology& m, ValueLayout layout);

// read_indicator_data_in_pieces over a regular file of more than
// two_cores::kTableBytes (with the table's memory mapped in alongside the first
// reading); nullopt for any other file, or one it does not read that way.
std::optional<bool> read_indicator_file_in_pieces(const std::string& path, const Methodology& m, IndicatorData* out,
                                                  Error* err, ValueLayout layout);

}  // namespace gpn::indicator_rows
