// Helpers shared by the tests: build a methodology from inline YAML, score
// inline CSV answers, run the gpn binary.
#pragma once
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "gpn/answers.h"
#include "gpn/methodology.h"
#include "gpn/scores.h"
#include "text/text.h"

namespace gpn::test {

inline Methodology methodology(const std::string& yaml) {
  Methodology m;
  Error err;
  INFO(err.str());
  const bool ok = parse_methodology(yaml, "test.yaml", &m, &err);
  INFO(err.str());
  REQUIRE(ok);
  return m;
}

// Root over three number questions a, b, c scored 0-100 by goalposts 0..100:
// a network's question scores equal its answers.
inline Methodology three_numbers() {
  return methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n"
      "    - {id: a, question: 'A', type: number, goalposts: {low: 0, high: 100}}\n"
      "    - {id: b, question: 'B', type: number, goalposts: {low: 0, high: 100}}\n"
      "    - {id: c, question: 'C', type: number, goalposts: {low: 0, high: 100}}\n");
}

inline Error methodology_error(const std::string& yaml) {
  Methodology m;
  Error err;
  REQUIRE_FALSE(parse_methodology(yaml, "test.yaml", &m, &err));
  return err;
}

inline ScoreTable scored(const Methodology& m, const std::string& csv) {
  AnswerSet set;
  Error err;
  const bool loaded = parse_answers(csv, "answers.csv", m, &set, &err);
  INFO(err.str());
  REQUIRE(loaded);
  ScoreTable t;
  Warnings w;
  const bool ok = score(m, std::move(set), &t, &w, &err);
  INFO(err.str());
  REQUIRE(ok);
  return t;
}

inline Error score_error(const Methodology& m, const std::string& csv) {
  AnswerSet set;
  Error err;
  if (!parse_answers(csv, "answers.csv", m, &set, &err)) return err;
  ScoreTable t;
  Warnings w;
  REQUIRE_FALSE(score(m, std::move(set), &t, &w, &err));
  return err;
}

// The score of `node` for the unit of `network` (first period), or -1 when not Scored.
inline double score_of(const ScoreTable& t, const std::string& network, const std::string& node) {
  for (std::size_t u = 0; u < t.units.size(); ++u)
    if (t.units[u].network == network) return t.score(u, *t.methodology.find(node)).value_or(-1);
  FAIL("no unit for network " << network);
  return -1;
}

inline NodeState state_of(const ScoreTable& t, const std::string& network, const std::string& node) {
  for (std::size_t u = 0; u < t.units.size(); ++u)
    if (t.units[u].network == network) return t.state_at(u, *t.methodology.find(node));
  FAIL("no unit for network " << network);
  return NodeState::Missing;
}

}  // namespace gpn::test
