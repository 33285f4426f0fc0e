#include "gpn/input_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "gpn/memory.h"
#include "gpn/text.h"

namespace gpn {

std::size_t line_at(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

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
  if (data.find_first_not_of(" \t\r\n") == std::string::npos) {
    *err = Error{path, 0, 0, "the file is empty"};
    return false;
  }
  if (const auto nul = data.find('\0'); nul != std::string::npos) {
    *err = Error{path, line_at(data, nul), 0, "expected text, found a NUL byte"};
    return false;
  }
  if (auto bad = invalid_utf8_at(data)) {
    *err = Error{path, line_at(data, *bad), 0, "expected UTF-8 text, found an invalid byte sequence"};
    return false;
  }
  *out = std::move(data);
  return true;
}

}  // namespace gpn
