// Output files are written whole or not at all: into a temporary file beside
// the target, then renamed over it. An output path that names one of the
// inputs is refused, so an input is never overwritten. Only a regular file (or
// a new path) is replaced: a device, a pipe or a socket (`/dev/null`, a FIFO,
// `/dev/stdout` on a pipe) is written into directly, and a symbolic link to a
// regular file has the file it points to replaced, never the link itself.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
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
  OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  bool open(const std::string& path, const std::vector<std::string>& inputs, Error* err);
  bool write(std::string_view bytes);  // false once a write has failed
  bool commit(Error* err);             // flush to disk, rename over the target

 private:
  void join_early_sync();

  std::string path_, tmp_;
  std::string replace_;  // what the temporary file is renamed over (a link's target)
  bool direct_ = false;  // written into directly: not a regular file
  int fd_ = -1;
  int error_ = 0;            // errno of the first failed write
  std::size_t written_ = 0;  // bytes written so far
  // A flush to disk of the bytes written so far, on a helper thread while the
  // next pieces are formatted (see write()); its errno, if it failed.
  struct EarlySync;  // the helper thread (src/sys/output_file.cpp)
  std::unique_ptr<EarlySync> early_sync_;
  std::atomic<bool> syncing_{false};
  std::atomic<int> sync_error_{0};
  std::size_t sync_started_at_ = 0;  // bytes written when the last one started
};

// Where a writer sends its bytes, in order; false stops the writer.
using ByteSink = std::function<bool(std::string_view)>;

}  // namespace gpn
