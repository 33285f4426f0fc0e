// Output files are written whole or not at all: into a temporary file beside
// the target, then renamed over it. An output path that names one of the
// inputs is refused, so an input is never overwritten.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "gpn/error.h"

namespace gpn {

bool write_output_file(const std::string& path, const std::string& content, const std::vector<std::string>& inputs,
                       Error* err);

// The same for output produced in pieces (large tables are written as they
// are formatted, without holding the whole text): open, write any number of
// times, commit. Until commit() succeeds the target is untouched; an
// OutputFile destroyed uncommitted removes its temporary file.
class OutputFile {
 public:
  OutputFile() = default;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  bool open(const std::string& path, const std::vector<std::string>& inputs, Error* err);
  bool write(std::string_view bytes);  // false once a write has failed
  bool commit(Error* err);             // flush to disk, rename over the target

 private:
  std::string path_, tmp_;
  int fd_ = -1;
  int error_ = 0;            // errno of the first failed write
  std::size_t written_ = 0;  // bytes written so far
};

// Where a writer sends its bytes, in order; false stops the writer.
using ByteSink = std::function<bool(std::string_view)>;

}  // namespace gpn
