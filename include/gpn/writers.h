// Writers turn scored tables and methodologies into text. Each returns the
// whole output as a string so the caller can write it atomically (or print it),
// or, for the large tables, hands it to a sink in pieces; the same inputs give
// the same bytes.
#pragma once
#include <string>

#include "gpn/answers.h"
#include "gpn/methodology.h"
#include "gpn/output_file.h"
#include "gpn/scores.h"

namespace gpn {

// An 80-column summary and per-network tree of inner nodes.
std::string write_score_table(const ScoreTable& t, const NetworkTable* networks);
// Tidy CSV: one row per unit and node, questions included.
std::string write_score_csv(const ScoreTable& t);
extern const char* kScoreCsvHeader;
void append_score_csv_rows(const ScoreTable& t, std::string* out);
// Wide CSV: one row per unit, one column per inner node (scores only).
std::string write_score_wide(const ScoreTable& t);
// The same handed to `sink` piece by piece as it is formatted; false when the sink refused a piece.
bool write_score_wide(const ScoreTable& t, const ByteSink& sink);
std::string score_wide_header(const Methodology& m);
void append_score_wide_rows(const ScoreTable& t, std::string* out);
// Everything, structured as documented in docs/output-formats.md.
std::string write_score_json(const ScoreTable& t, const NetworkTable* networks);

// The blank questionnaire in the long answers format, one row per question.
std::string write_questionnaire_csv(const Methodology& m, const std::string& network);
// The framework tree with each node's weight, combination and share of the total.
std::string write_methodology_tree(const Methodology& m);

// The maturity level shown for a node: only the root and first-level dimensions carry one.
std::string maturity_label(const ScoreTable& t, std::size_t unit, std::size_t node);

}  // namespace gpn
