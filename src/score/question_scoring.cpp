#include "gpn/question_scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "text/text.h"

namespace gpn {
namespace {

double interpolate(const std::vector<std::pair<double, double>>& knots, double x) {
  if (x <= knots.front().first) return knots.front().second;
  if (x >= knots.back().first) return knots.back().second;
  for (std::size_t i = 1; i < knots.size(); ++i) {
    const auto& [x1, y1] = knots[i];
    if (x <= x1) {
      const auto& [x0, y0] = knots[i - 1];
      return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
  }
  return knots.back().second;
}

// Points of a numeric value under the question's rule.
bool number_points(const Question& q, double x, double* points, std::string* why) {
  switch (q.rule) {
    case NumberRule::None: *points = 0; return true;
    case NumberRule::Goalposts: {
      // low > high means lower values are better; the same formula covers both.
      const double t = std::clamp((x - q.goal_low) / (q.goal_high - q.goal_low), 0.0, 1.0);
      *points = t * q.goal_points;
      return true;
    }
    case NumberRule::Piecewise: *points = interpolate(q.knots, x); return true;
    case NumberRule::Bands:
      for (const auto& b : q.bands)
        if (x >= b.from && x <= b.to) {
          *points = b.points;
          return true;
        }
      *why = fmt::format("expected a value inside one of the question's bands, found {}", fmt_number(x));
      return false;
  }
  return false;
}

const Option* find_option(const Question& q, std::string_view value) {
  const std::string key = to_lower(trim(value));
  for (const auto& o : q.options)
    if (to_lower(o.value) == key || to_lower(o.label) == key) return &o;
  return nullptr;
}

std::string options_list(const Question& q) {
  std::string s;
  for (const auto& o : q.options) s += s.empty() ? o.value : ", " + o.value;
  return s + (q.allow_not_applicable ? ", n/a" : "");
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day; the year as a number.
bool parse_date(const std::string& s, double* year) {
  if (s.size() < 4 || !digits(std::string_view(s).substr(0, 4))) return false;
  const int y = std::stoi(s.substr(0, 4));
  if (s.size() == 4) {
    *year = y;
    return true;
  }
  if ((s.size() != 7 && s.size() != 10) || s[4] != '-' || !digits(std::string_view(s).substr(5, 2))) return false;
  const int mo = std::stoi(s.substr(5, 2));
  if (mo < 1 || mo > 12) return false;
  if (s.size() == 10) {
    if (s[7] != '-' || !digits(std::string_view(s).substr(8, 2))) return false;
    const int d = std::stoi(s.substr(8, 2));
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return false;
  }
  *year = y;
  return true;
}

}  // namespace

bool is_not_applicable(const std::string& value) {
  const std::string v = to_lower(trim(value));
  return v == "n/a" || v == "na" || v == "not applicable";
}

bool score_answer(const Question& q, const std::string& value, QuestionOutcome* out, std::string* why) {
  *out = QuestionOutcome{};
  if (value.empty()) return true;
  if (is_not_applicable(value)) {
    if (!q.allow_not_applicable) {
      *why = fmt::format("expected {}, found '{}' (this question does not allow not applicable)", q.allowed_answers(), value);
      return false;
    }
    out->state = AnswerState::NotApplicable;
    return true;
  }
  out->state = AnswerState::Answered;
  const std::string shown = fit_width(value, 60);
  switch (q.type) {
    case QuestionType::YesNo: {
      const std::string v = to_lower(value);
      if (v == "yes") out->points = q.yes_points;
      else if (v == "no") out->points = q.no_points;
      else if (v == "partly" && q.partly_points) out->points = *q.partly_points;
      else {
        *why = fmt::format("expected {}, found '{}'", q.allowed_answers(), shown);
        return false;
      }
      return true;
    }
    case QuestionType::Scale:
    case QuestionType::SingleChoice: {
      const Option* o = find_option(q, value);
      if (!o) {
        *why = fmt::format("expected one of {}, found '{}'", options_list(q), shown);
        return false;
      }
      out->points = o->points;
      return true;
    }
    case QuestionType::MultipleChoice: {
      // "none" says that no option applies, which an empty (unanswered) cell cannot.
      if (to_lower(value) == "none" && !find_option(q, value)) return true;
      std::set<const Option*> chosen;
      std::size_t start = 0;
      for (;;) {
        const std::size_t end = value.find(';', start);
        const std::string_view part = trim(std::string_view(value).substr(start, end - start));
        if (!part.empty()) {
          const Option* o = find_option(q, part);
          if (!o) {
            *why = fmt::format("expected options from {} separated by ';', found '{}'", options_list(q),
                               fit_width(part, 60));
            return false;
          }
          if (!chosen.insert(o).second) {
            *why = fmt::format("option '{}' is chosen twice", o->value);
            return false;
          }
        }
        if (end == std::string::npos) break;
        start = end + 1;
      }
      double total = 0;
      for (const Option* o : chosen) total += o->points;
      out->points = q.choice_cap ? std::min(total, *q.choice_cap) : total;
      return true;
    }
    case QuestionType::Number:
    case QuestionType::Percentage:
    case QuestionType::Year:
    case QuestionType::Date: {
      double x = 0;
      if (q.type == QuestionType::Date) {
        if (!parse_date(value, &x)) {
          *why = fmt::format("expected a date as YYYY-MM-DD (or YYYY-MM, YYYY), found '{}'", shown);
          return false;
        }
      } else if (q.type == QuestionType::Year) {
        if (value.size() != 4 || !digits(value)) {
          *why = fmt::format("expected a four-digit year, found '{}'", shown);
          return false;
        }
        x = std::stoi(value);
      } else {
        std::string v = value;
        if (q.type == QuestionType::Percentage && !v.empty() && v.back() == '%') v.pop_back();
        auto parsed = parse_number(v);
        if (!parsed) {
          *why = fmt::format("expected {}, found '{}'", q.allowed_answers(), shown);
          return false;
        }
        x = *parsed;
      }
      if ((q.min_value && x < *q.min_value) || (q.max_value && x > *q.max_value)) {
        *why = fmt::format("expected {}, found '{}'", q.allowed_answers(), shown);
        return false;
      }
      return number_points(q, x, &out->points, why);
    }
    case QuestionType::Text: return true;
    case QuestionType::Indicator:
      *why = "an indicator is read from a data table: score with 'gpn score -m METHODOLOGY --data FILE'";
      return false;
  }
  return true;
}

}  // namespace gpn
