// Numbers to text and back in the writers' and readers' inner loops, with the
// bit and SIMD tricks (SSE2 digits, Clinger's fast path) kept in one place.
// text/text.h builds the everyday helpers (fmt_number, parse_number) on these.
#pragma once
#include <cstddef>
#include <cstdint>

namespace gpn {

// The shortest text that reads back as v (as fmt's "{}" writes it), written at
// p, which must have room for kMaxNumberChars; returns the end.
// The longest number is 24 characters ("-1.7976931348623157e+308"), but digits
// are copied in 16-byte pieces that may reach 35 bytes past p.
constexpr std::size_t kMaxNumberChars = 40;
char* write_number(char* p, double v);
// The eight digits of x < 10^8, leading zeros included, at out[0..7]: the digit
// writer inside write_number, declared here so that the tests can try all 10^8.
void write_eight_digits(char* out, std::uint32_t x);
// The exact fast path of parse_number, for the readers' inner loops: reads a
// plain decimal ("-12.375", "80.023": an optional '-', digits, an optional '.'
// and digits) at p, stopping at the first other byte. With at most 15
// significant digits and at most 22 decimals, mantissa / 10^decimals is one
// correctly rounded IEEE division of two exact doubles (Clinger's fast path),
// so the value equals what from_chars returns. Returns false, with p anywhere,
// for text outside that form; the caller then goes the slow way.
inline bool scan_plain_decimal(const char*& p, const char* end, double* out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const bool negative = p != end && *p == '-';
  p += negative;
  // The digit loops only accumulate: counting significant digits as they go
  // made them a chain of dependent steps, twice as slow over a 37 MB table.
  // The count is taken afterwards, and only when there are over 15 digits.
  std::uint64_t mantissa = 0;
  unsigned digit = 0;
  const char* const int_start = p;
  while (p != end && (digit = static_cast<unsigned char>(*p) - static_cast<unsigned>('0')) < 10) {
    mantissa = mantissa * 10 + digit;
    ++p;
  }
  if (p == int_start) return false;
  const auto int_digits = p - int_start;
  int decimals = 0;
  if (p != end && *p == '.') {
    const char* const frac_start = ++p;
    while (p != end && (digit = static_cast<unsigned char>(*p) - static_cast<unsigned>('0')) < 10) {
      mantissa = mantissa * 10 + digit;
      ++p;
    }
    if (p == frac_start) return false;
    const auto fraction_digits = p - frac_start;
    decimals = fraction_digits > 23 ? 23 : static_cast<int>(fraction_digits);
  }
  if (int_digits + decimals > 15) {
    // Leading zeros are not significant ("0.000123"); over 19 digits the
    // mantissa above has wrapped, so it is taken again from the digits.
    int digits = 0;
    mantissa = 0;
    for (const char* q = int_start; q != p; ++q) {
      if (*q == '.') continue;
      mantissa = mantissa * 10 + static_cast<unsigned>(*q - '0');
      digits += mantissa != 0;
      if (digits > 15) return false;
    }
    if (decimals > 22) return false;
  }
  const double v = static_cast<double>(mantissa) / kPow10[decimals];
  *out = negative ? -v : v;
  return true;
}

}  // namespace gpn
