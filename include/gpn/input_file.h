// Every input file is read whole through here, so each one gets the same checks
// and the same messages: missing, a directory, unreadable, empty, too large,
// NUL bytes, invalid UTF-8.
#pragma once
#include <cstddef>
#include <string>

#include "gpn/error.h"

namespace gpn {

constexpr std::size_t kMaxInputBytes = std::size_t{2} << 30;

bool read_input_file(const std::string& path, std::string* out, std::size_t max_bytes, Error* err);

// The 1-based line holding byte `offset` of text.
std::size_t line_at(const std::string& text, std::size_t offset);

}  // namespace gpn
