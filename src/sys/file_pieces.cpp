#include "sys/file_pieces.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gpn {

RegularFile::~RegularFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool RegularFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return false;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  size_ = static_cast<std::size_t>(st.st_size);
  return true;
}

std::size_t RegularFile::read_at(char* to, std::size_t bytes, std::size_t offset) const {
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t n = ::pread(fd_, to + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

bool read_file_start(const std::string& path, std::size_t bytes, std::string* out, std::size_t* file_size) {
  RegularFile file;
  if (!file.open(path)) return false;
  out->resize(std::min(bytes, file.size()));
  out->resize(file.read_at(out->data(), out->size(), 0));
  *file_size = file.size();
  return true;
}

bool LineChunks::next(std::string_view* chunk) {
  offset_ += given_;
  held_ -= given_;
  std::memmove(buffer_.data(), buffer_.data() + given_, held_);
  given_ = 0;
  if (held_ == 0 && next_read_ >= to_) return false;
  for (;;) {
    const std::size_t want = std::min(buffer_.size() - held_, to_ - next_read_);
    if (want > 0) {
      const std::size_t got = read_at_(buffer_.data() + held_, want, next_read_);
      held_ += got;
      next_read_ += got;
      if (got != want) {
        short_read_ = true;
        return false;
      }
    }
    if (next_read_ >= to_) {
      given_ = held_;
      break;
    }
    if (const void* lf = ::memrchr(buffer_.data(), '\n', held_)) {
      given_ = static_cast<std::size_t>(static_cast<const char*>(lf) - buffer_.data()) + 1;
      break;
    }
    buffer_.resize(2 * buffer_.size());
  }
  *chunk = std::string_view(buffer_.data(), given_);
  return true;
}

std::optional<std::size_t> after_line_feed(const ReadAt& read_at, std::size_t from, std::size_t size) {
  char window[16 << 10];
  for (std::size_t at = from; at < size;) {
    const std::size_t want = std::min(sizeof window, size - at);
    if (read_at(window, want, at) != want) return std::nullopt;
    if (const void* lf = std::memchr(window, '\n', want))
      return at + static_cast<std::size_t>(static_cast<const char*>(lf) - window) + 1;
    at += want;
  }
  return size;
}

}  // namespace gpn
