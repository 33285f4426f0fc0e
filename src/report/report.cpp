// Gathers the report's content from the scored table: comparisons, profiles,
// diagnostics, and the inputs' checksums.
#include "gpn/report.h"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "text/text.h"
#include "sys/loaded_libs.h"

namespace gpn {

bool sha256_file(const std::string& path, InputFile* out, Error* err) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    *err = Error{path, 0, 0, "cannot open to compute its checksum"};
    return false;
  }
  std::string why;
  const CryptoLib* crypto = crypto_lib(&why);
  if (!crypto) {
    *err = Error{path, 0, 0, "cannot compute its checksum: " + why};
    return false;
  }
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(crypto->MD_CTX_new(), crypto->MD_CTX_free);
  crypto->DigestInit_ex(ctx.get(), crypto->sha256(), nullptr);
  char buf[1 << 16];
  std::size_t n = 0;
  out->bytes = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    crypto->DigestUpdate(ctx.get(), buf, n);
    out->bytes += n;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  crypto->DigestFinal_ex(ctx.get(), digest, &len);
  static const char* kHex = "0123456789abcdef";
  out->sha256.clear();
  for (unsigned int i = 0; i < len; ++i) {
    out->sha256 += kHex[digest[i] >> 4];
    out->sha256 += kHex[digest[i] & 15];
  }
  out->path = path;
  return true;
}

std::string safe_file_stem(std::string_view s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return fit_width(out, 40).substr(0, 40);
}

std::string Report::unit_short(std::size_t unit) const {
  const Unit& u = table->units[unit];
  return u.period.empty() ? u.network : u.network + " " + u.period;
}

std::string Report::unit_tag(std::size_t unit) const {
  const Network* n = networks ? networks->find(table->units[unit].network) : nullptr;
  return n && n->name != n->id ? unit_short(unit) + "  " + n->name : unit_short(unit);
}

std::string Report::unit_label(std::size_t unit) const {
  const Unit& u = table->units[unit];
  const Network* n = networks ? networks->find(u.network) : nullptr;
  std::string s = n && n->name != n->id ? n->name + " (" + u.network + ")" : u.network;
  return u.period.empty() ? s : s + " " + u.period;
}

const Comparison& Report::comparison_of(std::size_t unit) const {
  for (const auto& c : comparisons.comparisons)
    if (std::find(c.members.begin(), c.members.end(), unit) != c.members.end()) return c;
  return comparisons.comparisons.front();
}

std::size_t Report::row_in(const Comparison& c, std::size_t unit) const {
  return static_cast<std::size_t>(std::find(c.members.begin(), c.members.end(), unit) - c.members.begin());
}

Report build_report(const ScoreTable& t, const NetworkTable* networks, std::vector<InputFile> inputs,
                    ReportSettings settings) {
  Report r;
  r.table = &t;
  r.networks = networks;
  r.inputs = std::move(inputs);
  r.settings = std::move(settings);
  Error err;
  compare(t, nullptr, "", &r.comparisons, &err);  // ungrouped comparison cannot fail
  r.diagnostics = diagnose(t);
  const Methodology& m = t.methodology;
  for (std::size_t c : m.root().children)
    if (m.scored(c)) r.dimensions.push_back(c);
  const auto indicators = indicator_nodes(m);

  for (std::size_t u = 0; u < t.units.size(); ++u) {
    NetworkProfile p;
    p.unit = u;
    const Comparison& c = r.comparison_of(u);
    for (std::size_t d : r.dimensions) {
      p.dimensions.push_back(t.score(u, d));
      const double med = c.median(static_cast<Eigen::Index>(d));
      p.medians.push_back(std::isnan(med) ? std::nullopt : std::optional<double>(med));
    }
    std::vector<std::size_t> ranked;
    for (std::size_t i : indicators)
      if (t.score(u, i)) ranked.push_back(i);
    // Stable order: by score, then by position in the methodology.
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) { return *t.score(u, a) > *t.score(u, b); });
    const std::size_t k = std::min<std::size_t>(3, ranked.size() / 2 + ranked.size() % 2);
    p.strongest.assign(ranked.begin(), ranked.begin() + static_cast<long>(k));
    for (std::size_t i = 0; i < k; ++i) p.weakest.push_back(ranked[ranked.size() - 1 - i]);
    for (std::size_t w : p.weakest)
      if (!m.nodes[w].recommendation.empty()) p.recommendations.push_back(w);
    for (std::size_t q : m.question_nodes())
      if (const Answer* a = t.answer(u, q); a && !a->comment.empty()) p.commented.push_back(q);
    for (const auto& ch : r.comparisons.changes)
      if (ch.network == t.units[u].network && ch.to_period == t.units[u].period && m.nodes[ch.node].depth <= 1)
        p.changes.push_back(ch);
    r.profiles.push_back(std::move(p));
  }
  return r;
}

}  // namespace gpn
