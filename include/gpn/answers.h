// Questionnaire answers as read from CSV, long (network,question,answer) or
// wide (one row per network, one column per question), and the optional table
// of networks that labels them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "gpn/error.h"
#include "gpn/methodology.h"

namespace gpn {

// A network in a period: what one row of scores is about.
struct Unit {
  std::string network;
  std::string period;  // "" when the answers have no period
};

// One cell of the questionnaire, with the place it came from.
struct Answer {
  std::uint32_t unit = 0;      // index into AnswerSet::units
  std::uint32_t question = 0;  // node index of the question in the methodology
  std::uint32_t file = 0;      // index into AnswerSet::files
  std::uint32_t line = 0;
  std::uint32_t column = 0;    // of the answer cell
  std::string value;           // trimmed; "" = unanswered
  std::string comment;
};

// All answers of one run, from one or many files. A question may be answered
// once per unit across all files.
struct AnswerSet {
  std::vector<std::string> files;
  std::vector<Unit> units;  // in order of first appearance
  std::map<std::pair<std::string, std::string>, std::uint32_t> unit_index;
  std::vector<Answer> answers;
  // Per unit, the answer row of each question (by question ordinal), -1 if none.
  std::vector<std::vector<std::int32_t>> rows;
  std::vector<std::int32_t> ordinal;  // node index -> question ordinal (-1 for inner nodes)

  const std::string& file_of(const Answer& a) const { return files[a.file]; }
  void clear_answers();  // keeps files and the question map; drops units and answers
};

// Appends the answers of one CSV file, long or wide (told apart by the header).
// Question ids must exist in the methodology and be questions.
bool load_answers(const std::string& path, const Methodology& m, AnswerSet* set, Error* err);
bool parse_answers(const std::string& text, const std::string& name, const Methodology& m, AnswerSet* set,
                   Error* err);
// Reads a file in blocks, calling `hook` before each unit (network, period)
// that is new to the set; the hook may score and clear the set, so memory
// stays flat. Returning false from the hook stops with its error.
using NewUnitHook = std::function<bool(const std::string& network, const std::string& period, std::size_t line, Error* err)>;
bool stream_answers(const std::string& path, const Methodology& m, AnswerSet* set, const NewUnitHook& hook, Error* err);

// A network's labels from --networks: id, name, and every other column.
struct Network {
  std::string id;
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // in file order, without id and name
};

struct NetworkTable {
  std::string file;
  std::vector<std::string> columns;  // the header, as given
  std::vector<Network> networks;
  std::map<std::string, std::size_t> index;

  const Network* find(const std::string& id) const;
};

bool load_networks(const std::string& path, NetworkTable* out, Error* err);

}  // namespace gpn
