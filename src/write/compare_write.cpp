// Writers for `gpn compare`: an 80-column table, tidy CSV and JSON.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "gpn/compare_write.h"
#include "text/csv.h"
#include "text/text.h"
#include "write/json_docs.h"

namespace gpn {
namespace {

std::string num(double v) { return std::isnan(v) ? "" : fmt_number(v); }
std::string fixed(double v, int d) { return std::isnan(v) ? "--" : fmt_fixed(v, d); }
std::string signed_fixed(double v) {
  if (std::isnan(v)) return "--";
  const std::string s = fmt_fixed(v, 1);
  return s[0] == '-' || s == "0.0" ? s : "+" + s;
}

// Root and first-level dimensions: what a comparison table shows.
std::vector<std::size_t> headline_nodes(const Methodology& m) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < m.nodes.size(); ++i)
    if (m.nodes[i].depth <= 1 && m.scored(i)) out.push_back(i);
  return out;
}

std::string title_of(const Comparison& c, const std::string& by) {
  std::string s = c.period.empty() ? "All networks" : "Period " + c.period;
  if (!by.empty()) s += ", " + by + " " + c.group;
  return s + fmt::format(" ({} network{})", c.members.size(), c.members.size() == 1 ? "" : "s");
}

const Change* change_for(const ComparisonSet& set, const std::string& network, std::size_t node,
                         const std::string& period) {
  for (const auto& ch : set.changes)
    if (ch.network == network && ch.node == node && ch.to_period == period) return &ch;
  return nullptr;
}

}  // namespace

std::string write_compare_table(const ScoreTable& t, const ComparisonSet& set, const NetworkTable* networks) {
  const Methodology& m = t.methodology;
  std::string out;
  const auto nodes = headline_nodes(m);
  for (const Comparison& c : set.comparisons) {
    out += (out.empty() ? "" : "\n") + fit_width(title_of(c, set.by), 78) + "\n";
    out += fmt::format("{:>4}  {:<34}{:>7}{:>11}{:>11}{:>8}\n", "Rank", "Network", "Score", "vs leader", "vs median", "Pctl");
    std::vector<Eigen::Index> order(c.members.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<Eigen::Index>(i);
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
      const int ra = c.rank(a, 0) == 0 ? INT32_MAX : c.rank(a, 0), rb = c.rank(b, 0) == 0 ? INT32_MAX : c.rank(b, 0);
      return ra < rb;
    });
    for (Eigen::Index i : order) {
      const Unit& u = t.units[c.members[static_cast<std::size_t>(i)]];
      std::string label = u.network;
      if (const Network* n = networks ? networks->find(u.network) : nullptr; n && n->name != n->id) label += "  " + n->name;
      const std::string rank = c.rank(i, 0) ? std::to_string(c.rank(i, 0)) : "--";
      std::string cut = fit_width(label, 33);
      cut += std::string(34 - display_width(cut), ' ');
      out += fmt::format("{:>4}  {}{:>7}{:>11}{:>11}{:>8}\n", rank, cut, fixed(c.score(i, 0), 1),
                         signed_fixed(c.gap_to_leader(i, 0)), signed_fixed(c.gap_to_median(i, 0)), fixed(c.percentile(i, 0), 0));
    }
    // Dimension scores with ranks, six columns at a time to stay within 80 columns.
    for (std::size_t start = 1; start < nodes.size(); start += 6) {
      out += fmt::format("\n{:<14}", "Score (rank)");
      const std::size_t end = std::min(nodes.size(), start + 6);
      for (std::size_t k = start; k < end; ++k) out += fmt::format("{:>11}", fit_width(m.nodes[nodes[k]].id, 10));
      out += "\n";
      for (Eigen::Index i : order) {
        out += fmt::format("{:<14}", fit_width(t.units[c.members[static_cast<std::size_t>(i)]].network, 13));
        for (std::size_t k = start; k < end; ++k) {
          const auto j = static_cast<Eigen::Index>(nodes[k]);
          const std::string cell = c.rank(i, j) ? fmt::format("{} ({})", fixed(c.score(i, j), 1), c.rank(i, j)) : "--";
          out += fmt::format("{:>11}", cell);
        }
        out += "\n";
      }
      out += fmt::format("{:<14}", "median");
      for (std::size_t k = start; k < end; ++k) out += fmt::format("{:>11}", fixed(c.median(static_cast<Eigen::Index>(nodes[k])), 1));
      out += "\n";
      if (!set.by.empty()) {
        out += fmt::format("{:<14}", "group mean");
        for (std::size_t k = start; k < end; ++k) out += fmt::format("{:>11}", fixed(c.mean(static_cast<Eigen::Index>(nodes[k])), 1));
        out += "\n";
      }
    }
  }
  bool header = false;
  for (const auto& ch : set.changes) {
    if (m.nodes[ch.node].depth > 1) continue;
    if (!header) out += fmt::format("\nChanges between periods\n{:<12}{:<12}{:>8}{:>8}{:>8}{:>8}  {}\n", "Network", "Node", "From", "To", "Before", "After", "Change");
    header = true;
    out += fmt::format("{:<12}{:<12}{:>8}{:>8}{:>8}{:>8}  {}\n", fit_width(ch.network, 11), fit_width(m.nodes[ch.node].id, 11),
                       fit_width(ch.from_period, 7), fit_width(ch.to_period, 7), fixed(ch.from, 1), fixed(ch.to, 1),
                       signed_fixed(ch.to - ch.from));
  }
  return out;
}

std::string write_compare_csv(const ScoreTable& t, const ComparisonSet& set) {
  const Methodology& m = t.methodology;
  std::string out = "period,group,network,node,name,depth,score,rank,of,gap_to_leader,gap_to_median,percentile,"
                    "group_median,group_mean,previous_period,change\n";
  for (const Comparison& c : set.comparisons)
    for (std::size_t i = 0; i < c.members.size(); ++i) {
      const auto r = static_cast<Eigen::Index>(i);
      const Unit& u = t.units[c.members[i]];
      for (std::size_t j = 0; j < m.nodes.size(); ++j) {
        if (!m.scored(j)) continue;
        const auto col = static_cast<Eigen::Index>(j);
        const Change* ch = change_for(set, u.network, j, u.period);
        out += csv_text(c.period) + ',' + csv_text(c.group) + ',' + csv_text(u.network) + ',' + m.nodes[j].id + ',' +
               csv_text(m.nodes[j].name) + ',' + std::to_string(m.nodes[j].depth) + ',' + num(c.score(r, col)) + ',' +
               (c.rank(r, col) ? std::to_string(c.rank(r, col)) : "") + ',' + std::to_string(c.scored(col)) + ',' +
               num(c.gap_to_leader(r, col)) + ',' + num(c.gap_to_median(r, col)) + ',' + num(c.percentile(r, col)) + ',' +
               num(c.median(col)) + ',' + num(c.mean(col)) + ',' + (ch ? csv_text(ch->from_period) : "") + ',' +
               (ch ? fmt_number(ch->to - ch->from) : "") + '\n';
      }
    }
  return out;
}

nlohmann::ordered_json compare_json(const ScoreTable& t, const ComparisonSet& set) {
  const Methodology& m = t.methodology;
  auto val = [](double v) { return std::isnan(v) ? json(nullptr) : json(v); };
  json doc;
  doc["format"] = "gpn-compare/1";
  doc["methodology"] = {{"id", m.id}, {"version", m.version}, {"status", m.status}};
  doc["by"] = set.by.empty() ? json(nullptr) : json(set.by);
  json comps = json::array();
  for (const Comparison& c : set.comparisons) {
    json jc = {{"period", c.period}, {"group", c.group}};
    json nodes = json::array();
    for (std::size_t j = 0; j < m.nodes.size(); ++j) {
      if (!m.scored(j)) continue;
      const auto col = static_cast<Eigen::Index>(j);
      json jn = {{"node", m.nodes[j].id}, {"scored", c.scored(col)}, {"best", val(c.best(col))},
                 {"median", val(c.median(col))}, {"mean", val(c.mean(col))}};
      json members = json::array();
      for (std::size_t i = 0; i < c.members.size(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        members.push_back({{"network", t.units[c.members[i]].network},
                           {"score", val(c.score(r, col))},
                           {"rank", c.rank(r, col) ? json(c.rank(r, col)) : json(nullptr)},
                           {"gap_to_leader", val(c.gap_to_leader(r, col))},
                           {"gap_to_median", val(c.gap_to_median(r, col))},
                           {"percentile", val(c.percentile(r, col))}});
      }
      jn["networks"] = std::move(members);
      nodes.push_back(std::move(jn));
    }
    jc["nodes"] = std::move(nodes);
    comps.push_back(std::move(jc));
  }
  doc["comparisons"] = std::move(comps);
  json changes = json::array();
  for (const auto& ch : set.changes)
    changes.push_back({{"network", ch.network}, {"node", m.nodes[ch.node].id}, {"from_period", ch.from_period},
                       {"to_period", ch.to_period}, {"from", ch.from}, {"to", ch.to}, {"change", ch.to - ch.from}});
  doc["changes"] = std::move(changes);
  return doc;
}

std::string write_compare_json(const ScoreTable& t, const ComparisonSet& set) { return compare_json(t, set).dump(2) + "\n"; }

}  // namespace gpn
