#include "gpn/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace gpn {

namespace fs = std::filesystem;

bool write_output_file(const std::string& path, const std::string& content, const std::vector<std::string>& inputs,
                       Error* err) {
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
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    *err = Error{path, 0, 0, "cannot write: the folder '" + dir.string() + "' does not exist"};
    return false;
  }
  std::string tmp = (dir / ("." + target.filename().string() + ".gpn-XXXXXX")).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0) {
    *err = Error{path, 0, 0, std::string("cannot write: ") + std::strerror(errno)};
    return false;
  }
  const char* p = content.data();
  std::size_t left = content.size();
  bool ok = true;
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  const int saved = errno;
  ok = ok && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    *err = Error{path, 0, 0, std::string("cannot write: ") + std::strerror(ok ? errno : saved)};
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace gpn
