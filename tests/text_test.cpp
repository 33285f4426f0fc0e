// Number parsing: the fast path for plain decimals must give exactly what
// std::from_chars gives (the independent reference here) for every input.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "text/text.h"

using gpn::parse_number;

namespace {

// The reference: from_chars on the whole text after one optional '+', finite only.
std::optional<double> reference(std::string s) {
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool same(std::optional<double> a, std::optional<double> b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return std::memcmp(&*a, &*b, sizeof(double)) == 0;  // bit for bit, so -0 differs from 0
}

}  // namespace

TEST_CASE("parse_number agrees bit for bit with from_chars", "[text]") {
  for (const char* s : {"0", "-0", "1", "80.023", "-12.375", "0.1", "0.30000000000000004", "123456789012345",
                        "1234567890123456", "9007199254740993", "0.0000000000000000000001", "0.00000000000000000000001",
                        "1.", ".5", "-", "-.", "1e5", "1E-7", "+3", "+-3", "++3", "007", "1.5x", "inf", "nan", "1,5",
                        "999999999999999.9", "0.999999999999999", "4.35", "2.675", "1.0000000000000002"}) {
    INFO(s);
    CHECK(same(parse_number(s), reference(s)));
  }
  // Random decimals of every length up to 20 digits, signs and points anywhere.
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    if (rng() % 4 == 0) s += '-';
    const int len = 1 + static_cast<int>(rng() % 20);
    const int point = static_cast<int>(rng() % (len + 2)) - 1;  // -1: none
    for (int d = 0; d < len; ++d) {
      if (d == point && d > 0) s += '.';
      s += static_cast<char>('0' + rng() % 10);
    }
    INFO(s);
    REQUIRE(same(parse_number(s), reference(s)));
  }
}

// The readers call the fast path directly: where it says yes, its value must be
// from_chars' value and it must stop where the number ends; it must say yes to
// every plain decimal of at most 15 significant digits and 22 decimals (the
// rule written out again here, digit by digit), so the fast path is the one taken.
TEST_CASE("scan_plain_decimal takes exactly the plain decimals it can round correctly", "[text]") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 300000; ++i) {
    std::string s;
    if (rng() % 4 == 0) s += '-';
    s.append(rng() % 3 == 0 ? rng() % 25 : 0, '0');  // leading zeros, which do not count
    const int len = 1 + static_cast<int>(rng() % 30);  // past 19 digits the accumulated mantissa wraps
    const int point = static_cast<int>(rng() % (len + 2)) - 1;
    for (int d = 0; d < len; ++d) {
      if (d == point && d > 0) s += '.';
      if (d == point && point > 0 && rng() % 3 == 0) s.append(rng() % 25, '0');  // zeros after the point
      s += static_cast<char>('0' + rng() % 10);
    }
    const std::string text = s + ",next";
    INFO(s);
    int significant = 0, decimals = 0;
    bool seen_digit = false, after_point = false;
    for (char c : s) {
      if (c == '.') after_point = true;
      if (c < '0' || c > '9') continue;
      seen_digit = seen_digit || c != '0';
      significant += seen_digit;
      decimals += after_point;
    }
    const bool expected = significant <= 15 && decimals <= 22;
    const char* p = text.data();
    double v = -1;
    const bool taken = gpn::scan_plain_decimal(p, text.data() + text.size(), &v);
    REQUIRE(taken == expected);
    if (taken) {
      REQUIRE(p == text.data() + s.size());
      REQUIRE(same(v, reference(s)));
    }
  }
}

TEST_CASE("parse_number trims blanks and rejects what is not a whole number", "[text]") {
  CHECK(*parse_number("  42.5\t") == 42.5);
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("   "));
  CHECK_FALSE(parse_number("1e400"));
  CHECK_FALSE(parse_number("12 5"));
}

TEST_CASE("invalid_utf8_at finds the first bad byte wherever it sits", "[text]") {
  // An ASCII run of every length 0..40, then a bad sequence: its offset is the run's length.
  for (std::size_t len = 0; len <= 40; ++len) {
    const std::string ascii(len, 'a');
    INFO("ASCII bytes before: " << len);
    CHECK_FALSE(gpn::invalid_utf8_at(ascii));
    CHECK(gpn::invalid_utf8_at(ascii + "\xff" + "tail") == len);
    CHECK(gpn::invalid_utf8_at(ascii + "\xc3") == len);                   // truncated sequence at the end
    CHECK(gpn::invalid_utf8_at(ascii + "\xc0\xaf" + ascii) == len);      // overlong '/'
    CHECK(gpn::invalid_utf8_at(ascii + "\xed\xa0\x80") == len);          // UTF-16 surrogate
    CHECK_FALSE(gpn::invalid_utf8_at(ascii + "\xc3\xa9\xe2\x82\xac" + ascii));  // é and €
    CHECK(gpn::invalid_utf8_at(ascii + "\xc3\xa9" + ascii + "\x80") == 2 * len + 2);
  }
}

// The reference for writing numbers is fmt's own "{}" (shortest round trip),
// which gpn wrote with before placing the digits itself; -0 is written as 0.
TEST_CASE("append_number writes exactly what fmt writes, for doubles of every magnitude", "[text]") {
  auto reference = [](double v) { return v == 0 ? std::string("0") : fmt::format("{}", v); };
  auto written = [](double v) {
    std::string s = "x";  // appends after what is there
    gpn::append_number(&s, v);
    return s.substr(1);
  };
  for (double v : {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 100.0, 45.89278966993952, 1e15, 1e16, 9999999999999998.0, 1e-4,
                   9.9999e-5, 1e-5, 0.30000000000000004, 123456.0, 1e300, -1e-300, 5e-324, 1.7976931348623157e308,
                   std::nan(""), HUGE_VAL, -HUGE_VAL, 100.0 / 3, 2.0 / 3, 1234e-6}) {
    INFO(reference(v));
    CHECK(written(v) == reference(v));
  }
  // Random bit patterns (every exponent) and random scores on 0-100.
  std::mt19937_64 rng(11);
  for (int i = 0; i < 300000; ++i) {
    double v;
    if (i % 2) {
      const std::uint64_t bits = rng();
      std::memcpy(&v, &bits, sizeof v);
    } else {
      v = std::ldexp(static_cast<double>(rng() >> 11), -53) * std::pow(10.0, static_cast<int>(rng() % 24) - 8);
      if (rng() % 3 == 0) v = -v;
    }
    INFO(reference(v));
    REQUIRE(written(v) == reference(v));
  }
  // Every significand length from 1 to 17 digits (digits are written eight at a
  // time, then in pairs): random integers of that length, shifted by 0 to 20 places.
  for (int digits = 1; digits <= 17; ++digits) {
    const std::uint64_t low = digits == 1 ? 1 : static_cast<std::uint64_t>(std::pow(10.0, digits - 1));
    for (int i = 0; i < 2000; ++i) {
      const std::uint64_t n = low + rng() % (9 * low);
      const double v = static_cast<double>(n) / std::pow(10.0, static_cast<int>(rng() % 21));
      INFO(reference(v));
      REQUIRE(written(v) == reference(v));
    }
  }
}

// Every x < 10^8 against an odometer: a string of eight digits counted up by
// hand, one step per value, which shares nothing with the arithmetic under test.
TEST_CASE("write_eight_digits writes all 10^8 values exactly", "[text]") {
  char odometer[8] = {'0', '0', '0', '0', '0', '0', '0', '0'};
  char out[8];
  std::uint32_t wrong = 0, first_wrong = 0;
  for (std::uint32_t x = 0; x < 100000000; ++x) {
    gpn::write_eight_digits(out, x);
    if (std::memcmp(out, odometer, 8) != 0 && wrong++ == 0) first_wrong = x;
    for (int i = 7; i >= 0 && ++odometer[i] > '9'; --i) odometer[i] = '0';
  }
  INFO("first wrong value: " << first_wrong);
  CHECK(wrong == 0);
}
