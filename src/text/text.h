// Small text helpers shared by the loaders and writers: number formatting that
// is identical on every run, strict number parsing, and case folding.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sys/number_format.h"

namespace gpn {

// The shortest text that reads back as the same double ("12.5", "0.1", "1e-07").
std::string fmt_number(double v);
// The same, appended without a temporary string (the writers' inner loops).
void append_number(std::string* out, double v);
// A fixed number of decimals, for tables meant to be read ("72.5").
std::string fmt_fixed(double v, int decimals);

// The whole of s as a finite number (surrounding blanks allowed), or nothing.
std::optional<double> parse_number(std::string_view s);

std::string to_lower(std::string_view s);
std::string_view trim(std::string_view s);

// Where s is not valid UTF-8: the byte offset of the first bad sequence.
std::optional<std::size_t> invalid_utf8_at(std::string_view s);

// Characters on screen, counting each UTF-8 sequence once.
std::size_t display_width(std::string_view s);
// s cut to at most `width` characters, ending with "~" when cut.
std::string fit_width(std::string_view s, std::size_t width);

}  // namespace gpn
