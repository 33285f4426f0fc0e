// The indicator data reader: a fast in-place path for plain lines and the full
// CSV reader for quoted ones must agree on where records end, whatever the
// line endings (a lone '\r' ended a record in one and not the other, which the
// fuzzer turned into a write past the end of the value matrix).
#include <cmath>

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
