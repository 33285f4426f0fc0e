#include "sys/number_format.h"

#include <dragonbox/dragonbox.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gpn {

namespace {

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

#if defined(__SSE2__)
// The eight digits of x < 10^8 as eight 16-bit lanes, the most significant
// first. Each half of four digits, n, is divided by 1000, 100, 10 and 1 at
// once: a multiply-high by a rounded-up reciprocal of 4 * divisor scaled by
// 2^(16+k), then a multiply-high by 2^(16-k) for the shift by k (SSE2 has no
// per-lane shift). The constants were found by search and are exact for every
// n < 10000 (the tests check all 10^8 values of x); then digit i is
// q_i - 10 * q_(i-1).
__m128i eight_digit_lanes(std::uint32_t x) {
  const auto high = static_cast<short>(x / 10000), low = static_cast<short>(x % 10000);
  const __m128i n = _mm_slli_epi16(_mm_setr_epi16(high, high, high, high, low, low, low, low), 2);
  const __m128i reciprocal = _mm_setr_epi16(8389, 5243, 3277, -32768, 8389, 5243, 3277, -32768);  // -32768: 2^15
  const __m128i shift = _mm_setr_epi16(1 << 7, 1 << 11, -32768, -32768, 1 << 7, 1 << 11, -32768, -32768);
  const __m128i q = _mm_mulhi_epu16(_mm_mulhi_epu16(n, reciprocal), shift);
  return _mm_sub_epi16(q, _mm_mullo_epi16(_mm_slli_epi64(q, 16), _mm_set1_epi16(10)));
}
#endif

}  // namespace

void write_eight_digits(char* out, std::uint32_t x) {
#if defined(__SSE2__)
  const __m128i lanes = eight_digit_lanes(x);
  const __m128i bytes = _mm_add_epi8(_mm_packus_epi16(lanes, lanes), _mm_set1_epi8('0'));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), bytes);
#else
  for (int i = 7; i >= 0; --i, x /= 10) out[i] = static_cast<char>('0' + x % 10);
#endif
}

namespace {

// The 17 digits of n < 10^17, leading zeros included, at out[0..16].
void write_seventeen_digits(char* out, std::uint64_t n) {
  const std::uint64_t rest = n % 10000000000000000ULL;
  out[0] = static_cast<char>('0' + n / 10000000000000000ULL);
  const auto high = static_cast<std::uint32_t>(rest / 100000000), low = static_cast<std::uint32_t>(rest % 100000000);
#if defined(__SSE2__)
  const __m128i bytes = _mm_add_epi8(_mm_packus_epi16(eight_digit_lanes(high), eight_digit_lanes(low)), _mm_set1_epi8('0'));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 1), bytes);
#else
  write_eight_digits(out + 1, high);
  write_eight_digits(out + 9, low);
#endif
}

// Dragonbox's shortest digits (the reference implementation, libdragonbox-dev,
// faster than the copy inside fmt 9). Kept out of line: inlined into
// write_number it made the whole slower (figures in docs/performance.md).
[[gnu::noinline]] jkj::dragonbox::decimal_fp<std::uint64_t, false, false> shortest_digits(double v) {
  return jkj::dragonbox::to_decimal(v, jkj::dragonbox::policy::sign::ignore);
}

}  // namespace

// The shortest text that reads back as the same double, exactly as fmt's "{}"
// writes it (tested against fmt on random doubles of every magnitude). Scores
// are almost all in fixed notation: the shortest digits are found by Dragonbox
// (as fmt does) and placed here, all 17 written at once into a scratch buffer
// and copied out in fixed-size pieces around the point, which is why p needs
// room for kMaxNumberChars although no number is that long; the exponent
// notation and non-finite values go to fmt.
char* write_number(char* p, double v) {
  if (v == 0) {  // also folds -0 into 0
    *p++ = '0';
    return p;
  }
  if (std::isfinite(v)) {
    const bool negative = std::signbit(v);
    const auto dec = shortest_digits(negative ? -v : v);
    const int size = digit_count(dec.significand);
    const int output_exp = dec.exponent + size - 1;
    // fmt's rule: fixed notation for decimal exponents in [-4, 16).
    if (output_exp >= -4 && output_exp < 16) {
      if (negative) *p++ = '-';
      char digits[48];  // 17 digits, then room for the 16-byte copies below to read past them
      write_seventeen_digits(digits, dec.significand);
      const char* const first = digits + 17 - size;
      const int integral = dec.exponent + size;  // digits before the point, at most 16
      if (dec.exponent >= 0) {                   // 1234e2 -> 123400 (16 digits at most)
        std::memcpy(p, first, 16);
        p += size;
        std::memset(p, '0', static_cast<std::size_t>(dec.exponent));
        return p + dec.exponent;
      }
      if (integral > 0) {  // 1234e-2 -> 12.34
        std::memcpy(p, first, 16);
        p[integral] = '.';
        std::memcpy(p + integral + 1, first + integral, 16);
        p[integral + 17] = first[integral + 16];  // a 17th digit after the point
        return p + size + 1;
      }
      *p++ = '0';  // 1234e-6 -> 0.001234
      *p++ = '.';
      std::memset(p, '0', static_cast<std::size_t>(-integral));
      p += -integral;
      std::memcpy(p, first, 16);
      p[16] = first[16];
      return p + size;
    }
  }
  return fmt::format_to_n(p, kMaxNumberChars, "{}", v).out;
}

}  // namespace gpn
