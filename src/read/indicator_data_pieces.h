// How load_indicator_data reads its text, exposed for the tests and the
// fuzzer, which compare every way of reading with the whole text read on one
// thread.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "gpn/indicator_data.h"
#include "sys/file_pieces.h"
#include "sys/two_cores.h"

namespace gpn {

// parse_indicator_data, with a text of more than `split_above` bytes without
// quotes read in two pieces at once; the result is the same either way.
bool parse_indicator_data(std::string_view text, const std::string& name, const Methodology& m, IndicatorData* out,
                          Error* err, std::size_t split_above, ValueLayout layout = ValueLayout::Indicators);

struct PieceOptions {
  std::size_t buffer_bytes = std::size_t{256} << 10;  // each core's buffer (grown for a longer line)
  std::size_t sample_bytes = std::size_t{64} << 10;  // read first for the header; it must end in it
  ValueLayout layout = ValueLayout::Indicators;
};
// How load_indicator_data reads a large regular file: twice, in pieces, through a
// small buffer per core in chunks of whole lines; first to check its bytes and
// count its rows, then to read them, on both cores. It reads only files
// without quotes, lone CRs, NUL bytes or invalid UTF-8, whose header ends in
// the sample and is valid: for any other it returns nullopt, and the whole text
// is read instead (parse_indicator_data), which words every error. Otherwise
// the same table or error as parse_indicator_data (the tests and the fuzzer
// compare). Why not the whole text mapped: docs/performance.md.
std::optional<bool> read_indicator_data_in_pieces(const ReadAt& read_at, std::size_t size, const std::string& name,
                                                  const Methodology& m, IndicatorData* out, Error* err,
                                                  const PieceOptions& options = {});

}  // namespace gpn
