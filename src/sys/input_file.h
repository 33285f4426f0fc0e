// Every input file is read whole through here, so each one gets the same checks
// and the same messages: missing, a directory, unreadable, empty, too large,
// NUL bytes, invalid UTF-8.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "gpn/error.h"

namespace gpn {

constexpr std::size_t kMaxInputBytes = std::size_t{2} << 30;

bool read_input_file(const std::string& path, std::string* out, std::size_t max_bytes, Error* err);

class InputText;
// `alongside`, when given, runs on a second thread while the text is mapped and
// checked (the check then keeps to one thread), and is finished before this
// returns, whatever the check finds. Why: on the benchmark's virtual machine the
// first read of a mapped file is bound by the hypervisor, not by the core, and
// mapping in fresh memory for what follows can run at the same time.
bool load_input_text(const std::string& path, InputText* out, std::size_t max_bytes, Error* err,
                     const std::function<void()>& alongside = {});

// A whole input file's text, for the large tables: a regular file is mapped
// from the page cache (no copy, and none of the fresh memory that costs more
// than the copy on a virtual machine); anything else is read into memory. The
// same checks and messages as read_input_file. Should the file be cut short by
// another program while mapped, the kernel's SIGBUS is caught and reported as
// that file's error (exit code 2) instead of a crash; no output is open then.
class InputText {
 public:
  InputText() = default;
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;
  ~InputText();
  std::string_view view() const { return map_ ? std::string_view(static_cast<const char*>(map_), map_size_) : owned_; }

 private:
  friend bool load_input_text(const std::string& path, InputText* out, std::size_t max_bytes, Error* err,
                              const std::function<void()>& alongside);
  std::string owned_;
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
};

// The 1-based line holding byte `offset` of text.
std::size_t line_at(std::string_view text, std::size_t offset);

}  // namespace gpn
