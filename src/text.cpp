#include "gpn/text.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace gpn {

std::string fmt_number(double v) {
  std::string s;
  append_number(&s, v);
  return s;
}

namespace {

// "00" "01" ... "99": two digits per division.
constexpr char kDigitPairs[] =
    "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849"
    "5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

// Exactly eight digits of n < 10^8 at p: four pairs from two independent halves.
void write_eight_digits(char* p, std::uint32_t n) {
  const std::uint32_t high = n / 10000, low = n % 10000;
  std::memcpy(p, kDigitPairs + 2 * (high / 100), 2);
  std::memcpy(p + 2, kDigitPairs + 2 * (high % 100), 2);
  std::memcpy(p + 4, kDigitPairs + 2 * (low / 100), 2);
  std::memcpy(p + 6, kDigitPairs + 2 * (low % 100), 2);
}

// Writes the decimal digits of `n` (exactly `count` of them) ending at `end`.
// Why eight at a time: a score has 16 or 17 significant digits, and dividing
// the whole number by 100 per pair made one long chain of dependent divisions;
// blocks of eight split it into short chains the processor runs side by side.
void write_digits(char* end, std::uint64_t n, int count) {
  while (count >= 8) {
    write_eight_digits(end - 8, static_cast<std::uint32_t>(n % 100000000));
    n /= 100000000;
    end -= 8;
    count -= 8;
  }
  auto small = static_cast<std::uint32_t>(n);  // fewer than eight digits left
  while (count >= 2) {
    std::memcpy(end - 2, kDigitPairs + 2 * (small % 100), 2);
    small /= 100;
    end -= 2;
    count -= 2;
  }
  if (count) end[-1] = static_cast<char>('0' + small % 10);
}

constexpr std::uint64_t kPow10Int[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
                                       100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
                                       1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
                                       1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
                                       1000000000000000000ULL, 10000000000000000000ULL};

// Decimal digits of n > 0: log10 from the bit length (1233 / 4096 ~ log10 2), then one comparison.
int digit_count(std::uint64_t n) {
  const int t = ((64 - __builtin_clzll(n)) * 1233) >> 12;
  return t + (n >= kPow10Int[t]);
}

}  // namespace

// The shortest text that reads back as the same double, exactly as fmt's "{}"
// writes it (tested against fmt on random doubles of every magnitude). Scores
// are almost all in fixed notation: fmt's digit generation (Dragonbox) is
// called directly and the digits placed here, which takes half the time of the
// general formatter; the exponent notation and non-finite values go to fmt.
char* write_number(char* p, double v) {
  if (v == 0) {  // also folds -0 into 0
    *p++ = '0';
    return p;
  }
  if (std::isfinite(v)) {
    const bool negative = std::signbit(v);
    const auto dec = fmt::detail::dragonbox::to_decimal(negative ? -v : v);
    const int size = digit_count(dec.significand);
    const int output_exp = dec.exponent + size - 1;
    // fmt's rule: fixed notation for decimal exponents in [-4, 16).
    if (output_exp >= -4 && output_exp < 16) {
      if (negative) *p++ = '-';
      const int integral = dec.exponent + size;  // digits before the point
      if (dec.exponent >= 0) {                   // 1234e2 -> 123400
        write_digits(p + size, dec.significand, size);
        p += size;
        std::memset(p, '0', static_cast<std::size_t>(dec.exponent));
        return p + dec.exponent;
      }
      if (integral > 0) {  // 1234e-2 -> 12.34
        write_digits(p + 1 + size, dec.significand, size);
        std::memmove(p, p + 1, static_cast<std::size_t>(integral));
        p[integral] = '.';
        return p + size + 1;
      }
      *p++ = '0';  // 1234e-6 -> 0.001234
      *p++ = '.';
      std::memset(p, '0', static_cast<std::size_t>(-integral));
      p += -integral;
      write_digits(p + size, dec.significand, size);
      return p + size;
    }
  }
  return fmt::format_to_n(p, kMaxNumberChars, "{}", v).out;
}

void append_number(std::string* out, double v) {
  char buf[kMaxNumberChars];
  out->append(buf, write_number(buf, v));
}

std::string fmt_fixed(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find_first_not_of("-0.") == std::string::npos && s.front() == '-') s.erase(0, 1);
  return s;
}

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const char* p = s.data();
  if (scan_plain_decimal(p, s.data() + s.size(), &v) && p == s.data() + s.size()) return v;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::size_t> invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Data files are mostly ASCII: skip 8 bytes at a time while no high bit is set.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned min_cp = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min_cp = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min_cp = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min_cp = 0x10000; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (cp < min_cp || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::nullopt;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

std::string fit_width(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (w + 1 == width) break;
      ++w;
    }
    out += s[i];
  }
  return out + "~";
}

}  // namespace gpn
