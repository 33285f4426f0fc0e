#include "sys/two_cores.h"
#include "sys/input_file.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "sys/memory.h"
#include "text/text.h"

namespace gpn {

std::size_t line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

namespace {

// The first NUL byte, and the first byte where UTF-8 fails, of a piece of text.
struct BadBytes {
  std::size_t nul = std::string_view::npos, utf8 = std::string_view::npos;
};
BadBytes find_bad_bytes(std::string_view data, std::size_t offset) {
  BadBytes b;
  if (const auto nul = data.find('\0'); nul != std::string_view::npos) b.nul = offset + nul;
  if (const auto bad = invalid_utf8_at(data)) b.utf8 = offset + *bad;
  return b;
}

// The checks every input's text passes: not blank, no NUL byte, valid UTF-8
// (a NUL byte anywhere is reported before bad UTF-8). A large text is checked
// in two pieces at once (unless another thread has work of its own), split
// before a byte that starts a character.
bool check_input_text(const std::string& path, std::string_view data, Error* err, bool two_threads = true) {
  if (data.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    *err = Error{path, 0, 0, "the file is empty"};
    return false;
  }
  BadBytes bad;
  if (two_threads && two_cores::worth_splitting(data.size() + 1, two_cores::kCheckBytes)) {
    std::size_t middle = data.size() / 2;
    while (middle < data.size() && (static_cast<unsigned char>(data[middle]) & 0xC0) == 0x80) ++middle;
    BadBytes second;
    two_cores::run_pair([&] { bad = find_bad_bytes(data.substr(0, middle), 0); },
                        [&] { second = find_bad_bytes(data.substr(middle), middle); });
    bad.nul = std::min(bad.nul, second.nul);
    bad.utf8 = std::min(bad.utf8, second.utf8);
  } else {
    bad = find_bad_bytes(data, 0);
  }
  if (bad.nul != std::string_view::npos) {
    *err = Error{path, line_at(data, bad.nul), 0, "expected text, found a NUL byte"};
    return false;
  }
  if (bad.utf8 != std::string_view::npos) {
    *err = Error{path, line_at(data, bad.utf8), 0, "expected UTF-8 text, found an invalid byte sequence"};
    return false;
  }
  return true;
}

// The one mapping being read, for the SIGBUS handler.
std::atomic<const char*> mapped_begin{nullptr}, mapped_end{nullptr};
char mapped_message[600];
std::size_t mapped_message_size = 0;

void on_sigbus(int, siginfo_t* info, void*) {
  const char* at = static_cast<const char*>(info->si_addr);
  const char* begin = mapped_begin.load();
  if (begin && at >= begin && at < mapped_end.load()) {
    // Only async-signal-safe calls here: write the prepared message and leave.
    [[maybe_unused]] const auto n = ::write(2, mapped_message, mapped_message_size);
    ::_exit(2);
  }
  ::signal(SIGBUS, SIG_DFL);  // not ours: the default action, as if never caught
  ::raise(SIGBUS);
}

}  // namespace

bool read_input_file(const std::string& path, std::string* out, std::size_t max_bytes, Error* err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    *err = Error{path, 0, 0, "cannot open: no such file"};
    return false;
  }
  if (fs::is_directory(status)) {
    *err = Error{path, 0, 0, "expected a file, found a directory"};
    return false;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    *err = Error{path, 0, 0, "cannot open: permission denied or unreadable"};
    return false;
  }
  std::string data;
  // One allocation of the file's size (when known), then reads straight into it.
  const auto size = fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
  if (!ec && size > max_bytes) {
    *err = Error{path, 0, 0, fmt::format("the file is {} bytes, larger than the limit of {} bytes", size, max_bytes)};
    return false;
  }
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  // Room for the last block's read past the end, so the string never moves.
  data.reserve(ec ? 0 : static_cast<std::size_t>(size) + kBlock);
  prefault(data.data(), ec ? 0 : static_cast<std::size_t>(size));
  // Read straight into the string, a block at a time (files whose size is not
  // known in advance, such as pipes and /proc files, grow it as they come).
  for (;;) {
    const std::size_t old = data.size();
    data.resize(old + kBlock);
    const std::size_t n = std::fread(data.data() + old, 1, kBlock, f.get());
    data.resize(old + n);
    if (data.size() > max_bytes) {
      *err = Error{path, 0, 0, fmt::format("the file is larger than the limit of {} bytes", max_bytes)};
      return false;
    }
    if (n < kBlock) break;
  }
  if (std::ferror(f.get())) {
    *err = Error{path, 0, 0, "read error"};
    return false;
  }
  if (!check_input_text(path, data, err)) return false;
  *out = std::move(data);
  return true;
}

InputText::~InputText() {
  if (!map_) return;
  if (mapped_begin.load() == static_cast<const char*>(map_)) mapped_begin = nullptr, mapped_end = nullptr;
  ::munmap(map_, map_size_);
}

bool load_input_text(const std::string& path, InputText* out, std::size_t max_bytes, Error* err,
                     const std::function<void()>& alongside) {
  namespace fs = std::filesystem;
  two_cores::Helper helper;  // joined on every way out
  if (alongside) helper = two_cores::Helper(alongside);
  std::error_code ec;
  const auto status = fs::status(path, ec);
  const auto size = !ec && fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
  // Mapped: a regular file of a size within limits, while no other mapping is
  // watched. Anything else (errors included) takes the reading path and its messages.
  if (ec || size == 0 || size > max_bytes || mapped_begin.load() || out->map_) return read_input_file(path, &out->owned_, max_bytes, err);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return read_input_file(path, &out->owned_, max_bytes, err);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return read_input_file(path, &out->owned_, max_bytes, err);
  const std::string message = "gpn: error: " + path + ": the file was cut short by another program while it was being read\n";
  mapped_message_size = std::min(message.size(), sizeof mapped_message);
  std::memcpy(mapped_message, message.data(), mapped_message_size);
  mapped_message[mapped_message_size - 1] = '\n';  // still a whole line when a long path is cut
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    return ::sigaction(SIGBUS, &action, nullptr) == 0;
  }();
  (void)installed;
  out->map_ = map;
  out->map_size_ = size;
  mapped_end = static_cast<const char*>(map) + size;
  mapped_begin = static_cast<const char*>(map);
  return check_input_text(path, out->view(), err, !alongside);
}

}  // namespace gpn
