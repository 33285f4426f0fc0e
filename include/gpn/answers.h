// Questionnaire answers as read from CSV, long (network,question,answer) or
// wide (one row per network, one column per question), and the optional table
// of networks that labels them.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "gpn/error.h"
#include "gpn/methodology.h"

namespace gpn {

// One cell of the questionnaire, with the place it came from.
struct Answer {
  std::string network;
  std::string period;  // "" when the file has no period
  std::string question;
  std::string value;   // trimmed; "" = unanswered
  std::string comment;
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;  // of the answer cell
};

// All answers of one run, from one or many files. A (network, period,
// question) triple may occur once across all files.
struct AnswerSet {
  std::vector<Answer> answers;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
};

// Appends the answers of one CSV file, long or wide (told apart by the header).
// Question ids must exist in the methodology and be questions.
bool load_answers(const std::string& path, const Methodology& m, AnswerSet* set, Error* err);
bool parse_answers(const std::string& text, const std::string& name, const Methodology& m, AnswerSet* set,
                   Error* err);

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
