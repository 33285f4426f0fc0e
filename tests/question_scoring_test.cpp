// Each answer type and scoring rule, with expected points worked out by hand
// from the rule's definition (the arithmetic is in the comments).
#include "gpn/question_scoring.h"

#include "test_support.h"

using namespace gpn;

namespace {

Question question_from(const std::string& body) {
  const Methodology m = test::methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n"
      "    - id: q\n      question: Q?\n" + body +
      "    - id: anchor\n      question: A?\n      type: yes_no\n");
  return *m.nodes[*m.find("q")].question;
}

double points(const Question& q, const std::string& answer) {
  QuestionOutcome out;
  std::string why;
  INFO(why);
  const bool ok = score_answer(q, answer, &out, &why);
  INFO("answer '" << answer << "': " << why);
  REQUIRE(ok);
  REQUIRE(out.state == AnswerState::Answered);
  return out.points;
}

std::string rejection(const Question& q, const std::string& answer) {
  QuestionOutcome out;
  std::string why;
  REQUIRE_FALSE(score_answer(q, answer, &out, &why));
  return why;
}

}  // namespace

TEST_CASE("yes/no scores yes and no, and partly only where allowed", "[question]") {
  const Question plain = question_from("      type: yes_no\n");
  CHECK(points(plain, "yes") == 1);
  CHECK(points(plain, "No") == 0);  // case-insensitive
  CHECK(plain.max_points() == 1);
  CHECK_THAT(rejection(plain, "partly"), Catch::Contains("expected yes|no"));
  CHECK_THAT(rejection(plain, "maybe"), Catch::Contains("found 'maybe'"));

  const Question partly = question_from("      type: yes_no\n      points: {yes: 2, no: 0, partly: 0.5}\n");
  CHECK(points(partly, "partly") == 0.5);
  CHECK(points(partly, "YES") == 2);
  CHECK(partly.max_points() == 2);
}

TEST_CASE("an empty cell is missing; n/a only where the question allows it", "[question]") {
  const Question q = question_from("      type: yes_no\n");
  QuestionOutcome out;
  std::string why;
  REQUIRE(score_answer(q, "", &out, &why));
  CHECK(out.state == AnswerState::Missing);
  CHECK_THAT(rejection(q, "n/a"), Catch::Contains("does not allow not applicable"));

  const Question na = question_from("      type: yes_no\n      allow_not_applicable: true\n");
  for (const char* spelling : {"n/a", "NA", "Not applicable"}) {
    REQUIRE(score_answer(na, spelling, &out, &why));
    CHECK(out.state == AnswerState::NotApplicable);
  }
}

TEST_CASE("an ordinal scale matches values and labels", "[question]") {
  const Question q = question_from(
      "      type: scale\n      options:\n"
      "        - {value: '0', label: None, points: 0}\n"
      "        - {value: '1', label: Some, points: 1}\n"
      "        - {value: '2', label: Full, points: 4}\n");
  CHECK(points(q, "1") == 1);
  CHECK(points(q, "full") == 4);
  CHECK(q.max_points() == 4);
  CHECK_THAT(rejection(q, "3"), Catch::Contains("expected one of 0, 1, 2"));
}

TEST_CASE("single choice gives the option's points", "[question]") {
  const Question q = question_from(
      "      type: single_choice\n      options:\n"
      "        - {value: a, points: 0}\n        - {value: b, points: 2}\n        - {value: c, points: 3}\n");
  CHECK(points(q, "b") == 2);
  CHECK(points(q, " c ") == 3);
  CHECK_THAT(rejection(q, "b;c"), Catch::Contains("expected one of a, b, c"));
}

TEST_CASE("multiple choice sums the chosen options and caps the total", "[question]") {
  const Question q = question_from(
      "      type: multiple_choice\n      cap: 2.5\n      options:\n"
      "        - {value: a, points: 1}\n        - {value: b, points: 1}\n        - {value: c, points: 1}\n");
  CHECK(points(q, "a") == 1);
  CHECK(points(q, "a;b") == 2);
  CHECK(points(q, "a; b; c") == 2.5);  // 3 capped at 2.5
  CHECK(points(q, "None") == 0);       // an explicit "no option applies"
  CHECK(q.max_points() == 2.5);
  CHECK_THAT(rejection(q, "a;z"), Catch::Contains("found 'z'"));
  CHECK_THAT(rejection(q, "a;a"), Catch::Contains("chosen twice"));

  const Question uncapped = question_from(
      "      type: multiple_choice\n      options:\n        - {value: a, points: 1}\n        - {value: b, points: 0.5}\n");
  CHECK(uncapped.max_points() == 1.5);  // 1 + 0.5
}

TEST_CASE("goalposts: 0 below low, linear to full points at high, either direction", "[question]") {
  // SIGMA's GPP share rule: 0 below 10 %, linear from 10 % to 50 %, full at 50 % or more.
  const Question share = question_from("      type: percentage\n      goalposts: {low: 10, high: 50, points: 4}\n");
  CHECK(points(share, "5") == 0);
  CHECK(points(share, "10") == 0);
  CHECK(points(share, "30") == Approx(2.0));  // (30-10)/(50-10) * 4 = 2
  CHECK(points(share, "50") == 4);
  CHECK(points(share, "80%") == 4);
  CHECK_THAT(rejection(share, "140"), Catch::Contains("from 0 to 100"));
  CHECK_THAT(rejection(share, "-1"), Catch::Contains("found '-1'"));
  CHECK_THAT(rejection(share, "lots"), Catch::Contains("found 'lots'"));

  // Lower is better: low 100 (0 points), high 20 (full points); 40 -> (40-100)/(20-100) = 0.75.
  const Question waste = question_from("      type: number\n      goalposts: {low: 100, high: 20}\n");
  CHECK(points(waste, "40") == Approx(0.75));
  CHECK(points(waste, "10") == 1);
  CHECK(points(waste, "150") == 0);
}

TEST_CASE("piecewise-linear interpolates between knots and is flat outside", "[question]") {
  const Question q = question_from("      type: number\n      piecewise: [[0, 0], [50, 0.4], [300, 0.8], [1000, 1]]\n");
  CHECK(points(q, "25") == Approx(0.2));     // halfway 0 -> 0.4
  CHECK(points(q, "175") == Approx(0.6));    // halfway 0.4 -> 0.8
  CHECK(points(q, "650") == Approx(0.9));    // halfway 0.8 -> 1
  CHECK(points(q, "5000") == 1);
  CHECK(points(q, "-3") == 0);
}

TEST_CASE("bands give the points of the band holding the value", "[question]") {
  // Count of trainings: 0, 1-2, 3-5, 6+.
  const Question q = question_from(
      "      type: number\n      min: 0\n      bands:\n"
      "        - {from: 0, to: 0, points: 0}\n        - {from: 1, to: 2, points: 1}\n"
      "        - {from: 3, to: 5, points: 2}\n        - {from: 6, points: 3}\n");
  CHECK(points(q, "0") == 0);
  CHECK(points(q, "2") == 1);
  CHECK(points(q, "3") == 2);
  CHECK(points(q, "60") == 3);
  CHECK_THAT(rejection(q, "2.5"), Catch::Contains("inside one of the question's bands"));
  CHECK_THAT(rejection(q, "-1"), Catch::Contains("a number >= 0"));
}

TEST_CASE("years and dates are validated and scored on their year", "[question]") {
  const Question year = question_from("      type: year\n");
  CHECK_FALSE(year.scored());
  CHECK(points(year, "1996") == 0);
  CHECK_THAT(rejection(year, "96"), Catch::Contains("four-digit year"));

  const Question date = question_from("      type: date\n      piecewise: [[2014, 0], [2022, 1]]\n");
  CHECK(points(date, "2018-06-30") == Approx(0.5));  // (2018-2014)/(2022-2014)
  CHECK(points(date, "2024-02") == 1);
  CHECK(points(date, "2024-02-29") == 1);  // leap day
  CHECK_THAT(rejection(date, "2023-02-29"), Catch::Contains("YYYY-MM-DD"));
  CHECK_THAT(rejection(date, "2023-13-01"), Catch::Contains("YYYY-MM-DD"));
  CHECK_THAT(rejection(date, "30/06/2018"), Catch::Contains("YYYY-MM-DD"));
}

TEST_CASE("free text is kept and never scored", "[question]") {
  const Question q = question_from("      type: text\n");
  CHECK_FALSE(q.scored());
  CHECK(points(q, "anything, at all") == 0);
}
