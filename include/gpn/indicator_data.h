// A table of numeric indicators, COINr's wide format: one row per unit, one
// column per indicator, plus id, name, period, group and denominator columns.
#pragma once
#include <Eigen/Dense>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpn/error.h"
#include "gpn/methodology.h"

namespace gpn {

// Where the values matrix keeps indicator j: in column j (Indicators), or in
// the column of its node in the methodology (Nodes: a matrix as wide as the
// score table, whose other columns are left unset), so that scoring can work
// in place without a second matrix.
enum class ValueLayout { Indicators, Nodes };

struct IndicatorData {
  std::string file;
  std::vector<std::string> units;    // unit codes (uCode / network / id / unit column)
  std::vector<std::string> names;    // uName / name column, or the codes
  std::vector<std::string> periods;  // Time / period / year column, or ""
  // The methodology's indicators, in its pre-order: node index and raw values
  // (units x indicators, NaN = missing: "NA" or an empty cell).
  std::vector<std::size_t> indicators;
  Eigen::MatrixXd values;
  ValueLayout layout = ValueLayout::Indicators;
  Eigen::Index value_column(std::size_t j) const {
    return static_cast<Eigen::Index>(layout == ValueLayout::Nodes ? indicators[j] : j);
  }
  // Every other column (groups, denominators, ...), as text, by header name.
  std::vector<std::string> extra_columns;
  std::vector<std::vector<std::string>> extra;  // [column][unit]
  std::vector<std::size_t> lines;               // line of each unit's row

  const std::vector<std::string>* column(const std::string& name) const;
};

// Reads a wide indicator table for a numeric methodology: every indicator
// must have a column of numbers (or NA / empty); a non-number is an error
// naming its line and column.
bool load_indicator_data(const std::string& path, const Methodology& m, IndicatorData* out, Error* err,
                         ValueLayout layout = ValueLayout::Indicators);
// A file of more than `split_above` bytes without quotes is read in two halves
// at once; the result is the same either way (tests and the fuzzer compare).
constexpr std::size_t kSplitAboveBytes = std::size_t{4} << 20;
bool parse_indicator_data(std::string_view text, const std::string& name, const Methodology& m, IndicatorData* out,
                          Error* err, std::size_t split_above = kSplitAboveBytes,
                          ValueLayout layout = ValueLayout::Indicators);

// Reads `bytes` of a file at `offset` into `to`; returns the bytes read (fewer
// only at the end of the file or on an error).
using ReadAt = std::function<std::size_t(char* to, std::size_t bytes, std::size_t offset)>;
struct PieceOptions {
  std::size_t piece_bytes = std::size_t{256} << 10;  // each half's buffer (grown for a longer line)
  std::size_t sample_bytes = std::size_t{64} << 10;  // read first for the header; it must end in it
  ValueLayout layout = ValueLayout::Indicators;
};
// How load_indicator_data reads a large regular file: twice, through a small
// buffer per half, in pieces of whole lines; first to check its bytes and
// count its rows, then to read them, both halves at once. It reads only files
// without quotes, lone CRs, NUL bytes or invalid UTF-8, whose header ends in
// the sample and is valid: for any other it returns nullopt, and the whole text
// is read instead (parse_indicator_data), which words every error. Otherwise
// the same table or error as parse_indicator_data (the tests and the fuzzer
// compare). Why not the whole text mapped: docs/performance.md.
std::optional<bool> read_indicator_data_in_pieces(const ReadAt& read_at, std::size_t size, const std::string& name,
                                                  const Methodology& m, IndicatorData* out, Error* err,
                                                  const PieceOptions& options = {});

}  // namespace gpn
