// Reading a large file in pieces, at offsets (pread), through a small buffer.
//
// Words used throughout: a *piece* is a byte range of a file that one core
// reads as a unit (cut after a line feed); a *chunk* is what one buffer-full
// of a piece hands over, whole lines only.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpn {

// Reads `bytes` of a file at `offset` into `to`; returns the bytes read (fewer
// only at the end of the file or on an error).
using ReadAt = std::function<std::size_t(char* to, std::size_t bytes, std::size_t offset)>;

// A regular file opened for reading at offsets; anything else (missing, a
// folder, a pipe, a device) does not open, and the caller reads it another way.
class RegularFile {
 public:
  RegularFile() = default;
  RegularFile(const RegularFile&) = delete;
  RegularFile& operator=(const RegularFile&) = delete;
  ~RegularFile();
  bool open(const std::string& path);
  std::size_t size() const { return size_; }
  // As ReadAt: the bytes read, fewer only at the end or on an error.
  std::size_t read_at(char* to, std::size_t bytes, std::size_t offset) const;

 private:
  int fd_ = -1;
  std::size_t size_ = 0;
};

// Up to `bytes` of the start of a regular file into `out` (resized to what was
// read) and the file's size; false for anything but a readable regular file.
bool read_file_start(const std::string& path, std::size_t bytes, std::string* out, std::size_t* file_size);

// Hands over a byte range of a file in chunks of whole lines (the last chunk
// of the file may end without a line feed), read through one buffer that is
// reused; a line longer than the buffer grows it.
class LineChunks {
 public:
  LineChunks(const ReadAt& read_at, std::vector<char>& buffer, std::size_t from, std::size_t to)
      : read_at_(read_at), buffer_(buffer), next_read_(from), to_(to), offset_(from) {}

  // The next chunk; false at the end of the range, or when a read came up short.
  bool next(std::string_view* chunk);
  // The file offset of the chunk last handed over.
  std::size_t offset() const { return offset_; }
  bool short_read() const { return short_read_; }

 private:
  const ReadAt& read_at_;
  std::vector<char>& buffer_;
  std::size_t next_read_, to_, offset_;
  std::size_t held_ = 0, given_ = 0;
  bool short_read_ = false;
};

// The offset just past the first line feed at or after `from`, or `size`;
// nothing when a read comes up short.
std::optional<std::size_t> after_line_feed(const ReadAt& read_at, std::size_t from, std::size_t size);

}  // namespace gpn
