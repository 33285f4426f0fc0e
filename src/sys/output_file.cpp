#include "gpn/output_file.h"

#include "sys/two_cores.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace gpn {

namespace fs = std::filesystem;

struct OutputFile::EarlySync {
  two_cores::Helper thread;
};

void OutputFile::join_early_sync() {
  if (early_sync_) early_sync_->thread.join();
}

OutputFile::OutputFile() = default;

OutputFile::~OutputFile() {
  join_early_sync();
  if (fd_ >= 0) ::close(fd_);
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

bool OutputFile::open(const std::string& path, const std::vector<std::string>& inputs, Error* err) {
  std::error_code ec;
  const fs::path target(path);
  for (const auto& in : inputs) {
    if (fs::exists(target, ec) && fs::equivalent(target, fs::path(in), ec)) {
      *err = Error{path, 0, 0, "the output path is also an input file; refusing to overwrite it"};
      return false;
    }
  }
  if (fs::is_directory(target, ec)) {
    *err = Error{path, 0, 0, "expected an output file path, found a directory"};
    return false;
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A device, pipe or socket: renaming over it would replace it (as root,
    // /dev/null would become a regular file), so the bytes go straight in.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      *err = Error{path, 0, 0, std::string("cannot write: ") + std::strerror(errno)};
      return false;
    }
    path_ = path, tmp_.clear(), replace_.clear(), fd_ = fd, direct_ = true;
    error_ = 0, written_ = 0, sync_started_at_ = 0, sync_error_ = 0;
    return true;
  }
  // A link to a regular file: the file it points to is replaced, not the link.
  fs::path real = target;
  if (fs::is_symlink(fs::symlink_status(target, ec)) && fs::exists(status)) {
    real = fs::canonical(target, ec);
    if (ec) {
      *err = Error{path, 0, 0, "cannot write: the link cannot be followed: " + ec.message()};
      return false;
    }
  }
  const fs::path dir = real.has_parent_path() ? real.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    *err = Error{path, 0, 0, "cannot write: the folder '" + dir.string() + "' does not exist"};
    return false;
  }
  std::string tmp = (dir / ("." + real.filename().string() + ".gpn-XXXXXX")).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0) {
    *err = Error{path, 0, 0, std::string("cannot write: ") + std::strerror(errno)};
    return false;
  }
  path_ = path;
  replace_ = real.string();
  direct_ = false;
  tmp_ = std::move(tmp);
  fd_ = fd;
  error_ = 0;
  written_ = 0;
  sync_started_at_ = 0;
  sync_error_ = 0;
  return true;
}

bool OutputFile::write(std::string_view bytes) {
  if (fd_ < 0 || error_) return false;
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  // The disk write of each piece starts now, while the next is formatted, so
  // commit()'s fsync waits for the last pieces only (a request, not a wait:
  // errors still surface at fsync). Only for large pieces: small files are
  // written at once anyway.
  constexpr std::size_t kEarlyAbove = std::size_t{256} << 10;
  if (direct_) return true;
  if (bytes.size() >= kEarlyAbove)
    ::sync_file_range(fd_, static_cast<off_t>(written_), static_cast<off_t>(bytes.size()), SYNC_FILE_RANGE_WRITE);
  written_ += bytes.size();
  // Every 4 MiB, what is written so far is flushed to disk (fdatasync) on a
  // helper thread while the next pieces are formatted. Why: on the benchmark
  // machine a flush takes time in proportion to what it flushes, even when the
  // pages were written back before (docs/performance.md), and this leaves
  // commit() only the last 4 MiB's. commit() still syncs the whole file.
  constexpr std::size_t kSyncEvery = std::size_t{4} << 20;
  if (written_ - sync_started_at_ >= kSyncEvery && !syncing_.load()) {
    join_early_sync();
    syncing_ = true;
    sync_started_at_ = written_;
    if (!early_sync_) early_sync_ = std::make_unique<EarlySync>();
    early_sync_->thread = two_cores::Helper([this] {
      // Kept: Linux reports a failed writeback to one sync call only, maybe this one.
      if (::fdatasync(fd_) != 0) {
        int none = 0;
        sync_error_.compare_exchange_strong(none, errno);
      }
      syncing_ = false;
    });
  }
  return true;
}

bool OutputFile::commit(Error* err) {
  if (fd_ < 0) {
    *err = Error{path_, 0, 0, "cannot write: the file is not open"};
    return false;
  }
  join_early_sync();
  bool ok = error_ == 0 && sync_error_ == 0;
  int saved = error_ ? error_ : sync_error_.load();
  if (direct_) {  // not ours to chmod, sync or rename
    const bool closed = ::close(fd_) == 0;
    if (ok && !closed) ok = false, saved = errno;
    fd_ = -1;
    if (!ok) *err = Error{path_, 0, 0, std::string("cannot write: ") + std::strerror(saved)};
    return ok;
  }
  if (ok && (::fchmod(fd_, 0644) != 0 || ::fsync(fd_) != 0)) ok = false, saved = errno;
  if (::close(fd_) != 0 && ok) ok = false, saved = errno;
  fd_ = -1;
  if (ok && std::rename(tmp_.c_str(), replace_.c_str()) != 0) ok = false, saved = errno;
  if (!ok) {
    *err = Error{path_, 0, 0, std::string("cannot write: ") + std::strerror(saved)};
    ::unlink(tmp_.c_str());  // nothing half-written is left, whatever the caller does next
    tmp_.clear();
    return false;
  }
  tmp_.clear();
  return true;
}

bool write_output_file(const std::string& path, const std::string& content, const std::vector<std::string>& inputs,
                       Error* err) {
  OutputFile out;
  if (!out.open(path, inputs, err)) return false;
  out.write(content);
  return out.commit(err);
}

}  // namespace gpn
