// Where an answer is turned into points: one question's scoring rule applied
// to one answer cell.
#pragma once
#include <string>

#include "gpn/methodology.h"

namespace gpn {

enum class AnswerState {
  Answered,
  Missing,        // no row, or an empty cell
  NotApplicable,  // "n/a", where the question allows it
};

struct QuestionOutcome {
  AnswerState state = AnswerState::Missing;
  double points = 0;  // 0 unless answered and scored
};

// True for the spellings of "not applicable": n/a, na, not applicable (any case).
bool is_not_applicable(const std::string& value);

// Scores one answer (already trimmed). On an answer the question does not
// allow, returns false and sets *why to "expected ..., found ...".
bool score_answer(const Question& q, const std::string& value, QuestionOutcome* out, std::string* why);

}  // namespace gpn
