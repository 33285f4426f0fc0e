// The indicator data reader: a fast in-place path for plain lines and the full
// CSV reader for quoted ones must agree on where records end, whatever the
// line endings (a lone '\r' ended a record in one and not the other, which the
// fuzzer turned into a write past the end of the value matrix).
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <random>

#include "gpn/indicator_data.h"
#include "read/indicator_data_pieces.h"
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

namespace {

// A file's bytes for read_indicator_data_in_pieces, from memory. Once
// `fail_from` bytes have been handed over, reads come up short (as if another
// program cut the file while it was read) until `fail_to` bytes were asked for.
ReadAt reads_of(const std::string& text, std::size_t fail_from = std::string::npos,
                std::size_t fail_to = std::string::npos) {
  auto asked = std::make_shared<std::size_t>(0);
  return [&text, asked, fail_from, fail_to](char* to, std::size_t bytes, std::size_t offset) -> std::size_t {
    std::size_t n = offset < text.size() ? std::min(bytes, text.size() - offset) : 0;
    const std::size_t before = *asked;
    *asked += n;
    if (before + n > fail_from && before < fail_to) n = before > fail_from ? 0 : fail_from - before;
    std::memcpy(to, text.data() + offset, n);
    return n;
  };
}

// Reads `text` in pieces and, when that way takes it, compares the table or
// the error with the whole-text reading (the reference: it reads the same
// bytes in one string). Returns whether the pieces way took the file.
bool pieces_equal_whole(const Methodology& m, const std::string& text, const PieceOptions& o) {
  IndicatorData pieces, whole;
  Error pieces_err, whole_err;
  const auto done = read_indicator_data_in_pieces(reads_of(text), text.size(), "data.csv", m, &pieces, &pieces_err, o);
  if (!done) return false;
  const bool ok = parse_indicator_data(text, "data.csv", m, &whole, &whole_err);
  CHECK(*done == ok);
  CHECK(pieces_err.str() == whole_err.str());
  if (ok && *done) {
    CHECK(pieces.units == whole.units);
    CHECK(pieces.names == whole.names);
    CHECK(pieces.periods == whole.periods);
    CHECK(pieces.lines == whole.lines);
    CHECK(pieces.extra == whole.extra);
    CHECK(pieces.values.rows() == whole.values.rows());
    CHECK(std::memcmp(pieces.values.data(), whole.values.data(), sizeof(double) * static_cast<std::size_t>(whole.values.size())) == 0);
  }
  return true;
}

}  // namespace

TEST_CASE("indicator data: read in pieces, the same table or error as the whole text", "[indicator_data]") {
  const Methodology m = test::three_numbers();
  // Pieces of 1 and 7 bytes grow the buffer for every line and cut lines
  // everywhere; 64 bytes holds a few lines; the sample of 16 bytes ends inside
  // the header of most texts (the pieces way then declines them).
  // Each text, and whether its header is valid (else the pieces way declines
  // it, and the whole text words the error).
  const std::vector<std::pair<std::string, bool>> texts = {
      {"uCode,a,b,c\nA,1,2,3\n", true},
      {"uCode,a,b,c\nA,1,2,3\nB,4,5,6", true},
      {"uCode,a,b,c\r\nA,1,2,3\r\n\r\nB,4,5,6\r\nC,7,8,9", true},
      {"uCode,a,b,c\nA,1,2,3\nA,4,5,6\n", true},
      {"uCode,a,b,c\nA,1,2,3\nB,4,x,6\nB,1,1,1\n", true},
      {"uCode,a,b,c\nA,1,2,3\n,4,5,6\n", true},
      {"uCode,a,b,c\nA,1,2\nB,4,5,6\n", true},
      {"uCode,a,b,c\n\n\n\nA,1,2,3\n\n\n", true},
      {"uCode,a,b,c\n", true},
      {"id,Time,a,b,c,group\nA,2020,1,,NA,x\nA,2021,+2,1e3,NaN,y\nB,2020, 3 ,4,5,\n", true},
      {"uCode,a,b,c\nA,1,2,3\nB,1,2,3\nC,1,2,3\nD,1,2,3\nE,1,2,3\nF,1,2,3\nG,1,2,3\nH,1,2,3\nA,9,9,9\n", true},
      {"\"uCode\",a,b,c\nA,1,2,3\n", true},
      {"uCode,a,b\nA,1,2\n", false},
      {"uCode,a,b,c,a\nA,1,2,3,4\n", false}};
  for (const auto& [text, header_valid] : texts)
    for (std::size_t piece : {1, 7, 64, 4096})
      for (std::size_t sample : {16, 65536}) {
        INFO(text << "\npiece " << piece << ", sample " << sample);
        PieceOptions o;
        o.buffer_bytes = piece;
        o.sample_bytes = sample;
        // Taken: a valid header that ends inside the sample (or the whole file is the sample).
        const std::size_t header_bytes = text.find('\n') + 1;
        const bool taken = header_valid && (header_bytes < sample || text.size() <= sample);
        CHECK(pieces_equal_whole(m, text, o) == taken);
      }
}

TEST_CASE("indicator data: read in pieces, blank lines anywhere are counted as the whole text counts them",
          "[indicator_data]") {
  // Rows of varying length with runs of 0-3 blank lines between them, so that
  // blank lines fall at every offset of the 16-byte blocks the plain-ASCII
  // survey counts in, and at the start and end of pieces; also a last row
  // without a line feed. The whole-text reading is the reference.
  const Methodology m = test::three_numbers();
  std::mt19937 random(7);
  std::string text = "uCode,a,b,c\n";
  for (int i = 0; i < 3000; ++i) {
    text += "U" + std::to_string(i) + "," + std::string(1 + random() % 9, '1') + ",2," + std::to_string(random() % 1000);
    text += std::string(1 + random() % 4, '\n');
  }
  text += "Z,1,2,3";
  for (std::size_t piece : {16, 64, 100, 4096, 65536}) {
    INFO("piece " << piece);
    PieceOptions o;
    o.buffer_bytes = piece;
    o.sample_bytes = 64;
    CHECK(pieces_equal_whole(m, text, o));
  }
}

TEST_CASE("indicator data: read in pieces, a large file and its first errors equal the whole text", "[indicator_data]") {
  const Methodology m = test::three_numbers();
  constexpr std::size_t kRows = 200000;
  const std::size_t early = 1000, late = 150000;
  const std::vector<std::function<std::string(std::size_t, std::string)>> edits = {
      [](std::size_t, std::string r) { return r; },
      [&](std::size_t i, std::string r) { return i == late ? r + "x" : r; },
      [&](std::size_t i, std::string r) { return i == late ? r + ",9" : r; },
      [&](std::size_t i, std::string r) { return i == late ? with_unit(r, "U" + std::to_string(early)) : r; },
      [&](std::size_t i, std::string r) {
        if (i == early) return r + "x";
        return i == late ? with_unit(r, "U0") : r;
      },
  };
  for (std::size_t e = 0; e < edits.size(); ++e) {
    INFO("edit " << e);
    const std::string text = big_file(kRows, edits[e]);
    CHECK(pieces_equal_whole(m, text, PieceOptions{}));
    PieceOptions small;
    small.buffer_bytes = 1000;  // shorter than some pieces' first lines: the buffer grows
    CHECK(pieces_equal_whole(m, text, small));
  }
}

TEST_CASE("indicator data: the pieces way declines what only the whole text words right", "[indicator_data]") {
  const Methodology m = test::three_numbers();
  const std::string plain = big_file(1000, [](std::size_t, std::string r) { return r; });
  IndicatorData d;
  Error err;
  REQUIRE(read_indicator_data_in_pieces(reads_of(plain), plain.size(), "data.csv", m, &d, &err).value_or(false));
  const std::vector<std::pair<const char*, std::string>> declined = {
      {"a quoted cell", one_pass(plain)},
      {"a lone CR", plain.substr(0, 5000) + "\r" + plain.substr(5000)},
      {"a NUL byte", plain.substr(0, 9000) + '\0' + plain.substr(9000)},
      {"invalid UTF-8", plain.substr(0, 9000) + "\xC3\x28" + plain.substr(9000)},
      {"an empty file", std::string()},
      {"blanks only", std::string(5000, ' ')},
      {"an unterminated quote in the header", "\"uCode,a,b,c\nA,1,2,3\n"},
      {"a header that names no unit column", "a,b,c\n1,2,3\n"},
  };
  for (const auto& [what, text] : declined) {
    INFO(what);
    CHECK_FALSE(read_indicator_data_in_pieces(reads_of(text), text.size(), "data.csv", m, &d, &err).has_value());
    CHECK(err.message.empty());
  }
  // The file cut short by another program during the header's sample, the
  // first reading, or the second. A whole reading hands over `total` bytes, the
  // last (size - header) / 2 of them in the second reading.
  PieceOptions o;
  o.sample_bytes = 4096;
  o.buffer_bytes = 1024;
  const std::size_t body = plain.find('\n') + 1;
  auto counted = std::make_shared<std::size_t>(0);
  const ReadAt whole_reads = reads_of(plain);
  const ReadAt counting = [&](char* to, std::size_t bytes, std::size_t offset) {
    const std::size_t n = whole_reads(to, bytes, offset);
    *counted += n;
    return n;
  };
  REQUIRE(read_indicator_data_in_pieces(counting, plain.size(), "data.csv", m, &d, &err, o).value_or(false));
  const std::size_t total = *counted;
  for (std::size_t budget : {std::size_t{100}, total - plain.size(), total - (plain.size() - body) / 2}) {
    INFO("cut after " << budget << " of " << total << " bytes");
    CHECK_FALSE(read_indicator_data_in_pieces(reads_of(plain, budget), plain.size(), "data.csv", m, &d, &err, o).has_value());
  }
  // Short for a moment in the first reading only: its count is not to be trusted.
  const std::size_t in_first = total - plain.size() - (plain.size() - body) + 3000;
  CHECK_FALSE(read_indicator_data_in_pieces(reads_of(plain, in_first, in_first + 2000), plain.size(), "data.csv", m, &d, &err, o).has_value());
}
