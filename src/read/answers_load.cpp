// Reads questionnaire answers. A long file has network, question and answer
// columns (and optionally comment and period) and ignores every other column,
// so the blank questionnaire can be filled in and fed back unchanged. A wide
// file has a network column, optionally period, and one column per question.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "gpn/answers.h"
#include "text/csv.h"
#include "sys/input_file.h"
#include "text/text.h"

namespace gpn {
namespace {

struct Header {
  std::map<std::string, std::size_t> by_name;  // lower-cased name -> column
  std::optional<std::size_t> col(const char* name) const {
    auto it = by_name.find(name);
    if (it == by_name.end()) return std::nullopt;
    return it->second;
  }
};

bool read_header(const CsvRecord& rec, const std::string& file, Header* h, Error* err) {
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    const std::string name = to_lower(trim(rec.fields[i]));
    if (name.empty()) {
      *err = Error{file, rec.line, rec.columns[i], fmt::format("header column {}: expected a column name, found an empty one", i + 1)};
      return false;
    }
    if (!h->by_name.emplace(name, i).second) {
      *err = Error{file, rec.line, rec.columns[i], fmt::format("header: column '{}' is given twice", fit_width(name, 60))};
      return false;
    }
  }
  return true;
}

bool valid_network_id(const std::string& id, std::string* why) {
  if (id.empty()) {
    *why = "expected a network id, found an empty cell";
    return false;
  }
  if (display_width(id) > 200) {
    *why = "expected a network id of at most 200 characters";
    return false;
  }
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7F) {
      *why = "expected a network id without control characters or line breaks";
      return false;
    }
  return true;
}

// Reads one answers file from a CsvReader (a whole text) or a CsvFileReader
// (a file read in blocks, for streaming).
template <class Reader>
class AnswersParser {
 public:
  AnswersParser(Reader& reader, const std::string& name, const Methodology& m, AnswerSet* set, const NewUnitHook* hook)
      : reader_(reader), file_(name), m_(m), set_(set), hook_(hook) {
    if (set_->ordinal.empty()) {
      set_->ordinal.assign(m.nodes.size(), -1);
      std::int32_t k = 0;
      for (std::size_t q : m.question_nodes()) set_->ordinal[q] = k++;
    }
    for (std::int32_t o : set_->ordinal) questions_ += o >= 0;
    file_index_ = static_cast<std::uint32_t>(set_->files.size());
    set_->files.push_back(name);
  }

  bool parse(Error* err) {
    CsvRecord header;
    if (!reader_.next(&header, err)) {
      if (err->message.empty()) *err = Error{file_, 0, 0, "the file is empty"};
      return false;
    }
    Header h;
    if (!read_header(header, file_, &h, err)) return false;
    if (!h.col("network")) {
      *err = Error{file_, header.line, 1,
                   fmt::format("header: expected a 'network' column (long: network,question,answer; wide: "
                               "network,<question ids>...), found '{}'", fit_width(join(header.fields), 80))};
      return false;
    }
    width_ = header.fields.size();
    if (h.col("question") || h.col("answer")) return parse_long(header, h, err);
    // Wide rows hold an answer per column: reserve for them all at once.
    set_->answers.reserve(set_->answers.size() + expected_rows_ * (width_ - 1));
    return parse_wide(header, h, err);
  }

 private:
  static std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& f : v) s += s.empty() ? f : "," + f;
    return s;
  }

  bool row(CsvRecord* rec, Error* err) {
    if (!reader_.next(rec, err)) return false;
    if (rec->fields.size() != width_) {
      *err = Error{file_, rec->line, 0, fmt::format("expected {} fields as in the header, found {}", width_, rec->fields.size())};
      return false;
    }
    return true;
  }

  // Adds one answer of `network` in `period` to question node `question`.
  bool add(std::string_view network, std::string_view period, std::size_t question, std::string value, std::string comment,
           std::size_t line, std::size_t column, Error* err) {
    std::string why;
    const std::string net(network);
    if (!valid_network_id(net, &why)) {
      *err = Error{file_, line, 1, why};
      return false;
    }
    auto key = std::make_pair(net, std::string(period));
    auto it = set_->unit_index.find(key);
    if (it == set_->unit_index.end()) {
      // The hook may score and clear the set (streaming), so ask it before inserting.
      if (hook_ && *hook_ && !(*hook_)(net, key.second, line, err)) return false;
      it = set_->unit_index.emplace(std::move(key), static_cast<std::uint32_t>(set_->units.size())).first;
      set_->units.push_back(Unit{net, std::string(period)});
      set_->rows.emplace_back(questions_, -1);
    }
    const std::uint32_t unit = it->second;
    std::int32_t& row = set_->rows[unit][static_cast<std::size_t>(set_->ordinal[question])];
    if (row >= 0) {
      const Answer& first = set_->answers[static_cast<std::size_t>(row)];
      *err = Error{file_, line, column,
                   fmt::format("network '{}'{} answers question '{}' twice: first at {}:{}", fit_width(net, 60),
                               period.empty() ? "" : " period '" + std::string(period) + "'", m_.nodes[question].id,
                               set_->file_of(first), first.line)};
      return false;
    }
    row = static_cast<std::int32_t>(set_->answers.size());
    set_->answers.push_back(Answer{unit, static_cast<std::uint32_t>(question), file_index_, static_cast<std::uint32_t>(line),
                                   static_cast<std::uint32_t>(column), std::move(value), std::move(comment)});
    return true;
  }

  // The node index of question `id`, or nothing (err filled).
  std::optional<std::size_t> question_node(const std::string& id, std::size_t line, std::size_t column, Error* err) {
    auto node = m_.find(id);
    if (!node || !m_.nodes[*node].is_question()) {
      *err = Error{file_, line, column,
                   fmt::format("unknown question id '{}': expected a question of methodology '{}' ({})",
                               fit_width(id, 60), m_.id, node ? "that id is an inner node" : "see gpn questionnaire")};
      return std::nullopt;
    }
    return node;
  }

  bool parse_long(const CsvRecord& header, const Header& h, Error* err) {
    for (const char* need : {"question", "answer"})
      if (!h.col(need)) {
        *err = Error{file_, header.line, 1, fmt::format("header: a long answers file needs network, question and "
                                                        "answer columns; '{}' is missing", need)};
        return false;
      }
    const std::size_t c_net = *h.col("network"), c_q = *h.col("question"), c_a = *h.col("answer");
    const auto c_comment = h.col("comment"), c_period = h.col("period");
    set_->answers.reserve(set_->answers.size() + expected_rows_);
    CsvRecord rec;
    std::string last_id;
    std::optional<std::size_t> last_node;
    while (row(&rec, err)) {
      const std::string_view qid = trim(rec.fields[c_q]);
      if (qid.empty()) {
        *err = Error{file_, rec.line, rec.columns[c_q], "expected a question id, found an empty cell"};
        return false;
      }
      if (qid != last_id || !last_node) {  // rows of one question often follow each other
        last_id = qid;
        last_node = question_node(last_id, rec.line, rec.columns[c_q], err);
        if (!last_node) return false;
      }
      if (!add(trim(rec.fields[c_net]), c_period ? trim(rec.fields[*c_period]) : std::string_view(), *last_node,
               std::string(trim(rec.fields[c_a])), c_comment ? std::string(trim(rec.fields[*c_comment])) : std::string(),
               rec.line, rec.columns[c_a], err))
        return false;
    }
    return err->message.empty();
  }

  bool parse_wide(const CsvRecord& header, const Header& h, Error* err) {
    const std::size_t c_net = *h.col("network");
    const auto c_period = h.col("period");
    std::vector<std::pair<std::size_t, std::size_t>> question_cols;  // column, node
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      if (i == c_net || (c_period && i == *c_period)) continue;
      auto node = question_node(std::string(trim(header.fields[i])), header.line, header.columns[i], err);
      if (!node) return false;
      question_cols.emplace_back(i, *node);
    }
    CsvRecord rec;
    while (row(&rec, err)) {
      for (const auto& [col, node] : question_cols)
        if (!add(trim(rec.fields[c_net]), c_period ? trim(rec.fields[*c_period]) : std::string_view(), node,
                 std::string(trim(rec.fields[col])), std::string(), rec.lines[col], rec.columns[col], err))
          return false;
    }
    return err->message.empty();
  }

  Reader& reader_;
  std::string file_;
  const Methodology& m_;
  AnswerSet* set_;
  const NewUnitHook* hook_;
  std::size_t width_ = 0;
  std::size_t questions_ = 0;
  std::uint32_t file_index_ = 0;

 public:
  std::size_t expected_rows_ = 0;  // a line count, when the whole text is at hand
};

}  // namespace

bool parse_answers(const std::string& text, const std::string& name, const Methodology& m, AnswerSet* set,
                   Error* err) {
  *err = Error{};
  CsvReader reader(text, name);
  AnswersParser<CsvReader> parser(reader, name, m, set, nullptr);
  parser.expected_rows_ = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  return parser.parse(err);
}

bool stream_answers(const std::string& path, const Methodology& m, AnswerSet* set, const NewUnitHook& hook, Error* err) {
  *err = Error{};
  CsvFileReader reader;
  if (!reader.open(path, err)) return false;
  return AnswersParser<CsvFileReader>(reader, path, m, set, &hook).parse(err);
}

bool load_answers(const std::string& path, const Methodology& m, AnswerSet* set, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, kMaxInputBytes, err)) return false;
  return parse_answers(text, path, m, set, err);
}

void AnswerSet::clear_answers() {
  units.clear();
  unit_index.clear();
  answers.clear();
  rows.clear();
}

const Network* NetworkTable::find(const std::string& id) const {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &networks[it->second];
}

bool load_networks(const std::string& path, NetworkTable* out, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, 64u << 20, err)) return false;
  CsvReader reader(text, path);
  CsvRecord rec;
  *err = Error{};
  if (!reader.next(&rec, err)) {
    if (err->message.empty()) *err = Error{path, 0, 0, "the file is empty"};
    return false;
  }
  Header h;
  if (!read_header(rec, path, &h, err)) return false;
  if (!h.col("id")) {
    *err = Error{path, rec.line, 1, "header: expected an 'id' column (id,name,country,region,type,...)"};
    return false;
  }
  NetworkTable t;
  t.file = path;
  for (const auto& f : rec.fields) t.columns.emplace_back(trim(f));
  const std::size_t c_id = *h.col("id");
  const auto c_name = h.col("name");
  while (reader.next(&rec, err)) {
    if (rec.fields.size() != t.columns.size()) {
      *err = Error{path, rec.line, 0, fmt::format("expected {} fields as in the header, found {}", t.columns.size(), rec.fields.size())};
      return false;
    }
    Network n;
    n.id = std::string(trim(rec.fields[c_id]));
    std::string why;
    if (!valid_network_id(n.id, &why)) {
      *err = Error{path, rec.line, rec.columns[c_id], why};
      return false;
    }
    n.name = c_name ? std::string(trim(rec.fields[*c_name])) : n.id;
    if (n.name.empty()) n.name = n.id;
    for (std::size_t i = 0; i < rec.fields.size(); ++i)
      if (i != c_id && (!c_name || i != *c_name))
        n.attributes.emplace_back(std::string(trim(t.columns[i])), std::string(trim(rec.fields[i])));
    if (t.index.count(n.id)) {
      *err = Error{path, rec.line, rec.columns[c_id], fmt::format("network '{}' is listed twice", fit_width(n.id, 60))};
      return false;
    }
    t.index[n.id] = t.networks.size();
    t.networks.push_back(std::move(n));
  }
  if (!err->message.empty()) return false;
  *out = std::move(t);
  return true;
}

}  // namespace gpn
