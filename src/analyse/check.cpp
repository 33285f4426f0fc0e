#include "gpn/check.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <tuple>

#include "text/csv.h"
#include "text/text.h"

namespace gpn {

bool check_scores(const ScoreTable& t, const std::string& expected_csv, const std::string& expected_name,
                  double tolerance, std::vector<Difference>* out, Error* err) {
  CsvReader reader(expected_csv, expected_name);
  CsvRecord rec;
  *err = Error{};
  if (!reader.next(&rec, err)) {
    if (err->message.empty()) *err = Error{expected_name, 0, 0, "the file is empty"};
    return false;
  }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rec.fields.size(); ++i) col[std::string(trim(rec.fields[i]))] = i;
  for (const char* need : {"network", "period", "node", "score"})
    if (!col.count(need)) {
      *err = Error{expected_name, rec.line, 1,
                   fmt::format("header: expected the columns of 'gpn score --format csv' (network,period,node,...,score,...); "
                               "'{}' is missing", need)};
      return false;
    }
  const std::size_t width = rec.fields.size();

  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::pair<std::string, std::size_t>> expected;
  while (reader.next(&rec, err)) {
    if (rec.fields.size() != width) {
      *err = Error{expected_name, rec.line, 0, fmt::format("expected {} fields as in the header, found {}", width, rec.fields.size())};
      return false;
    }
    Key key{csv_untext(rec.fields[col["network"]]), csv_untext(rec.fields[col["period"]]), rec.fields[col["node"]]};
    const std::string& score = rec.fields[col["score"]];
    if (!score.empty() && !parse_number(score)) {
      *err = Error{expected_name, rec.line, rec.columns[col["score"]], fmt::format("score: expected a number or nothing, found '{}'", fit_width(score, 40))};
      return false;
    }
    if (!expected.emplace(key, std::make_pair(score, rec.line)).second) {
      *err = Error{expected_name, rec.line, 1, "this network, period and node appear twice"};
      return false;
    }
  }
  if (!err->message.empty()) return false;

  std::vector<Difference> diffs;
  const Methodology& m = t.methodology;
  for (std::size_t u = 0; u < t.units.size(); ++u)
    for (std::size_t n = 0; n < m.nodes.size(); ++n) {
      const auto got = t.score(u, n);
      const std::string got_text = got ? fmt_number(*got) : "";
      Key key{t.units[u].network, t.units[u].period, m.nodes[n].id};
      auto it = expected.find(key);
      if (it == expected.end()) {
        diffs.push_back(Difference{t.units[u].network, t.units[u].period, m.nodes[n].id, "(absent)", got_text, 0});
        continue;
      }
      const auto& [exp_text, line] = it->second;
      const auto exp = parse_number(exp_text);
      const bool same = exp && got ? std::fabs(*exp - *got) <= tolerance : exp_text.empty() && !got;
      if (!same) diffs.push_back(Difference{t.units[u].network, t.units[u].period, m.nodes[n].id, exp_text, got_text, line});
      expected.erase(it);
    }
  for (const auto& [key, value] : expected)
    diffs.push_back(Difference{std::get<0>(key), std::get<1>(key), std::get<2>(key), value.first, "(absent)", value.second});
  *out = std::move(diffs);
  return true;
}

}  // namespace gpn
