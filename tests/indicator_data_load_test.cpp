// The indicator data reader: a fast in-place path for plain lines and the full
// CSV reader for quoted ones must agree on where records end, whatever the
// line endings (a lone '\r' ended a record in one and not the other, which the
// fuzzer turned into a write past the end of the value matrix).
#include <cmath>
#include <cstring>
#include <functional>
#include <random>

#include "gpn/indicator_data.h"
#include "test_support.h"

using namespace gpn;

namespace {

IndicatorData read(const Methodology& m, const std::string& text) {
  IndicatorData d;
  Error err;
  const bool ok = parse_indicator_data(text, "data.csv", m, &d, &err);
  INFO(err.str());
  REQUIRE(ok);
  return d;
}

std::string with_endings(std::string text, const std::string& eol) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += eol;
    else out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("indicator data: every line ending gives the same table", "[indicator_data]") {
  const Methodology m = test::three_numbers();
  // Four units, one with a quoted name holding a comma and one with a missing
  // value; expected values are the cells as written.
  const std::string base =
      "uCode,uName,a,b,c\n"
      "A,alpha,1,2,3\n"
      "B,\"b, quoted\",4,NA,6\n"
      "C,gamma,7,8,9\n"
      "D,\"delta\",10,11,12\n";
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    INFO("line ending bytes: " << eol.size() << (eol == "\r" ? " (lone CR)" : ""));
    const IndicatorData d = read(m, with_endings(base, eol));
    REQUIRE(d.units == std::vector<std::string>{"A", "B", "C", "D"});
    CHECK(d.names == std::vector<std::string>{"alpha", "b, quoted", "gamma", "delta"});
    CHECK(d.lines == std::vector<std::size_t>{2, 3, 4, 5});
    REQUIRE(d.values.rows() == 4);
    REQUIRE(d.values.cols() == 3);
    CHECK(d.values(0, 0) == 1);
    CHECK(d.values(1, 0) == 4);
    CHECK(std::isnan(d.values(1, 1)));
    CHECK(d.values(2, 2) == 9);
    CHECK(d.values(3, 2) == 12);
  }
}

TEST_CASE("indicator data: a lone CR right after a quoted row starts a new row", "[indicator_data]") {
  // The fuzzer's case, reduced: the quoted row goes through the CSV reader,
  // which stops at the lone CR, so D is a row of its own (5 rows in a matrix
  // sized by counting line feeds alone would have 4).
  const Methodology m = test::three_numbers();
  const IndicatorData d = read(m,
                               "uCode,uName,a,b,c\nA,a,1,2,3\nB,b,2,,4\nC,\"c, d\",3,3,5\rD,d,40,5,6\rE,e,1,1,1\n");
  REQUIRE(d.units == std::vector<std::string>{"A", "B", "C", "D", "E"});
  CHECK(d.values(3, 0) == 40);
  CHECK(d.values(4, 2) == 1);
}

TEST_CASE("indicator data: blank lines of any ending are skipped", "[indicator_data]") {
  const Methodology m = test::three_numbers();
  const IndicatorData d = read(m, "uCode,a,b,c\r\n\r\nA,1,2,3\r\r\n\nB,4,5,6\n\n");
  REQUIRE(d.units == std::vector<std::string>{"A", "B"});
  CHECK(d.values.rows() == 2);
  CHECK(d.values(1, 2) == 6);
}

namespace {

// A file large enough to be read in two halves (over 4 MiB after the header,
// no quotes), rows "U<i>,<i % 97>,<i % 89>.5,<i % 83>", with `edit` applied to
// row lines by index.
std::string big_file(std::size_t rows, const std::function<std::string(std::size_t, std::string)>& edit) {
  std::string s = "uCode,uName,a,b,c\n";
  for (std::size_t i = 0; i < rows; ++i)
    s += edit(i, "U" + std::to_string(i) + ",unit number " + std::to_string(i) + "," + std::to_string(i % 97) + "," +
                     std::to_string(i % 89) + ".5," + std::to_string(i % 83)) + "\n";
  return s;
}

// The same file read in one pass: a quoted first name turns the halves off
// (quoted fields may hold line breaks, so such files are read row by row).
std::string one_pass(std::string s) {
  const std::size_t first = s.find('\n') + 1;
  const std::size_t comma = s.find(',', first);
  const std::size_t end = s.find(',', comma + 1);
  return s.substr(0, comma + 1) + '"' + s.substr(comma + 1, end - comma - 1) + '"' + s.substr(end);
}

// The row with its unit id replaced.
std::string with_unit(std::string row, const std::string& unit) {
  row.replace(0, row.find(','), unit);
  return row;
}

}  // namespace

TEST_CASE("indicator data: a large file read in two halves equals the row-by-row reading", "[indicator_data]") {
  const Methodology m = test::three_numbers();
  constexpr std::size_t kRows = 200000;
  const auto same = [](std::size_t, std::string row) { return row; };
  const std::string text = big_file(kRows, same);
  REQUIRE(text.size() > (std::size_t{4} << 20));
  const IndicatorData halves = read(m, text), whole = read(m, one_pass(text));
  REQUIRE(halves.units.size() == kRows);
  CHECK(halves.units == whole.units);
  CHECK(halves.names == whole.names);
  CHECK(halves.lines == whole.lines);
  CHECK(halves.lines.back() == kRows + 1);
  CHECK(halves.values == whole.values);
  // Spot checks against the generating formula, in both halves.
  for (std::size_t i : {std::size_t{0}, kRows / 2 - 1, kRows / 2, kRows / 2 + 1, kRows - 1}) {
    INFO("row " << i);
    CHECK(halves.units[i] == "U" + std::to_string(i));
    CHECK(halves.values(static_cast<Eigen::Index>(i), 1) == static_cast<double>(i % 89) + 0.5);
  }
}

TEST_CASE("indicator data: the two halves report the error a row-by-row reading meets first", "[indicator_data]") {
  const Methodology m = test::three_numbers();
  constexpr std::size_t kRows = 200000;
  const std::size_t early = 1000, late = 150000;  // one row in each half
  struct Case {
    const char* what;
    std::function<std::string(std::size_t, std::string)> edit;
  };
  const std::vector<Case> cases = {
      {"a bad number late", [&](std::size_t i, std::string r) { return i == late ? r + "x" : r; }},
      {"a ragged row late", [&](std::size_t i, std::string r) { return i == late ? r + ",9" : r; }},
      {"an empty id late", [&](std::size_t i, std::string r) { return i == late ? with_unit(r, "") : r; }},
      {"a unit of the first half repeated in the second",
       [&](std::size_t i, std::string r) { return i == late ? with_unit(r, "U" + std::to_string(early)) : r; }},
      {"a duplicate early and a bad number late", [&](std::size_t i, std::string r) {
         if (i == early) return with_unit(r, "U0");
         return i == late ? r + "x" : r;
       }},
      {"a bad number early and a duplicate late", [&](std::size_t i, std::string r) {
         if (i == early) return r + "x";
         return i == late ? with_unit(r, "U0") : r;
       }},
      {"a duplicate and a bad number in the same row", [&](std::size_t i, std::string r) {
         return i == late ? with_unit(r, "U0") + "x" : r;
       }},
      {"a ragged row that also repeats a unit", [&](std::size_t i, std::string r) {
         return i == late ? with_unit(r, "U0") + ",1" : r;
       }},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const std::string text = big_file(kRows, c.edit);
    IndicatorData d;
    Error halves, whole;
    CHECK_FALSE(parse_indicator_data(text, "data.csv", m, &d, &halves));
    CHECK_FALSE(parse_indicator_data(one_pass(text), "data.csv", m, &d, &whole));
    CHECK(halves.str() == whole.str());
    CHECK(halves.line > 1);
  }
}

TEST_CASE("indicator data: halves forced on small files give the same table or error", "[indicator_data]") {
  // split_above = 0 reads even a tiny file in two halves; the default reads it whole.
  const Methodology m = test::three_numbers();
  for (const std::string text : {"uCode,a,b,c\n", "uCode,a,b,c\nA,1,2,3\n", "uCode,a,b,c\nA,1,2,3\nB,4,5,6\n",
                                 "uCode,a,b,c\r\nA,1,2,3\r\n\r\nB,4,5,6\r\nC,7,8,9", "uCode,a,b,c\nA,1,2,3\nA,4,5,6\n",
                                 "uCode,a,b,c\nA,1,2,3\nB,4,x,6\nB,1,1,1\n", "uCode,a,b,c\nA,1,2,3\n,4,5,6\n",
                                 "uCode,a,b,c\nA,1,2\nB,4,5,6\n", "uCode,a,b,c\n\n\n\nA,1,2,3\n\n\n"}) {
    INFO(text);
    IndicatorData whole, halves;
    Error whole_err, halves_err;
    const bool ok = parse_indicator_data(text, "data.csv", m, &whole, &whole_err);
    CHECK(parse_indicator_data(text, "data.csv", m, &halves, &halves_err, 0) == ok);
    CHECK(halves_err.str() == whole_err.str());
    if (!ok) continue;
    CHECK(halves.units == whole.units);
    CHECK(halves.lines == whole.lines);
    CHECK(halves.values == whole.values);
  }
}

TEST_CASE("indicator data: plain rows read in one pass equal the general reading", "[indicator_data]") {
  // Rows whose cells take every form the one-pass reader accepts and several it
  // hands back (blanks, "+2", "1e3", "NaN", "N/A", a lone "-"); the same file
  // with each name quoted goes through the general CSV reading row by row, the
  // independent reference here. Values are compared bit for bit.
  const Methodology m = test::three_numbers();
  const std::vector<std::string> numbers = {"1",   "-2.5",  "80.023", "0.000001", "NA", "",     " 3.5", "4.25 ", "+2",
                                            "1e3", "NaN",   "N/A",    "na",       "007", "-0",  "123456789012345678",
                                            "0.1234567890123456789", "99999999999999.9"};
  std::mt19937_64 rng(5);
  std::string plain = "uCode,uName,a,b,c\n", quoted = plain;
  for (int i = 0; i < 3000; ++i) {
    std::string cells[3];
    for (auto& c : cells) c = numbers[rng() % numbers.size()];
    const std::string unit = (rng() % 5 == 0 ? " U" : "U") + std::to_string(i);
    const std::string name = rng() % 4 == 0 ? " name " + std::to_string(i) : "n" + std::to_string(i);
    const std::string eol = rng() % 3 == 0 ? "\r\n" : "\n";
    const std::string rest = "," + cells[0] + "," + cells[1] + "," + cells[2] + eol;
    plain += unit + "," + name + rest;
    quoted += unit + ",\"" + name + "\"" + rest;
  }
  const IndicatorData fast = read(m, plain), general = read(m, quoted);
  REQUIRE(fast.units.size() == 3000);
  CHECK(fast.units == general.units);
  CHECK(fast.names == general.names);
  CHECK(fast.lines == general.lines);
  REQUIRE(fast.values.size() == general.values.size());
  CHECK(std::memcmp(fast.values.data(), general.values.data(), sizeof(double) * fast.values.size()) == 0);
  // And by hand, one row: "-2.5" reads as -2.5, "NA" and "" as missing.
  const IndicatorData one = read(m, "uCode,a,b,c\nX,-2.5,NA,\n");
  CHECK(one.values(0, 0) == -2.5);
  CHECK(std::isnan(one.values(0, 1)));
  CHECK(std::isnan(one.values(0, 2)));
}
